import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A small valid config directory; tests replace or remove (null) single files. */
export const BASE_FILES: Record<string, string> = {
  'sources.yaml': `
- id: s1
  name: 来源一
  type: html
  url: http://127.0.0.1:9/list/
  list: { item: "ul li a" }
- id: s2
  name: 来源二
  type: rss
  url: http://127.0.0.1:9/feed.xml
`,
  'channels.yaml': `
mail:
  type: email
  to: [a@example.org]
  from: b@example.org
  smtp: smtp://127.0.0.1:2526
robot:
  type: wecom
  url: http://127.0.0.1:9/hooks/wecom
`,
  'rounds/r1.yaml': `
id: r1
name: 测试轮次
phases:
  entry: { start: 2026-11-01, end: 2027-01-15 }
units:
  - id: a
    name: 甲单位
    aliases: [甲]
  - id: b
    name: 乙单位
  - id: c
    name: 丙单位
    aliases: [丙]
sources: [s1, s2]
alerts:
  - { minLevel: red, channels: [mail, robot] }
`,
};

/** Write the base config, with `overrides` applied, into a fresh temp dir and return its path. */
export async function writeConfigDir(overrides: Record<string, string | null> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yuqing-config-'));
  const files: Record<string, string | null> = { ...BASE_FILES, ...overrides };
  for (const [name, text] of Object.entries(files)) {
    if (text === null) continue;
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

/** Run `fn`, expecting it to reject, and return the error. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}
