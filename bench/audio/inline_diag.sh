#!/usr/bin/env bash
# inline_diag.sh OUTDIR SPLIT - where the vocal fillers said inside a line are
# lost, for a synth_set.sh run made with CANDOR_AUDIO_TRACE=1.
#
# An in-line filler is labelled with its whole line (synth.sh), so its own
# time is estimated here: the line, the filler with the rest of the line,
# and the rest alone are synthesised again at the file's rate; the filler
# starts where "filler + rest" would start and ends where "rest" would
# (line length minus each). Suffixes are used, not prefixes, because
# espeak-ng lengthens the last syllable of whatever it says, which would
# stretch a prefix; every suffix ends like the line itself. The estimate is
# within a few tens of ms, good for diagnosis, not for scoring.
#
# For each in-line vocal filler prints one line to OUTDIR/SPLIT.inline:
#   NAME FILLER START END DUR cand=0|1 found=0|1 words=[recognised words] trace=[...]
# cand: the filled-pause detector proposed a candidate overlapping it (from
# the filler_trace lines of the file's .log); found: a vocal filler was
# reported within 0.3 s of it. Then a summary on stdout, by rate.
set -euo pipefail
out=$(realpath "${1:?usage: inline_diag.sh OUTDIR SPLIT}")
split=${2:?}
dir=$out/synth
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
length() { # RATE TEXT: seconds of that speech as synth.sh renders and trims it
  if [[ -z ${2// /} ]]; then
    echo 0
    return
  fi
  printf "rate %s\nsay %s\n" "$1" "$2" >"$tmp/one.spec"
  bash tests/unit/audio/synth.sh "$tmp/one.spec" "$tmp/one.wav" "$tmp/one.lab"
  awk '$1 == "speech" { print $3 - $2 }' "$tmp/one.lab"
}
: >"$out/$split.inline"
for f in $(awk '{print $1}' "$out/$split.rows"); do
  f=$dir/$f
  rate=$(awk '$1 == "rate" { print $2; exit }' "$f.spec")
  grep '^say ' "$f.spec" | sed 's/^say //' | while IFS= read -r line; do
    [[ $(wc -w <<<"$line") -gt 1 ]] || continue
    fil=$(grep -oE '\[(um|uh|er|ah|hmm|mm)\]' <<<"$line" | head -1) || continue
    text=$(tr -d "[]" <<<"$line")
    start=$(awk -v t="$text" '$1 == "speech" { s = $2; $1 = $2 = $3 = $4 = ""; sub(/^ +/, "")
      if ($0 == t) { print s; exit } }' "$f.lab")
    rest=${line#*"$fil"}
    whole=$(length "$rate" "$line")
    with=$(length "$rate" "$fil $rest")
    alone=$(length "$rate" "$rest")
    read -r s e < <(awk -v b="$start" -v l="$whole" -v w="$with" -v a="$alone" \
      'BEGIN { printf "%.3f %.3f\n", b + l - w, b + l - a }')
    cand=$(grep -h '^filler_trace' "$f.log" | awk -v s="$s" -v e="$e" '$2 < e && $3 > s' | head -1 || true)
    found=$(jq -r --argjson s "$s" '[.evidence[] | select(.kind == "filler" and
      (.detail | test("^(um|uh|er|ah|hmm|mm)$")) and .start > $s - 0.3 and .start < $s + 0.3)] | length' "$f.json")
    words=$(jq -r --argjson s "$s" --argjson e "$e" '[.transcript.words[] |
      select(.end > $s - 0.3 and .start < $e + 0.3) | .word] | join(" ")' "$f.json")
    printf '%s %s %s %s %.3f cand=%d found=%d words=[%s] trace=[%s]\n' "$(basename "$f")" \
      "${fil//[][]/}" "$s" "$e" "$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')" \
      "$([[ -n $cand ]] && echo 1 || echo 0)" "$((found > 0))" "$words" "${cand#filler_trace }"
  done >>"$out/$split.inline"
done
printf "%-5s %5s %9s %12s %10s %9s %13s\n" rate n mean_dur under_0.12s candidate found found_no_cand
awk '{ split($1, p, "-"); r = p[2]; n[r]++; dur[r] += $5; short[r] += $5 < 0.12
    c = substr($6, 6) + 0; h = substr($7, 7) + 0; cand[r] += c; hit[r] += h; ch[r] += c && h; nh[r] += !c && h }
  END { for (r in n) printf "%-5s %5d %9.3f %12d %10d %9d %13d\n", r, n[r], dur[r] / n[r], short[r], cand[r], hit[r], nh[r] }' \
  "$out/$split.inline" | sort
