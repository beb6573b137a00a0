#!/usr/bin/env bash
# setup.sh FIXTURE_DIR - generates the audio test fixtures: labelled espeak-ng
# speech, the same answer in every container we accept, and bad inputs.
set -euo pipefail
dir=${1:?usage: setup.sh FIXTURE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
cd "$dir"
stamp=$(cat "$here"/setup.sh "$here"/synth.sh "$here"/*.spec | md5sum | cut -c1-16)
[[ -f .stamp && $(cat .stamp) == "$stamp" ]] && exit 0
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

bash "$here/synth.sh" "$here/answer1.spec" answer1.wav answer1.lab
bash "$here/synth.sh" "$here/answer1.spec" answer1_noisy.wav answer1_noisy.lab 12
bash "$here/synth.sh" "$here/like_verb.spec" like_verb.wav like_verb.lab
bash "$here/synth.sh" "$here/like_filler.spec" like_filler.wav like_filler.lab
bash "$here/synth.sh" "$here/er_hmm.spec" er_hmm.wav er_hmm.lab
bash "$here/synth.sh" "$here/murmur.spec" murmur.wav murmur.lab
# Two voices: a male and a female espeak-ng voice take turns.
printf 'voice en-us\nsay i worked on the backend and the database layer for two years\npause 0.5\nvoice en-us+f4\nsay what was the hardest bug you had to fix in that time\npause 0.5\nvoice en-us\nsay a memory leak in the cache that only showed up under load\n' >two_voices.spec
bash "$here/synth.sh" two_voices.spec two_voices.wav two_voices.lab
printf 'voice en-us\nsay i worked on the backend and the database layer for two years\npause 0.5\nsay a memory leak in the cache that only showed up under load\n' >one_voice.spec
bash "$here/synth.sh" one_voice.spec one_voice.wav one_voice.lab

# Containers and rates a browser or phone produces.
ff -i answer1.wav -c:a libopus -b:a 32k answer1.webm
ff -i answer1.wav -c:a libopus -b:a 32k answer1.ogg
ff -i answer1.wav -c:a libmp3lame -b:a 64k answer1.mp3
ff -i answer1.wav -c:a aac -b:a 64k answer1.m4a
ff -f lavfi -i color=c=gray:s=64x48:r=5 -i answer1.wav -shortest -c:v mpeg4 -c:a aac answer1.mp4
ff -i answer1.wav -ar 48000 -ac 2 answer1_48k_stereo.wav
ff -i answer1.wav -ar 8000 answer1_8k.wav

# Bad and edge inputs.
sox -R -n -r 16000 -c 1 -b 16 silence.wav trim 0 3
sox -R -n -r 16000 -c 1 -b 16 noise.wav synth 4 whitenoise vol 0.3
sox -R answer1.wav clipped.wav gain 30 2>/dev/null
: >empty.wav
size=$(stat -c %s answer1.webm)
head -c $((size * 4 / 10)) answer1.webm >truncated.webm
head -c 300 answer1.webm >truncated_header.webm
ff -f lavfi -i color=c=red:s=32x32 -frames:v 1 fake_audio.jpg
cp fake_audio.jpg fake_audio.wav
# Over the one-hour mark: an hour and two minutes of near-silence, small as Opus.
ff -f lavfi -i anullsrc=r=8000:cl=mono -t 3720 -c:a libopus -b:a 6k -compression_level 0 long.ogg
echo "$stamp" >.stamp
