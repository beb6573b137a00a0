#!/usr/bin/env bash
# score.sh ROWS - totals of synth_set.sh rows: prints
#   files precision recall f1 labelled wpm_err wpm_ac_err wpm_tx_err pauses missed pause_err
# (WPM errors: mean relative error over files of the reported, nuclei-only
# and transcript-only estimates against the label.)
set -euo pipefail
awk '{ m += $2; tp += $3; n += $4
    we += ($6 > $5 ? $6 - $5 : $5 - $6) / $5; wa += ($7 > $5 ? $7 - $5 : $5 - $7) / $5; k++
    wt += ($11 > $5 ? $11 - $5 : $5 - $11) / $5
    pn += $8; pm += $9; pe += $10 }
  END { p = tp ? m / tp : 0; r = n ? m / n : 0
    printf "%d %.3f %.3f %.3f %d %.4f %.4f %.4f %d %d %.4f\n", k, p, r, (p + r ? 2 * p * r / (p + r) : 0), n,
      we / k, wa / k, wt / k, pn, pm, (pn > pm ? pe / (pn - pm) : 0) }' "${1:?usage: score.sh ROWS}"
