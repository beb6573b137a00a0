/* fuzz_docs_text.c - libFuzzer target for the text and HTML front ends and
 * everything that reads their text: sniffing, HTML/UTF-8 extraction,
 * sections, contact, dates, degrees, skills, the job description parser,
 * the match, the ATS score and the JSON views with topics. The first byte
 * picks the reader (0: sniff, 1: HTML, 2: text); the same text is also
 * parsed as a job description. Must never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "docs/ats.h"
#include "docs/extract.h"
#include "docs/jd.h"
#include "docs/match.h"
#include "docs/report_json.h"

static cd_docs_taxonomy *tax;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tax) {
        tax = cd_docs_taxonomy_load(CANDOR_SOURCE_DIR "/data/skills", NULL);
        if (!tax)
            abort();
    }
    if (size == 0)
        return 0;
    cd_docs_text t;
    cd_err err = {0};
    int rc;
    switch (data[0] % 3) {
    case 0:
        rc = cd_docs_extract(data + 1, size - 1, &t, &err);
        break;
    case 1:
        rc = cd_docs_html_extract(data + 1, size - 1, &t, &err);
        break;
    default:
        rc = cd_docs_text_extract(data + 1, size - 1, &t, &err);
        break;
    }
    if (rc != 0)
        return 0;
    cd_docs_resume r;
    if (cd_docs_resume_parse(tax, t.text, t.len, 2024 * 12, &r, &err) == 0) {
        cd_docs_jd jd;
        cd_docs_match m;
        bool have_jd = cd_docs_jd_parse(tax, t.text, t.len, &jd, &err) == 0;
        bool have_m = have_jd && cd_docs_match_compute(tax, &r, &jd, &m, &err) == 0;
        cd_docs_ats a;
        if (cd_docs_ats_score(&t, &r, have_m ? &jd : NULL, have_m ? &m : NULL, &a, &err) == 0)
            json_decref(cd_docs_ats_to_json(&a));
        json_decref(cd_docs_resume_to_json(tax, &t, &r));
        json_decref(
            cd_docs_topics_to_json(tax, t.text, &r, have_m ? &jd : NULL, have_m ? &m : NULL, 16));
        if (have_jd)
            json_decref(cd_docs_jd_to_json(tax, &jd));
        if (have_m) {
            json_decref(cd_docs_match_to_json(tax, &m));
            cd_docs_match_free(&m);
        }
        if (have_jd)
            cd_docs_jd_free(&jd);
        cd_docs_resume_free(&r);
    }
    cd_docs_text_free(&t);
    return 0;
}
