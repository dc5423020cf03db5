// settings.store (type: elasticsearch) → options of the official client.
import { readFileSync } from 'node:fs';
import type { ClientOptions } from '@elastic/elasticsearch';
import { ConfigError } from '../../core/errors.js';

/** The Elasticsearch part of settings.store. */
export interface ElasticsearchSettings {
  node?: string | string[];
  auth?: { apiKey?: string; username?: string; password?: string };
  tls?: { caFingerprint?: string; ca?: string };
}

/** Client options: nodes, API key or basic auth, and the cluster's CA by fingerprint or PEM file. */
export function elasticsearchClientOptions(settings: ElasticsearchSettings): ClientOptions {
  if (settings.node === undefined)
    throw new ConfigError('settings.yaml', [
      '存储的节点地址（store.node）: 使用 elasticsearch 时必须填写节点地址',
    ]);
  const options: ClientOptions = { node: settings.node, maxRetries: 3, requestTimeout: 30_000 };
  const auth = settings.auth;
  if (auth?.apiKey) options.auth = { apiKey: auth.apiKey };
  else if (auth?.username && auth.password)
    options.auth = { username: auth.username, password: auth.password };
  // The client compares fingerprints case- and colon-insensitively, as `openssl x509 -fingerprint` prints them.
  if (settings.tls?.caFingerprint) options.caFingerprint = settings.tls.caFingerprint;
  if (settings.tls?.ca) {
    let ca: string;
    try {
      ca = readFileSync(settings.tls.ca, 'utf8');
    } catch (cause) {
      throw new ConfigError('settings.yaml', [
        `存储的 CA 证书文件（store.tls.ca）: 无法读取「${settings.tls.ca}」（${String(cause)}）`,
      ]);
    }
    options.tls = { ca };
  }
  return options;
}
