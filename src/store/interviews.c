/* interviews.c - interviews, their answers, reports, progress and events. */
#include <stdio.h>
#include <string.h>

#include "base/fs.h"
#include "store/db.h"

#define I_COLS                                                                                     \
    "id, user_id, mode, role, difficulty, length, status, plan, cursor, seq, pending,"             \
    " overall_score, created_at, finished_at, resume_id, job_id, why"

static json_t *nullable_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null()
                                                     : json_real(sqlite3_column_double(st, i));
}

static json_t *nullable_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null()
                                                     : json_integer(sqlite3_column_int64(st, i));
}

static json_t *interview_from_row(sqlite3_stmt *st)
{
    json_t *iv = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:i, s:s, s:o, s:i, s:i, s:o, s:o, s:I, s:o}", "id",
        (json_int_t)sqlite3_column_int64(st, 0), "user_id", (json_int_t)sqlite3_column_int64(st, 1),
        "mode", db_col_text(st, 2), "role", db_col_text(st, 3), "difficulty", db_col_text(st, 4),
        "length", sqlite3_column_int(st, 5), "status", db_col_text(st, 6), "plan",
        db_col_json(st, 7), "cursor", sqlite3_column_int(st, 8), "seq", sqlite3_column_int(st, 9),
        "pending", db_col_json(st, 10), "overall_score", nullable_real(st, 11), "created_at",
        (json_int_t)sqlite3_column_int64(st, 12), "finished_at", nullable_int(st, 13));
    if (iv) {
        json_object_set_new(iv, "resume_id", nullable_int(st, 14));
        json_object_set_new(iv, "job_id", nullable_int(st, 15));
        json_object_set_new(iv, "why", db_col_json(st, 16));
    }
    return iv;
}

/* Inserts a question generated for one interview; returns its id or 0. */
static long long insert_generated(cd_store *s, json_t *q, cd_err *err)
{
    static const char sql[] = "INSERT INTO questions(role, difficulty, type, tech, text,"
                              " talking_points, keywords, follow_ups, source, status,"
                              " created_at, updated_at)"
                              " VALUES(?,?,?,?,?,?,?,?,'generated','retired',?,?)";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return 0;
    json_t *empty = json_array();
    static const char *const arrays[] = {"tech", "talking_points", "keywords", "follow_ups"};
    db_bind_text(st, 1, json_string_value(json_object_get(q, "role")));
    db_bind_text(st, 2, json_string_value(json_object_get(q, "difficulty")));
    db_bind_text(st, 3, json_string_value(json_object_get(q, "type")));
    db_bind_text(st, 5, json_string_value(json_object_get(q, "text")));
    static const int cols[] = {4, 6, 7, 8};
    for (int i = 0; i < 4; i++) {
        json_t *a = json_object_get(q, arrays[i]);
        db_bind_json(st, cols[i], json_is_array(a) ? a : empty);
    }
    long long now = cd_unix_time();
    sqlite3_bind_int64(st, 9, now);
    sqlite3_bind_int64(st, 10, now);
    int rc = db_done(s, st, "generated question insert", err);
    json_decref(empty);
    return rc ? 0 : db_last_id(s);
}

long long cd_store_interview_create(cd_store *s, const cd_interview_new *n, cd_err *err)
{
    static const char sql[] = "INSERT INTO interviews(user_id, mode, role, difficulty, length,"
                              " plan, why, resume_id, job_id, created_at)"
                              " VALUES(?,?,?,?,?,?,?,?,?,?)";
    if (db_begin(s, err))
        return 0;
    json_t *ids = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(n->plan, i, item)
    {
        long long qid =
            json_is_integer(item) ? json_integer_value(item) : insert_generated(s, item, err);
        if (!qid)
            goto fail;
        json_array_append_new(ids, json_integer(qid));
    }
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, n->user_id);
    db_bind_text(st, 2, n->mode);
    db_bind_text(st, 3, n->role);
    db_bind_text(st, 4, n->difficulty);
    sqlite3_bind_int(st, 5, (int)json_array_size(ids));
    db_bind_json(st, 6, ids);
    db_bind_json(st, 7, n->why);
    if (n->resume_id)
        sqlite3_bind_int64(st, 8, n->resume_id);
    else
        sqlite3_bind_null(st, 8);
    if (n->job_id)
        sqlite3_bind_int64(st, 9, n->job_id);
    else
        sqlite3_bind_null(st, 9);
    sqlite3_bind_int64(st, 10, cd_unix_time());
    if (db_done(s, st, "interview create", err))
        goto fail;
    long long id = db_last_id(s);
    if (db_commit(s, err))
        goto fail;
    json_decref(ids);
    return id;
fail:
    db_rollback(s);
    json_decref(ids);
    return 0;
}

static json_t *answers_of(cd_store *s, long long interview_id, cd_err *err)
{
    static const char sql[] = "SELECT seq, question_id, kind, prompt, text, duration_ms,"
                              " evaluation, score, created_at FROM answers"
                              " WHERE interview_id = ? ORDER BY seq";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, interview_id);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(
            arr, json_pack("{s:i, s:I, s:s, s:s, s:s, s:I, s:o, s:f, s:I}", "seq",
                           sqlite3_column_int(st, 0), "question_id",
                           (json_int_t)sqlite3_column_int64(st, 1), "kind", db_col_text(st, 2),
                           "prompt", db_col_text(st, 3), "text", db_col_text(st, 4), "duration_ms",
                           (json_int_t)sqlite3_column_int64(st, 5), "evaluation",
                           db_col_json(st, 6), "score", sqlite3_column_double(st, 7), "answered_at",
                           (json_int_t)sqlite3_column_int64(st, 8)));
    return db_rows_done(s, st, rc, arr, "answers", err);
}

json_t *cd_store_interview_get(cd_store *s, long long id, cd_err *err)
{
    static const char sql[] = "SELECT " I_COLS " FROM interviews WHERE id = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    json_t *iv = rc == SQLITE_ROW ? interview_from_row(st) : NULL;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        cd_err_set(err, CD_ENOTFOUND, "", "no interview with id %lld", id);
        return NULL;
    }
    if (rc != SQLITE_ROW) {
        db_fail(s, rc, "interview get", err);
        return NULL;
    }
    json_t *answers = answers_of(s, id, err);
    if (!answers) {
        json_decref(iv);
        return NULL;
    }
    json_object_set_new(iv, "answers", answers);
    return iv;
}

json_t *cd_store_interview_list(cd_store *s, long long user_id, cd_err *err)
{
    static const char sql[] = "SELECT " I_COLS " FROM interviews WHERE user_id = ?"
                              " ORDER BY created_at DESC, id DESC LIMIT 1000";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, user_id);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(items, interview_from_row(st));
    return db_rows_done(s, st, rc, items, "interview list", err);
}

int cd_store_interview_record_answer(cd_store *s, long long interview_id, int expected_seq,
                                     json_t *answer, int new_cursor, json_t *pending, cd_err *err)
{
    static const char advance[] = "UPDATE interviews SET seq = seq + 1, cursor = ?1, pending = ?2"
                                  " WHERE id = ?3 AND seq = ?4 AND status = 'in_progress'";
    static const char ins[] = "INSERT INTO answers(interview_id, seq, question_id, kind, prompt,"
                              " text, duration_ms, evaluation, score, created_at)"
                              " VALUES(?,?,?,?,?,?,?,?,?,?)";
    if (db_begin(s, err))
        return CD_EIO;
    sqlite3_stmt *st = db_stmt(s, advance, err);
    if (!st)
        goto fail;
    sqlite3_bind_int(st, 1, new_cursor);
    db_bind_json(st, 2, pending);
    sqlite3_bind_int64(st, 3, interview_id);
    sqlite3_bind_int(st, 4, expected_seq);
    if (db_done(s, st, "interview advance", err))
        goto fail;
    if (db_changes(s) == 0) {
        cd_err_set(err, CD_ECONFLICT, "",
                   "this question was already answered or the interview has ended");
        goto fail;
    }
    st = db_stmt(s, ins, err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, interview_id);
    sqlite3_bind_int(st, 2, expected_seq);
    sqlite3_bind_int64(st, 3, json_integer_value(json_object_get(answer, "question_id")));
    db_bind_text(st, 4, json_string_value(json_object_get(answer, "kind")));
    db_bind_text(st, 5, json_string_value(json_object_get(answer, "prompt")));
    db_bind_text(st, 6, json_string_value(json_object_get(answer, "text")));
    sqlite3_bind_int64(st, 7, json_integer_value(json_object_get(answer, "duration_ms")));
    db_bind_json(st, 8, json_object_get(answer, "evaluation"));
    sqlite3_bind_double(st, 9, json_number_value(json_object_get(answer, "score")));
    sqlite3_bind_int64(st, 10, cd_unix_time());
    if (db_done(s, st, "answer insert", err))
        goto fail;
    if (db_commit(s, err))
        goto fail;
    return 0;
fail:
    db_rollback(s);
    return err ? (int)err->code : CD_EIO;
}

int cd_store_interview_finish(cd_store *s, long long interview_id, double overall_score,
                              json_t *report, cd_err *err)
{
    static const char sql[] = "UPDATE interviews SET status = 'finished', overall_score = ?,"
                              " report = ?, finished_at = ?, pending = NULL"
                              " WHERE id = ? AND status = 'in_progress'";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    sqlite3_bind_double(st, 1, overall_score);
    db_bind_json(st, 2, report);
    sqlite3_bind_int64(st, 3, cd_unix_time());
    sqlite3_bind_int64(st, 4, interview_id);
    int rc = db_done(s, st, "interview finish", err);
    if (rc)
        return rc;
    if (db_changes(s) == 0)
        return cd_err_set(err, CD_ECONFLICT, "", "the interview has already finished");
    return 0;
}

json_t *cd_store_interview_report(cd_store *s, long long interview_id, cd_err *err)
{
    static const char sql[] = "SELECT report FROM interviews WHERE id = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, interview_id);
    int rc = sqlite3_step(st);
    json_t *r = NULL;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        r = db_col_json(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        db_fail(s, rc, "report", err);
    else if (!r)
        cd_err_set(err, CD_ENOTFOUND, "", "no report yet: the interview has not finished");
    return r;
}

json_t *cd_store_progress(cd_store *s, long long user_id, cd_err *err)
{
    static const char trend_sql[] = "SELECT id, finished_at, role, overall_score FROM interviews"
                                    " WHERE user_id = ? AND status = 'finished'"
                                    " ORDER BY finished_at, id LIMIT 500";
    static const char role_sql[] = "SELECT role, COUNT(*), AVG(overall_score) FROM interviews"
                                   " WHERE user_id = ? AND status = 'finished' GROUP BY role"
                                   " ORDER BY role";
    sqlite3_stmt *st = db_stmt(s, trend_sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, user_id);
    json_t *trend = json_array();
    double sum = 0;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double sc = sqlite3_column_double(st, 3);
        sum += sc;
        n++;
        json_array_append_new(trend,
                              json_pack("{s:I, s:I, s:s, s:f}", "interview_id",
                                        (json_int_t)sqlite3_column_int64(st, 0), "finished_at",
                                        (json_int_t)sqlite3_column_int64(st, 1), "role",
                                        db_col_text(st, 2), "score", sc));
    }
    trend = db_rows_done(s, st, rc, trend, "progress", err);
    if (!trend)
        return NULL;
    st = db_stmt(s, role_sql, err);
    if (!st) {
        json_decref(trend);
        return NULL;
    }
    sqlite3_bind_int64(st, 1, user_id);
    json_t *by_role = json_array();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(by_role, json_pack("{s:s, s:i, s:f}", "role", db_col_text(st, 0),
                                                 "count", sqlite3_column_int(st, 1), "average",
                                                 sqlite3_column_double(st, 2)));
    /* a failure here used to return the roles read so far as if complete */
    by_role = db_rows_done(s, st, rc, by_role, "progress by role", err);
    if (!by_role) {
        json_decref(trend);
        return NULL;
    }
    return json_pack("{s:i, s:o, s:o, s:o}", "interviews", n, "average",
                     n ? json_real(sum / n) : json_null(), "trend", trend, "by_role", by_role);
}

json_t *cd_store_student_list(cd_store *s, long long college_id, cd_err *err)
{
    static const char sql[] =
        "SELECT u.id, u.email, u.name, u.role, COALESCE(c.name,''), u.created_at,"
        " (SELECT COUNT(*) FROM interviews i WHERE i.user_id = u.id),"
        " (SELECT AVG(overall_score) FROM interviews i WHERE i.user_id = u.id"
        "  AND i.status = 'finished')"
        " FROM users u LEFT JOIN colleges c ON c.id = u.college_id"
        " WHERE u.role = 'student' AND (?1 = 0 OR u.college_id = ?1) ORDER BY u.name LIMIT 10000";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, college_id);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *college = db_col_text(st, 4);
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:o, s:I, s:i, s:o}", "id",
                             (json_int_t)sqlite3_column_int64(st, 0), "email", db_col_text(st, 1),
                             "name", db_col_text(st, 2), "role", db_col_text(st, 3), "college",
                             *college ? json_string(college) : json_null(), "created_at",
                             (json_int_t)sqlite3_column_int64(st, 5), "interviews",
                             sqlite3_column_int(st, 6), "average", nullable_real(st, 7)));
    }
    items = db_rows_done(s, st, rc, items, "student list", err);
    return items ? json_pack("{s:o}", "items", items) : NULL;
}

int cd_store_event_add(cd_store *s, long long interview_id, long long user_id, const char *kind,
                       json_t *payload, cd_err *err)
{
    static const char sql[] =
        "INSERT INTO events(interview_id, user_id, kind, payload, ts) VALUES(?,?,?,?,?)";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    if (interview_id)
        sqlite3_bind_int64(st, 1, interview_id);
    else
        sqlite3_bind_null(st, 1);
    if (user_id)
        sqlite3_bind_int64(st, 2, user_id);
    else
        sqlite3_bind_null(st, 2);
    db_bind_text(st, 3, kind);
    db_bind_json(st, 4, payload);
    sqlite3_bind_int64(st, 5, cd_unix_time());
    return db_done(s, st, "event add", err);
}
