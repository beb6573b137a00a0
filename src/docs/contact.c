/* contact.c - name, email, phone and profile links from the top of a
 * resume (links anywhere). Plain scanning, no regex engine: each pattern is
 * small and bounded by the field sizes in cd_docs_contact. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docs/resume.h"

#define CONTACT_NAME_LINES 5 /* the name is one of the first lines */

static bool email_byte(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

static void find_email(const char *s, size_t n, cd_docs_contact *c)
{
    for (size_t i = 1; i + 3 < n; i++) {
        if (s[i] != '@' || !email_byte((unsigned char)s[i - 1]))
            continue;
        size_t a = i, b = i + 1;
        while (a > 0 && email_byte((unsigned char)s[a - 1]))
            a--;
        while (b < n && email_byte((unsigned char)s[b]))
            b++;
        while (b > i && s[b - 1] == '.')
            b--;
        const char *dot = memchr(s + i, '.', b - i);
        if (!dot || dot == s + i + 1 || b - a >= sizeof(c->email))
            continue;
        snprintf(c->email, sizeof(c->email), "%.*s", (int)(b - a), s + a);
        return;
    }
}

/* 10..15 digits with + ( ) - . and spaces between: a phone number. Years
 * ("2019 - 2021") have too few digits to qualify. */
static void find_phone(const char *s, size_t n, cd_docs_contact *c)
{
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] == '+' || s[i] == '(' || isdigit((unsigned char)s[i])))
            continue;
        if (i > 0 && (isalnum((unsigned char)s[i - 1])))
            continue;
        size_t j = i, digits = 0, last_digit = i;
        while (j < n && (isdigit((unsigned char)s[j]) || strchr("+()-. ", s[j]))) {
            if (isdigit((unsigned char)s[j])) {
                digits++;
                last_digit = j;
            }
            if (s[j] == ' ' && j + 1 < n && s[j + 1] == ' ')
                break;
            j++;
        }
        if (digits >= 10 && digits <= 15 && last_digit - i < sizeof(c->phone)) {
            snprintf(c->phone, sizeof(c->phone), "%.*s", (int)(last_digit + 1 - i), s + i);
            return;
        }
        i = j;
    }
}

static void find_link(const char *s, size_t n, const char *host, char *out, size_t cap)
{
    size_t hl = strlen(host);
    for (size_t i = 0; i + hl <= n; i++) {
        if (strncasecmp(s + i, host, hl) != 0 ||
            (i > 0 && isalnum((unsigned char)s[i - 1]) && s[i - 1] != '.'))
            continue;
        size_t a = i;
        while (a > 0 && !isspace((unsigned char)s[a - 1]) && s[a - 1] != '|' && s[a - 1] != '(')
            a--;
        size_t b = i + hl;
        while (b < n && !isspace((unsigned char)s[b]) && s[b] != '|' && s[b] != ')' && s[b] != ',')
            b++;
        if (b - a < cap) {
            snprintf(out, cap, "%.*s", (int)(b - a), s + a);
            return;
        }
    }
}

static void find_website(const char *s, size_t n, cd_docs_contact *c)
{
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "http", 4) != 0 && strncasecmp(s + i, "www.", 4) != 0)
            continue;
        size_t b = i;
        while (b < n && !isspace((unsigned char)s[b]) && s[b] != '|' && s[b] != ')')
            b++;
        if (b - i >= sizeof(c->website))
            continue;
        char url[160];
        snprintf(url, sizeof(url), "%.*s", (int)(b - i), s + i);
        if (strcasestr(url, "linkedin.") || strcasestr(url, "github."))
            continue;
        snprintf(c->website, sizeof(c->website), "%s", url);
        return;
    }
}

/* 2..4 capitalised words, letters (and - ' .) only: a person's name. */
static bool looks_like_name(const char *s, size_t n)
{
    int words = 0;
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ') {
            start = true;
            continue;
        }
        if (!(isalpha(ch) || ch >= 0x80 || ch == '-' || ch == '\'' || ch == '.'))
            return false;
        if (start) {
            if (!(isupper(ch) || ch >= 0x80))
                return false;
            words++;
            start = false;
        }
    }
    return words >= 2 && words <= 4;
}

void cd_docs_find_contact(const char *text, size_t len, cd_docs_contact *c)
{
    memset(c, 0, sizeof(*c));
    find_email(text, len, c);
    find_link(text, len, "linkedin.com/", c->linkedin, sizeof(c->linkedin));
    find_link(text, len, "github.com/", c->github, sizeof(c->github));
    find_website(text, len, c);
    /* The phone is in the header: search the first lines only, so that
     * numbers in the body (IDs, metrics) are not taken for one. */
    size_t i = 0, line = 0, head_end = len;
    while (i < len && line < 12) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (line < CONTACT_NAME_LINES && !c->name[0]) {
            size_t a = i, b = e;
            while (a < b && isspace((unsigned char)text[a]))
                a++;
            while (b > a && isspace((unsigned char)text[b - 1]))
                b--;
            /* "Jane Doe | jane@x.io": the name is the first cell. */
            const char *bar = memchr(text + a, '|', b - a);
            if (bar)
                b = (size_t)(bar - text);
            while (b > a && isspace((unsigned char)text[b - 1]))
                b--;
            if (b > a && b - a < sizeof(c->name) && looks_like_name(text + a, b - a))
                snprintf(c->name, sizeof(c->name), "%.*s", (int)(b - a), text + a);
        }
        if (e > i)
            line++;
        i = e + 1;
        head_end = i < len ? i : len;
    }
    find_phone(text, head_end, c);
}
