import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native modules (nodejieba, better-sqlite3) and real servers: forks isolate them per file.
    pool: 'forks',
  },
});
