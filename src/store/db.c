/* db.c - SQLite connections, statement cache, transactions and error mapping. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/log.h"

static void conn_close(db_conn *c)
{
    for (int i = 0; i < c->ncache; i++)
        sqlite3_finalize(c->cache[i].stmt);
    sqlite3_close(c->db);
    free(c);
}

cd_store *cd_store_open(const char *data_dir, cd_err *err)
{
    if (cd_mkdirs(data_dir, err) != 0)
        return NULL;
    cd_store *s = calloc(1, sizeof *s);
    if (!s) {
        cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        return NULL;
    }
    if ((size_t)snprintf(s->path, sizeof s->path, "%s/candor.db", data_dir) >= sizeof s->path) {
        free(s);
        cd_err_set(err, CD_EINVAL, "data_dir", "data directory path is too long");
        return NULL;
    }
    pthread_key_create(&s->key, NULL);
    pthread_mutex_init(&s->mu, NULL);
    /* Open once now so a bad path fails here, not in a worker. */
    if (!db_get(s, err)) {
        cd_store_close(s);
        return NULL;
    }
    return s;
}

void cd_store_close(cd_store *s)
{
    if (!s)
        return;
    db_conn *c = s->conns;
    while (c) {
        db_conn *n = c->next;
        conn_close(c);
        c = n;
    }
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

db_conn *db_get(cd_store *s, cd_err *err)
{
    db_conn *c = pthread_getspecific(s->key);
    if (c)
        return c;
    c = calloc(1, sizeof *c);
    if (!c) {
        cd_err_set(err, CD_EINTERNAL, "", "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(
        s->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        cd_err_set(err, CD_EIO, "", "cannot open database %s: %s", s->path,
                   c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    /* WAL: readers never block the writer; NORMAL sync is durable across
     * application crashes and only risks the last transaction on power loss.
     * busy_timeout: writers from other workers queue instead of failing. */
    sqlite3_busy_timeout(c->db, 5000);
    const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
    char *msg = NULL;
    if (sqlite3_exec(c->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
        cd_err_set(err, CD_EIO, "", "cannot configure database: %s", msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    pthread_setspecific(s->key, c);
    pthread_mutex_lock(&s->mu);
    c->next = s->conns;
    s->conns = c;
    pthread_mutex_unlock(&s->mu);
    return c;
}

sqlite3_stmt *db_stmt(cd_store *s, const char *sql, cd_err *err)
{
    db_conn *c = db_get(s, err);
    if (!c)
        return NULL;
    for (int i = 0; i < c->ncache; i++)
        if (c->cache[i].sql == sql) {
            sqlite3_reset(c->cache[i].stmt);
            sqlite3_clear_bindings(c->cache[i].stmt);
            return c->cache[i].stmt;
        }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        db_fail(s, rc, "prepare", err);
        return NULL;
    }
    if (c->ncache < DB_STMT_CACHE) {
        c->cache[c->ncache].sql = sql;
        c->cache[c->ncache].stmt = st;
        c->ncache++;
    } else {
        /* Cache full is a programming error (too many distinct statements);
         * log it and keep working with an uncached statement leak-free by
         * evicting the oldest. */
        sqlite3_finalize(c->cache[0].stmt);
        memmove(&c->cache[0], &c->cache[1], sizeof c->cache[0] * (DB_STMT_CACHE - 1));
        c->cache[DB_STMT_CACHE - 1].sql = sql;
        c->cache[DB_STMT_CACHE - 1].stmt = st;
        cd_log(CD_LOG_WARN, "store.stmt_cache_full", NULL);
    }
    return st;
}

int db_exec(cd_store *s, const char *sql, cd_err *err)
{
    db_conn *c = db_get(s, err);
    if (!c)
        return CD_EIO;
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        cd_err_set(err, CD_EIO, "", "database error: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return CD_EIO;
    }
    return 0;
}

int db_begin(cd_store *s, cd_err *err)
{
    /* IMMEDIATE takes the write lock up front so two writers never deadlock
     * upgrading from read to write. */
    return db_exec(s, "BEGIN IMMEDIATE", err);
}

int db_commit(cd_store *s, cd_err *err)
{
    return db_exec(s, "COMMIT", err);
}

void db_rollback(cd_store *s)
{
    db_conn *c = db_get(s, NULL);
    if (c && !sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

int db_fail(cd_store *s, int rc, const char *what, cd_err *err)
{
    db_conn *c = db_get(s, NULL);
    const char *msg = c ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc);
    int prim = rc & 0xff;
    if (prim == SQLITE_CONSTRAINT)
        return cd_err_set(err, CD_ECONFLICT, "", "conflicts with an existing record");
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        return cd_err_set(err, CD_EUNAVAILABLE, "", "database is busy, retry");
    char m[300];
    cd_log(CD_LOG_ERROR, "store.error", "\"what\":\"%s\",\"sqlite\":%s", what,
           cd_log_str(m, sizeof m, msg));
    return cd_err_set(err, CD_EIO, "", "database error during %s", what);
}

int db_done(cd_store *s, sqlite3_stmt *st, const char *what, cd_err *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_fail(s, rc, what, err);
}

json_t *db_rows_done(cd_store *s, sqlite3_stmt *st, int rc, json_t *rows, const char *what,
                     cd_err *err)
{
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return rows;
    json_decref(rows);
    db_fail(s, rc, what, err);
    return NULL;
}

int db_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    if (!text)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

int db_bind_json(sqlite3_stmt *st, int i, const json_t *v)
{
    if (!v || json_is_null(v))
        return sqlite3_bind_null(st, i);
    char *s = json_dumps(v, JSON_COMPACT);
    if (!s)
        return SQLITE_NOMEM;
    return sqlite3_bind_text(st, i, s, -1, free);
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

json_t *db_col_json(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return json_null();
    const char *t = (const char *)sqlite3_column_text(st, i);
    json_t *v = t ? json_loads(t, 0, NULL) : NULL;
    return v ? v : json_null();
}

long long db_last_id(cd_store *s)
{
    db_conn *c = db_get(s, NULL);
    return c ? sqlite3_last_insert_rowid(c->db) : 0;
}

int db_changes(cd_store *s)
{
    db_conn *c = db_get(s, NULL);
    return c ? sqlite3_changes(c->db) : 0;
}

long long cd_store_question_generation(cd_store *s)
{
    return atomic_load(&s->question_gen);
}
