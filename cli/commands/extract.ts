import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/loader.js';
import { type Settings, settingsSchema } from '../../config/schema.js';
import { extractFromInput } from '../../crawlers/extract-input.js';
import { commandLogger, type GlobalOptions, printJson } from '../command-context.js';

/** Options of `yuqing extract`. */
export interface ExtractOptions extends GlobalOptions {
  json?: boolean;
}

/** `yuqing extract FILE_OR_URL`: the generic extractor on one page. */
export async function extractCommand(input: string, options: ExtractOptions): Promise<void> {
  const logger = commandLogger(false);
  const settings = await settingsFor(options.config);
  const page = await extractFromInput(input, { crawl: settings.crawl, timezone: settings.timezone, logger });
  if (options.json) {
    printJson({
      title: page.title,
      publishedAt: page.publishedAt ?? null,
      body: page.body,
      author: page.author ?? null,
      siteName: page.siteName ?? null,
      kind: page.kind ?? 'article',
      ...(page.links ? { links: page.links } : {}),
      ...(page.partial ? { partial: true } : {}),
    });
    return;
  }
  if (page.kind === 'list') {
    const links = page.links ?? [];
    process.stdout.write(`列表页：共 ${links.length} 个链接\n${links.join('\n')}\n`);
    return;
  }
  const partial = page.partial ? '（正文未识别，以页面摘要代替）\n' : '';
  process.stdout.write(
    `标题：${page.title}\n发布时间：${page.publishedAt ?? '（未识别）'}\n${partial}\n${page.body}\n`,
  );
}

// Extracting one page should work anywhere, so a missing config dir means defaults; an invalid one is still an error.
async function settingsFor(configDir: string): Promise<Settings> {
  const dir = resolve(configDir);
  if (!existsSync(dir)) return settingsSchema.parse({});
  return (await loadConfig(dir)).settings;
}
