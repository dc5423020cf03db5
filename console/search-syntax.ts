// The search box syntax: words (AND), "exact phrase", -exclude, A OR B.
import { InputError } from '../core/errors.js';

/** A parsed search box. */
export interface ParsedQuery {
  /** Index terms every hit must contain (the words, segmented). */
  terms: string[];
  /** Exact phrases every hit must contain. */
  phrases: string[];
  /** Words or phrases no hit may contain. */
  exclude: string[];
  /** Each group: a hit contains at least one of its alternatives. */
  anyOf: string[][];
}

// A token: an optional minus, then a quoted phrase (ASCII, curly, corner quotes) or a run of non-space.
const TOKEN = /(-?)(?:"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』|(\S+))/g;
const OR = new Set(['OR', '|', '｜']);
/** A term an index can match holds a letter, digit or private-use character. */
const INDEXABLE = /[\p{L}\p{N}\p{Co}]/u;

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  for (const m of q.matchAll(TOKEN)) {
    const quotedText = m[2] ?? m[3] ?? m[4] ?? m[5];
    const quoted = quotedText !== undefined;
    let text = (quotedText ?? m[6] ?? '').trim();
    let negated = m[1] === '-';
    // "-" alone or a bare word like "A-B" stays a word; only a leading minus negates.
    if (!quoted && negated && text === '') continue;
    if (!quoted && text.startsWith('-')) {
      negated = true;
      text = text.slice(1);
    }
    if (text !== '') tokens.push({ text, quoted, negated });
  }
  return tokens;
}

/** Parse the search box; `segment` turns plain words into index terms (jieba). InputError when nothing is searchable. */
export function parseSearchText(q: string, segment: (text: string) => string[]): ParsedQuery {
  const tokens = tokenize(q);
  const words: string[] = [];
  const phrases: string[] = [];
  const exclude: string[] = [];
  const anyOf: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!token.quoted && OR.has(token.text)) continue;
    if (token.negated) {
      exclude.push(token.text);
      continue;
    }
    const group = [token.text];
    while (tokens[i + 1] && !tokens[i + 1]?.quoted && OR.has(tokens[i + 1]?.text ?? '') && tokens[i + 2]) {
      group.push((tokens[i + 2] as Token).text);
      i += 2;
    }
    if (group.length > 1) anyOf.push(group.filter((t) => INDEXABLE.test(t)));
    else if (token.quoted) phrases.push(token.text);
    else words.push(token.text);
  }
  const terms =
    words.length === 0
      ? []
      : [...new Set(segment(words.join(' ')).map((t) => t.trim()))].filter((t) => INDEXABLE.test(t));
  const parsed: ParsedQuery = {
    terms,
    phrases: phrases.filter((p) => INDEXABLE.test(p)),
    exclude: exclude.filter((e) => INDEXABLE.test(e)),
    anyOf: anyOf.filter((g) => g.length > 0),
  };
  if (
    parsed.terms.length + parsed.phrases.length + parsed.anyOf.length === 0 &&
    parsed.exclude.length === 0
  ) {
    throw new InputError(`参数 q 无效：「${q}」中没有可检索的词`);
  }
  return parsed;
}
