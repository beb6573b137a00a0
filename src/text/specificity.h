/* specificity.h - concrete details in a doc: numbers and units, named
 * technologies, other named things (capitalised names, acronyms), first-
 * person actions and example markers ("for example", "in my project").
 *
 * cd_text_find_specifics() fills caller-owned hit lists (free them with
 * cd_text_specifics_free). Hits are in text order; the same name said twice
 * is listed twice (callers count distinct labels when scoring). Pure
 * functions over an immutable doc: any thread may call. */
#ifndef CANDOR_TEXT_SPECIFICITY_H
#define CANDOR_TEXT_SPECIFICITY_H

#include "text/doc.h"
#include "text/lexicon.h"

typedef struct cd_text_specifics {
    cd_text_hits numbers;  /* "40%", "200ms", "3", "2023", "three weeks" */
    cd_text_hits tech;     /* known technologies (label = list entry) */
    cd_text_hits named;    /* other proper names and acronyms (label = NULL) */
    cd_text_hits actions;  /* "I wrote", "I set up" */
    cd_text_hits examples; /* "for example", "in my last project" */
} cd_text_specifics;

int cd_text_find_specifics(const cd_text_doc *doc, cd_text_specifics *out);
void cd_text_specifics_free(cd_text_specifics *s);

#endif
