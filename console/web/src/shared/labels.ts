// Labels of the domain values come from the server's one label module (core/labels.ts); only the colours and
// orders that are the console's own live here.
import type { Level, PhaseName } from '../api/types.js';

export {
  AUDIT_ACTION_LABELS,
  auditDetailText,
  CHANNEL_TYPE_LABELS,
  DISMISS_REASON_LABELS as DISMISS_LABELS,
  LEVEL_LABELS,
  PHASE_LABELS,
  SOURCE_TYPE_LABELS,
  TIP_HISTORY_ACTION_LABELS as ACTION_LABELS,
  TIP_STATUS_LABELS,
  TIP_STATUSES,
} from '../../../../core/labels.js';

/** Levels, most severe first. */
export const LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'green'];

/** Colours of the four-colour grading (AntD Tag preset colours and chart colours). */
export const LEVEL_COLORS: Readonly<Record<Level, string>> = {
  red: '#cf1322',
  orange: '#fa8c16',
  yellow: '#fadb14',
  green: '#52c41a',
};

/** Phases in order. */
export const PHASES: readonly PhaseName[] = ['entry', 'feedback', 'rectification'];
