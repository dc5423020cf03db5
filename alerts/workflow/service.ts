// The I/O side of the workflow: read the tip, plan the step, persist it.
import { YuqingError } from '../../core/errors.js';
import type { Tip } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { TipNotFoundError } from './errors.js';
import { planTransition, type StepContext, type TipCommand } from './transitions.js';

/** The store operations the workflow needs. */
export type WorkflowStore = Pick<Store, 'getTip' | 'updateTipWorkflow'>;

/**
 * Apply a workflow step to a tip and return it updated. Throws TipNotFoundError, TipTransitionError or
 * InputError. When another change lands between read and write, the step is planned once more against the
 * new status (so it either still applies or fails with a clear transition error).
 */
export async function transitionTip(
  store: WorkflowStore,
  tipId: string,
  command: TipCommand,
  ctx: StepContext,
): Promise<Tip> {
  for (let attempt = 0; ; attempt++) {
    const tip = await store.getTip(tipId);
    if (!tip) throw new TipNotFoundError(tipId);
    try {
      return await store.updateTipWorkflow(planTransition(tip, command, ctx));
    } catch (error) {
      const conflict = error instanceof YuqingError && error.code === 'E_STORE_CONFLICT';
      if (!conflict || attempt > 0) throw error;
    }
  }
}
