import path from 'node:path';
import type { LoadContext } from './config-file.js';
import { loadYamlFile } from './config-file.js';
import { defaultLexiconDir, yamlFilesIn } from './lexicon.js';
import { type RecurrenceWording, recurrenceWordingFileSchema } from './schema/recurrence.js';

/**
 * The word lists of recurrence matching: the shipped lexicon/recurrence/*.yaml, then the config dir's own
 * lexicon/recurrence/*.yaml added to them. Problems go to `ctx` as `file: path: reason`.
 */
export async function collectRecurrenceWording(
  configDir: string,
  ctx: LoadContext,
): Promise<RecurrenceWording> {
  const defaultDir = path.join(defaultLexiconDir(), 'recurrence');
  const ownDir = path.join(configDir, 'lexicon', 'recurrence');
  const files = await yamlFilesIn(defaultDir);
  if (path.resolve(ownDir) !== path.resolve(defaultDir)) files.push(...(await yamlFilesIn(ownDir)));
  const rectification = new Set<string>();
  const generic = new Set<string>();
  for (const file of files) {
    const rel = path.relative(configDir, file);
    const label = (rel.startsWith('..') ? `lexicon/recurrence/${path.basename(file)}` : rel)
      .split(path.sep)
      .join('/');
    const lists = await loadYamlFile(
      { schema: recurrenceWordingFileSchema, path: file, label, shape: 'mapping' },
      ctx,
    );
    for (const w of lists?.rectification ?? []) if (w.trim()) rectification.add(w.trim());
    for (const w of lists?.generic ?? []) if (w.trim()) generic.add(w.trim());
  }
  return { rectification: [...rectification], generic: [...generic] };
}
