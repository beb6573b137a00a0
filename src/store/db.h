/* db.h - internal to src/store: per-thread SQLite connections and a cache of
 * prepared statements per connection. Not for use outside src/store. */
#ifndef CANDOR_STORE_DB_H
#define CANDOR_STORE_DB_H

#include <sqlite3.h>
#include <stdatomic.h>
#include <pthread.h>
#include "base/err.h"
#include "store/store.h"

#define DB_STMT_CACHE 64

typedef struct db_conn {
    sqlite3 *db;
    struct {
        const char *sql; /* static string: cached by address */
        sqlite3_stmt *stmt;
    } cache[DB_STMT_CACHE];
    int ncache;
    struct db_conn *next;
} db_conn;

struct cd_store {
    char path[4096];
    pthread_key_t key;
    pthread_mutex_t mu; /* guards conns list */
    db_conn *conns;
    atomic_llong question_gen;
};

/* This thread's connection (opened on first use). */
db_conn *db_get(cd_store *s, cd_err *err);
/* A reset statement for a static SQL string, from the cache. */
sqlite3_stmt *db_stmt(cd_store *s, const char *sql, cd_err *err);
int db_exec(cd_store *s, const char *sql, cd_err *err);
int db_begin(cd_store *s, cd_err *err);
int db_commit(cd_store *s, cd_err *err);
void db_rollback(cd_store *s);
/* Runs a statement that returns no rows and resets it. Returns 0, or the
 * cd_errcode from db_fail() naming `what`. */
int db_done(cd_store *s, sqlite3_stmt *st, const char *what, cd_err *err);
/* Ends a loop that stepped `st` and collected its rows into `rows`: resets
 * st and returns rows when the last step was SQLITE_DONE; otherwise frees
 * rows and returns NULL with the error from db_fail() naming `what`. */
json_t *db_rows_done(cd_store *s, sqlite3_stmt *st, int rc, json_t *rows, const char *what,
                     cd_err *err);
/* Maps an SQLite result to a cd_err; returns the cd_errcode. */
int db_fail(cd_store *s, int rc, const char *what, cd_err *err);

/* Binding helpers (1-based index). text may be NULL -> NULL. */
int db_bind_text(sqlite3_stmt *st, int i, const char *text);
int db_bind_json(sqlite3_stmt *st, int i, const json_t *v);
/* Column helpers. */
const char *db_col_text(sqlite3_stmt *st, int i);
json_t *db_col_json(sqlite3_stmt *st, int i); /* new ref; null for NULL */
long long db_last_id(cd_store *s);
int db_changes(cd_store *s);

#endif
