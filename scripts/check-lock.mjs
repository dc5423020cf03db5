#!/usr/bin/env node
// Checks package-lock.json for the two ways it has broken deployments before:
//  1. an optional platform package (biome's @biomejs/cli-*) missing from the lock: `npm ci` then refuses the
//     lock and a fresh `npm install` rewrites it. This happens when the lock is regenerated inside a checkout
//     whose node_modules holds only this machine's platform; `npm run lock` regenerates it without one.
//  2. a package whose engines.node excludes the Node version package.json promises (cookie@2, nanoid@6 need 22).
// Usage: node scripts/check-lock.mjs [dir]   exit 1 with one line per problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const require = createRequire(import.meta.url);
const semver = require('semver');
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
const packages = lock.packages ?? {};
const floor = semver.minVersion(pkg.engines?.node ?? '>=0');
const problems = [];

/** Where npm would look for `name` required from the package at lock path `from`. */
function resolvesFrom(from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolvesFrom(path, name))
      problems.push(`${path || '(root)'}: optional dependency ${name} is missing from package-lock.json`);
  }
  const range = entry.engines?.node;
  if (path && range && floor && !semver.satisfies(floor, range, { includePrerelease: true }))
    problems.push(
      `${path}@${entry.version}: engines.node "${range}" excludes Node ${floor} (package.json engines)`,
    );
}

if (problems.length) {
  for (const line of problems) process.stderr.write(`check-lock: ${line}\n`);
  process.stderr.write('check-lock: regenerate with `npm run lock` (see README 依赖与锁文件)\n');
  process.exit(1);
}
process.stdout.write(
  `check-lock: ${Object.keys(packages).length - 1} packages, complete for all platforms, all admit Node ${floor}\n`,
);
