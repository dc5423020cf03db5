import type { FastifyRequest } from 'fastify';
import type { ConsoleDeps } from './deps.js';

/** What the audit log records (see console/API.md). */
export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'search'
  | 'view_item'
  | 'export'
  | 'tip_create'
  | 'tip_change'
  | 'tip_note'
  | 'suggestion_decision'
  | 'alert_requeue'
  | 'alert_handled'
  | 'config_change'
  | 'user_change'
  | 'saved_search';

/** Append one audit entry for a request: who, when, what, from where. */
export async function audit(
  deps: Pick<ConsoleDeps, 'store' | 'clock'>,
  request: FastifyRequest,
  user: string,
  action: AuditAction,
  target?: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await deps.store.appendAudit({
    at: (deps.clock?.() ?? new Date()).toISOString(),
    user,
    action,
    ...(target === undefined ? {} : { target }),
    ...(detail === undefined ? {} : { detail }),
    ip: request.ip,
  });
}
