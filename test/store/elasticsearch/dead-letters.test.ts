// What the Elasticsearch store sends to re-queue a dead alert or mark it handled, offline: a read, then a write
// conditional on the version read, so a sender or another admin acting meanwhile is a conflict, not a lost update.
// (The same behaviour runs against a live cluster in the shared contract when ELASTICSEARCH_URL is set.)
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../core/errors.js';
import { openStore } from './offline-store.js';
import type { RecordedRequest } from './recording-connection.js';

const DEAD = {
  id: 'alert-1',
  kind: 'tip',
  tipId: 'tip-1',
  dedupKey: 'tip:tip-1:red',
  channel: 'office-mail',
  status: 'dead',
  attempts: 8,
  nextAttemptAt: '2025-05-13T09:00:00.000Z',
  nextAttemptMs: Date.parse('2025-05-13T09:00:00.000Z'),
  lastError: 'office-mail: SMTP host: 535 [EAUTH]',
  createdAt: '2025-05-13T08:00:00.000Z',
  createdMs: Date.parse('2025-05-13T08:00:00.000Z'),
  seq: 3,
};

function node(source: Record<string, unknown>, writeStatus = 200) {
  return (r: RecordedRequest) => {
    if (r.method === 'GET' && r.path === '/yq-outbox/_doc/alert-1')
      return {
        body: {
          _index: 'yq-outbox',
          _id: 'alert-1',
          found: true,
          _seq_no: 7,
          _primary_term: 2,
          _source: source,
        },
      };
    if (r.method === 'PUT' && r.path === '/yq-outbox/_doc/alert-1')
      return writeStatus === 200
        ? { body: { result: 'updated', _seq_no: 8, _primary_term: 2 } }
        : { statusCode: 409, body: { error: { type: 'version_conflict_engine_exception' }, status: 409 } };
    return undefined;
  };
}

const writes = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'PUT');

describe('Elasticsearch dead letters (offline)', () => {
  it('re-queues with a fresh attempt count, conditional on the version read', async () => {
    const { store, requests } = await openStore(node({ ...DEAD, handledAt: 'x', handledBy: 'admin' }));
    const alert = await store.requeueAlert('alert-1', '2025-05-14T01:00:00.000Z');
    expect(alert).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2025-05-14T01:00:00.000Z',
    });
    expect(alert).not.toHaveProperty('handledAt');
    const [write] = writes(requests);
    expect(write?.querystring).toContain('if_seq_no=7');
    expect(write?.querystring).toContain('if_primary_term=2');
    expect(write?.body).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptMs: Date.parse('2025-05-14T01:00:00.000Z'),
    });
    expect(write?.body).not.toHaveProperty('handledBy');
  });

  it('marks handled once; a pending alert or a write that lost the race is a conflict', async () => {
    const marked = await openStore(node(DEAD));
    expect(await marked.store.markAlertHandled('alert-1', 'admin', '2025-05-14T01:00:00.000Z')).toMatchObject(
      {
        status: 'dead',
        handledBy: 'admin',
      },
    );
    const again = await openStore(
      node({ ...DEAD, handledAt: '2025-05-14T01:00:00.000Z', handledBy: 'admin' }),
    );
    await expect(
      again.store.markAlertHandled('alert-1', 'b', '2025-05-14T02:00:00.000Z'),
    ).rejects.toMatchObject({
      code: 'E_STORE_CONFLICT',
    });
    const pending = await openStore(node({ ...DEAD, status: 'pending' }));
    await expect(pending.store.requeueAlert('alert-1', '2025-05-14T01:00:00.000Z')).rejects.toMatchObject({
      code: 'E_STORE_CONFLICT',
    });
    expect(writes(pending.requests)).toEqual([]);
    const raced = await openStore(node(DEAD, 409));
    const error = await raced.store
      .requeueAlert('alert-1', '2025-05-14T01:00:00.000Z')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'E_STORE_CONFLICT' });
  });
});
