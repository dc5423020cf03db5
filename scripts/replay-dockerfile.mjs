#!/usr/bin/env node
// Replays the Dockerfile's build without a Docker engine: the build context is a clean `git clone` of HEAD
// (minus .dockerignore), and the build stage's WORKDIR/COPY/RUN lines run in a scratch directory in the
// Dockerfile's order with the same commands. `apt-get` lines are not run (they install the base image's system
// packages); the commands they provide must exist on this machine instead. Then every `COPY --from=build` of
// the runtime stage must find its source, and the pruned app must load its native modules and check the
// config it ships. Usage: node scripts/replay-dockerfile.mjs [--keep]   (CI: .ci/run)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const scratch = mkdtempSync(join(tmpdir(), 'yuqing-docker-replay-'));
const context = join(scratch, 'context');
const root = join(scratch, 'root'); // stands for the build stage's filesystem root
const log = (line) => process.stdout.write(`replay: ${line}\n`);

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

function dockerignore(dir) {
  const file = join(dir, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function ignored(rel, patterns) {
  const top = rel.split('/')[0];
  return patterns.some((p) =>
    p.includes('*')
      ? new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(top)
      : top === p,
  );
}

/** Variables .env.example names (the secrets compose passes to the app). */
function readEnvExample(dir) {
  const vars = {};
  for (const line of readFileSync(join(dir, '.env.example'), 'utf8').split('\n')) {
    const m = line.match(/^([A-Z_][A-Z0-9_]*)=/);
    if (m) vars[m[1]] = '';
  }
  return vars;
}

// Asynchronous, so that an interrupted replay (Ctrl-C, CI timeout) stops its `npm ci` and still removes the
// scratch directory in `finally` below.
let current;
let interrupted;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    interrupted = signal;
    current?.kill('SIGTERM');
  });

function run(command, cwd) {
  log(`RUN ${command}`);
  return new Promise((done, fail) => {
    current = spawn('bash', ['-euo', 'pipefail', '-c', command], { cwd, stdio: 'inherit' });
    current.on('error', fail);
    current.on('exit', (code, signal) => {
      current = undefined;
      if (code === 0 && !interrupted) done();
      else fail(new Error(`RUN failed (${interrupted ?? signal ?? `exit ${code}`}): ${command}`));
    });
  });
}

/** Lock packages whose install scripts npm would run: the Dockerfile must rebuild each (it installs without). */
function checkNativeRebuilds(dir, steps) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const scripted = Object.entries(lock.packages ?? {})
    .filter(([path, meta]) => path && meta.hasInstallScript && !meta.dev)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
  const rebuild = steps.find((s) => s.op === 'RUN' && /\bnpm rebuild\b/.test(s.args))?.args ?? '';
  const missing = scripted.filter((name) => !rebuild.split(/[\s&;]+/).includes(name));
  if (missing.length)
    throw new Error(
      `the lock has install scripts the Dockerfile never runs (npm rebuild …): ${missing.join(', ')}`,
    );
}

try {
  execFileSync('git', ['clone', '--quiet', repo, context]);
  const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['-C', context, 'checkout', '--quiet', head]);
  const patterns = dockerignore(context);
  const steps = instructions(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  const stages = [];
  for (const step of steps) {
    if (step.op === 'FROM') stages.push({ from: step.args, steps: [] });
    else stages.at(-1)?.steps.push(step);
  }
  const build = stages.find((s) => / AS build$/i.test(s.from));
  if (!build) throw new Error('no build stage (FROM … AS build) in the Dockerfile');
  checkNativeRebuilds(context, build.steps);
  let workdir = root;
  for (const { op, args } of build.steps) {
    if (op === 'WORKDIR') {
      workdir = join(root, args);
      mkdirSync(workdir, { recursive: true });
      log(`WORKDIR ${args}`);
    } else if (op === 'COPY') {
      const parts = args.split(/\s+/);
      const dest = resolve(workdir, parts.pop());
      for (const src of parts) {
        const from = join(context, src);
        cpSync(from, src === '.' ? dest : join(dest, src), {
          recursive: true,
          filter: (path) => path === from || !ignored(relative(context, path), patterns),
        });
      }
      log(`COPY ${args}`);
    } else if (op === 'RUN') {
      if (/\bapt-get install\b/.test(args)) {
        const wanted =
          args
            .match(/--no-install-recommends\s+([^&;]+)/)?.[1]
            ?.trim()
            .split(/\s+/) ?? [];
        const commands = wanted;
        for (const cmd of commands)
          if (spawnSync('bash', ['-c', `command -v ${cmd}`]).status !== 0)
            throw new Error(`the build stage installs ${cmd}; this machine lacks it`);
        log(`RUN apt-get … (not run: ${commands.join(', ')} present on this machine)`);
      } else await run(args, workdir);
    } else log(`${op} ${args} (no effect on the files)`);
  }
  const runtime = stages.at(-1);
  for (const { op, args } of runtime.steps) {
    const from = args.match(/^--from=build\s+(\S+)/)?.[1];
    if (op !== 'COPY' || !from) continue;
    if (!existsSync(join(root, from)))
      throw new Error(`runtime stage copies ${from}, which the build did not produce`);
    log(`COPY --from=build ${from}: present`);
  }
  const app = join(root, 'app');
  await run(
    "node -e \"new (require('better-sqlite3'))(':memory:').exec('select 1'); require('nodejieba').cut('巡察')\"",
    app,
  );
  // Dev-only packages of the lock must be gone (an emptied scope folder may stay, so look for package.json).
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  const leftovers = Object.entries(lock.packages ?? {})
    .filter(([path, meta]) => path && meta.dev && existsSync(join(app, path, 'package.json')))
    .map(([path]) => path);
  if (leftovers.length)
    throw new Error(`npm prune --omit=dev left dev packages: ${leftovers.slice(0, 10).join(', ')}`);
  log(
    `npm prune --omit=dev: no dev package left (${Object.keys(lock.packages ?? {}).length - 1} in the lock)`,
  );
  // The image's two configs: the production one (as /app/config, secrets from the environment) and the demo.
  const sample = (name) =>
    name.includes('SMTP')
      ? 'smtp://mail.example.org:25'
      : name.includes('MAIL')
        ? 'replay@example.org'
        : name.endsWith('_URL')
          ? 'https://hooks.example.org/replay'
          : 'replay-value';
  const secrets = Object.keys(readEnvExample(context)).map((name) => `${name}=${sample(name)}`);
  await run(`env ${secrets.join(' ')} node dist/cli/main.js config check --config config.production`, app);
  await run('node dist/cli/main.js config check --config config', app);
  log(`ok: the Dockerfile's build stage builds from a clean clone of ${head.slice(0, 12)}`);
} finally {
  if (keep) log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  if (interrupted) process.exit(1);
}
