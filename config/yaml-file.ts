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
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (hasCycle(data)) {
      return {
        data: undefined,
        errors: ['YAML error: an alias refers to a node that contains it'],
        warnings,
      };
    }
    return { data, errors: [], warnings };
  } catch (err) {
    // Unresolved aliases and alias bombs surface only when converting.
    return { data: undefined, errors: [`YAML error: ${(err as Error).message}`], warnings };
  }
}

// `&a [*a]` parses to an array that contains itself; validating it would recurse without end.
function hasCycle(value: unknown, path: Set<object> = new Set()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (path.has(value)) return true;
  path.add(value);
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  const found = children.some((child) => hasCycle(child, path));
  path.delete(value);
  return found;
}
