/* education.c - degrees, schools and graduation years.
 * A degree is a keyword ("B.Sc.", "Master of Science", "PhD") on a line;
 * the school is a line nearby naming a University/College/Institute/School;
 * the year is the latest plausible year on those lines. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docs/resume.h"

typedef struct degree_word {
    const char *word;
    int level;
    const char *label;
} degree_word;

/* Longer forms first so "Master of Business Administration" wins over "Master". */
static const degree_word degree_words[] = {
    {"ph.d", 4, "PhD"},
    {"phd", 4, "PhD"},
    {"doctorate", 4, "PhD"},
    {"doctor of", 4, "PhD"},
    {"mba", 3, "MBA"},
    {"master of", 3, "Master"},
    {"master's", 3, "Master"},
    {"masters", 3, "Master"},
    {"master", 3, "Master"},
    {"m.sc", 3, "MSc"},
    {"msc", 3, "MSc"},
    {"m.s.", 3, "MS"},
    {"m.eng", 3, "MEng"},
    {"meng", 3, "MEng"},
    {"m.tech", 3, "MTech"},
    {"mtech", 3, "MTech"},
    {"m.a.", 3, "MA"},
    {"bachelor of", 2, "Bachelor"},
    {"bachelor's", 2, "Bachelor"},
    {"bachelors", 2, "Bachelor"},
    {"bachelor", 2, "Bachelor"},
    {"b.sc", 2, "BSc"},
    {"bsc", 2, "BSc"},
    {"b.s.", 2, "BS"},
    {"b.a.", 2, "BA"},
    {"b.tech", 2, "BTech"},
    {"btech", 2, "BTech"},
    {"b.eng", 2, "BEng"},
    {"beng", 2, "BEng"},
    {"b.e.", 2, "BE"},
    {"associate degree", 1, "Associate"},
    {"associate of", 1, "Associate"},
    {"diploma", 1, "Diploma"},
    {"bootcamp", 1, "Bootcamp"},
};

static const char *const school_words[] = {"university", "college",     "institute", "school",
                                           "academy",    "polytechnic", "universit", NULL};

static bool at_word(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    if (i + l > n || strncasecmp(s + i, w, l) != 0)
        return false;
    if (i > 0 && isalpha((unsigned char)s[i - 1]))
        return false;
    /* Forms ending in '.' or a space are complete; others need a word end. */
    char last = w[l - 1];
    return last == '.' || last == ' ' || i + l == n || !isalpha((unsigned char)s[i + l]);
}

static int latest_year(const char *s, size_t n)
{
    int best = 0;
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((i > 0 && isdigit((unsigned char)s[i - 1])) ||
            (i + 4 < n && isdigit((unsigned char)s[i + 4])))
            continue;
        if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) ||
            !isdigit((unsigned char)s[i + 2]) || !isdigit((unsigned char)s[i + 3]))
            continue;
        int y =
            (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1950 && y <= 2100 && y > best)
            best = y;
    }
    return best;
}

static bool has_school_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (const char *const *w = school_words; *w; w++)
            if (i + strlen(*w) <= n && strncasecmp(s + i, *w, strlen(*w)) == 0)
                return true;
    return false;
}

static void trim_copy(char *out, size_t cap, const char *s, size_t n)
{
    while (n && (isspace((unsigned char)*s) || *s == '|' || *s == '-'))
        s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '|' || s[n - 1] == ','))
        n--;
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), s);
}

size_t cd_docs_find_degrees(const char *text, size_t len, cd_docs_degree *out, size_t max)
{
    size_t n = 0;
    size_t i = 0, prev = 0, prev_len = 0;
    while (i < len && n < max) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *line = text + i;
        size_t ln = e - i;
        const degree_word *found = NULL;
        for (size_t p = 0; p < ln && !found; p++)
            for (size_t k = 0; k < sizeof(degree_words) / sizeof(degree_words[0]); k++)
                if (at_word(line, ln, p, degree_words[k].word)) {
                    found = &degree_words[k];
                    break;
                }
        if (found) {
            cd_docs_degree *d = &out[n++];
            memset(d, 0, sizeof(*d));
            d->level = found->level;
            snprintf(d->degree, sizeof(d->degree), "%s", found->label);
            /* The school: this line, the line before or the line after. */
            size_t nx = e < len ? e + 1 : len;
            const char *nl2 = memchr(text + nx, '\n', len - nx);
            size_t ne = nl2 ? (size_t)(nl2 - text) : len;
            if (has_school_word(line, ln))
                trim_copy(d->school, sizeof(d->school), line, ln);
            else if (prev_len && has_school_word(text + prev, prev_len))
                trim_copy(d->school, sizeof(d->school), text + prev, prev_len);
            else if (ne > nx && has_school_word(text + nx, ne - nx))
                trim_copy(d->school, sizeof(d->school), text + nx, ne - nx);
            d->year = latest_year(line, ln);
            if (!d->year && ne > nx)
                d->year = latest_year(text + nx, ne - nx);
            if (!d->year && prev_len)
                d->year = latest_year(text + prev, prev_len);
        }
        if (ln) {
            prev = i;
            prev_len = ln;
        }
        i = e + 1;
    }
    return n;
}
