import type { ExtractedArticle, ProcessedArticle } from '../core/types.js';
import type { Processor } from '../pipeline/process.js';
import { seededRandom } from './timing.js';

// A store of 1 M items of the pipeline corpus's length (mean ~3.4 k characters) needs ~64 GB on disk here,
// more than the machine has; a monitoring feed is mostly shorter items (forum posts, 留言板 messages, short
// news), so the 1 M-item search figure can run on the same articles cut to a chosen mean length.

/** The processed articles with bodies cut at a sentence end to lengths spread over 0.25–1.75 × `meanChars`. */
export function shortenedArticles(
  processed: readonly ProcessedArticle[],
  process: Processor,
  meanChars: number,
  seed = 424_242,
): ProcessedArticle[] {
  const random = seededRandom(seed);
  return processed.map((article) => {
    const target = Math.round(meanChars * (0.25 + 1.5 * random()));
    return process(toExtracted(article, cutAtSentence(article.body, target)));
  });
}

/** The longest prefix ending with a sentence mark within `target` characters (the first sentence at least). */
export function cutAtSentence(body: string, target: number): string {
  if (body.length <= target) return body;
  const head = body.slice(0, target);
  const end = Math.max(...['。', '！', '？', '\n'].map((mark) => head.lastIndexOf(mark)));
  if (end > 0) return head.slice(0, end + 1).trim();
  const first = body.search(/[。！？\n]/);
  return first < 0 ? head : body.slice(0, first + 1).trim();
}

function toExtracted(a: ProcessedArticle, body: string): ExtractedArticle {
  const out: ExtractedArticle = {
    url: a.url,
    sourceId: a.sourceId,
    sourceName: a.sourceName,
    sourceType: a.sourceType,
    title: a.title,
    body,
    fetchedAt: a.fetchedAt,
  };
  if (a.publishedAt !== undefined) out.publishedAt = a.publishedAt;
  if (a.author !== undefined) out.author = a.author;
  return out;
}
