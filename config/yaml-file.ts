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
    return { data: undefined, errors: [`无法读取文件（${(err as Error).message}）`], warnings: [] };
  }
  return parseYaml(text);
}

/** Parse YAML text; syntax errors name the line and column. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false, lineCounter });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `第 ${line} 行第 ${col} 列`;
  };
  const warnings = doc.warnings.map((w) => `${where(w.pos[0])}：${yamlReason(w.code, w.message)}`);
  if (doc.errors.length > 0) {
    const errors = doc.errors
      .slice(0, MAX_SYNTAX_ERRORS)
      .map((e) => `YAML 语法错误（${where(e.pos[0])}）：${yamlReason(e.code, e.message)}`);
    return { data: undefined, errors, warnings };
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (hasCycle(data)) {
      return {
        data: undefined,
        errors: ['YAML 错误：别名（*）引用了包含它自己的节点'],
        warnings,
      };
    }
    return { data, errors: [], warnings };
  } catch (err) {
    // Unresolved aliases and alias bombs surface only when converting.
    return { data: undefined, errors: [`YAML 错误：${yamlReason('', (err as Error).message)}`], warnings };
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

const YAML_REASONS: Readonly<Record<string, string>> = {
  BAD_INDENT: '缩进不对',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  MISSING_CHAR: '缺少闭合的括号或引号',
  UNEXPECTED_TOKEN: '此处有多余或意外的字符',
  DUPLICATE_KEY: '同一个键写了两次',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不对（键后应有冒号和空格）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（检查冒号和缩进）',
  BAD_SCALAR_START: '值不能以这个字符开头（请加引号）',
  BAD_DQ_ESCAPE: '双引号里的转义写法不对',
  BAD_ALIAS: '别名（*）写法不对',
  MULTIPLE_DOCS: '一个文件只能有一份文档（去掉多余的 ---）',
  TAG_RESOLVE_FAILED: '无法识别的 !! 标签',
  BLOCK_IN_FLOW: '方括号或花括号内不能换行写块',
  KEY_OVER_1024_CHARS: '键太长',
};

// The yaml library words its errors in English; the code says what is wrong, the English stays as a hint.
function yamlReason(code: string, message: string): string {
  const reason = YAML_REASONS[code];
  const first = message.split('\n')[0] ?? '';
  return reason ? `${reason}（${first}）` : `无法解析（${first}）`;
}
