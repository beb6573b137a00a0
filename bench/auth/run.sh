#!/usr/bin/env bash
# bench/auth/run.sh path/to/candor - speed of the auth primitives.
# Builds bench/auth/auth_bench.c against the release build's libraries (the
# directory of the candor binary) and prints the figures, also saved to
# bench/results/auth.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:?usage: bench/auth/run.sh path/to/candor}
build=$(dirname "$bin")
cmake --build "$build" --target candor_auth candor_base -j 2 >/dev/null
cc -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Isrc bench/auth/auth_bench.c \
  "$build/libcandor_auth.a" "$build/libcandor_base.a" \
  $(pkg-config --libs libsodium libjwt openssl libcurl jansson) -lpthread -lm \
  -o "$build/auth_bench"
mkdir -p bench/results
"$build/auth_bench" | tee bench/results/auth.txt
