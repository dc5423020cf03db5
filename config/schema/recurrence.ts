import { z } from 'zod';
import { strList } from './common.js';

/** A lexicon/recurrence/*.yaml file: the rectification wording and the generic words similarity ignores. */
export const recurrenceWordingFileSchema = z.object({
  rectification: strList().default([]),
  generic: strList().default([]),
});

/** Word lists of recurrence matching (issue 20). */
export type RecurrenceWording = z.infer<typeof recurrenceWordingFileSchema>;
