#!/usr/bin/env bash
# bench/audio/run.sh CANDOR - speed and accuracy of the audio analysis.
#   1. WER of PocketSphinx, plain vs context-biased, on the Debian
#      pocketsphinx-testdata LibriVox clips and cards set. The bias text is
#      NOT the reference: a summary of the chapter in our own words
#      (librivox_bias.txt) and the card vocabulary of the grammar (cards_bias.txt).
#   2. A labelled synthetic set (espeak-ng interview answers with known
#      fillers and pauses, 3 speaking rates, clean and with pink noise at
#      10 dB SNR): filler precision/recall/F1, WPM error, pause error.
#   3. Real-time factor per stage on one core (taskset -c 0) on a 5-minute
#      WebM/Opus recording, and peak RSS.
# Results: a table on stdout and bench/results/audio.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:?usage: bench/audio/run.sh path/to/candor}")
here=bench/audio
out=bench/results/audio
mkdir -p "$out"
data=/usr/share/pocketsphinx/test/data
one_core=(taskset -c 0)
command -v taskset >/dev/null || one_core=()

# ---- 1. WER plain vs biased -------------------------------------------------
wer_set() { # name fileids_cmd bias_file -> prints "plain_wer biased_wer words"
  local name=$1 bias=$2
  shift 2
  : >"$out/$name.plain.pairs"
  : >"$out/$name.bias.pairs"
  while read -r wav ref; do
    for mode in plain bias; do
      args=(--offline)
      [[ $mode == bias ]] && args+=(--bias-file "$bias")
      hyp=$("$bin" transcribe "$wav" "${args[@]}" | tr -s ' ')
      printf '%s\n%s\n' "$ref" "$hyp" >>"$out/$name.$mode.pairs"
    done
  done
  for mode in plain bias; do
    awk -f "$here/wer.awk" "$out/$name.$mode.pairs" | awk '{e+=$1; n+=$2} END {printf "%.3f ", e/n}'
  done
  awk 'NR%2==1 {n += NF} END {print n}' "$out/$name.plain.pairs"
}
librivox_list() {
  sed -E 's/^<s> (.*) <\/s> \((.*)\)$/\2 \1/' "$data/librivox/transcription" |
    while read -r id ref; do echo "$data/librivox/$id.wav $ref"; done
}
cards_list() {
  sed -E 's/^<s> (.*) +<\/s> \((.*)\)$/\2 \1/' "$data/cards/cards.transcription" |
    while read -r id ref; do echo "$data/cards/$id.wav $(tr -s ' ' <<<"$ref")"; done
}
read -r lv_plain lv_bias lv_words < <(librivox_list | wer_set librivox "$here/librivox_bias.txt")
read -r cd_plain cd_bias cd_words < <(cards_list | wer_set cards "$here/cards_bias.txt")

# ---- 2. synthetic labelled set ---------------------------------------------
set_dir=$out/synth
mkdir -p "$set_dir"
for spec in "$here"/answers/*.spec; do
  base=$(basename "$spec" .spec)
  for rate in 130 170 210; do
    for noise in clean noisy; do
      f=$set_dir/$base-$rate-$noise
      [[ -f $f.wav && $f.wav -nt $spec ]] && continue
      { echo "rate $rate"; grep -v '^#' "$spec"; } >"$f.spec"
      snr=""
      [[ $noise == noisy ]] && snr=10
      bash tests/unit/audio/synth.sh "$f.spec" "$f.wav" "$f.lab" $snr
    done
  done
done
: >"$out/synth.rows"
for wav in "$set_dir"/*.wav; do
  f=${wav%.wav}
  base=$(basename "$f")
  q=$(sed -n 's/^# question: //p' "$here/answers/${base%%-*}.spec")
  "$bin" analyze audio "$wav" --offline --bias "$q" >"$f.json"
  # Fillers: a detection matches an unmatched label of the same filler whose
  # piece contains it (vocal fillers match any vocal filler).
  jq -r '.evidence[] | select(.kind=="filler") | "\(.start) \(.end) \(.detail)"' "$f.json" >"$f.det"
  fill=$(awk '
    function vocal(w) { return w ~ /^(um|umm|uh|er|ah|hmm|mm|erm|uhm)$/ }
    FNR == NR { if ($1 == "filler") { n++; ls[n] = $2; le[n] = $3; $1 = $2 = $3 = ""; lt[n] = substr($0, 4) } next }
    { s = $1; $1 = $2 = ""; t = substr($0, 3); tp++
      for (i = 1; i <= n; i++) if (!used[i] && s >= ls[i] - 0.3 && s <= le[i] + 0.3 &&
          (t == lt[i] || (vocal(t) && vocal(lt[i])))) { used[i] = 1; m++; break } }
    END { printf "%d %d %d", m + 0, tp + 0, n + 0 }' "$f.lab" "$f.det")
  # Truth WPM: words over the span from the first to the last speech piece.
  truth=$(awk '$1=="speech" { if (s=="") s=$2; e=$3; w+=$4 } END { printf "%.2f", w/((e-s)/60) }' "$f.lab")
  wpm=$(jq '.metrics.rate.wpm' "$f.json")
  wpm_ac=$(jq '.metrics.rate.wpm_acoustic' "$f.json")
  # Pauses: each labelled pause against the silence between detected speech
  # segments that contains its midpoint.
  jq -r '[.segments[] | select(.kind=="speech")] | range(1; length) as $i | "\(.[$i-1].end) \(.[$i].start)"' "$f.json" >"$f.gaps"
  pause=$(awk 'FNR == NR { gs[++g] = $1; ge[g] = $2; next }
    $1 == "pause" { n++; mid = ($2 + $3) / 2; best = -1
      for (i = 1; i <= g; i++) if (gs[i] <= mid && ge[i] >= mid) best = i
      if (best < 0) { miss++; next }
      d = ($3 - $2) - (ge[best] - gs[best]); abserr += d < 0 ? -d : d }
    END { printf "%d %d %.4f", n, miss + 0, abserr + 0 }' "$f.gaps" "$f.lab")
  echo "$base $fill $truth $wpm $wpm_ac $pause" >>"$out/synth.rows"
done
read -r f_m f_tp f_n wpm_err wpm_ac_err p_n p_miss p_err < <(awk '
  { m += $2; tp += $3; n += $4
    we += ($6 > $5 ? $6 - $5 : $5 - $6) / $5; wa += ($7 > $5 ? $7 - $5 : $5 - $7) / $5; k++
    pn += $8; pm += $9; pe += $10 }
  END { printf "%d %d %d %.4f %.4f %d %d %.4f\n", m, tp, n, we / k, wa / k, pn, pm, pe / (pn - pm) }' "$out/synth.rows")
prec=$(awk -v m="$f_m" -v t="$f_tp" 'BEGIN { printf "%.3f", t ? m / t : 0 }')
rec=$(awk -v m="$f_m" -v n="$f_n" 'BEGIN { printf "%.3f", n ? m / n : 0 }')
f1=$(awk -v p="$prec" -v r="$rec" 'BEGIN { printf "%.3f", p + r ? 2 * p * r / (p + r) : 0 }')

# ---- 3. speed on one core ---------------------------------------------------
long=$out/long.webm
if [[ ! -f $long ]]; then
  ls "$set_dir"/*-170-clean.wav "$set_dir"/*-130-noisy.wav "$set_dir"/*-210-clean.wav | head -15 >"$out/long.list"
  sox $(cat "$out/long.list") "$out/long.wav"
  ffmpeg -nostdin -loglevel error -y -i "$out/long.wav" -c:a libopus -b:a 32k "$long"
fi
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$long")
/usr/bin/time -f '%e %M' -o "$out/time.asr" "${one_core[@]}" "$bin" analyze audio "$long" --offline >"$out/long.json"
/usr/bin/time -f '%e %M' -o "$out/time.noasr" "${one_core[@]}" "$bin" analyze audio "$long" --no-asr >"$out/long-noasr.json"
read -r wall rss < "$out/time.asr"
read -r wall_noasr rss_noasr < "$out/time.noasr"
rtf() { awk -v a="$1" -v d="$dur" 'BEGIN { printf "%.4f", a / d }'; }
t_dec=$(jq '.metrics.timings.decode_s' "$out/long.json")
t_ac=$(jq '.metrics.timings.acoustic_s' "$out/long-noasr.json")
t_asr=$(jq '.metrics.timings.asr_s' "$out/long.json")

cat >"$out.json" <<JSON
{"wer": {"librivox": {"plain": $lv_plain, "biased": $lv_bias, "words": $lv_words},
         "cards": {"plain": $cd_plain, "biased": $cd_bias, "words": $cd_words}},
 "synthetic": {"files": $(wc -l <"$out/synth.rows"), "filler_precision": $prec, "filler_recall": $rec,
   "filler_f1": $f1, "fillers_labelled": $f_n, "wpm_rel_error": $wpm_err,
   "wpm_acoustic_rel_error": $wpm_ac_err, "pauses": $p_n, "pauses_missed": $p_miss,
   "pause_abs_error_s": $p_err},
 "speed": {"audio_s": $dur, "rtf_decode": $(rtf "$t_dec"), "rtf_vad_prosody": $(rtf "$t_ac"),
   "rtf_asr": $(rtf "$t_asr"), "rtf_pipeline": $(rtf "$wall"), "rtf_pipeline_no_asr": $(rtf "$wall_noasr"),
   "peak_rss_kb": $rss, "peak_rss_no_asr_kb": $rss_noasr}}
JSON
printf '%-44s %s\n' "metric" "value"
printf '%-44s %s -> %s (%s words)\n' "WER librivox plain -> biased" "$lv_plain" "$lv_bias" "$lv_words"
printf '%-44s %s -> %s (%s words)\n' "WER cards plain -> biased" "$cd_plain" "$cd_bias" "$cd_words"
printf '%-44s P %s R %s F1 %s (%s labelled)\n' "fillers, synthetic set ($(wc -l <"$out/synth.rows") files)" "$prec" "$rec" "$f1" "$f_n"
printf '%-44s %s (acoustic estimate %s)\n' "WPM mean relative error" "$wpm_err" "$wpm_ac_err"
printf '%-44s %s of %s missed, mean abs error %s s\n' "pauses" "$p_miss" "$p_n" "$p_err"
printf '%-44s decode %s, VAD+prosody %s, ASR %s, whole %s\n' "RTF on one core (${dur%.*} s WebM)" \
  "$(rtf "$t_dec")" "$(rtf "$t_ac")" "$(rtf "$t_asr")" "$(rtf "$wall")"
printf '%-44s %s MiB (no ASR: %s MiB)\n' "peak RSS" "$((rss / 1024))" "$((rss_noasr / 1024))"
