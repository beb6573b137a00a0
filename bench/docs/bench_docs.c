/* bench_docs.c - resume extraction quality and speed over bench/docs/resumes.
 *
 * Each NN-name.txt is a resume we wrote; NN-name.labels says how to lay it
 * out and what a reader should find:
 *   format: pdf | pdf2 (two columns; "\f" line splits them) | docx | text
 *   skills: Go, PostgreSQL, ...     (canonical names or aliases)
 *   sections: summary experience education skills projects ...
 * The document is generated here (tests/unit/docs/helper_docs.c writes the
 * PDF and DOCX), then extracted and parsed as an upload would be.
 *
 * Reports micro-averaged skill precision/recall, section detection
 * accuracy = correct / (expected + spurious), and parse time (extract +
 * resume parse; taxonomy loaded once) per document: p50/p95 over all, and
 * over the two-page PDFs, which is the 150 ms target.
 *
 * usage: bench_docs RESUMES_DIR SKILLS_DIR OUT_JSON [RUNS] */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fs.h"
#include "docs/extract.h"
#include "docs/resume.h"
#include "helper_docs.h"

#define MAX_FILE (256 * 1024)
#define MAX_RESUMES 200
#define MAX_SAMPLES 20000

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof(*v), cmp_dbl);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i];
}

/* The value of "key:" in the labels text, copied into out. */
static bool label(const char *labels, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = labels; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
            const char *v = p + kl + 1;
            while (*v == ' ')
                v++;
            size_t n = strcspn(v, "\n");
            if (n >= cap)
                n = cap - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return true;
        }
    }
    out[0] = 0;
    return false;
}

static char *make_doc(const char *format, const char *body, size_t *len)
{
    if (!strcmp(format, "pdf"))
        return helper_pdf_from_text(body, 1, len);
    if (!strcmp(format, "pdf2"))
        return helper_pdf_from_text(body, 2, len);
    if (!strcmp(format, "docx"))
        return helper_docx_from_text(body, len);
    /* text: the body without column breaks */
    char *t = malloc(strlen(body) + 1);
    size_t n = 0;
    for (const char *p = body; *p;) {
        size_t l = strcspn(p, "\n");
        if (!(l == 1 && p[0] == '\f')) {
            memcpy(t + n, p, l);
            n += l;
            t[n++] = '\n';
        }
        p += l + (p[l] == '\n');
    }
    t[n] = 0;
    *len = n;
    return t;
}

static cd_docs_section_id section_id(const char *name)
{
    for (int i = 0; i < CD_SEC_COUNT; i++)
        if (!strcasecmp(name, cd_docs_section_name((cd_docs_section_id)i)))
            return (cd_docs_section_id)i;
    return CD_SEC_COUNT;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s RESUMES_DIR SKILLS_DIR OUT_JSON [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 4 ? atoi(argv[4]) : 30;
    if (runs < 1)
        runs = 1;
    cd_err err = {0};
    cd_docs_taxonomy *tax = cd_docs_taxonomy_load(argv[2], &err);
    if (!tax) {
        fprintf(stderr, "taxonomy: %s\n", err.msg);
        return 1;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 1;
    }
    char *names[MAX_RESUMES];
    size_t nn = 0;
    for (struct dirent *e; (e = readdir(d)) && nn < MAX_RESUMES;) {
        size_t l = strlen(e->d_name);
        if (l > 7 && !strcmp(e->d_name + l - 7, ".labels"))
            names[nn++] = strndup(e->d_name, l - 7);
    }
    closedir(d);
    qsort(names, nn, sizeof(*names), cmp_str);

    static double all_ms[MAX_SAMPLES], two_ms[MAX_SAMPLES];
    size_t n_all = 0, n_two = 0;
    long tp = 0, fp = 0, fn = 0, sec_expected = 0, sec_correct = 0, sec_spurious = 0;
    size_t exact_sections = 0;
    json_t *per = json_array();
    json_t *formats = json_object();
    for (size_t k = 0; k < nn; k++) {
        char path[1024], format[32], skills[4096], sections[512];
        snprintf(path, sizeof(path), "%s/%s.labels", argv[1], names[k]);
        size_t llen, blen, dlen;
        char *labels = cd_read_file(path, MAX_FILE, &llen, &err);
        snprintf(path, sizeof(path), "%s/%s.txt", argv[1], names[k]);
        char *body = cd_read_file(path, MAX_FILE, &blen, &err);
        if (!labels || !body) {
            fprintf(stderr, "%s: %s\n", names[k], err.msg);
            return 1;
        }
        label(labels, "format", format, sizeof(format));
        label(labels, "skills", skills, sizeof(skills));
        label(labels, "sections", sections, sizeof(sections));
        char *doc = make_doc(format, body, &dlen);
        json_object_set_new(formats, format,
                            json_integer(json_integer_value(json_object_get(formats, format)) + 1));

        cd_docs_text t;
        cd_docs_resume r;
        double ms[1024];
        int nr = runs < 1024 ? runs : 1024;
        for (int i = 0; i < nr; i++) {
            long long t0 = cd_now_ns();
            if (cd_docs_extract(doc, dlen, &t, &err) != 0 ||
                cd_docs_resume_parse(tax, t.text, t.len, 2024 * 12 + 5, &r, &err) != 0) {
                fprintf(stderr, "%s: %s\n", names[k], err.msg);
                return 1;
            }
            ms[i] = (double)(cd_now_ns() - t0) / 1e6;
            if (i + 1 < nr) {
                cd_docs_resume_free(&r);
                cd_docs_text_free(&t);
            }
        }
        bool two_page_pdf = t.format == CD_DOCS_PDF && t.layout.pages == 2;
        for (int i = 0; i < nr; i++) {
            if (n_all < MAX_SAMPLES)
                all_ms[n_all++] = ms[i];
            if (two_page_pdf && n_two < MAX_SAMPLES)
                two_ms[n_two++] = ms[i];
        }

        /* skills: expected (labels) vs found */
        json_t *missed = json_array(), *extra = json_array();
        int expected_ids[512];
        size_t ne = 0;
        for (char *save = NULL, *tok = strtok_r(skills, ",", &save); tok && ne < 512;
             tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ')
                tok++;
            size_t l = strlen(tok);
            while (l && tok[l - 1] == ' ')
                tok[--l] = 0;
            int id = cd_docs_skill_find(tax, tok);
            if (id < 0) {
                /* a skill the taxonomy lacks: a miss like any other */
                char note[160];
                snprintf(note, sizeof(note), "%s (not in taxonomy)", tok);
                fn++;
                json_array_append_new(missed, json_string(note));
                continue;
            }
            expected_ids[ne++] = id;
            if (cd_docs_skill_hits_get(&r.skills, id))
                tp++;
            else {
                fn++;
                json_array_append_new(missed, json_string(cd_docs_skill_name(tax, id)));
            }
        }
        for (size_t i = 0; i < r.skills.n; i++) {
            bool want = false;
            for (size_t j = 0; j < ne && !want; j++)
                want = expected_ids[j] == r.skills.v[i].skill;
            if (!want) {
                fp++;
                json_array_append_new(extra,
                                      json_string(cd_docs_skill_name(tax, r.skills.v[i].skill)));
            }
        }
        /* sections as multisets of ids: a resume with three "other"
         * sections must have three found, and an extra one is spurious */
        int want[CD_SEC_COUNT] = {0}, got[CD_SEC_COUNT] = {0};
        long exp_here = 0, ok_here = 0, spur_here = 0;
        for (char *save = NULL, *tok = strtok_r(sections, " ,", &save); tok;
             tok = strtok_r(NULL, " ,", &save)) {
            cd_docs_section_id id = section_id(tok);
            if (id == CD_SEC_COUNT) {
                fprintf(stderr, "%s: unknown section label %s\n", names[k], tok);
                return 1;
            }
            want[id]++;
            exp_here++;
        }
        json_t *found_secs = json_array();
        for (size_t i = 1; i < r.n_sections; i++) {
            json_array_append_new(found_secs, json_string(cd_docs_section_name(r.sections[i].id)));
            got[r.sections[i].id]++;
        }
        for (int id = 1; id < CD_SEC_COUNT; id++) {
            ok_here += got[id] < want[id] ? got[id] : want[id];
            spur_here += got[id] > want[id] ? got[id] - want[id] : 0;
        }
        sec_expected += exp_here;
        sec_correct += ok_here;
        sec_spurious += spur_here;
        exact_sections += ok_here == exp_here && spur_here == 0;
        double med = pct(ms, (size_t)nr, 0.5);
        json_array_append_new(
            per, json_pack("{s:s,s:s,s:i,s:b,s:b,s:i,s:o,s:o,s:o,s:f}", "name", names[k], "format",
                           format, "pages", t.layout.pages, "multi_column", t.layout.multi_column,
                           "sections_exact", ok_here == exp_here && spur_here == 0, "tables",
                           t.layout.tables, "sections_found", found_secs, "skills_missed", missed,
                           "skills_extra", extra, "parse_ms_p50", med));
        printf("%-28s %-5s pages=%d skills miss=%zu extra=%zu sections %ld/%ld spurious=%ld "
               "%.2f ms\n",
               names[k], format, t.layout.pages, json_array_size(missed), json_array_size(extra),
               ok_here, exp_here, spur_here, med);
        cd_docs_resume_free(&r);
        cd_docs_text_free(&t);
        free(doc);
        free(labels);
        free(body);
        free(names[k]);
    }
    double precision = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    double recall = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    double accuracy = sec_expected + sec_spurious
                          ? (double)sec_correct / (double)(sec_expected + sec_spurious)
                          : 0;
    json_t *out = json_pack(
        "{s:i,s:o,s:{s:I,s:I,s:I,s:f,s:f},s:{s:I,s:I,s:I,s:f,s:I},s:{s:I,s:f,s:f,s:f,s:i},"
        "s:{s:I,s:f,s:f},s:i,s:o}",
        "resumes", (int)nn, "formats", formats, "skills", "true_positives", (json_int_t)tp,
        "false_positives", (json_int_t)fp, "false_negatives", (json_int_t)fn, "precision",
        precision, "recall", recall, "sections", "expected", (json_int_t)sec_expected, "correct",
        (json_int_t)sec_correct, "spurious", (json_int_t)sec_spurious, "accuracy", accuracy,
        "resumes_exact", (json_int_t)exact_sections, "parse_ms_two_page_pdf", "samples",
        (json_int_t)n_two, "p50", pct(two_ms, n_two, 0.5), "p95", pct(two_ms, n_two, 0.95), "max",
        pct(two_ms, n_two, 1.0), "target_p95", 150, "parse_ms_all", "samples", (json_int_t)n_all,
        "p50", pct(all_ms, n_all, 0.5), "p95", pct(all_ms, n_all, 0.95), "runs_per_resume", runs,
        "per_resume", per);
    if (!out || json_dump_file(out, argv[3], JSON_INDENT(2) | JSON_SORT_KEYS) != 0) {
        fprintf(stderr, "cannot write %s\n", argv[3]);
        return 1;
    }
    printf("\n%zu resumes: skills precision %.3f recall %.3f (tp %ld fp %ld fn %ld)\n"
           "sections: accuracy %.3f (%ld of %ld found, %ld spurious), %zu resumes exact\n"
           "parse time, 2-page PDF: p50 %.2f ms p95 %.2f ms (%zu samples; target p95 <= 150 ms)\n"
           "parse time, all: p50 %.2f ms p95 %.2f ms\n",
           nn, precision, recall, tp, fp, fn, accuracy, sec_correct, sec_expected, sec_spurious,
           exact_sections, pct(two_ms, n_two, 0.5), pct(two_ms, n_two, 0.95), n_two,
           pct(all_ms, n_all, 0.5), pct(all_ms, n_all, 0.95));
    json_decref(out);
    cd_docs_taxonomy_free(tax);
    return 0;
}
