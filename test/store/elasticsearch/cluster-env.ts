// The live test cluster, from the environment: ELASTICSEARCH_URL (e.g. https://localhost:9200) and
// ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD or ELASTICSEARCH_API_KEY, ELASTICSEARCH_CA_FINGERPRINT.
import { randomUUID } from 'node:crypto';
import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { elasticsearchClientOptions } from '../../../store/elasticsearch/client-options.js';
import { indexNames } from '../../../store/elasticsearch/names.js';

/** URL of the live cluster, when one is configured. */
export const clusterUrl = process.env.ELASTICSEARCH_URL;

/** Client options of the live test cluster. */
export function testClusterOptions(): ClientOptions {
  const env = process.env;
  return elasticsearchClientOptions({
    node: clusterUrl,
    ...((env.ELASTICSEARCH_API_KEY || env.ELASTICSEARCH_USERNAME) && {
      auth: {
        apiKey: env.ELASTICSEARCH_API_KEY,
        username: env.ELASTICSEARCH_USERNAME,
        password: env.ELASTICSEARCH_PASSWORD,
      },
    }),
    ...(env.ELASTICSEARCH_CA_FINGERPRINT && { tls: { caFingerprint: env.ELASTICSEARCH_CA_FINGERPRINT } }),
  });
}

/** A fresh index prefix for one test. */
export function testPrefix(): string {
  return `yuqing-test-${randomUUID().slice(0, 8)}`;
}

/** Delete a prefix's indices and templates (explicit names: 8.x refuses wildcard deletes). */
export async function dropPrefix(prefix: string): Promise<void> {
  const admin = new Client(testClusterOptions());
  const names = Object.values(indexNames(prefix));
  await admin.indices.delete({ index: names, ignore_unavailable: true }).catch(() => undefined);
  await admin.indices.deleteIndexTemplate({ name: names.join(',') }).catch(() => undefined);
  await admin.close();
}
