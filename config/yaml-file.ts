import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';

/** A parsed YAML file: its data, or the reasons it could not be parsed (with line and column). */
export interface ParsedYaml {
  data: unknown;
  errors: string[];
  warnings: string[];
}

const MAX_SYNTAX_ERRORS = 3;

/** Read and parse one YAML file; returns undefined when the file does not exist. */
export async function readYamlFile(path: string): Promise<ParsedYaml | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { data: undefined, errors: [`cannot read the file (${(err as Error).message})`], warnings: [] };
  }
  return parseYaml(text);
}

/** Parse YAML text; syntax errors name the line and column. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false, lineCounter });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const warnings = doc.warnings.map((w) => `${where(w.pos[0])}: ${w.message}`);
  if (doc.errors.length > 0) {
    const errors = doc.errors
      .slice(0, MAX_SYNTAX_ERRORS)
      .map((e) => `YAML syntax error at ${where(e.pos[0])}: ${e.message}`);
    return { data: undefined, errors, warnings };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 1000 }), errors: [], warnings };
  } catch (err) {
    // Unresolved aliases and alias bombs surface only when converting.
    return { data: undefined, errors: [`YAML error: ${(err as Error).message}`], warnings };
  }
}
