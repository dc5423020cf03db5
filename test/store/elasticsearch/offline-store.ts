// An ElasticsearchStore on a recording connection, initialised and with its requests cleared, plus a sample
// article: the shared set-up of the offline request and query tests.
import { silentLogger } from '../../../core/log.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import { makeArticle, makeAssessment } from '../fixtures.js';
import { type RecordedRequest, type Responder, recordingClient } from './recording-connection.js';

/** The store's clock in the offline tests. */
export const NOW = new Date('2025-05-13T02:00:00.000Z');

/** A store with index prefix `yq`, after init(), with the init requests dropped. */
export async function openStore(respond?: Responder) {
  const { client, requests } = recordingClient(respond);
  const store = new ElasticsearchStore({
    client,
    indexPrefix: 'yq',
    logger: silentLogger(),
    clock: () => NOW,
  });
  await store.init();
  requests.length = 0;
  return { store, requests };
}

/** One line of a bulk body. */
export type BulkLine = Record<string, { _index: string; _id: string }>;
/** The action lines (create, index, update, delete) of every bulk request. */
export const bulkActions = (requests: RecordedRequest[]) =>
  requests
    .filter((r) => r.path === '/_bulk')
    .flatMap((r) =>
      (r.body as BulkLine[]).filter((l) => ['create', 'index', 'update', 'delete'].some((k) => k in l)),
    );

/** A red article about unit u1. */
export const article = makeArticle({
  key: 'a1',
  title: '某某县教育局违规收费问题引关注',
  titleTokens: '某某 县 教育局 违规 收费 问题 引 关注',
  assessments: [
    makeAssessment({ units: [{ unitId: 'u1', unitName: '某某县教育局' }], score: 72, level: 'red' }),
  ],
});
