/* test_fillers.c - filler rules on timed transcripts: fillers counted,
 * legitimate uses of the same words not counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fillers.h"

/* Words 0.3 s long, 0.05 s apart; "|" inserts a 0.6 s pause. */
static void words_from(const char *text, cd_audio_words *w)
{
    memset(w, 0, sizeof *w);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    double t = 0;
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        if (strcmp(tok, "|") == 0) {
            t += 0.6;
            continue;
        }
        cd_audio_words_push(w, tok, t, t + 0.3, 0.9);
        t += 0.35;
    }
}

/* Detected filler texts joined by ",". */
static void fillers_of(const char *text, char *out, size_t outsz, cd_audio_filler_stats *st)
{
    cd_audio_words w;
    cd_audio_events ev = {0};
    words_from(text, &w);
    assert_int_equal(cd_audio_detect_fillers(&w, &ev, st), 0);
    out[0] = '\0';
    for (size_t i = 0; i < ev.n; i++)
        if (strcmp(ev.v[i].kind, "filler") == 0) {
            size_t l = strlen(out);
            snprintf(out + l, outsz - l, "%s%s", l ? "," : "", ev.v[i].detail);
        }
    cd_audio_events_free(&ev);
    cd_audio_words_free(&w);
}

static void expect(const char *text, const char *want)
{
    char got[256];
    cd_audio_filler_stats st;
    fillers_of(text, got, sizeof got, &st);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\": fillers [%s], expected [%s]", text, got, want);
}

static void test_vocal(void **state)
{
    (void)state;
    expect("um i think uh we shipped it", "um,uh");
    expect("hmm let me think er yes", "hmm,er");
}

static void test_like(void **state)
{
    (void)state;
    expect("i like python", "");
    expect("i would like to join the team", "");
    expect("it looks like a bug", "");
    expect("it feels like a good fit", "");
    expect("this role feels like a good match", "");
    expect("it felt like home", "");
    expect("and it was like really slow", "like");
    expect("we had like five servers", "like");
    expect("| like i said we had a plan", "like");
    /* a verb of perception compares even when a pause splits it from "like" */
    expect("what does a normal week look | like here", "");
    expect("it was built like a tank", "");
    expect("i had never | like used it", "like");
}

static void test_you_know_i_mean(void **state)
{
    (void)state;
    expect("do you know python", "");
    expect("you know how it works", "");
    expect("it was you know hard", "you know");
    expect("the hardest part | i mean | the database", "i mean");
    expect("i mean it", "");
    expect("i mean it's when i say it breaks", "");
    expect("i mean | it's not that bad", "i mean");
    /* "that" as the subject after the filler, opening a sentence (round 4) */
    expect("perks | you know that matters to me", "you know");
    expect("perks | you know that we ship on fridays", "");
    expect("i mean it has to solve a real problem", "i mean");
    expect("i mean it when i say it", "");
}

static void test_kind_of_so_and_adverbs(void **state)
{
    (void)state;
    expect("what kind of problems did we find", "");
    expect("it was kind of slow", "kind of");
    expect("we sort of rewrote it", "sort of");
    expect("so we started with tests", "so");
    expect("it was so much work", "");
    expect("we did it | so the team grew", "so");
    expect("basically we tested it actually", "basically,actually");
}

static void test_repetitions_and_restarts(void **state)
{
    (void)state;
    char got[256];
    cd_audio_filler_stats st;
    fillers_of("we we built the the system", got, sizeof got, &st);
    assert_int_equal(st.repetitions, 2);
    fillers_of("i was i was leading the team", got, sizeof got, &st);
    assert_int_equal(st.restarts, 1);
    fillers_of("i um i decided", got, sizeof got, &st);
    assert_int_equal(st.restarts, 1);
    assert_int_equal(st.vocal, 1);
    fillers_of("he had had enough", got, sizeof got, &st);
    assert_int_equal(st.repetitions, 0);
    fillers_of("", got, sizeof got, &st);
    assert_int_equal(st.vocal + st.lexical + st.repetitions + st.restarts, 0);
}

static void test_event_times(void **state)
{
    (void)state;
    cd_audio_words w;
    cd_audio_events ev = {0};
    cd_audio_filler_stats st;
    words_from("it was you know hard", &w);
    assert_int_equal(cd_audio_detect_fillers(&w, &ev, &st), 0);
    assert_int_equal(ev.n, 1);
    /* "you" starts at 0.70 s, "know" ends at 1.35 s. */
    assert_float_equal(ev.v[0].start, 0.70, 1e-9);
    assert_float_equal(ev.v[0].end, 1.35, 1e-9);
    cd_audio_events_free(&ev);
    cd_audio_words_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocal),
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_you_know_i_mean),
        cmocka_unit_test(test_kind_of_so_and_adverbs),
        cmocka_unit_test(test_repetitions_and_restarts),
        cmocka_unit_test(test_event_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
