import { resolve } from 'node:path';
import { ROOT } from './cli.js';

/** The read-only ../shared folder (domain notes, labelled corpus, scorers) that sits beside the repository. */
export const SHARED_DIR = process.env.YUQING_SHARED_DIR ?? resolve(ROOT, '..', 'shared');
