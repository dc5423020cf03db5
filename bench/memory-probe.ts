// Child-process entry of the memory figures: loads what is asked and prints its RSS in MB as JSON.
import { loadConfig } from '../config/loader.js';
import { createJiebaSegmenter } from '../pipeline/segmenter.js';
import { userDictionary } from '../pipeline/user-dictionary.js';

async function main(): Promise<void> {
  const [mode, configDir] = process.argv.slice(2);
  const config = await loadConfig(configDir ?? 'config');
  let words = 0;
  if (mode === 'dictionary') {
    const segmenter = createJiebaSegmenter(userDictionary(config.rounds, config.lexicon));
    words = segmenter.cutForSearch('明州市住房和城乡建设局工作人员违规收费').length;
  }
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ mode, rssMb: mb(process.memoryUsage().rss), words })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`memory probe failed: ${String(error)}\n`);
  process.exitCode = 1;
});
