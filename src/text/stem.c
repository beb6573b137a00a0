/* stem.c - see stem.h. */
#include "text/stem.h"

#include <libstemmer.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cd_text_stemmer {
    struct sb_stemmer *sb;
};

cd_text_stemmer *cd_text_stemmer_new(void)
{
    cd_text_stemmer *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->sb = sb_stemmer_new("english", NULL);
    if (!s->sb) {
        free(s);
        return NULL;
    }
    return s;
}

void cd_text_stemmer_free(cd_text_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    free(s);
}

static size_t copy_out(const char *w, size_t n, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, w, n);
    out[n] = '\0';
    return n;
}

size_t cd_text_stem(cd_text_stemmer *s, const char *w, size_t n, char *out, size_t cap)
{
    bool plain = n > CD_TEXT_STEM_MAX_BYTES || n < 3;
    for (size_t i = 0; i < n && !plain; i++)
        if ((w[i] >= '0' && w[i] <= '9') || w[i] == '.' || w[i] == '+' || w[i] == '#')
            plain = true; /* k8s, node.js, c++: names, not English words */
    if (plain || !s)
        return copy_out(w, n, out, cap);
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n);
    if (!r) /* out of memory inside libstemmer: fall back to the word */
        return copy_out(w, n, out, cap);
    return copy_out((const char *)r, (size_t)sb_stemmer_length(s->sb), out, cap);
}
