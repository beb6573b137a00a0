/* skills.c - taxonomy loading (jansson) and alias matching over tokens.
 *
 * Why our own tokenizer rather than src/text's: skill names need the
 * characters a prose tokenizer drops or splits ("C++", "C#", ".NET",
 * "CI/CD", "scikit-learn"), and no stemming ("Rust" is not "rusting"). */
#include "docs/skills.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/fs.h"

typedef struct alias_slot {
    char *key;   /* lowercase, words joined by one space; NULL = empty slot */
    char *exact; /* case-sensitive form, or NULL */
    int skill;
} alias_slot;

typedef struct skill_rec {
    char *name;
    char *category;
} skill_rec;

struct cd_docs_taxonomy {
    skill_rec *skills;
    size_t n, cap;
    alias_slot *slots;
    size_t nslots, nalias;
};

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static bool word_byte(unsigned char c)
{
    return isalnum(c) || c == '+' || c == '#' || c >= 0x80;
}

static bool joiner(unsigned char c, bool split)
{
    return c == '.' || c == '_' || c == '\'' || (!split && (c == '-' || c == '/'));
}

/* Next token of s[*i..n): [*start, *end). Joiners stay inside a token
 * when word bytes are on both sides; a '.' right before letters at a word
 * start is kept (".NET"). */
static bool next_token(const char *s, size_t n, size_t *i, size_t *start, size_t *end, bool split)
{
    size_t p = *i;
    while (p < n && !word_byte((unsigned char)s[p])) {
        if (s[p] == '.' && p + 1 < n && isalpha((unsigned char)s[p + 1]) &&
            (p == 0 || !word_byte((unsigned char)s[p - 1])))
            break;
        p++;
    }
    if (p >= n) {
        *i = n;
        return false;
    }
    *start = p;
    if (s[p] == '.')
        p++;
    while (p < n) {
        unsigned char c = (unsigned char)s[p];
        if (word_byte(c)) {
            p++;
        } else if (joiner(c, split) && p + 1 < n && word_byte((unsigned char)s[p + 1]) &&
                   s[p + 1] != '+' && s[p + 1] != '#') {
            p++;
        } else {
            break;
        }
    }
    *end = p;
    *i = p;
    return true;
}

/* Lowercase, tokenised, space-joined form of an alias; false if empty or
 * too long. */
static bool normalise(const char *s, size_t n, char *out, size_t cap, size_t *words)
{
    size_t i = 0, st, en, o = 0;
    *words = 0;
    while (next_token(s, n, &i, &st, &en, false)) {
        if (o + (en - st) + 2 > cap || *words == CD_DOCS_SKILL_MAX_WORDS)
            return false;
        if (o)
            out[o++] = ' ';
        for (size_t k = st; k < en; k++)
            out[o++] = (char)tolower((unsigned char)s[k]);
        (*words)++;
    }
    out[o] = '\0';
    return o > 0;
}

static alias_slot *lookup(const cd_docs_taxonomy *t, const char *key, size_t n)
{
    if (!t->nslots)
        return NULL;
    size_t mask = t->nslots - 1;
    for (size_t h = hash_str(key, n) & mask;; h = (h + 1) & mask) {
        alias_slot *s = &t->slots[h];
        if (!s->key)
            return NULL;
        if (strlen(s->key) == n && memcmp(s->key, key, n) == 0)
            return s;
    }
}

static int grow_slots(cd_docs_taxonomy *t)
{
    size_t nn = t->nslots ? t->nslots * 2 : 4096;
    alias_slot *ns = calloc(nn, sizeof(*ns));
    if (!ns)
        return -1;
    for (size_t i = 0; i < t->nslots; i++) {
        alias_slot *s = &t->slots[i];
        if (!s->key)
            continue;
        size_t h = hash_str(s->key, strlen(s->key)) & (nn - 1);
        while (ns[h].key)
            h = (h + 1) & (nn - 1);
        ns[h] = *s;
    }
    free(t->slots);
    t->slots = ns;
    t->nslots = nn;
    return 0;
}

static int add_alias(cd_docs_taxonomy *t, int skill, const char *raw, cd_err *err)
{
    bool exact = raw[0] == '=';
    if (exact)
        raw++;
    char key[CD_DOCS_SKILL_MAX_ALIAS + 1];
    size_t words;
    if (!normalise(raw, strlen(raw), key, sizeof(key), &words))
        return cd_err_set(err, CD_EINVAL, "taxonomy", "alias \"%s\" is empty or too long", raw);
    if (exact && words != 1)
        return cd_err_set(err, CD_EINVAL, "taxonomy",
                          "case-sensitive alias \"%s\" must be one word", raw);
    alias_slot *old = lookup(t, key, strlen(key));
    if (old) {
        if (old->skill == skill)
            return 0; /* "Name|name" spelled twice is harmless */
        return cd_err_set(err, CD_EINVAL, "taxonomy",
                          "alias \"%s\" of %s is already an alias of %s", raw,
                          t->skills[skill].name, t->skills[old->skill].name);
    }
    if ((t->nalias + 1) * 2 > t->nslots && grow_slots(t) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    size_t h = hash_str(key, strlen(key)) & (t->nslots - 1);
    while (t->slots[h].key)
        h = (h + 1) & (t->nslots - 1);
    t->slots[h].key = strdup(key);
    t->slots[h].exact = exact ? strdup(raw) : NULL;
    t->slots[h].skill = skill;
    if (!t->slots[h].key || (exact && !t->slots[h].exact))
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    t->nalias++;
    return 0;
}

static int add_entry(cd_docs_taxonomy *t, const char *category, const char *entry, cd_err *err)
{
    if (t->n >= CD_DOCS_TAXONOMY_MAX_SKILLS)
        return cd_err_set(err, CD_ETOOBIG, "taxonomy", "more than %d skills",
                          CD_DOCS_TAXONOMY_MAX_SKILLS);
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 512;
        skill_rec *ns = realloc(t->skills, nc * sizeof(*ns));
        if (!ns)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        t->skills = ns;
        t->cap = nc;
    }
    const char *bar = strchr(entry, '|');
    size_t nlen = bar ? (size_t)(bar - entry) : strlen(entry);
    const char *name = entry[0] == '=' ? entry + 1 : entry;
    if (entry[0] == '=')
        nlen--;
    int id = (int)t->n;
    t->skills[id].name = strndup(name, nlen);
    t->skills[id].category = strdup(category);
    t->n++;
    if (!t->skills[id].name || !t->skills[id].category)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    const char *p = entry;
    while (p) {
        const char *q = strchr(p, '|');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        char alias[CD_DOCS_SKILL_MAX_ALIAS * 2];
        if (l == 0 || l >= sizeof(alias))
            return cd_err_set(err, CD_EINVAL, "taxonomy", "bad entry \"%.80s\"", entry);
        memcpy(alias, p, l);
        alias[l] = '\0';
        if (add_alias(t, id, alias, err) != 0)
            return -1;
        p = q ? q + 1 : NULL;
    }
    return 0;
}

static int add_json(cd_docs_taxonomy *t, const char *json, size_t len, const char *where,
                    cd_err *err)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    if (!root)
        return cd_err_set(err, CD_EINVAL, "taxonomy", "%s: line %d: %s", where, je.line, je.text);
    const char *category = json_string_value(json_object_get(root, "category"));
    json_t *skills = json_object_get(root, "skills");
    int rc = 0;
    if (!category || !json_is_array(skills)) {
        rc = cd_err_set(err, CD_EINVAL, "taxonomy", "%s: needs \"category\" and \"skills\"", where);
    } else {
        size_t i;
        json_t *v;
        json_array_foreach(skills, i, v)
        {
            if (!json_is_string(v)) {
                rc = cd_err_set(err, CD_EINVAL, "taxonomy", "%s: skill %zu is not a string", where,
                                i);
                break;
            }
            if (add_entry(t, category, json_string_value(v), err) != 0) {
                rc = -1;
                break;
            }
        }
    }
    json_decref(root);
    return rc;
}

cd_docs_taxonomy *cd_docs_taxonomy_parse(const char *json, size_t len, cd_err *err)
{
    cd_docs_taxonomy *t = calloc(1, sizeof(*t));
    if (!t) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        return NULL;
    }
    if (add_json(t, json, len, "taxonomy", err) != 0) {
        cd_docs_taxonomy_free(t);
        return NULL;
    }
    return t;
}

static int json_file(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

cd_docs_taxonomy *cd_docs_taxonomy_load(const char *dir, cd_err *err)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, json_file, alphasort);
    if (n < 0) {
        cd_err_set(err, CD_ENOTFOUND, "taxonomy", "cannot read the skills directory %s", dir);
        return NULL;
    }
    cd_docs_taxonomy *t = calloc(1, sizeof(*t));
    int rc = t ? 0 : cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    if (!rc && (n == 0 || n > CD_DOCS_TAXONOMY_MAX_FILES))
        rc = cd_err_set(err, CD_EINVAL, "taxonomy", "%s holds %d skill files (1..%d expected)", dir,
                        n, CD_DOCS_TAXONOMY_MAX_FILES);
    for (int i = 0; i < n; i++) {
        if (!rc) {
            char path[4096];
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
            size_t len = 0;
            char *data = cd_read_file(path, CD_DOCS_TAXONOMY_MAX_FILE_BYTES, &len, err);
            if (!data)
                rc = -1;
            else
                rc = add_json(t, data, len, names[i]->d_name, err);
            free(data);
        }
        free(names[i]);
    }
    free(names);
    if (rc) {
        cd_docs_taxonomy_free(t);
        return NULL;
    }
    return t;
}

void cd_docs_taxonomy_free(cd_docs_taxonomy *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->skills[i].name);
        free(t->skills[i].category);
    }
    for (size_t i = 0; i < t->nslots; i++) {
        free(t->slots[i].key);
        free(t->slots[i].exact);
    }
    free(t->skills);
    free(t->slots);
    free(t);
}

size_t cd_docs_taxonomy_count(const cd_docs_taxonomy *t)
{
    return t ? t->n : 0;
}
size_t cd_docs_taxonomy_alias_count(const cd_docs_taxonomy *t)
{
    return t ? t->nalias : 0;
}

const char *cd_docs_skill_name(const cd_docs_taxonomy *t, int skill)
{
    return skill >= 0 && (size_t)skill < t->n ? t->skills[skill].name : "";
}

const char *cd_docs_skill_category(const cd_docs_taxonomy *t, int skill)
{
    return skill >= 0 && (size_t)skill < t->n ? t->skills[skill].category : "";
}

int cd_docs_skill_find(const cd_docs_taxonomy *t, const char *alias)
{
    char key[CD_DOCS_SKILL_MAX_ALIAS + 1];
    size_t words;
    if (!normalise(alias, strlen(alias), key, sizeof(key), &words))
        return -1;
    alias_slot *s = lookup(t, key, strlen(key));
    return s ? s->skill : -1;
}

const cd_docs_skill_hit *cd_docs_skill_hits_get(const cd_docs_skill_hits *h, int skill)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->v[i].skill == skill)
            return &h->v[i];
    return NULL;
}

int cd_docs_skill_hits_add(cd_docs_skill_hits *h, int skill, int count, size_t first)
{
    for (size_t i = 0; i < h->n; i++) {
        if (h->v[i].skill == skill) {
            h->v[i].count += count;
            if (first < h->v[i].first)
                h->v[i].first = first;
            return 0;
        }
    }
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 32;
        cd_docs_skill_hit *nv = realloc(h->v, nc * sizeof(*nv));
        if (!nv)
            return -1;
        h->v = nv;
        h->cap = nc;
    }
    h->v[h->n++] = (cd_docs_skill_hit){skill, count, first};
    return 0;
}

void cd_docs_skill_hits_free(cd_docs_skill_hits *h)
{
    free(h->v);
    memset(h, 0, sizeof(*h));
}

typedef struct tok {
    size_t start, end;
} tok;

/* Longest alias starting at token i (n-gram of up to MAX_WORDS tokens);
 * returns its length in tokens (0 = none) and the skill. */
static size_t match_at(const cd_docs_taxonomy *t, const char *s, const tok *tk, size_t ntk,
                       size_t i, int *skill)
{
    size_t maxw = ntk - i < CD_DOCS_SKILL_MAX_WORDS ? ntk - i : CD_DOCS_SKILL_MAX_WORDS;
    char key[CD_DOCS_SKILL_MAX_ALIAS + 2];
    for (size_t w = maxw; w >= 1; w--) {
        size_t o = 0;
        bool fits = true;
        for (size_t k = i; k < i + w && fits; k++) {
            size_t l = tk[k].end - tk[k].start;
            if (o + l + 1 > CD_DOCS_SKILL_MAX_ALIAS) {
                fits = false;
                break;
            }
            if (o)
                key[o++] = ' ';
            for (size_t c = 0; c < l; c++)
                key[o++] = (char)tolower((unsigned char)s[tk[k].start + c]);
        }
        if (!fits)
            continue;
        key[o] = '\0';
        alias_slot *a = lookup(t, key, o);
        /* Plurals: "REST APIs", "microservices", "Dockerfiles". */
        if (!a && o > 3 && key[o - 1] == 's' && key[o - 2] != 's')
            a = lookup(t, key, o - 1);
        if (a && a->exact) {
            size_t l = tk[i].end - tk[i].start;
            if (w != 1 || strlen(a->exact) != l || memcmp(a->exact, s + tk[i].start, l) != 0)
                a = NULL;
        }
        if (a) {
            *skill = a->skill;
            return w;
        }
    }
    return 0;
}

/* Top-level domains that mark "name.tld/..." as a link, not "Node.js/Express". */
static const char *const link_tlds[] = {"com",  "org",  "net",  "io",  "dev",  "me",     "co", "ai",
                                        "app",  "edu",  "gov",  "in",  "uk",   "de",     "fr", "eu",
                                        "info", "site", "page", "xyz", "tech", "design", NULL};

/* Whether s[a..b) is (part of) an email address or a URL: a profile link
 * ("github.com/jdoe", "https://me.dev") names a site, not a skill. */
static bool in_link(const char *s, size_t len, size_t a, size_t b)
{
    if (memchr(s + a, '@', b - a))
        return true;
    if (b + 3 <= len && memcmp(s + b, "://", 3) == 0)
        return true; /* the scheme of a URL */
    if (a >= 3 && memcmp(s + a - 3, "://", 3) == 0)
        return true; /* the host after it */
    if (b - a > 4 && strncasecmp(s + a, "www.", 4) == 0)
        return true;
    const char *slash = memchr(s + a, '/', b - a);
    if (!slash)
        return false;
    size_t host_end = (size_t)(slash - s);
    size_t dot = host_end;
    while (dot > a && s[dot - 1] != '.')
        dot--;
    if (dot == a)
        return false;
    size_t tl = host_end - dot;
    for (size_t k = 0; link_tlds[k]; k++)
        if (strlen(link_tlds[k]) == tl && strncasecmp(s + dot, link_tlds[k], tl) == 0)
            return true;
    return false;
}

static int match_span(const cd_docs_taxonomy *t, const char *s, size_t len, size_t base, bool split,
                      cd_docs_skill_hits *out)
{
    size_t cap = 256, ntk = 0;
    tok *tk = malloc(cap * sizeof(*tk));
    if (!tk)
        return -1;
    size_t i = 0, st, en;
    while (next_token(s, len, &i, &st, &en, split)) {
        if (ntk == cap) {
            tok *nt = realloc(tk, cap * 2 * sizeof(*nt));
            if (!nt) {
                free(tk);
                return -1;
            }
            tk = nt;
            cap *= 2;
        }
        tk[ntk++] = (tok){st, en};
    }
    int rc = 0;
    for (size_t k = 0; k < ntk && rc == 0;) {
        if (!split && in_link(s, len, tk[k].start, tk[k].end)) {
            k++;
            continue;
        }
        int skill = -1;
        size_t w = match_at(t, s, tk, ntk, k, &skill);
        if (w) {
            rc = cd_docs_skill_hits_add(out, skill, 1, base + tk[k].start);
            k += w;
            continue;
        }
        /* "JavaScript/TypeScript", "React-Redux": try the parts. */
        if (!split && memchr(s + tk[k].start, '/', tk[k].end - tk[k].start))
            rc = match_span(t, s + tk[k].start, tk[k].end - tk[k].start, base + tk[k].start, true,
                            out);
        else if (!split && memchr(s + tk[k].start, '-', tk[k].end - tk[k].start))
            rc = match_span(t, s + tk[k].start, tk[k].end - tk[k].start, base + tk[k].start, true,
                            out);
        k++;
    }
    free(tk);
    return rc;
}

int cd_docs_skills_match(const cd_docs_taxonomy *t, const char *text, size_t len, size_t base,
                         cd_docs_skill_hits *out)
{
    if (!t || !text)
        return 0;
    return match_span(t, text, len, base, false, out);
}
