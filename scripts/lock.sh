#!/usr/bin/env bash
# Regenerates package-lock.json from package.json (+ the current lock, so unchanged versions stay put) in a
# scratch directory with no node_modules. Why not plain `npm install` here: npm builds the lock from the
# installed tree when one exists, and this checkout's node_modules holds only this platform's optional
# packages (biome's @biomejs/cli-*), so the others would drop out and `npm ci` elsewhere would refuse the lock.
# After merging branches that add dependencies: resolve package.json, keep either side's package-lock.json
# (e.g. `git checkout --theirs package-lock.json`), then `npm run lock`, then `npm ci` to install from it.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp package.json .npmrc "$scratch/"
[[ -f package-lock.json ]] && cp package-lock.json "$scratch/"
(cd "$scratch" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund </dev/null)
cp "$scratch/package-lock.json" package-lock.json
node scripts/check-lock.mjs
