#!/usr/bin/env bash
# bench/audio/run.sh CANDOR - speed and accuracy of the audio analysis.
#   1. WER of PocketSphinx, plain vs context-biased, on the Debian
#      pocketsphinx-testdata LibriVox clips and cards set. The bias text is
#      NOT the reference: a summary of the chapter in our own words
#      (librivox_bias.txt) and the card vocabulary of the grammar (cards_bias.txt).
#   2. A labelled synthetic set (espeak-ng interview answers with known
#      fillers and pauses, 3 speaking rates, clean and with pink noise at
#      10 dB SNR), split by answer into train (tuned on) and held-out test
#      (synth_set.sh): filler precision/recall/F1, WPM error, pause error.
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
# BENCH_CORE: the core to time on (default 0; another job may be timing there)
one_core=(taskset -c "${BENCH_CORE:-0}")
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
# Train split (answers a1-a40: what every constant was tuned on) and held-out
# test split (a41-a50, written before round 5 tuned on a1-a40); see
# synth_set.sh. The test figures are the ones that count. JOBS (default 1)
# files are analysed at a time; the figures do not depend on it.
for split in train test; do
  bash "$here/synth_set.sh" "$bin" "$out" "$split"
done
read -r tr_files tr_prec tr_rec tr_f1 tr_n tr_wpm tr_wpm_ac tr_wpm_tx tr_p_n tr_p_miss tr_p_err < <(bash "$here/score.sh" "$out/train.rows")
read -r te_files te_prec te_rec te_f1 te_n te_wpm te_wpm_ac te_wpm_tx te_p_n te_p_miss te_p_err < <(bash "$here/score.sh" "$out/test.rows")
# Per-filler confusion of the test split: labelled fillers hit/missed and
# false detections by text.
confusion() {
  awk '{ k = $2 " " $3; for (i = 4; i < NF; i++) k = k " " $i; c[k]++ } END { for (k in c) printf "%s=%d;", k, c[k] }' "$1" | tr ';' '\n' | sort | paste -sd';'
}

# ---- 3. speed on one core ---------------------------------------------------
long=$out/long.webm
if [[ ! -f $long ]]; then
  ls "$out"/synth/*-170-clean.wav "$out"/synth/*-130-noisy.wav "$out"/synth/*-210-clean.wav | head -15 >"$out/long.list"
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
 "synthetic": {
   "split": "train = answers a1-a40 (tuned on), test = a41-a50 (held out); 3 rates x clean/noisy each",
   "test": {"files": $te_files, "filler_precision": $te_prec, "filler_recall": $te_rec,
     "filler_f1": $te_f1, "fillers_labelled": $te_n, "wpm_rel_error": $te_wpm,
     "wpm_acoustic_rel_error": $te_wpm_ac, "wpm_transcript_rel_error": $te_wpm_tx,
     "pauses": $te_p_n, "pauses_missed": $te_p_miss, "pause_abs_error_s": $te_p_err,
     "filler_confusion": "$(confusion "$out/test.confusion")"},
   "train": {"files": $tr_files, "filler_precision": $tr_prec, "filler_recall": $tr_rec,
     "filler_f1": $tr_f1, "fillers_labelled": $tr_n, "wpm_rel_error": $tr_wpm,
     "wpm_acoustic_rel_error": $tr_wpm_ac, "wpm_transcript_rel_error": $tr_wpm_tx,
     "pauses": $tr_p_n, "pauses_missed": $tr_p_miss, "pause_abs_error_s": $tr_p_err}},
 "speed": {"audio_s": $dur, "rtf_decode": $(rtf "$t_dec"), "rtf_vad_prosody": $(rtf "$t_ac"),
   "rtf_asr": $(rtf "$t_asr"), "rtf_pipeline": $(rtf "$wall"), "rtf_pipeline_no_asr": $(rtf "$wall_noasr"),
   "peak_rss_kb": $rss, "peak_rss_no_asr_kb": $rss_noasr}}
JSON
printf '%-44s %s\n' "metric" "value"
printf '%-44s %s -> %s (%s words)\n' "WER librivox plain -> biased" "$lv_plain" "$lv_bias" "$lv_words"
printf '%-44s %s -> %s (%s words)\n' "WER cards plain -> biased" "$cd_plain" "$cd_bias" "$cd_words"
v() { local name="${sp}_$1"; echo "${!name}"; }
for sp in te tr; do
  f=$(v files) p=$(v prec) r=$(v rec) f1=$(v f1) n=$(v n) w=$(v wpm) wa=$(v wpm_ac) wt=$(v wpm_tx)
  pn=$(v p_n) pm=$(v p_miss) pe=$(v p_err)
  name=$([[ $sp == te ]] && echo "test (held out)" || echo "train")
  printf '%-44s P %s R %s F1 %s (%s labelled)\n' "fillers, synthetic $name, $f files" "$p" "$r" "$f1" "$n"
  printf '%-44s %s (transcript %s, nuclei %s)\n' "WPM mean relative error, $name" "$w" "$wt" "$wa"
  printf '%-44s %s of %s missed, mean abs error %s s\n' "pauses, $name" "$pm" "$pn" "$pe"
done
printf '%-44s decode %s, VAD+prosody %s, ASR %s, whole %s\n' "RTF on one core (${dur%.*} s WebM)" \
  "$(rtf "$t_dec")" "$(rtf "$t_ac")" "$(rtf "$t_asr")" "$(rtf "$wall")"
printf '%-44s %s MiB (no ASR: %s MiB)\n' "peak RSS" "$((rss / 1024))" "$((rss_noasr / 1024))"
