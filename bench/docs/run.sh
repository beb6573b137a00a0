#!/usr/bin/env bash
# bench/docs: resume extraction quality and parse time over the resumes we
# wrote (bench/docs/resumes/*.txt with *.labels). Builds bench_docs in its own
# optimised build directory (the figures need -O2, not a sanitizer build),
# runs it pinned to one core and writes bench/results/docs.json.
# usage: bench/docs/run.sh [path/to/candor]   (the argument is not needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build/bench-docs
runs=${BENCH_DOCS_RUNS:-30}
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target bench_docs -j2 >/dev/null
mkdir -p bench/results
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CORE:-0}"); fi
"${pin[@]}" "$build/bench_docs" bench/docs/resumes data/skills bench/results/docs.json "$runs"
echo "wrote bench/results/docs.json"
