import type { Migration } from './schema.js';

// Why: several instances may run the sender on one store (issue 7). A sender claims due alerts before sending:
// `claimed_by` names the instance (kept after the alert is marked, as who handled it last) and
// `lease_until_ms` is when the claim ends (NULL: no live claim). An instance that crashes mid-send leaves a
// lease that simply runs out. The partial index serves the claim query over pending rows only.
// Never edit this step once released: append a new one.
const SQL = `
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until_ms INTEGER;
CREATE INDEX outbox_claimable ON outbox(next_attempt_ms, lease_until_ms) WHERE status = 'pending';
`;

/** Schema step 7: alert claims (leases), so two instances never send one alert at once (issue 7). */
export const MIGRATION_V7: Migration = { version: 7, description: 'alert claims', sql: SQL };
