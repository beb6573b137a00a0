/* documents.c - uploaded resumes and job descriptions: the original bytes,
 * the extracted text and the analysis JSON, per user. */
#include <string.h>

#include "base/fs.h"
#include "store/db.h"

#define D_COLS "id, user_id, kind, title, source, url, format, text, analysis, summary, created_at"

static json_t *nullable_text(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null()
                                                     : json_string(db_col_text(st, i));
}

static json_t *document_from_row(sqlite3_stmt *st)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:I}", "id",
                     (json_int_t)sqlite3_column_int64(st, 0), "user_id",
                     (json_int_t)sqlite3_column_int64(st, 1), "kind", db_col_text(st, 2), "title",
                     db_col_text(st, 3), "source", db_col_text(st, 4), "url", nullable_text(st, 5),
                     "format", db_col_text(st, 6), "text", db_col_text(st, 7), "analysis",
                     db_col_json(st, 8), "summary", db_col_json(st, 9), "created_at",
                     (json_int_t)sqlite3_column_int64(st, 10));
}

long long cd_store_document_create(cd_store *s, const cd_document_new *d, cd_err *err)
{
    static const char count[] = "SELECT COUNT(*) FROM documents WHERE user_id = ? AND kind = ?";
    static const char ins[] = "INSERT INTO documents(user_id, kind, title, source, url, format,"
                              " content, text, analysis, summary, created_at)"
                              " VALUES(?,?,?,?,?,?,?,?,?,?,?)";
    /* db_begin is BEGIN IMMEDIATE: a racing upload waits for this
     * transaction, then counts this row too. */
    if (db_begin(s, err))
        return 0;
    sqlite3_stmt *st = db_stmt(s, count, err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, d->user_id);
    db_bind_text(st, 2, d->kind);
    int rc = sqlite3_step(st);
    long long have = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (have < 0) {
        db_fail(s, rc, "document count", err);
        goto fail;
    }
    if (d->max_per_user > 0 && have >= d->max_per_user) {
        cd_err_set(err, CD_ECONFLICT, "",
                   "you already have %lld %s%s (the limit); delete one first", have,
                   strcmp(d->kind, "job") == 0 ? "job description" : d->kind, have == 1 ? "" : "s");
        goto fail;
    }
    st = db_stmt(s, ins, err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, d->user_id);
    db_bind_text(st, 2, d->kind);
    db_bind_text(st, 3, d->title ? d->title : "");
    db_bind_text(st, 4, d->source);
    db_bind_text(st, 5, d->url);
    db_bind_text(st, 6, d->format);
    if (d->content && d->content_len)
        sqlite3_bind_blob64(st, 7, d->content, (sqlite3_uint64)d->content_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    db_bind_text(st, 8, d->text ? d->text : "");
    db_bind_json(st, 9, d->analysis);
    db_bind_json(st, 10, d->summary);
    sqlite3_bind_int64(st, 11, cd_unix_time());
    if (db_done(s, st, "document insert", err))
        goto fail;
    long long id = db_last_id(s);
    if (db_commit(s, err))
        goto fail;
    return id;
fail:
    db_rollback(s);
    return 0;
}

json_t *cd_store_document_get(cd_store *s, long long id, const char *kind, cd_err *err)
{
    static const char sql[] = "SELECT " D_COLS " FROM documents WHERE id = ? AND kind = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, kind);
    int rc = sqlite3_step(st);
    json_t *doc = rc == SQLITE_ROW ? document_from_row(st) : NULL;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        cd_err_set(err, CD_ENOTFOUND, "", "no %s with id %lld",
                   strcmp(kind, "job") == 0 ? "job description" : kind, id);
        return NULL;
    }
    if (rc != SQLITE_ROW) {
        db_fail(s, rc, "document get", err);
        return NULL;
    }
    return doc;
}

json_t *cd_store_document_list(cd_store *s, long long user_id, const char *kind, cd_err *err)
{
    static const char sql[] = "SELECT id, title, source, url, format, summary, created_at"
                              " FROM documents WHERE user_id = ? AND kind = ?"
                              " ORDER BY created_at DESC, id DESC LIMIT 1000";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, kind);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *item = db_col_json(st, 5);
        if (!json_is_object(item)) {
            json_decref(item);
            item = json_object();
        }
        json_object_set_new(item, "id", json_integer(sqlite3_column_int64(st, 0)));
        json_object_set_new(item, strcmp(kind, "job") == 0 ? "title" : "filename",
                            json_string(db_col_text(st, 1)));
        json_object_set_new(item, "source", json_string(db_col_text(st, 2)));
        json_object_set_new(item, "url", nullable_text(st, 3));
        json_object_set_new(item, "format", json_string(db_col_text(st, 4)));
        json_object_set_new(item, "created_at", json_integer(sqlite3_column_int64(st, 6)));
        json_array_append_new(items, item);
    }
    return db_rows_done(s, st, rc, items, "document list", err);
}

int cd_store_document_delete(cd_store *s, long long id, long long user_id, const char *kind,
                             cd_err *err)
{
    static const char sql[] = "DELETE FROM documents WHERE id = ? AND user_id = ? AND kind = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, kind);
    int rc = db_done(s, st, "document delete", err);
    if (rc)
        return rc;
    if (db_changes(s) == 0) {
        cd_err_set(err, CD_ENOTFOUND, "", "no %s with id %lld",
                   strcmp(kind, "job") == 0 ? "job description" : kind, id);
        return CD_ENOTFOUND;
    }
    return 0;
}
