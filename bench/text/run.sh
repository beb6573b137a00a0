#!/usr/bin/env bash
# bench/text: speed of the offline answer evaluator and its agreement with a
# hand-labelled set of answers (bench/text/labelled.json). Builds a small
# driver against the static libraries next to the candor binary given as $1.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:?usage: bench/text/run.sh path/to/candor}
build=$(dirname "$bin")
for lib in interview text base; do
  [[ -f "$build/libcandor_$lib.a" ]] || cmake --build "$build" --target "candor_$lib" -j2 >/dev/null
done
out="$build/bench_text_eval"
cc -std=c11 -O2 -D_GNU_SOURCE -Isrc bench/text/bench_eval.c \
  "$build/libcandor_interview.a" "$build/libcandor_text.a" "$build/libcandor_base.a" \
  $(pkg-config --libs jansson) -lstemmer -lm -lpthread -o "$out"
mkdir -p bench/results
"$out" bench/text/labelled.json | tee bench/results/text.txt
