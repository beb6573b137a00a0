/* questions.c - the question bank: filtered listing, CRUD, seeding, pools. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "store/db.h"

#define Q_COLS                                                                                     \
    "id, slug, role, difficulty, type, tech, text, talking_points, keywords, follow_ups, source,"  \
    " status, created_at, updated_at"

/* One WHERE clause for listing and counting: NULL parameters match anything,
 * so a single prepared statement serves every filter combination. */
#define Q_WHERE                                                                                    \
    " WHERE (?1 IS NULL OR role = ?1) AND (?2 IS NULL OR difficulty = ?2)"                         \
    " AND (?3 IS NULL OR type = ?3)"                                                               \
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(questions.tech) WHERE value = ?4))"       \
    " AND (?5 IS NULL OR text LIKE ?5 ESCAPE '\\')"                                                \
    " AND (?6 IS NULL OR status = ?6) AND source <> 'generated'"

static json_t *question_from_row(sqlite3_stmt *st, bool include_answers)
{
    json_t *q = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:I, s:I}", "id",
        (json_int_t)sqlite3_column_int64(st, 0), "slug", db_col_text(st, 1), "role",
        db_col_text(st, 2), "difficulty", db_col_text(st, 3), "type", db_col_text(st, 4), "tech",
        db_col_json(st, 5), "text", db_col_text(st, 6), "source", db_col_text(st, 10), "status",
        db_col_text(st, 11), "created_at", (json_int_t)sqlite3_column_int64(st, 12), "updated_at",
        (json_int_t)sqlite3_column_int64(st, 13));
    if (!q)
        return NULL;
    json_object_set_new(q, "talking_points", include_answers ? db_col_json(st, 7) : json_array());
    json_object_set_new(q, "keywords", include_answers ? db_col_json(st, 8) : json_array());
    json_object_set_new(q, "follow_ups", include_answers ? db_col_json(st, 9) : json_array());
    return q;
}

/* LIKE pattern for a user's search text, with % _ \ escaped. Caller frees. */
static char *like_pattern(const char *text)
{
    size_t n = strlen(text);
    char *p = malloc(2 * n + 3), *o = p;
    if (!p)
        return NULL;
    *o++ = '%';
    for (const char *c = text; *c; c++) {
        if (*c == '%' || *c == '_' || *c == '\\')
            *o++ = '\\';
        *o++ = *c;
    }
    *o++ = '%';
    *o = 0;
    return p;
}

static void bind_filter(sqlite3_stmt *st, const cd_question_filter *f, const char *like)
{
    db_bind_text(st, 1, f->role);
    db_bind_text(st, 2, f->difficulty);
    db_bind_text(st, 3, f->type);
    db_bind_text(st, 4, f->tech);
    db_bind_text(st, 5, like);
    db_bind_text(st, 6, f->status);
}

json_t *cd_store_question_list(cd_store *s, const cd_question_filter *f, cd_err *err)
{
    static const char count_sql[] = "SELECT COUNT(*) FROM questions" Q_WHERE;
    static const char list_sql[] = "SELECT " Q_COLS " FROM questions" Q_WHERE
                                   " ORDER BY role, CASE difficulty WHEN 'easy' THEN 0"
                                   " WHEN 'medium' THEN 1 ELSE 2 END, id LIMIT ?7 OFFSET ?8";
    char *like = f->text && *f->text ? like_pattern(f->text) : NULL;
    json_t *items = NULL;
    long long total = 0;
    sqlite3_stmt *st = db_stmt(s, count_sql, err);
    if (!st)
        goto out;
    bind_filter(st, f, like);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        total = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        db_fail(s, rc, "question count", err);
        goto out;
    }
    st = db_stmt(s, list_sql, err);
    if (!st)
        goto out;
    bind_filter(st, f, like);
    sqlite3_bind_int(st, 7, f->per_page);
    sqlite3_bind_int64(st, 8, (long long)(f->page - 1) * f->per_page);
    items = json_array();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(items, question_from_row(st, f->include_answers));
    items = db_rows_done(s, st, rc, items, "question list", err);
out:
    free(like);
    if (!items)
        return NULL;
    return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page",
                     f->page, "per_page", f->per_page);
}

json_t *cd_store_question_get(cd_store *s, long long id, bool include_answers, cd_err *err)
{
    static const char sql[] = "SELECT " Q_COLS " FROM questions WHERE id = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    json_t *q = rc == SQLITE_ROW ? question_from_row(st, include_answers) : NULL;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        cd_err_set(err, CD_ENOTFOUND, "", "no question with id %lld", id);
    else if (rc != SQLITE_ROW)
        db_fail(s, rc, "question get", err);
    return q;
}

static const char *jstr(json_t *q, const char *k, const char *dflt)
{
    const char *v = json_string_value(json_object_get(q, k));
    return v ? v : dflt;
}

static json_t *jarr(json_t *q, const char *k)
{
    json_t *v = json_object_get(q, k);
    return json_is_array(v) ? v : NULL;
}

static void bind_question(sqlite3_stmt *st, json_t *q)
{
    db_bind_text(st, 1, jstr(q, "role", ""));
    db_bind_text(st, 2, jstr(q, "difficulty", ""));
    db_bind_text(st, 3, jstr(q, "type", ""));
    json_t *empty = json_array();
    db_bind_json(st, 4, jarr(q, "tech") ? jarr(q, "tech") : empty);
    db_bind_text(st, 5, jstr(q, "text", ""));
    db_bind_json(st, 6, jarr(q, "talking_points") ? jarr(q, "talking_points") : empty);
    db_bind_json(st, 7, jarr(q, "keywords") ? jarr(q, "keywords") : empty);
    db_bind_json(st, 8, jarr(q, "follow_ups") ? jarr(q, "follow_ups") : empty);
    json_decref(empty);
}

json_t *cd_store_question_create(cd_store *s, json_t *q, const char *slug, const char *source,
                                 long long author_id, cd_err *err)
{
    static const char sql[] = "INSERT INTO questions(role, difficulty, type, tech, text,"
                              " talking_points, keywords, follow_ups, slug, source, author_id,"
                              " created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    bind_question(st, q);
    db_bind_text(st, 9, slug);
    db_bind_text(st, 10, source);
    if (author_id)
        sqlite3_bind_int64(st, 11, author_id);
    else
        sqlite3_bind_null(st, 11);
    long long now = cd_unix_time();
    sqlite3_bind_int64(st, 12, now);
    sqlite3_bind_int64(st, 13, now);
    if (db_done(s, st, "question create", err))
        return NULL;
    atomic_fetch_add(&s->question_gen, 1);
    return cd_store_question_get(s, db_last_id(s), true, err);
}

json_t *cd_store_question_update(cd_store *s, long long id, json_t *q, cd_err *err)
{
    static const char sql[] = "UPDATE questions SET role=?1, difficulty=?2, type=?3, tech=?4,"
                              " text=?5, talking_points=?6, keywords=?7, follow_ups=?8,"
                              " updated_at=?9 WHERE id=?10";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    bind_question(st, q);
    sqlite3_bind_int64(st, 9, cd_unix_time());
    sqlite3_bind_int64(st, 10, id);
    if (db_done(s, st, "question update", err))
        return NULL;
    if (db_changes(s) == 0) {
        cd_err_set(err, CD_ENOTFOUND, "", "no question with id %lld", id);
        return NULL;
    }
    atomic_fetch_add(&s->question_gen, 1);
    return cd_store_question_get(s, id, true, err);
}

json_t *cd_store_question_retire(cd_store *s, long long id, cd_err *err)
{
    static const char sql[] = "UPDATE questions SET status='retired', updated_at=? WHERE id=?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, cd_unix_time());
    sqlite3_bind_int64(st, 2, id);
    if (db_done(s, st, "question retire", err))
        return NULL;
    if (db_changes(s) == 0) {
        cd_err_set(err, CD_ENOTFOUND, "", "no question with id %lld", id);
        return NULL;
    }
    atomic_fetch_add(&s->question_gen, 1);
    return cd_store_question_get(s, id, true, err);
}

int cd_store_question_seed(cd_store *s, json_t *questions, int *inserted, int *updated, cd_err *err)
{
    static const char find[] = "SELECT id FROM questions WHERE slug = ?";
    static const char upd[] = "UPDATE questions SET role=?1, difficulty=?2, type=?3, tech=?4,"
                              " text=?5, talking_points=?6, keywords=?7, follow_ups=?8,"
                              " updated_at=?9 WHERE id=?10 AND (role IS NOT ?1 OR"
                              " difficulty IS NOT ?2 OR type IS NOT ?3 OR tech IS NOT ?4 OR"
                              " text IS NOT ?5 OR talking_points IS NOT ?6 OR keywords IS NOT ?7"
                              " OR follow_ups IS NOT ?8)";
    static const char ins[] = "INSERT INTO questions(role, difficulty, type, tech, text,"
                              " talking_points, keywords, follow_ups, slug, source,"
                              " created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,'curated',?,?)";
    *inserted = *updated = 0;
    if (db_begin(s, err))
        return CD_EIO;
    long long now = cd_unix_time();
    size_t i;
    json_t *q;
    json_array_foreach(questions, i, q)
    {
        const char *slug = jstr(q, "id", NULL);
        sqlite3_stmt *st = db_stmt(s, find, err);
        if (!st)
            goto fail;
        db_bind_text(st, 1, slug);
        long long id = 0;
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            /* not "absent": a failed lookup must not turn into an insert */
            db_fail(s, rc, "seed lookup", err);
            goto fail;
        }
        st = db_stmt(s, id ? upd : ins, err);
        if (!st)
            goto fail;
        bind_question(st, q);
        if (id) {
            sqlite3_bind_int64(st, 9, now);
            sqlite3_bind_int64(st, 10, id);
        } else {
            db_bind_text(st, 9, slug);
            sqlite3_bind_int64(st, 10, now);
            sqlite3_bind_int64(st, 11, now);
        }
        if (db_done(s, st, "seed", err))
            goto fail;
        if (id)
            *updated += db_changes(s);
        else
            (*inserted)++;
    }
    if (db_commit(s, err))
        goto fail;
    atomic_fetch_add(&s->question_gen, 1);
    return 0;
fail:
    db_rollback(s);
    *inserted = *updated = 0;
    return CD_EIO;
}

json_t *cd_store_question_pool(cd_store *s, const char *role, const char *type, cd_err *err)
{
    static const char sql[] = "SELECT " Q_COLS " FROM questions WHERE status = 'active'"
                              " AND (?1 IS NULL OR role = ?1) AND (?2 IS NULL OR type = ?2)"
                              " ORDER BY id";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    db_bind_text(st, 1, role);
    db_bind_text(st, 2, type);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(items, question_from_row(st, true));
    return db_rows_done(s, st, rc, items, "question pool", err);
}
