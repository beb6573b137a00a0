# wer.awk - word error counts: reads pairs of lines (reference, hypothesis)
# and prints "errors reference_words" for each pair (Levenshtein on words).
# Spelling variants the dictionary and the references disagree on are
# normalised first ("mr" is how cmudict writes "mister").
function norm(s) {
  s = " " tolower(s) " "
  gsub(/ mr /, " mister ", s); gsub(/ mrs /, " missus ", s)
  return s
}
NR % 2 == 1 { nr = split(norm($0), r, " "); next }
{
  nh = split(norm($0), h, " ")
  for (i = 0; i <= nr; i++) d[i, 0] = i
  for (j = 0; j <= nh; j++) d[0, j] = j
  for (i = 1; i <= nr; i++)
    for (j = 1; j <= nh; j++) {
      c = d[i - 1, j - 1] + (r[i] != h[j])
      if (d[i - 1, j] + 1 < c) c = d[i - 1, j] + 1
      if (d[i, j - 1] + 1 < c) c = d[i, j - 1] + 1
      d[i, j] = c
    }
  print d[nr, nh], nr
}
