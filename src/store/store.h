/* store.h - Candor's data model and queries: the only place SQL lives.
 *
 * This header is the storage interface the API layer codes against. The
 * implementation today is SQLite (store_sqlite.c and friends, WAL mode,
 * prepared statements only, transactions for multi-row writes); a PostgreSQL
 * backend implements the same functions (see docs/architecture.md).
 *
 * Threads: a cd_store is shared by all threads. Each thread that calls a
 * store function transparently gets its own connection (created on first use,
 * closed by cd_store_close for all threads). Never call the store on the HTTP
 * loop thread: it may block on disk.
 *
 * Ownership: functions returning json_t* hand a new reference to the caller
 * (json_decref it). Structs filled by the store are plain values. */
#ifndef CANDOR_STORE_H
#define CANDOR_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "base/err.h"

#define CD_STORE_NAME_MAX 120

typedef struct cd_store cd_store;

/* Opens (creating if needed) data_dir/candor.db. Does not migrate. */
cd_store *cd_store_open(const char *data_dir, cd_err *err);
void cd_store_close(cd_store *s);
/* Applies pending migrations in order, each in a transaction; reports the
 * version before and after. */
int cd_store_migrate(cd_store *s, int *from, int *to, cd_err *err);
int cd_store_schema_version(cd_store *s, cd_err *err);
int cd_store_latest_version(void);

/* ---- users ------------------------------------------------------------- */
typedef struct cd_user {
    long long id;
    char email[255];
    char name[CD_STORE_NAME_MAX + 1];
    char role[16];
    long long college_id; /* 0 = none */
    char college[CD_STORE_NAME_MAX + 1];
    char password_hash[128];
    long long created_at;
} cd_user;

/* CD_ECONFLICT (field "email") if the e-mail is taken. college_id is derived
 * from the e-mail domain. password_hash may be "" (Google-only account). */
int cd_store_user_create(cd_store *s, const char *email, const char *name,
                         const char *password_hash, const char *role, cd_user *out, cd_err *err);
int cd_store_user_by_email(cd_store *s, const char *email, cd_user *out, cd_err *err);
int cd_store_user_by_id(cd_store *s, long long id, cd_user *out, cd_err *err);
int cd_store_user_set_role(cd_store *s, long long id, const char *role, cd_user *out, cd_err *err);
/* Finds by Google subject, else links by e-mail, else creates a student. */
int cd_store_user_upsert_google(cd_store *s, const char *sub, const char *email, const char *name,
                                cd_user *out, cd_err *err);
/* {items:[User]}; college_id > 0 restricts to a college; role "" = any. */
json_t *cd_store_user_list(cd_store *s, long long college_id, const char *role, cd_err *err);
json_t *cd_user_to_json(const cd_user *u);

/* ---- colleges ---------------------------------------------------------- */
json_t *cd_store_college_list(cd_store *s, cd_err *err);
/* domains: JSON array of strings. CD_ECONFLICT if a domain is claimed. */
json_t *cd_store_college_create(cd_store *s, const char *name, json_t *domains, cd_err *err);

/* ---- refresh tokens ---------------------------------------------------- */
int cd_store_refresh_insert(cd_store *s, long long user_id, const char *token_hash,
                            const char *family, long long expires_at, cd_err *err);
typedef enum {
    CD_ROTATE_OK,      /* rotated: old marked used, new inserted */
    CD_ROTATE_UNKNOWN, /* no such token */
    CD_ROTATE_EXPIRED,
    CD_ROTATE_REVOKED,
    CD_ROTATE_REUSED, /* already used: whole family revoked now */
} cd_refresh_result;
/* Atomically: validates old_hash, marks it used, inserts new_hash in the same
 * family. On reuse, revokes the family. *user_id is set when known. */
int cd_store_refresh_rotate(cd_store *s, const char *old_hash, const char *new_hash, long long now,
                            long long new_expires_at, long long *user_id, cd_refresh_result *result,
                            cd_err *err);
/* Revokes the family of the given token (logout). Unknown token: no error. */
int cd_store_refresh_revoke(cd_store *s, const char *token_hash, cd_err *err);

/* ---- questions --------------------------------------------------------- */
typedef struct cd_question_filter {
    const char *role, *difficulty, *type, *tech, *text, *status; /* NULL = any */
    int page, per_page;
    bool include_answers; /* talking points, keywords, follow-ups */
} cd_question_filter;

/* {items, total, page, per_page} */
json_t *cd_store_question_list(cd_store *s, const cd_question_filter *f, cd_err *err);
json_t *cd_store_question_get(cd_store *s, long long id, bool include_answers, cd_err *err);
/* q: validated QuestionInput JSON object. source: curated|coordinator. */
json_t *cd_store_question_create(cd_store *s, json_t *q, const char *slug, const char *source,
                                 long long author_id, cd_err *err);
json_t *cd_store_question_update(cd_store *s, long long id, json_t *q, cd_err *err);
json_t *cd_store_question_retire(cd_store *s, long long id, cd_err *err);
/* Upserts the curated bank by slug in one transaction; counts what changed. */
int cd_store_question_seed(cd_store *s, json_t *questions, int *inserted, int *updated,
                           cd_err *err);
/* Active question ids matching role/type/difficulty (NULL = any), as JSON
 * array of full questions (with answers), for interview planning. */
json_t *cd_store_question_pool(cd_store *s, const char *role, const char *type, cd_err *err);
/* Monotonic counter bumped on every question write (cache invalidation). */
long long cd_store_question_generation(cd_store *s);

/* ---- interviews -------------------------------------------------------- */
/* A new interview. plan: JSON array whose items are either an existing
 * question id (integer) or a question object generated for this interview
 * (QuestionInput shape), which is inserted with source "generated" and
 * status "retired" so it never appears in the bank or other plans. why:
 * NULL or an array parallel to plan of strings (why a targeted question is
 * asked) or nulls. resume_id/job_id: 0 = none. */
typedef struct cd_interview_new {
    long long user_id;
    const char *mode, *role, *difficulty;
    json_t *plan, *why;
    long long resume_id, job_id;
} cd_interview_new;

/* All of it in one transaction; returns the new interview id (0 on error). */
long long cd_store_interview_create(cd_store *s, const cd_interview_new *n, cd_err *err);
/* Full row as JSON: id, user_id, mode, role, difficulty, length, status,
 * plan, cursor, pending (follow-up JSON or null), overall_score, created_at,
 * finished_at, answers: [...] (each with evaluation). NULL + CD_ENOTFOUND. */
json_t *cd_store_interview_get(cd_store *s, long long id, cd_err *err);
json_t *cd_store_interview_list(cd_store *s, long long user_id, cd_err *err);
/* Records an answer and moves the interview state in one transaction, but
 * only if the interview is still at expected_seq (guards double submits:
 * CD_ECONFLICT otherwise). pending may be NULL. */
int cd_store_interview_record_answer(cd_store *s, long long interview_id, int expected_seq,
                                     json_t *answer, int new_cursor, json_t *pending, cd_err *err);
int cd_store_interview_finish(cd_store *s, long long interview_id, double overall_score,
                              json_t *report, cd_err *err);
json_t *cd_store_interview_report(cd_store *s, long long interview_id, cd_err *err);
/* {interviews, average, trend[], by_role[]} over finished interviews. */
json_t *cd_store_progress(cd_store *s, long long user_id, cd_err *err);
/* Students with interview count and average; college_id 0 = all. */
json_t *cd_store_student_list(cd_store *s, long long college_id, cd_err *err);

/* ---- documents: resumes and job descriptions -------------------------- */
typedef struct cd_document_new {
    long long user_id;
    const char *kind;    /* "resume" or "job" */
    const char *title;   /* file name or job title */
    const char *source;  /* "file", "text" or "url" */
    const char *url;     /* NULL unless source is "url" */
    const char *format;  /* "pdf", "docx", "html", "text" */
    const void *content; /* the original upload (NULL for pasted text) */
    size_t content_len;
    const char *text; /* extracted text */
    json_t *analysis; /* full analysis (stored as is) */
    json_t *summary;  /* the few fields a list shows */
    int max_per_user; /* CD_ECONFLICT when the user already has this many of `kind` */
} cd_document_new;

/* Returns the new id, 0 on error. The count check and the insert are one
 * transaction, so two concurrent uploads cannot exceed the limit. */
long long cd_store_document_create(cd_store *s, const cd_document_new *d, cd_err *err);
/* {id, user_id, kind, title, source, url, format, text, analysis, summary,
 * created_at}; CD_ENOTFOUND when absent or of another kind. */
json_t *cd_store_document_get(cd_store *s, long long id, const char *kind, cd_err *err);
/* The user's documents of `kind`, newest first: summary + {id, title,
 * source, url, format, created_at} each. */
json_t *cd_store_document_list(cd_store *s, long long user_id, const char *kind, cd_err *err);
/* CD_ENOTFOUND unless it exists, is of `kind` and belongs to user_id.
 * Interviews aimed at it keep their questions and lose the link. */
int cd_store_document_delete(cd_store *s, long long id, long long user_id, const char *kind,
                             cd_err *err);

/* ---- events (proctoring, later issues) --------------------------------- */
int cd_store_event_add(cd_store *s, long long interview_id, long long user_id, const char *kind,
                       json_t *payload, cd_err *err);

#endif
