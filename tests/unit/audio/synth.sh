#!/usr/bin/env bash
# synth.sh SPEC OUT.wav OUT.lab [SNR_DB] - labelled speech from a script.
#
# Speech is synthesised with espeak-ng piece by piece, each piece trimmed of
# its own leading/trailing silence, so every time in the label file is known
# exactly. SPEC lines:
#   voice NAME        espeak-ng voice for the following pieces (en-us)
#   rate WPM          espeak-ng speed for the following pieces (160)
#   say TEXT          one piece; fillers in brackets: "[um]", "[you know]",
#                     also in mid-line ("it took [um] a week"), where the
#                     filler runs into its neighbours with no silence; the
#                     label then spans the whole piece
#   pause SECONDS     silence
# Label lines (OUT.lab), times in seconds:
#   speech START END NWORDS TEXT   (NWORDS excludes vocal fillers)
#   filler START END TEXT          (time range of the piece holding it)
#   pause START END
# With SNR_DB, pink noise is mixed in at that speech-to-noise ratio.
# Every sox call runs with -R (fixed random seed): without it the pink noise
# and the dither differ on every run, and on a31-a40 two syntheses of the
# noisy half gave filler F1 0.716 and 0.672 with the same code.
set -euo pipefail
spec=$1 out=$2 lab=$3 snr=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
voice=en-us rate=160 t=0 i=0 gap=0.12 speech_end=0
: >"$lab"
parts=()
add_silence() { # seconds
  i=$((i + 1))
  sox -R -n -r 16000 -c 1 -b 16 "$tmp/p$i.wav" trim 0 "$1"
  parts+=("$tmp/p$i.wav")
  t=$(awk -v a="$t" -v b="$1" 'BEGIN{printf "%.4f", a+b}')
}
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z $line || $line == \#* ]] && continue
  cmd=${line%% *} arg=${line#* }
  case $cmd in
  voice) voice=$arg ;;
  rate) rate=$arg ;;
  pause)
    # The silence runs from the end of the last speech (its short trailing
    # gap included) to the next piece.
    add_silence "$arg"
    echo "pause $speech_end $t" >>"$lab"
    ;;
  say)
    # espeak-ng spells "mm" out ("em em"): say a held m (phoneme input)
    text=$(tr -d "[]" <<<"$arg")
    spoken=$(sed "s/\[mm\]/MMFILL/g" <<<"$arg" | tr -d "[]" | sed "s/MMFILL/[[m'm:]]/g")
    i=$((i + 1))
    espeak-ng -v "$voice" -s "$rate" -w "$tmp/raw.wav" "$spoken"
    sox -R "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$tmp/p$i.wav" \
      silence 1 0.02 0.3% reverse silence 1 0.02 0.3% reverse
    parts+=("$tmp/p$i.wav")
    d=$(soxi -D "$tmp/p$i.wav")
    start=$t
    t=$(awk -v a="$t" -v b="$d" 'BEGIN{printf "%.4f", a+b}')
    words=$(tr -d '[],.?!' <<<"$arg" | tr 'A-Z' 'a-z' | tr ' ' '\n' |
      grep -cvE '^(um|uh|er|ah|hmm|mm|)$' || true)
    echo "speech $start $t $words $text" >>"$lab"
    speech_end=$t
    { grep -o "\[[^]]*\]" <<<"$arg" || true; } | tr -d "[]" | while IFS= read -r f; do
      echo "filler $start $t $f" >>"$lab"
    done
    add_silence "$gap"
    ;;
  *) echo "synth.sh: unknown line: $line" >&2; exit 2 ;;
  esac
done <"$spec"
sox -R "${parts[@]}" "$tmp/clean.wav"
if [[ -n $snr ]]; then
  dur=$(soxi -D "$tmp/clean.wav")
  # Speech RMS from sox stat, noise scaled to it.
  rms=$(sox "$tmp/clean.wav" -n stat 2>&1 | awk '/RMS +amplitude/{print $3}')
  amp=$(awk -v r="$rms" -v s="$snr" 'BEGIN{printf "%.6f", r/(10^(s/20))*1.8}')
  sox -R -n -r 16000 -c 1 -b 16 "$tmp/noise.wav" synth "$dur" pinknoise vol "$amp"
  sox -R -m -v 1 "$tmp/clean.wav" -v 1 "$tmp/noise.wav" "$out"
else
  cp "$tmp/clean.wav" "$out"
fi
