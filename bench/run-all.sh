#!/usr/bin/env bash
# `make bench`: runs every bench/<area>/run.sh with the candor binary path.
# Each prints its own figures; results also land in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: bench/run-all.sh path/to/candor}
mkdir -p bench/results
for r in bench/*/run.sh; do
  [[ -f "$r" ]] || continue
  echo "== ${r%/run.sh}"
  bash "$r" "$bin" || echo "bench: $r failed" >&2
done
