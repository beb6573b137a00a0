/* star.h - STAR structure (Situation, Task, Action, Result) and
 * first-person actions in a doc.
 *
 * Each part is found by sentence cues: situation by time/context phrases
 * ("last year", "at my internship", a year such as 2023) or, failing that,
 * an opening sentence that sets a scene ("was"/"were" before any action);
 * task by ownership phrases ("my task was", "I had to", "the goal was");
 * action by a first-person subject and an action verb ("I wrote", "I then
 * set up") that is not hypothetical ("I would ..."); result by outcome
 * phrases and verbs ("as a result", "reduced", "which led to"), marked
 * quantified when its sentence holds a number. Pure functions over an
 * immutable doc: any thread may call. */
#ifndef CANDOR_TEXT_STAR_H
#define CANDOR_TEXT_STAR_H

#include <stdbool.h>
#include <stddef.h>

#include "text/doc.h"
#include "text/lexicon.h"

typedef enum cd_text_star_part_id {
    CD_STAR_SITUATION,
    CD_STAR_TASK,
    CD_STAR_ACTION,
    CD_STAR_RESULT,
    CD_STAR_PARTS
} cd_text_star_part_id;

typedef struct cd_text_star_part {
    bool present;
    size_t sentence;   /* evidence sentence */
    size_t start, end; /* its bytes */
    bool quantified;   /* result only: the sentence has a number */
} cd_text_star_part;

typedef struct cd_text_star {
    cd_text_star_part part[CD_STAR_PARTS];
} cd_text_star;

/* Names "situation", "task", "action", "result". */
const char *cd_text_star_part_name(cd_text_star_part_id id);

/* First-person actions: one hit per "I <verb>" (tokens from "I" to the verb). */
int cd_text_find_actions(const cd_text_doc *doc, cd_text_hits *out);

/* Fills *out; -1 when memory runs out. */
int cd_text_detect_star(const cd_text_doc *doc, cd_text_star *out);

#endif
