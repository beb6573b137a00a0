/* skills.h - the skills taxonomy (the JSON files in data/skills) and matching it in
 * text.
 *
 * Each data file is {"category": "...", "skills": ["Name|alias|alias", ...]}.
 * Matching is case-insensitive on whole tokens and token sequences
 * ("Spring Boot", "CI/CD", "Node.js", "C++", ".NET"); an alias written
 * "=Go" matches only with that exact case, for names that are also common
 * words (Go, R, Swift, Express, Spring). Loading refuses an alias claimed by
 * two skills so the data stays unambiguous.
 *
 * A taxonomy is built by cd_docs_taxonomy_load() and freed by
 * cd_docs_taxonomy_free(); it is immutable in between, so any number of
 * threads may match against one taxonomy at once. Hit lists are owned by
 * the caller (cd_docs_skill_hits_free). */
#ifndef CANDOR_DOCS_SKILLS_H
#define CANDOR_DOCS_SKILLS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Longest alias in words ("amazon web services elastic ..." is cut). */
#define CD_DOCS_SKILL_MAX_WORDS 5
#define CD_DOCS_SKILL_MAX_ALIAS 64
/* Data files and entries accepted (the curated set is ~1,000). */
#define CD_DOCS_TAXONOMY_MAX_FILES 64
#define CD_DOCS_TAXONOMY_MAX_SKILLS 20000
#define CD_DOCS_TAXONOMY_MAX_FILE_BYTES (1024 * 1024)

typedef struct cd_docs_taxonomy cd_docs_taxonomy;

/* Loads every .json file in dir (sorted by name). */
cd_docs_taxonomy *cd_docs_taxonomy_load(const char *dir, cd_err *err);
/* Loads one JSON document (tests, fuzzing). */
cd_docs_taxonomy *cd_docs_taxonomy_parse(const char *json, size_t len, cd_err *err);
void cd_docs_taxonomy_free(cd_docs_taxonomy *t);

size_t cd_docs_taxonomy_count(const cd_docs_taxonomy *t);
size_t cd_docs_taxonomy_alias_count(const cd_docs_taxonomy *t);
const char *cd_docs_skill_name(const cd_docs_taxonomy *t, int skill);
const char *cd_docs_skill_category(const cd_docs_taxonomy *t, int skill);
/* Skill id of a name or alias (any case), -1 when unknown. */
int cd_docs_skill_find(const cd_docs_taxonomy *t, const char *alias);

typedef struct cd_docs_skill_hit {
    int skill;
    int count;    /* mentions */
    size_t first; /* byte offset of the first mention */
} cd_docs_skill_hit;

typedef struct cd_docs_skill_hits {
    cd_docs_skill_hit *v; /* in order of first mention */
    size_t n, cap;
} cd_docs_skill_hits;

/* Adds the skills mentioned in text[0..len) to out (counts accumulate over
 * calls). `base` is added to offsets. 0, or -1 when memory runs out. */
int cd_docs_skills_match(const cd_docs_taxonomy *t, const char *text, size_t len, size_t base,
                         cd_docs_skill_hits *out);
const cd_docs_skill_hit *cd_docs_skill_hits_get(const cd_docs_skill_hits *h, int skill);
int cd_docs_skill_hits_add(cd_docs_skill_hits *h, int skill, int count, size_t first);
void cd_docs_skill_hits_free(cd_docs_skill_hits *h);

#endif
