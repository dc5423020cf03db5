#!/usr/bin/env node
// `npm run audit:prod`: `npm audit --omit=dev`, failing on high/critical advisories that are not documented in
// test/security/audit-allowlist.json. When the registry does not answer the audit endpoint (some mirrors reply
// 405), it says so plainly and exits 0, so the build is not blocked by the mirror; `--strict` makes that exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const strict = process.argv.includes('--strict');
const allowlistPath = join(here, 'audit-allowlist.json');
/** Advisories accepted on purpose: [{ "package": "x", "advisory": "GHSA-…", "reason": "why it does not apply" }]. */
const allowlist = existsSync(allowlistPath) ? JSON.parse(readFileSync(allowlistPath, 'utf8')) : [];

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  cwd: join(here, '..', '..'),
  encoding: 'utf8',
  timeout: 120_000,
  shell: process.platform === 'win32',
});
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}

const unavailable =
  run.error?.message ??
  (report.statusCode && report.statusCode !== 200
    ? (report.message ?? `HTTP ${report.statusCode}`)
    : undefined) ??
  (report.error && !report.vulnerabilities
    ? report.error.summary || report.message || 'audit error'
    : undefined) ??
  (!report.vulnerabilities
    ? `no audit report (npm exit ${run.status}): ${(run.stderr || '').trim().split('\n').pop()}`
    : undefined);
if (unavailable) {
  console.log(`audit endpoint unavailable: ${unavailable.trim()}`);
  console.log(
    'production dependencies were NOT audited; run `npm audit --omit=dev` against a registry that answers.',
  );
  process.exit(strict ? 2 : 0);
}

const serious = Object.values(report.vulnerabilities).filter(
  (v) => v.severity === 'high' || v.severity === 'critical',
);
const advisoriesOf = (v) =>
  v.via.filter((x) => typeof x === 'object').map((x) => x.url?.split('/').pop() ?? String(x.source));
const undocumented = serious.filter(
  (v) =>
    !allowlist.some(
      (a) => a.package === v.name && (a.advisory === '*' || advisoriesOf(v).includes(a.advisory)),
    ),
);
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `npm audit --omit=dev: ${
    Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'no findings'
  }`,
);
for (const v of serious) {
  const documented = !undocumented.includes(v);
  console.log(
    `  ${documented ? 'documented' : 'UNDOCUMENTED'} ${v.severity} ${v.name}: ${advisoriesOf(v).join(' ')}`,
  );
}
if (undocumented.length > 0) {
  console.log(`${undocumented.length} high/critical finding(s) not documented in ${allowlistPath}`);
  process.exit(1);
}
