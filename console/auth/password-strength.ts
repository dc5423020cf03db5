// Password strength (issue 23): zxcvbn-ts estimates how many guesses a password takes, against its common
// (breached) password list, keyboard patterns, repeats, sequences, dates and the account's own words. Ten
// characters of anything (`aaaaaaaaaa`) no longer pass.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** Shortest password accepted for an account. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Lowest zxcvbn score accepted. 4 means an estimated 10^10 guesses or more: zxcvbn's level for a slow-hash offline
 * attack, which is what a stolen database (scrypt hashes) allows. 3 (10^8) still let `Summer2024!!`,
 * `liming@1990` and a name typed twice through.
 */
export const MIN_PASSWORD_SCORE = 4;

// The common list is drawn mostly from Western leaks; these are habits of Chinese users and words of this system
// that an attacker would try first. Matched like any dictionary word (case, l33t, reversed, near misses).
const LOCAL_WORDS = [
  'woaini',
  'wodemima',
  'mima',
  'zhangsan',
  'lisi',
  'wangwu',
  'nihao',
  'xuncha',
  'xunchaban',
  'xunchazu',
  'yuqing',
  'jiwei',
  'jiancha',
  'zhengfu',
  'dangwei',
  'admin',
  'password',
  '5201314',
  '1314520',
  'qq123456',
];

let factory: ZxcvbnFactory | undefined;

// Built on first use (loading the dictionaries takes ~60 ms) and kept: it holds only read-only word lists.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, 'passwords-local': LOCAL_WORDS },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory;
}

/**
 * Why a password is refused, in Chinese, or undefined when it is acceptable. `context` holds words an attacker
 * would know about the account (its name, team): a password built on them is weak.
 */
export function passwordWeakness(password: string, context: readonly string[] = []): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  const inputs = context.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3);
  const result = estimator().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  return `密码太容易被猜到：${reason(result)}`;
}

function reason(result: ZxcvbnResult): string {
  const found = result.sequence.filter((m) => m.pattern !== 'bruteforce' && m.token.length >= 3);
  const has = (test: (m: (typeof found)[number]) => boolean) => found.some(test);
  const dictionaryName = (m: (typeof found)[number]) =>
    m.pattern === 'dictionary' ? String((m as { dictionaryName?: string }).dictionaryName) : '';
  if (has((m) => dictionaryName(m) === 'userInputs')) return '不要包含用户名或账号相关的词';
  if (has((m) => dictionaryName(m).startsWith('passwords') || dictionaryName(m).startsWith('diceware')))
    return '含有常见或已泄露的密码，请换一个';
  if (has((m) => m.pattern === 'repeat')) return '不要用重复的字符或片段（如 aaaa、abcabc）';
  if (has((m) => m.pattern === 'sequence')) return '不要用连续的字母或数字（如 abcd、1234）';
  if (has((m) => m.pattern === 'spatial')) return '不要用键盘上相邻的键（如 qwerty、asdf）';
  if (has((m) => m.pattern === 'date' || m.pattern === 'regex')) return '不要用日期或年份';
  return '请用更长、更不规律的组合（例如几个不相关的词加数字和符号）';
}
