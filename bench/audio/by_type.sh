#!/usr/bin/env bash
# by_type.sh OUTDIR SPLIT - per-filler-type figures of a synth_set.sh run:
#   TYPE hit/labelled false
# and, for vocal fillers, the same split by how they were said: "alone"
# (their own espeak-ng piece, silence around them) or "in-line" (inside a
# `say` line with other words, running into them; most are in a31-a50).
set -euo pipefail
out=${1:?usage: by_type.sh OUTDIR SPLIT}
split=${2:?}
awk -v dir="$out/synth" '
  function vocal(w) { return w ~ /^(um|uh|er|ah|hmm|mm)$/ }
  { name = $1; what = $2; start = $NF; t = $3; for (i = 4; i < NF; i++) t = t " " $i }
  what == "false" { fp[t]++; types[t] = 1; next }
  { types[t] = 1; n[t]++; if (what == "hit") h[t]++
    if (!vocal(t)) next
    # the piece of this label: its speech line starts where the label does
    inl = 0; f = dir "/" name ".lab"
    while ((getline l < f) > 0) { split(l, p, " ")
      if (p[1] == "speech" && p[2] + 0 == start + 0) inl = (split(l, q, " ") > 5) }
    close(f)
    k = inl ? "in-line" : "alone"; vn[k]++; if (what == "hit") vh[k]++ }
  END { for (t in types) printf "%-10s %d/%d false %d\n", t, h[t], n[t], fp[t]
        for (k in vn) printf "vocal %-8s %d/%d\n", k, vh[k], vn[k] }' "$out/$split.confusion" | sort
