import { YuqingError } from '../../core/errors.js';
import { TIP_STATUS_LABELS, type TipAction, type TipStatus } from '../../core/types.js';
import { ACTION_LABELS } from './labels.js';

/** A workflow step that the tip's current status does not allow (code E_TIP_TRANSITION). */
export class TipTransitionError extends YuqingError {
  readonly tipId: string;
  readonly from: TipStatus;
  readonly action: TipAction;
  readonly to: TipStatus;
  constructor(
    tipId: string,
    from: TipStatus,
    action: TipAction,
    to: TipStatus,
    allowedFrom: readonly TipStatus[],
  ) {
    const allowed = allowedFrom.map((s) => `${TIP_STATUS_LABELS[s]}(${s})`).join('、');
    super(
      'E_TIP_TRANSITION',
      `线索 ${tipId} 不能${ACTION_LABELS[action]}：当前状态为${TIP_STATUS_LABELS[from]}(${from})，` +
        `不能转为${TIP_STATUS_LABELS[to]}(${to})；只有${allowed}的线索可以${ACTION_LABELS[action]}` +
        ` (illegal transition ${from} -> ${to})`,
    );
    this.tipId = tipId;
    this.from = from;
    this.action = action;
    this.to = to;
  }
}

/** The tip does not exist (code E_TIP_NOT_FOUND). */
export class TipNotFoundError extends YuqingError {
  readonly tipId: string;
  constructor(tipId: string) {
    super('E_TIP_NOT_FOUND', `未找到线索 ${tipId} (tip not found)`);
    this.tipId = tipId;
  }
}
