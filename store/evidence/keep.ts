// Save a newly stored item's evidence: files first, then the store's record that references them.
import type { Logger } from '../../core/log.js';
import type { FetchEvidence } from '../../core/types.js';
import type { EvidenceRecord, Store } from '../store.js';
import type { EvidenceFiles } from './evidence-files.js';

/** What keepEvidence needs. */
export interface KeepEvidenceDeps {
  store: Pick<Store, 'putEvidence'>;
  files: EvidenceFiles;
  logger: Logger;
}

/**
 * Write the evidence files and record them in the store. A failure is logged with its reason and returns
 * undefined: losing the proof of one item must not stop a crawl cycle.
 */
export async function keepEvidence(
  deps: KeepEvidenceDeps,
  articleId: string,
  evidence: FetchEvidence,
): Promise<EvidenceRecord | undefined> {
  try {
    const record = await deps.files.save(articleId, evidence);
    await deps.store.putEvidence(record);
    return record;
  } catch (error) {
    deps.logger.error(
      {
        component: 'evidence',
        articleId,
        url: evidence.finalUrl,
        reason: error instanceof Error ? error.message : String(error),
      },
      'evidence not saved',
    );
    return undefined;
  }
}
