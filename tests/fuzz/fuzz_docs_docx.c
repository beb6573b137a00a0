/* fuzz_docs_docx.c - libFuzzer target for the DOCX front end (libzip +
 * libxml2). Random bytes rarely form a zip, so the first byte picks the
 * mode: even = the rest is word/document.xml inside a well-formed DOCX
 * made here (reaches the XML walker: tables, lists, runs, entities), odd =
 * the rest is the whole file (reaches the zip checks). Whatever extracts
 * goes through resume parsing and the ATS score. Must never crash, hang
 * or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "docs/ats.h"
#include "docs/extract.h"
#include "docs/report_json.h"

static cd_docs_taxonomy *tax;

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
    "PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

/* An in-memory DOCX holding xml as word/document.xml; malloc'd. */
static char *wrap(const uint8_t *xml, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    char *out = NULL;
    if (!z) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_source_keep(src);
    zip_source_t *a = zip_source_buffer(z, content_types, sizeof(content_types) - 1, 0);
    zip_source_t *b = zip_source_buffer(z, xml, n, 0);
    if (!a || zip_file_add(z, "[Content_Types].xml", a, 0) < 0)
        zip_source_free(a);
    if (!b || zip_file_add(z, "word/document.xml", b, 0) < 0)
        zip_source_free(b);
    if (zip_close(z) != 0) {
        zip_discard(z);
    } else if (zip_source_open(src) == 0) {
        zip_stat_t st;
        if (zip_source_stat(src, &st) == 0 && (out = malloc(st.size ? st.size : 1))) {
            zip_int64_t got = zip_source_read(src, out, st.size);
            if (got < 0 || (zip_uint64_t)got != st.size) {
                free(out);
                out = NULL;
            } else {
                *len = (size_t)got;
            }
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tax) {
        tax = cd_docs_taxonomy_load(CANDOR_SOURCE_DIR "/data/skills", NULL);
        if (!tax)
            abort();
    }
    if (size == 0)
        return 0;
    char *doc = NULL;
    size_t len = size - 1;
    const void *in = data + 1;
    if ((data[0] & 1) == 0) {
        doc = wrap(data + 1, size - 1, &len);
        if (!doc)
            return 0;
        in = doc;
    }
    cd_docs_text t;
    cd_err err = {0};
    if (cd_docs_docx_extract(in, len, &t, &err) == 0) {
        cd_docs_resume r;
        if (cd_docs_resume_parse(tax, t.text, t.len, 2024 * 12, &r, &err) == 0) {
            cd_docs_ats a;
            cd_docs_ats_score(&t, &r, NULL, NULL, &a, &err);
            json_decref(cd_docs_resume_to_json(tax, &t, &r));
            cd_docs_resume_free(&r);
        }
        cd_docs_text_free(&t);
    }
    free(doc);
    return 0;
}
