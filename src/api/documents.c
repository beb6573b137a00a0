/* documents.c - /api/resumes and /api/jobs: upload or paste, parse on the
 * worker, store the analysis; the resume-vs-job match with its ATS report
 * and interview topics.
 *
 * Nothing is stored unless extraction and parsing succeeded. The match is
 * recomputed from the stored text on each request (parsing is a few ms), so
 * it always reflects the current taxonomy and scorer. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/documents.h"
#include "base/fs.h"
#include "docs/ats.h"
#include "docs/extract.h"
#include "docs/fetch.h"
#include "docs/jd.h"
#include "docs/match.h"
#include "docs/report_json.h"
#include "docs/resume.h"
#include "text/utf8.h"

#define MAX_RESUMES_PER_USER 20
#define MAX_JOBS_PER_USER 50
#define FILENAME_MAX_BYTES 200
#define JD_TEXT_MIN_CHARS 50
#define JD_TEXT_MAX_BYTES (100 * 1000)
#define JD_TITLE_MAX_BYTES 160
#define TOPICS_MAX 12

/* ---- helpers ----------------------------------------------------------- */

/* The file name the client gave, reduced to its last path part and to
 * printable UTF-8; `fallback` when absent or unusable. */
static void clean_filename(const char *given, const char *fallback, char *out, size_t cap)
{
    const char *name = given ? given : "";
    const char *slash = strrchr(name, '/'), *bslash = strrchr(name, '\\');
    if (slash)
        name = slash + 1;
    if (bslash && bslash + 1 > name)
        name = bslash + 1;
    size_t n = strlen(name);
    if (n > FILENAME_MAX_BYTES)
        n = FILENAME_MAX_BYTES;
    while (n > 0 && !cd_text_utf8_valid(name, n))
        n--; /* cut at a character boundary */
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        if ((unsigned char)name[i] >= 0x20 && name[i] != 0x7f)
            out[o++] = name[i];
    out[o] = 0;
    if (!o)
        snprintf(out, cap, "%s", fallback);
}

/* Characters (not bytes) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A stored document the caller may read: its owner, an admin, or a
 * coordinator of the owner's college (404 for anyone else). */
static json_t *load_readable(api_ctx *c, long long id, const char *kind, bool owner_only)
{
    cd_err e;
    json_t *d = cd_store_document_get(c->app->store, id, kind, &e);
    if (!d) {
        api_fail(c, &e);
        return NULL;
    }
    long long owner = json_integer_value(json_object_get(d, "user_id"));
    if (owner == c->user_id || (!owner_only && api_may_read_user(c, owner)))
        return d;
    json_decref(d);
    api_failf(c, CD_ENOTFOUND, NULL, "no %s with id %lld",
              strcmp(kind, "job") == 0 ? "job description" : kind, id);
    return NULL;
}

/* Rebuilds the extraction facts the ATS scorer needs from a stored
 * analysis (format and layout), borrowing the stored text. */
static void text_from_stored(json_t *doc, json_t *analysis, cd_docs_text *t)
{
    memset(t, 0, sizeof *t);
    t->text = (char *)jstr(doc, "text");
    t->len = strlen(t->text);
    const char *f = jstr(doc, "format");
    t->format = !strcmp(f, "pdf")    ? CD_DOCS_PDF
                : !strcmp(f, "docx") ? CD_DOCS_DOCX
                : !strcmp(f, "html") ? CD_DOCS_HTML
                                     : CD_DOCS_TEXT;
    json_t *l = json_object_get(analysis, "layout");
    t->layout.pages = (int)json_integer_value(json_object_get(l, "pages"));
    t->layout.images = (int)json_integer_value(json_object_get(l, "images"));
    t->layout.tables = (int)json_integer_value(json_object_get(l, "tables"));
    t->layout.multi_column = json_is_true(json_object_get(l, "multi_column"));
    t->layout.scanned = json_is_true(json_object_get(l, "scanned"));
}

/* A stored document's list summary, as the base of its full view. */
static json_t *summary_copy(json_t *doc)
{
    json_t *v = json_deep_copy(json_object_get(doc, "summary"));
    if (!json_is_object(v)) {
        json_decref(v);
        v = json_object();
    }
    return v;
}

/* Stores a parsed document and answers 201 with its view (read back from
 * the store, so the reply is exactly what a later GET returns). */
static int store_and_answer(api_ctx *c, const cd_document_new *d, json_t *(*view)(json_t *),
                            cd_err *e)
{
    long long id = cd_store_document_create(c->app->store, d, e);
    json_t *doc = id ? cd_store_document_get(c->app->store, id, d->kind, e) : NULL;
    if (!doc)
        return e->code ? e->code : CD_EINTERNAL;
    api_ok(c, 201, view(doc));
    json_decref(doc);
    return 0;
}

/* ---- resumes ----------------------------------------------------------- */

static json_t *resume_summary(const cd_docs_resume *r, const cd_docs_ats *ats)
{
    return json_pack("{s:s, s:f, s:s, s:I, s:i}", "name", r->contact.name, "years", r->years,
                     "seniority", cd_docs_seniority_name(r->seniority), "skills",
                     (json_int_t)r->skills.n, "ats_score", ats->score);
}

/* Resume = ResumeSummary + {analysis, ats, text} (docs/api.md). */
static json_t *resume_view(json_t *doc)
{
    json_t *v = summary_copy(doc);
    json_t *stored = json_object_get(doc, "analysis");
    json_object_set(v, "id", json_object_get(doc, "id"));
    json_object_set(v, "filename", json_object_get(doc, "title"));
    json_object_set(v, "format", json_object_get(doc, "format"));
    json_object_set(v, "created_at", json_object_get(doc, "created_at"));
    json_object_set(v, "analysis", json_object_get(stored, "analysis"));
    json_object_set(v, "ats", json_object_get(stored, "ats"));
    json_object_set(v, "text", json_object_get(doc, "text"));
    return v;
}

/* Parses a resume from extracted text; fills the analysis to store. */
static int analyse_resume(api_ctx *c, cd_docs_text *t, json_t **analysis, json_t **summary,
                          cd_err *e)
{
    cd_docs_resume r;
    if (cd_docs_resume_parse(c->app->skills, t->text, t->len, 0, &r, e))
        return e->code;
    cd_docs_ats ats;
    int rc = cd_docs_ats_score(t, &r, NULL, NULL, &ats, e);
    if (rc == 0) {
        *analysis =
            json_pack("{s:o, s:o}", "analysis", cd_docs_resume_to_json(c->app->skills, t, &r),
                      "ats", cd_docs_ats_to_json(&ats));
        *summary = resume_summary(&r, &ats);
        if (!*analysis || !*summary)
            rc = cd_err_set(e, CD_EINTERNAL, "", "out of memory");
    }
    cd_docs_resume_free(&r);
    return rc;
}

void api_resumes_upload(api_ctx *c)
{
    const cd_buf *b = &c->req->body;
    if (!b->len)
        return api_failf(c, CD_EINVAL, "file",
                         "the request body is empty: send the resume file's bytes");
    char filename[FILENAME_MAX_BYTES + 1];
    clean_filename(cd_http_query(c->req, "filename"), "resume", filename, sizeof filename);
    cd_err e;
    cd_err_clear(&e);
    cd_docs_text t;
    if (cd_docs_extract(b->data, b->len, &t, &e))
        return api_fail(c, &e);
    json_t *analysis = NULL, *summary = NULL;
    if (analyse_resume(c, &t, &analysis, &summary, &e))
        goto fail;
    cd_document_new d = {.user_id = c->user_id,
                         .kind = "resume",
                         .title = filename,
                         .source = "file",
                         .format = cd_docs_format_name(t.format),
                         .content = b->data,
                         .content_len = b->len,
                         .text = t.text,
                         .analysis = analysis,
                         .summary = summary,
                         .max_per_user = MAX_RESUMES_PER_USER};
    if (store_and_answer(c, &d, resume_view, &e))
        goto fail;
    goto out;
fail:
    api_fail(c, &e);
out:
    cd_docs_text_free(&t);
    json_decref(analysis);
    json_decref(summary);
}

static void list_documents(api_ctx *c, const char *kind)
{
    cd_err e;
    json_t *items = cd_store_document_list(c->app->store, c->user_id, kind, &e);
    if (!items)
        return api_fail(c, &e);
    api_ok(c, 200, json_pack("{s:o}", "items", items));
}

void api_resumes_list(api_ctx *c)
{
    list_documents(c, "resume");
}

/* GET one document the caller may read, shown through its kind's view. */
static void get_document(api_ctx *c, const char *kind, json_t *(*view)(json_t *))
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *doc = load_readable(c, id, kind, false);
    if (!doc)
        return;
    api_ok(c, 200, view(doc));
    json_decref(doc);
}

void api_resumes_get(api_ctx *c)
{
    get_document(c, "resume", resume_view);
}

static void delete_document(api_ctx *c, const char *kind)
{
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    cd_err e;
    if (cd_store_document_delete(c->app->store, id, c->user_id, kind, &e))
        return api_fail(c, &e);
    api_ok(c, 204, NULL);
}

void api_resumes_delete(api_ctx *c)
{
    delete_document(c, "resume");
}

/* ---- job descriptions -------------------------------------------------- */

/* Job = JobSummary + {analysis, text} (docs/api.md). */
static json_t *job_view(json_t *doc)
{
    json_t *v = summary_copy(doc);
    json_object_set(v, "id", json_object_get(doc, "id"));
    json_object_set(v, "title", json_object_get(doc, "title"));
    json_object_set(v, "source", json_object_get(doc, "source"));
    json_object_set(v, "url", json_object_get(doc, "url"));
    json_object_set(v, "created_at", json_object_get(doc, "created_at"));
    json_object_set(v, "analysis", json_object_get(doc, "analysis"));
    json_object_set(v, "text", json_object_get(doc, "text"));
    return v;
}

/* Where the job description's text comes from. */
typedef struct job_input {
    const char *source; /* file | text | url */
    char title[JD_TITLE_MAX_BYTES + 1];
    char url[CD_DOCS_FETCH_MAX_URL + 1];
    const void *content; /* the upload, kept for file sources */
    size_t content_len;
} job_input;

/* The text of a JSON {text, title?} or {url} body, or of an uploaded file.
 * Fills *t (caller frees) and `in`. */
static int job_text(api_ctx *c, job_input *in, cd_docs_text *t, cd_err *e)
{
    memset(t, 0, sizeof *t);
    const char *ct = c->req->content_type;
    if (strncmp(ct, "application/json", 16) != 0) {
        const cd_buf *b = &c->req->body;
        if (!b->len)
            return cd_err_set(e, CD_EINVAL, "file",
                              "the request body is empty: send JSON {text} or {url}, or a file");
        in->source = "file";
        clean_filename(cd_http_query(c->req, "filename"), "job description", in->title,
                       sizeof in->title);
        in->content = b->data;
        in->content_len = b->len;
        return cd_docs_extract(b->data, b->len, t, e);
    }
    static const char *const fields[] = {"text", "title", "url", NULL};
    json_t *body = api_body(c, fields);
    if (!body) /* api_body has set the response: report it as already failed */
        return cd_err_set(e, CD_EINVAL, "", "%s", "");
    int rc = 0;
    const char *text = NULL, *title = NULL, *url = NULL;
    if (cd_json_str(body, "text", false, 0, JD_TEXT_MAX_BYTES, &text, e) ||
        cd_json_str(body, "title", false, 0, JD_TITLE_MAX_BYTES, &title, e) ||
        cd_json_str(body, "url", false, 1, CD_DOCS_FETCH_MAX_URL, &url, e)) {
        rc = e->code;
        goto out;
    }
    if (!text == !url) {
        rc = cd_err_set(e, CD_EINVAL, text ? "url" : "text",
                        "send either 'text' (the pasted description) or 'url', not %s",
                        text ? "both" : "neither");
        goto out;
    }
    if (title)
        snprintf(in->title, sizeof in->title, "%s", title);
    if (text) {
        in->source = "text";
        if (utf8_chars(text) < JD_TEXT_MIN_CHARS) {
            rc = cd_err_set(e, CD_EINVAL, "text",
                            "a job description needs at least %d characters; paste all of it",
                            JD_TEXT_MIN_CHARS);
            goto out;
        }
        rc = cd_docs_extract(text, strlen(text), t, e);
        goto out;
    }
    in->source = "url";
    snprintf(in->url, sizeof in->url, "%s", url);
    cd_docs_fetch_opts fo = {.allow_private = c->app->cfg.fetch_allow_private,
                             .allow_private_redirects = c->app->cfg.fetch_allow_private};
    char *page = NULL, ctype[128];
    size_t len = 0;
    rc = cd_docs_fetch_url(url, &fo, &page, &len, ctype, sizeof ctype, e);
    if (rc == 0) {
        rc = cd_docs_extract(page, len, t, e);
        if (rc && e->code == CD_EUNSUPPORTED)
            snprintf(e->field, sizeof e->field, "url");
    }
    free(page);
out:
    json_decref(body);
    return rc;
}

void api_jobs_create(api_ctx *c)
{
    job_input in = {.source = "text"};
    cd_docs_text t;
    cd_err e;
    cd_err_clear(&e);
    if (job_text(c, &in, &t, &e)) {
        cd_docs_text_free(&t);
        if (e.msg[0])
            api_fail(c, &e);
        return; /* else api_body already answered */
    }
    json_t *analysis = NULL, *summary = NULL;
    cd_docs_jd jd;
    if (cd_docs_jd_parse(c->app->skills, t.text, t.len, &jd, &e))
        goto fail;
    /* The user's title wins, then the one found in the text, then the file
     * name or the URL. */
    if (!strcmp(in.source, "file") && jd.title[0])
        snprintf(in.title, sizeof in.title, "%s", jd.title);
    if (!in.title[0])
        snprintf(in.title, sizeof in.title, "%.160s",
                 jd.title[0] ? jd.title : (in.url[0] ? in.url : "Job description"));
    analysis = cd_docs_jd_to_json(c->app->skills, &jd);
    summary = json_pack("{s:s, s:s, s:I}", "role_family", jd.role_family, "seniority",
                        cd_docs_seniority_name(jd.seniority), "skills", (json_int_t)jd.n_skills);
    cd_docs_jd_free(&jd);
    if (!analysis || !summary) {
        cd_err_set(&e, CD_EINTERNAL, "", "out of memory");
        goto fail;
    }
    cd_document_new d = {.user_id = c->user_id,
                         .kind = "job",
                         .title = in.title,
                         .source = in.source,
                         .url = in.url[0] ? in.url : NULL,
                         .format = cd_docs_format_name(t.format),
                         .content = in.content,
                         .content_len = in.content_len,
                         .text = t.text,
                         .analysis = analysis,
                         .summary = summary,
                         .max_per_user = MAX_JOBS_PER_USER};
    if (store_and_answer(c, &d, job_view, &e))
        goto fail;
    goto out;
fail:
    api_fail(c, &e);
out:
    cd_docs_text_free(&t);
    json_decref(analysis);
    json_decref(summary);
}

void api_jobs_list(api_ctx *c)
{
    list_documents(c, "job");
}

void api_jobs_get(api_ctx *c)
{
    get_document(c, "job", job_view);
}

void api_jobs_delete(api_ctx *c)
{
    delete_document(c, "job");
}

/* ---- match ------------------------------------------------------------- */

int api_match_compute(api_ctx *c, json_t *resume_doc, json_t *job_doc, json_t **out, cd_err *e)
{
    const cd_docs_taxonomy *tax = c->app->skills;
    const char *rtext = jstr(resume_doc, "text");
    cd_docs_resume r;
    if (cd_docs_resume_parse(tax, rtext, strlen(rtext), 0, &r, e))
        return e->code;
    cd_docs_jd jd, *jdp = NULL;
    cd_docs_match m, *mp = NULL;
    int rc = 0;
    if (job_doc) {
        const char *jtext = jstr(job_doc, "text");
        if ((rc = cd_docs_jd_parse(tax, jtext, strlen(jtext), &jd, e)))
            goto out;
        jdp = &jd;
        if ((rc = cd_docs_match_compute(tax, &r, &jd, &m, e)))
            goto out;
        mp = &m;
    }
    cd_docs_text t;
    text_from_stored(resume_doc,
                     json_object_get(json_object_get(resume_doc, "analysis"), "analysis"), &t);
    cd_docs_ats ats;
    if ((rc = cd_docs_ats_score(&t, &r, jdp, mp, &ats, e)))
        goto out;
    *out = json_pack("{s:O, s:o, s:o, s:o}", "resume_id", json_object_get(resume_doc, "id"),
                     "match", mp ? cd_docs_match_to_json(tax, mp) : json_null(), "ats",
                     cd_docs_ats_to_json(&ats), "topics",
                     cd_docs_topics_to_json(tax, rtext, &r, jdp, mp, TOPICS_MAX));
    json_object_set(*out, "job_id", job_doc ? json_object_get(job_doc, "id") : json_null());
    if (!*out)
        rc = cd_err_set(e, CD_EINTERNAL, "", "out of memory");
out:
    if (mp)
        cd_docs_match_free(mp);
    if (jdp)
        cd_docs_jd_free(jdp);
    cd_docs_resume_free(&r);
    return rc;
}

void api_resumes_match(api_ctx *c)
{
    long long id, job_id;
    if (!api_param_id(c, 0, &id))
        return;
    const char *j = cd_http_query(c->req, "job");
    char *end = NULL;
    job_id = j ? strtoll(j, &end, 10) : 0;
    if (!j || !*j || *end || job_id <= 0)
        return api_failf(c, CD_EINVAL, "job",
                         "'job' must be the id of one of your job descriptions");
    json_t *resume = load_readable(c, id, "resume", true);
    if (!resume)
        return;
    json_t *job = load_readable(c, job_id, "job", true);
    if (!job) {
        json_decref(resume);
        return;
    }
    cd_err e;
    json_t *out = NULL;
    if (api_match_compute(c, resume, job, &out, &e))
        api_fail(c, &e);
    else
        api_ok(c, 200, out);
    json_decref(resume);
    json_decref(job);
}

json_t *api_document_for_interview(api_ctx *c, long long id, const char *kind, cd_err *e)
{
    json_t *d = cd_store_document_get(c->app->store, id, kind, e);
    if (d && json_integer_value(json_object_get(d, "user_id")) != c->user_id) {
        json_decref(d);
        cd_err_set(e, CD_ENOTFOUND, strcmp(kind, "job") == 0 ? "job_id" : "resume_id",
                   "no %s with id %lld", strcmp(kind, "job") == 0 ? "job description" : kind, id);
        return NULL;
    }
    if (!d)
        snprintf(e->field, sizeof e->field, "%s",
                 strcmp(kind, "job") == 0 ? "job_id" : "resume_id");
    return d;
}
