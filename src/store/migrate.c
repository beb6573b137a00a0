/* migrate.c - versioned schema migrations. Each entry is applied once, in
 * order, inside a transaction together with its row in schema_migrations.
 * Never edit a released migration: append a new one. */
#include <stdio.h>

#include "base/fs.h"
#include "store/db.h"

static const char *const migrations[] = {
    /* 1: accounts, colleges, question bank, interviews, answers, events */
    "CREATE TABLE colleges ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE college_domains ("
    "  domain TEXT PRIMARY KEY,"
    "  college_id INTEGER NOT NULL REFERENCES colleges(id) ON DELETE CASCADE);"
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  email TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL DEFAULT '',"
    "  google_sub TEXT UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('student','coordinator','admin')),"
    "  college_id INTEGER REFERENCES colleges(id),"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX users_college ON users(college_id, role);"
    "CREATE TABLE refresh_tokens ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  family TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  used_at INTEGER,"
    "  revoked_at INTEGER);"
    "CREATE INDEX refresh_family ON refresh_tokens(family);"
    "CREATE TABLE questions ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT UNIQUE,"
    "  role TEXT NOT NULL,"
    "  difficulty TEXT NOT NULL CHECK (difficulty IN ('easy','medium','hard')),"
    "  type TEXT NOT NULL CHECK (type IN ('technical','behavioural','hr')),"
    "  tech TEXT NOT NULL DEFAULT '[]',"
    "  text TEXT NOT NULL,"
    "  talking_points TEXT NOT NULL DEFAULT '[]',"
    "  keywords TEXT NOT NULL DEFAULT '[]',"
    "  follow_ups TEXT NOT NULL DEFAULT '[]',"
    "  source TEXT NOT NULL DEFAULT 'curated',"
    "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired')),"
    "  author_id INTEGER REFERENCES users(id),"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE INDEX questions_filter ON questions(status, role, difficulty, type);"
    "CREATE TABLE interviews ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  mode TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  difficulty TEXT NOT NULL,"
    "  length INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','finished')),"
    "  plan TEXT NOT NULL,"
    "  cursor INTEGER NOT NULL DEFAULT 0,"
    "  seq INTEGER NOT NULL DEFAULT 0,"
    "  pending TEXT,"
    "  overall_score REAL,"
    "  report TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  finished_at INTEGER);"
    "CREATE INDEX interviews_user ON interviews(user_id, created_at);"
    "CREATE TABLE answers ("
    "  id INTEGER PRIMARY KEY,"
    "  interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  question_id INTEGER NOT NULL REFERENCES questions(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('question','follow_up')),"
    "  prompt TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  duration_ms INTEGER NOT NULL,"
    "  evaluation TEXT NOT NULL,"
    "  score REAL NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  UNIQUE (interview_id, seq));"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  interview_id INTEGER REFERENCES interviews(id) ON DELETE CASCADE,"
    "  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL,"
    "  payload TEXT NOT NULL DEFAULT '{}',"
    "  ts INTEGER NOT NULL);"
    "CREATE INDEX events_interview ON events(interview_id, ts);",
    /* 2: uploaded resumes and job descriptions; interviews aimed at them;
     * questions generated for one interview (hidden from the bank). */
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('resume','job')),"
    "  title TEXT NOT NULL,"
    "  source TEXT NOT NULL CHECK (source IN ('file','text','url')),"
    "  url TEXT,"
    "  format TEXT NOT NULL,"
    "  content BLOB,"
    "  text TEXT NOT NULL,"
    "  analysis TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX documents_user ON documents(user_id, kind, created_at);"
    "ALTER TABLE interviews ADD COLUMN resume_id INTEGER REFERENCES documents(id) ON DELETE SET "
    "NULL;"
    "ALTER TABLE interviews ADD COLUMN job_id INTEGER REFERENCES documents(id) ON DELETE SET NULL;"
    "ALTER TABLE interviews ADD COLUMN why TEXT;",
};

int cd_store_latest_version(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

int cd_store_schema_version(cd_store *s, cd_err *err)
{
    if (db_exec(s,
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
                err))
        return -1;
    sqlite3_stmt *st = db_stmt(s, "SELECT COALESCE(MAX(version),0) FROM schema_migrations", err);
    if (!st)
        return -1;
    int v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (v < 0)
        cd_err_set(err, CD_EIO, "", "cannot read schema version");
    return v;
}

int cd_store_migrate(cd_store *s, int *from, int *to, cd_err *err)
{
    int v = cd_store_schema_version(s, err);
    if (v < 0)
        return CD_EIO;
    if (from)
        *from = v;
    int latest = cd_store_latest_version();
    if (v > latest)
        return cd_err_set(err, CD_ECONFLICT, "",
                          "database schema version %d is newer than this candor (%d)", v, latest);
    for (int i = v; i < latest; i++) {
        if (db_begin(s, err))
            return CD_EIO;
        if (db_exec(s, migrations[i], err)) {
            db_rollback(s);
            return CD_EIO;
        }
        sqlite3_stmt *st =
            db_stmt(s, "INSERT INTO schema_migrations(version, applied_at) VALUES(?,?)", err);
        if (!st) {
            db_rollback(s);
            return CD_EIO;
        }
        sqlite3_bind_int(st, 1, i + 1);
        sqlite3_bind_int64(st, 2, cd_unix_time());
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            db_rollback(s);
            return db_fail(s, rc, "migrate", err);
        }
        if (db_commit(s, err)) {
            db_rollback(s);
            return CD_EIO;
        }
    }
    if (to)
        *to = latest;
    return 0;
}
