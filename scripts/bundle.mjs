#!/usr/bin/env node
// The offline bundle (issue 25): one tarball that runs on an intranet machine with only Node.js, no registry and
// no compiler. Its layout is the Docker image's runtime stage (Dockerfile): dist/ with the shipped lexicon and
// model beside dist/config, production node_modules with the native modules already built, package.json, the
// example config as config/, config.production/, demo/, plus start.sh, which checks the Node version against
// package.json's engines before starting. node_modules is this checkout's own install, copied and pruned with
// `npm prune --omit=dev --offline`, so the bundle is built for this machine's platform: linux-x64 with glibc,
// the deployment target; anything else is refused rather than shipped broken.
// Usage: npm run bundle [-- --out DIR]   (default DIR: ./bundle; prints the tarball's path)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const log = (line) => process.stderr.write(`bundle: ${line}\n`);

function fail(message) {
  process.stderr.write(`bundle: 错误：${message}\n`);
  process.exit(1);
}

function outDir(argv) {
  const at = argv.indexOf('--out');
  if (at < 0) return join(repo, 'bundle');
  const dir = argv[at + 1];
  if (!dir || dir.startsWith('--')) fail('--out 后面需要一个目录');
  return resolve(dir);
}

/** "x.y" or "x.y.z" from an engines range of the form ">=x.y[.z]", as x.y.z. */
function minimumNode(engines) {
  const m = /^\s*>=\s*(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(engines ?? '');
  if (!m) fail(`package.json 的 engines.node（${engines}）不是 ">=x.y" 形式，start.sh 无法据此检查版本`);
  return `${m[1]}.${m[2]}.${m[3] ?? 0}`;
}

function checkPlatform() {
  const glibc = process.report?.getReport?.().header?.glibcVersionRuntime;
  if (process.platform !== 'linux' || process.arch !== 'x64' || !glibc) {
    fail(
      `安装包须在 Linux x64（glibc）上打包，本机为 ${process.platform}-${process.arch}${glibc ? '' : '（非 glibc）'}：` +
        'node_modules 里的 nodejieba、better-sqlite3 是本机编译的',
    );
  }
}

function startScript(minNode) {
  return `#!/bin/sh
# 巡察舆情监测预警 离线安装包的启动脚本：只需要 Node.js（≥ ${minNode}），不需要 npm、网络或编译器。
# 用法：./start.sh                 以自带的示例配置启动（等同 yuqing run --config <本目录>/config）
#       ./start.sh run --config /etc/yuqing --data /var/lib/yuqing
#       ./start.sh config check --config /etc/yuqing     （任何 yuqing 子命令）
set -eu
here=$(cd "$(dirname "$0")" && pwd)
need=${minNode}
if ! command -v node >/dev/null 2>&1; then
  echo "错误：找不到 node 命令；本安装包需要 Node.js ≥ $need（Linux x64）" >&2
  exit 1
fi
have=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
lowest=$(printf '%s\\n%s\\n' "$need" "$have" | sort -V | head -n 1)
if [ "$lowest" != "$need" ]; then
  echo "错误：当前 Node.js 版本为 $have，本安装包需要 Node.js ≥ $need（见 package.json 的 engines）" >&2
  exit 1
fi
if [ "$#" -eq 0 ]; then
  set -- run --config "$here/config"
fi
exec node "$here/dist/cli/main.js" "$@"
`;
}

function main() {
  checkPlatform();
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const minNode = minimumNode(pkg.engines?.node);
  for (const need of ['dist/cli/main.js', 'node_modules/.package-lock.json']) {
    if (!existsSync(join(repo, need))) fail(`缺少 ${need}：先运行 npm ci 与 npm run build`);
  }
  const name = `${pkg.name}-${pkg.version}`;
  const out = outDir(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'yuqing-bundle-'));
  const stage = join(scratch, name);
  try {
    mkdirSync(stage);
    log(`staging ${stage}`);
    cpSync(join(repo, 'dist'), join(stage, 'dist'), { recursive: true });
    // Where the loader looks first, as in the Docker image: a deployment's own config need not carry these.
    cpSync(join(repo, 'config/lexicon'), join(stage, 'dist/config/lexicon'), { recursive: true });
    cpSync(join(repo, 'config/model'), join(stage, 'dist/config/model'), { recursive: true });
    for (const entry of [
      'config',
      'config.production',
      'demo',
      'package.json',
      'package-lock.json',
      'README.md',
    ]) {
      cpSync(join(repo, entry), join(stage, entry), { recursive: true });
    }
    // cp -a keeps node_modules/.bin's relative symlinks and the built native modules as they are.
    log('copying node_modules');
    execFileSync('cp', ['-a', join(repo, 'node_modules'), join(stage, 'node_modules')]);
    log('npm prune --omit=dev --offline');
    execFileSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], {
      cwd: stage,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(join(stage, 'start.sh'), startScript(minNode));
    chmodSync(join(stage, 'start.sh'), 0o755);
    const tarball = join(out, `${name}-linux-x64.tar.gz`);
    log(`writing ${tarball}`);
    execFileSync('tar', ['-czf', tarball, '-C', scratch, name]);
    log(`${(statSync(tarball).size / 1024 / 1024).toFixed(0)} MB; 解压后运行 ${name}/start.sh`);
    process.stdout.write(`${tarball}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
