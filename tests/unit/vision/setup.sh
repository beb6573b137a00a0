#!/usr/bin/env bash
# Fixtures for the vision tests: short clips made from a still face photo
# (Debian python3-skimage data, used as data only) with FFmpeg's zoompan, in
# the containers/codecs candidates upload (MP4/H.264, WebM/VP8), and one where
# the person sinks lower in the picture; the labelled LFW subset (100 faces,
# 100 non-faces) as a lossless clip; the demo photos of @vladmandic/face-api
# (npm, pinned by package-lock.json here), and the model files
# (scripts/fetch-models.sh). Nothing here is committed; each missing source
# only makes its tests skip.
set -euo pipefail
out=${1:?usage: setup.sh FIXTURE_DIR}
mkdir -p "$out"
cd "$(dirname "$0")/../../.."
scripts/fetch-models.sh || echo "vision setup: models not fetched; model tests will skip" >&2

# face-api demo photos: group photos, a phone on a sofa
photos=$out/faceapi/node_modules/@vladmandic/face-api/demo
if [[ ! -f $photos/sample6.jpg ]]; then
  mkdir -p "$out/faceapi"
  cp tests/unit/vision/package.json tests/unit/vision/package-lock.json "$out/faceapi/"
  (cd "$out/faceapi" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "vision setup: face-api photos not installed; those tests will skip" >&2
fi

skimage=/usr/lib/python3/dist-packages/skimage/data
[[ -d $skimage ]] || { echo "vision setup: $skimage missing (apt install python3-skimage)" >&2; exit 0; }

# LFW subset: 200 gray 25x25 crops (float64 .npy), frames 0-99 faces, 100-199
# not; upscaled x4 onto a gray border so the detector sees some context
lfw=$skimage/lfw_subset.npy
if [[ -f $lfw && ! -s $out/lfw.mkv ]]; then
  tmp=$(mktemp -d)
  node tests/unit/vision/npy_to_pgm.js "$lfw" "$tmp"
  ffmpeg -loglevel error -y -framerate 1 -i "$tmp/%03d.pgm" \
    -vf "scale=96:96:flags=bicubic,pad=192:192:48:48:gray,format=yuv420p" -c:v ffv1 "$out/lfw.mkv"
  rm -rf "$tmp"
fi

src=$skimage/astronaut.png
[[ -f $src ]] || exit 0
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
# sinking in the chair: the photo moved 120 px down at 3.5 s (her shoulders
# are ~180 px apart: a drop of ~0.67 shoulder widths)
if [[ ! -s $out/sink.mp4 ]]; then
  ffmpeg -loglevel error -y -loop 1 -i "$src" \
    -vf "pad=512:632:0:120:black,crop=512:512:0:'if(lt(t,3.5),120,0)',format=yuv420p" \
    -t 7 -r 10 -c:v libx264 "$out/sink.mp4"
fi
