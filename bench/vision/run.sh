#!/usr/bin/env bash
# Vision benchmark: ms per 640x480 frame on one core (taskset -c 0) for the
# tracked face pipeline (mesh + iris + emotion, detection amortised to once a
# second), detection-only frames, and peak RSS with the default models
# loaded. Uses a zooming clip made from the skimage astronaut photo.
# Usage: bench/vision/run.sh path/to/candor
set -euo pipefail
bin=${1:?usage: bench/vision/run.sh path/to/candor}
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=/usr/lib/python3/dist-packages/skimage/data/astronaut.png
ffmpeg -loglevel error -y -i "$src" \
  -vf "zoompan=z='1+0.002*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=250:s=640x480:fps=25" \
  -frames:v 250 -c:v libx264 -pix_fmt yuv420p "$tmp/clip.mp4"
run() { # fps label
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" taskset -c 0 "$bin" analyze video "$tmp/clip.mp4" \
    --fps "$1" >"$tmp/out.json"
  end=$(date +%s.%N)
  local frames
  frames=$(grep -m1 '"frames"' "$tmp/out.json" | tr -dc 0-9)
  awk -v s="$start" -v e="$end" -v n="$frames" -v rss="$(cat "$tmp/rss")" -v l="$2" \
    'BEGIN { printf "%-34s %4d frames  %7.2f ms/frame (incl. decode, model load)  peak RSS %d MiB\n", l, n, (e - s) * 1000 / n, rss / 1024 }'
}
run 25 "tracked face pipeline, 25 fps"
run 5 "tracked face pipeline, 5 fps"
echo "per-model engine figures: bench/nn/run.sh"
