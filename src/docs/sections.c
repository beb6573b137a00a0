/* sections.c - headings -> sections.
 *
 * A heading is a short line whose words (case folded, "&" read as "and",
 * a trailing colon dropped) name a known section. Resumes use many words
 * for one section ("Work History", "Professional Experience"), all listed
 * here. A short ALL-CAPS line we do not know still starts a section
 * (CD_SEC_OTHER, not standard): ATS parsers would not know it either. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "docs/resume.h"

typedef struct heading_word {
    const char *text;
    cd_docs_section_id id;
    bool standard;
} heading_word;

static const heading_word headings[] = {
    {"summary", CD_SEC_SUMMARY, true},
    {"professional summary", CD_SEC_SUMMARY, true},
    {"career summary", CD_SEC_SUMMARY, true},
    {"profile", CD_SEC_SUMMARY, true},
    {"professional profile", CD_SEC_SUMMARY, true},
    {"about", CD_SEC_SUMMARY, false},
    {"about me", CD_SEC_SUMMARY, false},
    {"objective", CD_SEC_SUMMARY, true},
    {"career objective", CD_SEC_SUMMARY, true},
    {"overview", CD_SEC_SUMMARY, true},
    {"experience", CD_SEC_EXPERIENCE, true},
    {"work experience", CD_SEC_EXPERIENCE, true},
    {"professional experience", CD_SEC_EXPERIENCE, true},
    {"employment", CD_SEC_EXPERIENCE, true},
    {"employment history", CD_SEC_EXPERIENCE, true},
    {"work history", CD_SEC_EXPERIENCE, true},
    {"career history", CD_SEC_EXPERIENCE, true},
    {"relevant experience", CD_SEC_EXPERIENCE, true},
    {"experience and employment", CD_SEC_EXPERIENCE, true},
    {"industry experience", CD_SEC_EXPERIENCE, true},
    {"positions", CD_SEC_EXPERIENCE, false},
    {"where i have worked", CD_SEC_EXPERIENCE, false},
    {"my journey", CD_SEC_EXPERIENCE, false},
    {"career", CD_SEC_EXPERIENCE, false},
    {"internships", CD_SEC_EXPERIENCE, true},
    {"education", CD_SEC_EDUCATION, true},
    {"academic background", CD_SEC_EDUCATION, true},
    {"education and training", CD_SEC_EDUCATION, true},
    {"academics", CD_SEC_EDUCATION, true},
    {"academic history", CD_SEC_EDUCATION, true},
    {"qualifications", CD_SEC_EDUCATION, false},
    {"education and certifications", CD_SEC_EDUCATION, true},
    {"skills", CD_SEC_SKILLS, true},
    {"technical skills", CD_SEC_SKILLS, true},
    {"core skills", CD_SEC_SKILLS, true},
    {"key skills", CD_SEC_SKILLS, true},
    {"core competencies", CD_SEC_SKILLS, true},
    {"competencies", CD_SEC_SKILLS, true},
    {"technologies", CD_SEC_SKILLS, true},
    {"tech stack", CD_SEC_SKILLS, false},
    {"tools", CD_SEC_SKILLS, true},
    {"tools and technologies", CD_SEC_SKILLS, true},
    {"skills and tools", CD_SEC_SKILLS, true},
    {"skills and technologies", CD_SEC_SKILLS, true},
    {"areas of expertise", CD_SEC_SKILLS, true},
    {"expertise", CD_SEC_SKILLS, true},
    {"toolbox", CD_SEC_SKILLS, false},
    {"what i work with", CD_SEC_SKILLS, false},
    {"projects", CD_SEC_PROJECTS, true},
    {"personal projects", CD_SEC_PROJECTS, true},
    {"selected projects", CD_SEC_PROJECTS, true},
    {"key projects", CD_SEC_PROJECTS, true},
    {"side projects", CD_SEC_PROJECTS, true},
    {"open source", CD_SEC_PROJECTS, true},
    {"open source contributions", CD_SEC_PROJECTS, true},
    {"things i built", CD_SEC_PROJECTS, false},
    {"certifications", CD_SEC_CERTIFICATIONS, true},
    {"certificates", CD_SEC_CERTIFICATIONS, true},
    {"licenses and certifications", CD_SEC_CERTIFICATIONS, true},
    {"certifications and licenses", CD_SEC_CERTIFICATIONS, true},
    {"courses", CD_SEC_CERTIFICATIONS, true},
    {"training", CD_SEC_CERTIFICATIONS, true},
    {"achievements", CD_SEC_ACHIEVEMENTS, true},
    {"awards", CD_SEC_ACHIEVEMENTS, true},
    {"honors", CD_SEC_ACHIEVEMENTS, true},
    {"honours", CD_SEC_ACHIEVEMENTS, true},
    {"honors and awards", CD_SEC_ACHIEVEMENTS, true},
    {"awards and honors", CD_SEC_ACHIEVEMENTS, true},
    {"accomplishments", CD_SEC_ACHIEVEMENTS, true},
    {"key achievements", CD_SEC_ACHIEVEMENTS, true},
    {"publications", CD_SEC_OTHER, true},
    {"languages", CD_SEC_OTHER, true},
    {"interests", CD_SEC_OTHER, true},
    {"hobbies", CD_SEC_OTHER, true},
    {"volunteering", CD_SEC_OTHER, true},
    {"volunteer experience", CD_SEC_OTHER, true},
    {"references", CD_SEC_OTHER, true},
    {"activities", CD_SEC_OTHER, true},
    {"leadership", CD_SEC_OTHER, true},
    {"contact", CD_SEC_OTHER, true},
    {"additional information", CD_SEC_OTHER, true},
};

const char *cd_docs_section_name(cd_docs_section_id id)
{
    static const char *const names[CD_SEC_COUNT] = {"header",         "summary",      "experience",
                                                    "education",      "skills",       "projects",
                                                    "certifications", "achievements", "other"};
    return id < CD_SEC_COUNT ? names[id] : "other";
}

/* Folds a candidate heading line to lowercase words separated by one
 * space, "&" -> "and", punctuation dropped; false when it cannot be one. */
static bool fold(const char *s, size_t n, char *out, size_t cap, size_t *words, bool *caps)
{
    size_t o = 0;
    int letters = 0, upper = 0;
    *words = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c)) {
            if (!in_word) {
                if (*words == CD_DOCS_HEADING_MAX_WORDS)
                    return false;
                if (o && o + 1 < cap)
                    out[o++] = ' ';
                (*words)++;
                in_word = true;
            }
            letters++;
            upper += isupper(c) != 0;
            if (o + 1 >= cap)
                return false;
            out[o++] = (char)tolower(c);
        } else if (c == '&') {
            if (o + 5 >= cap)
                return false;
            if (o)
                out[o++] = ' ';
            memcpy(out + o, "and", 3);
            o += 3;
            (*words)++;
            in_word = false;
        } else if (isdigit(c) || c == '@') {
            return false; /* dates, emails, phone numbers are never headings */
        } else {
            in_word = false;
        }
    }
    out[o] = '\0';
    *caps = letters >= 3 && upper == letters;
    return o > 0;
}

static const heading_word *known(const char *folded)
{
    for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
        if (strcmp(headings[i].text, folded) == 0)
            return &headings[i];
    return NULL;
}

/* If line[0..n) is a heading, sets the section fields and returns the
 * offset where its body starts on the same line (n when it does not). */
static bool is_heading(const char *line, size_t n, cd_docs_section *sec, size_t *body)
{
    size_t a = 0;
    while (a < n && (line[a] == ' ' || line[a] == '#' || line[a] == '*' || line[a] == '='))
        a++;
    size_t b = n;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '*' || line[b - 1] == '='))
        b--;
    *body = n;
    /* "Skills: Go, SQL" - a heading with its body on the same line. */
    const char *colon = memchr(line + a, ':', b - a);
    if (colon && (size_t)(colon - line) <= a + CD_DOCS_HEADING_MAX_BYTES) {
        char f[CD_DOCS_HEADING_MAX_BYTES * 2];
        size_t w;
        bool caps;
        if (fold(line + a, (size_t)(colon - line) - a, f, sizeof(f), &w, &caps)) {
            const heading_word *h = known(f);
            if (h && (size_t)(colon - line) + 1 < b) {
                sec->id = h->id;
                sec->standard = h->standard;
                snprintf(sec->heading, sizeof(sec->heading), "%.*s", (int)(colon - line - (long)a),
                         line + a);
                *body = (size_t)(colon - line) + 1;
                return true;
            }
        }
    }
    if (b > a && line[b - 1] == ':')
        b--;
    if (b - a == 0 || b - a > CD_DOCS_HEADING_MAX_BYTES)
        return false;
    char f[CD_DOCS_HEADING_MAX_BYTES * 2];
    size_t w;
    bool caps;
    if (!fold(line + a, b - a, f, sizeof(f), &w, &caps))
        return false;
    const heading_word *h = known(f);
    if (!h) {
        /* Unknown short ALL-CAPS line without sentence punctuation. */
        if (!caps || w > 4 || memchr(line + a, ',', b - a) || memchr(line + a, '.', b - a) ||
            memchr(line + a, '|', b - a))
            return false;
        sec->id = CD_SEC_OTHER;
        sec->standard = false;
    } else {
        sec->id = h->id;
        sec->standard = h->standard;
    }
    snprintf(sec->heading, sizeof(sec->heading), "%.*s", (int)(b - a), line + a);
    return true;
}

size_t cd_docs_find_sections(const char *text, size_t len, cd_docs_section *out, size_t max)
{
    if (max == 0)
        return 0;
    size_t n = 1;
    memset(&out[0], 0, sizeof(out[0]));
    out[0].id = CD_SEC_HEADER;
    out[0].standard = true;
    out[0].start = 0;
    size_t i = 0;
    bool first_line = true;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        cd_docs_section sec = {0};
        size_t body;
        /* The first line is the name, even in capitals. */
        /* "Languages: Go, C" or "Tools: Git" inside a skills section is a skill group, not a
         * new section (the word also names the spoken-languages section). */
        if (!first_line && e > i && n < max && is_heading(text + i, e - i, &sec, &body) &&
            !(body < e - i && out[n - 1].id == CD_SEC_SKILLS &&
              (sec.id == CD_SEC_OTHER || sec.id == CD_SEC_SKILLS))) {
            out[n - 1].end = i;
            sec.start = i + body < e ? i + body : (e < len ? e + 1 : e);
            out[n++] = sec;
        }
        if (e > i)
            first_line = false;
        i = e + 1;
    }
    out[n - 1].end = len;
    return n;
}
