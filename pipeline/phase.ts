import { DateTime } from 'luxon';
import type { RoundConfig } from '../config/schema.js';
import { PHASE_LABELS, type PhaseName } from '../core/types.js';

const PHASES = Object.keys(PHASE_LABELS) as PhaseName[];

/**
 * The round's phase on the calendar date of `isoTime` in `timezone` (window dates are inclusive); the
 * earliest phase in entry → feedback → rectification order if windows overlap; undefined when the time is
 * outside every window, or the time or the timezone is invalid.
 */
export function phaseAt(round: RoundConfig, isoTime: string, timezone: string): PhaseName | undefined {
  // With `zone`, a time with an offset is converted into the zone and one without is read as local to it.
  const time = DateTime.fromISO(isoTime, { zone: timezone });
  if (!time.isValid) return undefined;
  const date = time.toISODate();
  if (date === null) return undefined;
  return PHASES.find((name) => {
    const w = round.phases[name];
    return w !== undefined && w.start <= date && date <= w.end;
  });
}
