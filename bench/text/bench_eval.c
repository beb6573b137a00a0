/* bench_eval - speed and agreement of the offline answer evaluator.
 *
 * Usage: bench_eval labelled.json
 * Reads { questions: {id: Question}, answers: [{question, label, text}] }
 * where label is the verdict a human gave: strong (expect >= 7), partial
 * (4 to 7) or weak (< 4). Prints per-answer scores, the agreement between
 * labels and the evaluator's verdicts, the pairwise ordering accuracy
 * (strong > partial > weak on the same question) and the CPU time per
 * evaluation of each answer and of a ~300-word answer. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/fs.h"
#include "interview/evaluate.h"

#define MAX_Q 32
#define MAX_ITEMS 64

typedef struct qbuf {
    cd_question_spec q;
    const char *points[CD_EVAL_MAX_POINTS];
    const char *keywords[CD_EVAL_MAX_KEYWORDS];
} qbuf;

static int load_question(json_t *j, qbuf *b)
{
    memset(b, 0, sizeof *b);
    b->q.id = json_string_value(json_object_get(j, "id"));
    b->q.type = json_string_value(json_object_get(j, "type"));
    b->q.difficulty = json_string_value(json_object_get(j, "difficulty"));
    b->q.text = json_string_value(json_object_get(j, "text"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(j, "talking_points"), i, v) if (i < CD_EVAL_MAX_POINTS)
        b->points[b->q.n_talking_points++] = json_string_value(v);
    json_array_foreach(json_object_get(j, "keywords"), i, v) if (i < CD_EVAL_MAX_KEYWORDS)
        b->keywords[b->q.n_keywords++] = json_string_value(v);
    b->q.talking_points = b->points;
    b->q.keywords = b->keywords;
    return b->q.text ? 0 : -1;
}

/* CPU time of this process: the build machine is shared, so wall time
 * would measure the neighbours too. */
static long long cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static const char *verdict(double s)
{
    return s >= 7 ? "strong" : s >= 4 ? "partial" : "weak";
}

static int rank(const char *label)
{
    return strcmp(label, "strong") == 0 ? 2 : strcmp(label, "partial") == 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_eval labelled.json\n");
        return 2;
    }
    cd_err err = {0};
    size_t len;
    char *data = cd_read_file(argv[1], 1 << 20, &len, &err);
    if (!data) {
        fprintf(stderr, "bench_eval: %s\n", err.msg);
        return 1;
    }
    json_error_t je;
    json_t *root = json_loadb(data, len, 0, &je);
    free(data);
    if (!root) {
        fprintf(stderr, "bench_eval: %s line %d\n", je.text, je.line);
        return 1;
    }
    static qbuf qs[MAX_Q];
    const char *qids[MAX_Q];
    size_t nq = 0;
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(root, "questions"), key, v)
    {
        if (nq < MAX_Q && load_question(v, &qs[nq]) == 0)
            qids[nq++] = key;
    }
    struct {
        size_t q;
        const char *label, *text;
        double score, us;
    } items[MAX_ITEMS];
    size_t n = 0, agree = 0;
    size_t i;
    printf("%-8s %-8s %-8s %6s %8s  %s\n", "question", "label", "verdict", "score", "cpu us",
           "answer");
    json_array_foreach(json_object_get(root, "answers"), i, v)
    {
        if (n >= MAX_ITEMS)
            break;
        const char *qid = json_string_value(json_object_get(v, "question"));
        size_t q = 0;
        while (q < nq && strcmp(qids[q], qid ? qid : "") != 0)
            q++;
        if (q == nq)
            continue;
        items[n].q = q;
        items[n].label = json_string_value(json_object_get(v, "label"));
        items[n].text = json_string_value(json_object_get(v, "text"));
        const int reps = 200;
        long long t0 = cpu_ns();
        double s = 0;
        for (int r = 0; r < reps; r++) {
            json_t *ev = cd_evaluate_answer(&qs[q].q, items[n].text, 0, false, NULL, &err);
            if (!ev) {
                fprintf(stderr, "bench_eval: %s\n", err.msg);
                return 1;
            }
            s = json_number_value(json_object_get(json_object_get(ev, "scores"), "overall"));
            json_decref(ev);
        }
        items[n].us = (double)(cpu_ns() - t0) / reps / 1000.0;
        items[n].score = s;
        bool ok = strcmp(verdict(s), items[n].label) == 0;
        agree += ok;
        printf("%-8s %-8s %-8s %6.1f %8.1f  %.50s%s\n", qids[q], items[n].label, verdict(s), s,
               items[n].us, items[n].text, ok ? "" : "   <-- disagrees");
        n++;
    }
    /* ordering: every pair on the same question with different labels */
    size_t pairs = 0, ordered = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            if (items[a].q == items[b].q && rank(items[a].label) > rank(items[b].label)) {
                pairs++;
                ordered += items[a].score > items[b].score;
            }
    /* a ~300-word answer: the strong answers of the set, joined */
    char long_answer[8192] = "";
    size_t words = 0;
    size_t long_q = 0;
    for (size_t a = 0; a < n && words < 300; a++)
        if (strcmp(items[a].label, "strong") == 0) {
            strncat(long_answer, items[a].text, sizeof long_answer - strlen(long_answer) - 2);
            strcat(long_answer, " ");
            for (const char *p = items[a].text; *p; p++)
                words += *p == ' ';
        }
    const int reps = 2000;
    long long t0 = cpu_ns();
    for (int r = 0; r < reps; r++)
        json_decref(cd_evaluate_answer(&qs[long_q].q, long_answer, 0, false, NULL, &err));
    double us = (double)(cpu_ns() - t0) / reps / 1000.0;
    printf("\nagreement with labels: %zu/%zu (%.0f%%)\n", agree, n, n ? 100.0 * agree / n : 0);
    printf("ordering (strong > partial > weak, same question): %zu/%zu pairs\n", ordered, pairs);
    printf("evaluation CPU time, ~%zu-word answer: %.1f us (%d runs)\n", words, us, reps);
    json_decref(root);
    return 0;
}
