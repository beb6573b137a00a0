/* users.c - accounts, colleges and refresh tokens. */
#include <stdio.h>
#include <string.h>

#include "base/fs.h"
#include "store/db.h"

#define USER_COLS                                                                                  \
    "u.id, u.email, u.name, u.role, COALESCE(u.college_id,0), COALESCE(c.name,''),"                \
    " u.password_hash, u.created_at"
#define USER_FROM " FROM users u LEFT JOIN colleges c ON c.id = u.college_id "

static void user_from_row(sqlite3_stmt *st, cd_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    snprintf(u->email, sizeof u->email, "%s", db_col_text(st, 1));
    snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 2));
    snprintf(u->role, sizeof u->role, "%s", db_col_text(st, 3));
    u->college_id = sqlite3_column_int64(st, 4);
    snprintf(u->college, sizeof u->college, "%s", db_col_text(st, 5));
    snprintf(u->password_hash, sizeof u->password_hash, "%s", db_col_text(st, 6));
    u->created_at = sqlite3_column_int64(st, 7);
}

json_t *cd_user_to_json(const cd_user *u)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:I}", "id", (json_int_t)u->id, "email", u->email,
                     "name", u->name, "role", u->role, "college",
                     u->college[0] ? json_string(u->college) : json_null(), "created_at",
                     (json_int_t)u->created_at);
}

static int user_one(cd_store *s, sqlite3_stmt *st, cd_user *out, cd_err *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        user_from_row(st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return cd_err_set(err, CD_ENOTFOUND, "", "no such user");
    return db_fail(s, rc, "user lookup", err);
}

int cd_store_user_by_email(cd_store *s, const char *email, cd_user *out, cd_err *err)
{
    static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.email = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    db_bind_text(st, 1, email);
    return user_one(s, st, out, err);
}

int cd_store_user_by_id(cd_store *s, long long id, cd_user *out, cd_err *err)
{
    static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.id = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    sqlite3_bind_int64(st, 1, id);
    return user_one(s, st, out, err);
}

/* The college whose domain is the e-mail's domain or a parent of it. */
static long long college_for_email(cd_store *s, const char *email)
{
    const char *at = strrchr(email, '@');
    if (!at)
        return 0;
    static const char sql[] = "SELECT college_id FROM college_domains WHERE domain = ?";
    for (const char *d = at + 1; d && *d; d = strchr(d, '.') ? strchr(d, '.') + 1 : NULL) {
        sqlite3_stmt *st = db_stmt(s, sql, NULL);
        if (!st)
            return 0;
        db_bind_text(st, 1, d);
        long long id = 0;
        if (sqlite3_step(st) == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (id)
            return id;
    }
    return 0;
}

int cd_store_user_create(cd_store *s, const char *email, const char *name,
                         const char *password_hash, const char *role, cd_user *out, cd_err *err)
{
    static const char sql[] = "INSERT INTO users(email, name, password_hash, role, college_id,"
                              " created_at) VALUES(?,?,?,?,?,?)";
    long long college = college_for_email(s, email);
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, password_hash ? password_hash : "");
    db_bind_text(st, 4, role);
    if (college)
        sqlite3_bind_int64(st, 5, college);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int64(st, 6, cd_unix_time());
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return cd_err_set(err, CD_ECONFLICT, "email", "an account with this e-mail already exists");
    if (rc != SQLITE_DONE)
        return db_fail(s, rc, "user create", err);
    return out ? cd_store_user_by_id(s, db_last_id(s), out, err) : 0;
}

int cd_store_user_set_role(cd_store *s, long long id, const char *role, cd_user *out, cd_err *err)
{
    static const char sql[] = "UPDATE users SET role = ? WHERE id = ?";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    db_bind_text(st, 1, role);
    sqlite3_bind_int64(st, 2, id);
    int rc = db_done(s, st, "set role", err);
    if (rc)
        return rc;
    if (db_changes(s) == 0)
        return cd_err_set(err, CD_ENOTFOUND, "", "no such user");
    return out ? cd_store_user_by_id(s, id, out, err) : 0;
}

int cd_store_user_upsert_google(cd_store *s, const char *sub, const char *email, const char *name,
                                cd_user *out, cd_err *err)
{
    static const char by_sub[] = "SELECT " USER_COLS USER_FROM "WHERE u.google_sub = ?";
    static const char link[] =
        "UPDATE users SET google_sub = ? WHERE id = ? AND google_sub IS NULL";
    if (db_begin(s, err))
        return CD_EIO;
    sqlite3_stmt *st = db_stmt(s, by_sub, err);
    if (!st)
        goto fail;
    db_bind_text(st, 1, sub);
    cd_err e2;
    if (user_one(s, st, out, &e2) == 0)
        return db_commit(s, err) ? (db_rollback(s), CD_EIO) : 0;
    if (e2.code != CD_ENOTFOUND) {
        *err = e2;
        goto fail;
    }
    if (cd_store_user_by_email(s, email, out, &e2) != 0) {
        if (e2.code != CD_ENOTFOUND) {
            *err = e2;
            goto fail;
        }
        if (cd_store_user_create(s, email, name, "", "student", out, err))
            goto fail;
    }
    st = db_stmt(s, link, err);
    if (!st)
        goto fail;
    db_bind_text(st, 1, sub);
    sqlite3_bind_int64(st, 2, out->id);
    if (db_done(s, st, "link google account", err))
        goto fail;
    if (db_changes(s) == 0) {
        cd_err_set(err, CD_ECONFLICT, "", "this e-mail is linked to a different Google account");
        goto fail;
    }
    if (db_commit(s, err))
        goto fail;
    return 0;
fail:
    db_rollback(s);
    return err && err->code ? (int)err->code : CD_EIO;
}

json_t *cd_store_user_list(cd_store *s, long long college_id, const char *role, cd_err *err)
{
    static const char sql[] = "SELECT " USER_COLS USER_FROM
                              "WHERE (?1 = 0 OR u.college_id = ?1) AND (?2 = '' OR u.role = ?2)"
                              " ORDER BY u.id LIMIT 10000";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, college_id);
    db_bind_text(st, 2, role ? role : "");
    json_t *items = json_array();
    int rc;
    cd_user u;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        user_from_row(st, &u);
        json_array_append_new(items, cd_user_to_json(&u));
    }
    items = db_rows_done(s, st, rc, items, "user list", err);
    return items ? json_pack("{s:o}", "items", items) : NULL;
}

/* ---- colleges ----------------------------------------------------------- */

json_t *cd_store_college_list(cd_store *s, cd_err *err)
{
    static const char sql[] = "SELECT c.id, c.name, COALESCE(json_group_array(d.domain)"
                              " FILTER (WHERE d.domain IS NOT NULL), '[]')"
                              " FROM colleges c LEFT JOIN college_domains d ON d.college_id = c.id"
                              " GROUP BY c.id ORDER BY c.name";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return NULL;
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:o}", "id",
                                               (json_int_t)sqlite3_column_int64(st, 0), "name",
                                               db_col_text(st, 1), "domains", db_col_json(st, 2)));
    items = db_rows_done(s, st, rc, items, "college list", err);
    return items ? json_pack("{s:o}", "items", items) : NULL;
}

json_t *cd_store_college_create(cd_store *s, const char *name, json_t *domains, cd_err *err)
{
    static const char ins[] = "INSERT INTO colleges(name, created_at) VALUES(?,?)";
    static const char dom[] = "INSERT INTO college_domains(domain, college_id) VALUES(?,?)";
    if (db_begin(s, err))
        return NULL;
    sqlite3_stmt *st = db_stmt(s, ins, err);
    if (!st)
        goto fail;
    db_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, cd_unix_time());
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        cd_err_set(err, CD_ECONFLICT, "name", "a college with this name exists");
        goto fail;
    }
    if (rc != SQLITE_DONE) {
        db_fail(s, rc, "college create", err);
        goto fail;
    }
    long long id = db_last_id(s);
    size_t i;
    json_t *d;
    json_array_foreach(domains, i, d)
    {
        st = db_stmt(s, dom, err);
        if (!st)
            goto fail;
        db_bind_text(st, 1, json_string_value(d));
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if ((rc & 0xff) == SQLITE_CONSTRAINT) {
            cd_err_set(err, CD_ECONFLICT, "domains", "domain %s belongs to another college",
                       json_string_value(d));
            goto fail;
        }
        if (rc != SQLITE_DONE) {
            db_fail(s, rc, "college domain", err);
            goto fail;
        }
        /* Existing accounts on this domain join the college. */
        static const char join[] = "UPDATE users SET college_id = ?1 WHERE college_id IS NULL"
                                   " AND (email LIKE '%@' || ?2 OR email LIKE '%.' || ?2)";
        st = db_stmt(s, join, err);
        if (!st)
            goto fail;
        sqlite3_bind_int64(st, 1, id);
        db_bind_text(st, 2, json_string_value(d));
        if (db_done(s, st, "college join", err))
            goto fail;
    }
    if (db_commit(s, err))
        goto fail;
    return json_pack("{s:I, s:s, s:O}", "id", (json_int_t)id, "name", name, "domains", domains);
fail:
    db_rollback(s);
    return NULL;
}

/* ---- refresh tokens ----------------------------------------------------- */

int cd_store_refresh_insert(cd_store *s, long long user_id, const char *token_hash,
                            const char *family, long long expires_at, cd_err *err)
{
    static const char sql[] = "INSERT INTO refresh_tokens(user_id, token_hash, family, created_at,"
                              " expires_at) VALUES(?,?,?,?,?)";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    sqlite3_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, token_hash);
    db_bind_text(st, 3, family);
    sqlite3_bind_int64(st, 4, cd_unix_time());
    sqlite3_bind_int64(st, 5, expires_at);
    return db_done(s, st, "refresh insert", err);
}

static int revoke_family(cd_store *s, const char *family, cd_err *err)
{
    static const char sql[] =
        "UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL";
    sqlite3_stmt *st = db_stmt(s, sql, err);
    if (!st)
        return CD_EIO;
    sqlite3_bind_int64(st, 1, cd_unix_time());
    db_bind_text(st, 2, family);
    return db_done(s, st, "revoke family", err);
}

int cd_store_refresh_rotate(cd_store *s, const char *old_hash, const char *new_hash, long long now,
                            long long new_expires_at, long long *user_id, cd_refresh_result *result,
                            cd_err *err)
{
    static const char find[] = "SELECT user_id, family, expires_at, used_at, revoked_at"
                               " FROM refresh_tokens WHERE token_hash = ?";
    static const char use[] = "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?";
    *result = CD_ROTATE_UNKNOWN;
    if (db_begin(s, err))
        return CD_EIO;
    sqlite3_stmt *st = db_stmt(s, find, err);
    if (!st)
        goto fail;
    db_bind_text(st, 1, old_hash);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return db_commit(s, err);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        db_fail(s, rc, "refresh lookup", err);
        goto fail;
    }
    long long uid = sqlite3_column_int64(st, 0);
    char family[80];
    snprintf(family, sizeof family, "%s", db_col_text(st, 1));
    long long expires = sqlite3_column_int64(st, 2);
    bool used = sqlite3_column_type(st, 3) != SQLITE_NULL;
    bool revoked = sqlite3_column_type(st, 4) != SQLITE_NULL;
    sqlite3_reset(st);
    *user_id = uid;
    if (revoked) {
        *result = CD_ROTATE_REVOKED;
        return db_commit(s, err);
    }
    if (used) {
        /* A used token presented again means it was stolen or replayed:
         * end every session descending from that login. */
        *result = CD_ROTATE_REUSED;
        if (revoke_family(s, family, err))
            goto fail;
        return db_commit(s, err);
    }
    if (expires <= now) {
        *result = CD_ROTATE_EXPIRED;
        return db_commit(s, err);
    }
    st = db_stmt(s, use, err);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, now);
    db_bind_text(st, 2, old_hash);
    if (db_done(s, st, "refresh use", err))
        goto fail;
    if (cd_store_refresh_insert(s, uid, new_hash, family, new_expires_at, err))
        goto fail;
    if (db_commit(s, err))
        goto fail;
    *result = CD_ROTATE_OK;
    return 0;
fail:
    db_rollback(s);
    return CD_EIO;
}

int cd_store_refresh_revoke(cd_store *s, const char *token_hash, cd_err *err)
{
    static const char find[] = "SELECT family FROM refresh_tokens WHERE token_hash = ?";
    sqlite3_stmt *st = db_stmt(s, find, err);
    if (!st)
        return CD_EIO;
    db_bind_text(st, 1, token_hash);
    char family[80] = "";
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(family, sizeof family, "%s", db_col_text(st, 0));
    sqlite3_reset(st);
    return family[0] ? revoke_family(s, family, err) : 0;
}
