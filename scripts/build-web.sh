#!/usr/bin/env bash
# Builds the TypeScript UI into web/dist (npm ci from the lockfile, then vite).
# Skips work when web/dist is newer than every source file.
set -euo pipefail
cd "$(dirname "$0")/../web"
[[ -f package.json ]] || { echo "build-web: no web/package.json yet, skipping" >&2; exit 0; }
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [[ -f dist/index.html ]] && [[ -z $(find src public index.html package.json vite.config.* tsconfig.json -newer dist/index.html 2>/dev/null | head -1) ]]; then
  exit 0
fi
npm run --silent build
