import { z } from 'zod';
import { phaseNameSchema, str } from './common.js';

export const keywordSchema = z.object({
  term: str('a term'),
  category: str('a category'),
  weight: z.number({ error: 'expected a number' }),
  phases: z.array(phaseNameSchema).optional(),
});
export const lexiconFileSchema = z.object({
  terms: z.array(keywordSchema, { error: 'expected a list of terms' }),
});

/** A lexicon term with its category and weight. */
export type Keyword = z.infer<typeof keywordSchema>;
