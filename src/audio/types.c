/* types.c - growable word and event arrays. */
#include "audio/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(void **v, size_t *alloc, size_t need, size_t elem)
{
    if (need <= *alloc)
        return 0;
    size_t n = *alloc ? *alloc * 2 : 32;
    while (n < need)
        n *= 2;
    void *nv = realloc(*v, n * elem);
    if (!nv)
        return -1;
    *v = nv;
    *alloc = n;
    return 0;
}

int cd_audio_words_push(cd_audio_words *w, const char *text, double start, double end, double conf)
{
    if (grow((void **)&w->v, &w->alloc, w->n + 1, sizeof *w->v) != 0)
        return -1;
    cd_audio_word *x = &w->v[w->n++];
    size_t i = 0;
    for (; text[i] && i + 1 < sizeof x->text; i++)
        x->text[i] = (char)tolower((unsigned char)text[i]);
    x->text[i] = '\0';
    x->start = start;
    x->end = end;
    x->conf = conf < 0 ? 0 : conf > 1 ? 1 : conf;
    return 0;
}

void cd_audio_words_free(cd_audio_words *w)
{
    free(w->v);
    memset(w, 0, sizeof *w);
}

int cd_audio_events_push(cd_audio_events *e, const char *kind, double start, double end,
                         const char *detail)
{
    if (grow((void **)&e->v, &e->alloc, e->n + 1, sizeof *e->v) != 0)
        return -1;
    cd_audio_event *x = &e->v[e->n++];
    x->kind = kind;
    x->start = start;
    x->end = end;
    snprintf(x->detail, sizeof x->detail, "%s", detail ? detail : "");
    return 0;
}

void cd_audio_events_free(cd_audio_events *e)
{
    free(e->v);
    memset(e, 0, sizeof *e);
}

size_t cd_audio_events_count(const cd_audio_events *e, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->v[i].kind, kind) == 0)
            n++;
    return n;
}
