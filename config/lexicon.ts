import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueLine, toConfigError } from './config-error.js';
import { type LoadContext, loadYamlFile } from './config-file.js';
import { quote } from './issue-reason.js';
import { type Keyword, lexiconFileSchema } from './schema.js';

/**
 * The project's lexicon folder (config/lexicon). From a build in dist/config the YAML files are not copied,
 * so fall back to the source tree next to dist/.
 */
export function defaultLexiconDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'lexicon');
  if (existsSync(beside)) return beside;
  return path.resolve(here, '..', '..', 'config', 'lexicon');
}

/** The YAML files of a folder, sorted by name; none when the folder does not exist. */
export async function yamlFilesIn(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Slash-separated label of a file: relative to the config dir when inside it, else to the project. */
function labelOf(file: string, configDir: string): string {
  const rel = path.relative(configDir, file);
  const shown =
    rel.startsWith('..') || path.isAbsolute(rel)
      ? path.relative(path.resolve(defaultLexiconDir(), '..', '..'), file)
      : rel;
  return shown.split(path.sep).join('/');
}

/**
 * Load the default lexicon and then the config dir's own lexicon/*.yaml; a later entry with the same term
 * replaces the earlier one (weight 0 switches a default term off). Problems go to `ctx`.
 */
export async function collectLexicon(configDir: string, ctx: LoadContext): Promise<Keyword[]> {
  const defaultDir = defaultLexiconDir();
  const ownDir = path.join(configDir, 'lexicon');
  const files = await yamlFilesIn(defaultDir);
  if (path.resolve(ownDir) !== path.resolve(defaultDir)) files.push(...(await yamlFilesIn(ownDir)));
  const byTerm = new Map<string, Keyword>();
  for (const file of files) {
    const label = labelOf(file, configDir);
    const lexicon = await loadYamlFile(
      { schema: lexiconFileSchema, path: file, label, shape: 'mapping' },
      ctx,
    );
    const seen = new Set<string>();
    lexicon?.terms.forEach((kw, i) => {
      if (seen.has(kw.term)) {
        const reason = `词语${quote(kw.term)}重复（以后出现的为准）`;
        ctx.warnings.push(issueLine({ file: label, path: ['terms', i, 'term'], reason }));
      }
      seen.add(kw.term);
      byTerm.delete(kw.term);
      byTerm.set(kw.term, kw);
    });
  }
  return [...byTerm.values()];
}

/** Load the merged lexicon of a config directory; throws ConfigError naming the file and path of each problem. */
export async function loadLexicon(
  configDir: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<Keyword[]> {
  const dir = path.resolve(configDir);
  const ctx: LoadContext = { env: options.env ?? process.env, errors: [], warnings: [] };
  const terms = await collectLexicon(dir, ctx);
  if (ctx.errors.length > 0) throw toConfigError(dir, ctx.errors);
  return terms;
}
