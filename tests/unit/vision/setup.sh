#!/usr/bin/env bash
# Fixtures for the vision tests: short clips made from a still face photo
# (Debian python3-skimage data, used as data only) with FFmpeg's zoompan, in
# the containers/codecs candidates upload (MP4/H.264, WebM/VP8), plus the
# model files (scripts/fetch-models.sh). Nothing here is committed.
set -euo pipefail
out=${1:?usage: setup.sh FIXTURE_DIR}
mkdir -p "$out"
cd "$(dirname "$0")/../../.."
scripts/fetch-models.sh || echo "vision setup: models not fetched; model tests will skip" >&2
src=/usr/lib/python3/dist-packages/skimage/data/astronaut.png
[[ -f $src ]] || { echo "vision setup: $src missing (apt install python3-skimage)" >&2; exit 0; }
zoom="zoompan=z='1+0.003*on':x='iw/2-(iw/zoom/2)+on':y='ih/2-(ih/zoom/2)':d=75:s=640x480:fps=25"
if [[ ! -s $out/astronaut_zoom.mp4 ]]; then
  ffmpeg -loglevel error -y -i "$src" -vf "$zoom" -frames:v 75 -c:v libx264 -pix_fmt yuv420p \
    "$out/astronaut_zoom.mp4"
fi
if [[ ! -s $out/astronaut_zoom.webm ]]; then
  ffmpeg -loglevel error -y -i "$src" -vf "$zoom" -frames:v 75 -c:v libvpx -b:v 1M \
    "$out/astronaut_zoom.webm"
fi
# a clip with no face at all: the same photo's lower half (suit and helmet)
if [[ ! -s $out/noface.mp4 ]]; then
  ffmpeg -loglevel error -y -loop 1 -i "$src" -vf "crop=512:256:0:256,scale=640:320" -t 1 -r 10 \
    -c:v libx264 -pix_fmt yuv420p "$out/noface.mp4"
fi
