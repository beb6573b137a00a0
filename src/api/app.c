/* app.c - starting and stopping the platform, and loading the curated
 * question bank. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/cache.h"
#include "auth/jws.h"
#include "auth/password.h"
#include "base/fs.h"
#include "base/log.h"
#include "docs/fetch.h"
#include "interview/bank.h"

#define QUESTION_FILE_MAX (4 * 1024 * 1024)
#define QUESTION_FILES_MAX 64
/* Bursts allow a class signing in at once from one campus NAT address. */
#define LOGIN_BURST_FACTOR 1.5
#define RATELIMIT_KEYS 100000
/* Threads for handlers that wait on a model or a URL: they sleep on the
 * network, so more of them than cores costs little and keeps the CPU pool
 * free for everyone else. */
#define WAIT_WORKERS 16

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cd_app_seed_questions(cd_store *store, const char *dir, int *inserted, int *updated, int *total,
                          cd_err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return cd_err_set(err, CD_ENOTFOUND, "questions-dir", "cannot open question bank %s", dir);
    char *names[QUESTION_FILES_MAX];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < QUESTION_FILES_MAX) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    json_t *all = json_array(), *slugs = json_object();
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *text = cd_read_file(path, QUESTION_FILE_MAX, &len, err);
        if (!text) {
            rc = err ? (int)err->code : CD_EIO;
            break;
        }
        json_error_t je;
        json_t *arr = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
        free(text);
        if (!json_is_array(arr)) {
            rc = cd_err_set(err, CD_EINVAL, "", "%s: not a JSON array (line %d: %s)", names[i],
                            je.line, je.text);
            json_decref(arr);
            break;
        }
        size_t k;
        json_t *q;
        json_array_foreach(arr, k, q)
        {
            cd_err e;
            if (cd_bank_validate_question(q, true, &e)) {
                rc = cd_err_set(err, CD_EINVAL, e.field, "%s: question %zu: %s", names[i], k + 1,
                                e.msg);
                break;
            }
            const char *slug = json_string_value(json_object_get(q, "id"));
            if (json_object_get(slugs, slug)) {
                rc = cd_err_set(err, CD_EINVAL, "id", "%s: duplicate question id '%s'", names[i],
                                slug);
                break;
            }
            json_object_set_new(slugs, slug, json_true());
            json_array_append(all, q);
        }
        json_decref(arr);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    if (!rc && json_array_size(all) == 0)
        rc = cd_err_set(err, CD_ENOTFOUND, "questions-dir", "no questions found in %s", dir);
    if (!rc)
        rc = cd_store_question_seed(store, all, inserted, updated, err);
    if (total)
        *total = (int)json_array_size(all);
    json_decref(all);
    json_decref(slugs);
    return rc;
}

/* Reads the HS256 key, creating it (0600) on first start. */
static int load_secret(cd_app *app, cd_err *err)
{
    const char *path = app->cfg.jwt_secret_file;
    size_t len;
    cd_err e2;
    char *key = cd_read_file(path, 4096, &len, &e2);
    if (key) {
        int ok = len >= sizeof app->jwt_secret;
        if (ok)
            memcpy(app->jwt_secret, key, sizeof app->jwt_secret);
        sodium_memzero(key, len);
        free(key);
        return ok ? 0
                  : cd_err_set(err, CD_EINVAL, "jwt-secret-file",
                               "%s holds %zu bytes; at least %zu are needed", path, len,
                               sizeof app->jwt_secret);
    }
    if (e2.code != CD_ENOTFOUND) {
        *err = e2;
        return e2.code;
    }
    randombytes_buf(app->jwt_secret, sizeof app->jwt_secret);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return cd_err_set(err, CD_EIO, "jwt-secret-file", "cannot create %s", path);
    ssize_t w = write(fd, app->jwt_secret, sizeof app->jwt_secret);
    close(fd);
    if (w != (ssize_t)sizeof app->jwt_secret)
        return cd_err_set(err, CD_EIO, "jwt-secret-file", "cannot write %s", path);
    cd_log(CD_LOG_INFO, "auth.key_created", NULL);
    return 0;
}

static int bank_is_empty(cd_store *s, bool *empty, cd_err *err)
{
    cd_question_filter f = {.page = 1, .per_page = 1};
    json_t *r = cd_store_question_list(s, &f, err);
    if (!r)
        return CD_EIO;
    *empty = json_integer_value(json_object_get(r, "total")) == 0;
    json_decref(r);
    return 0;
}

/* The model provider from CANDOR_LLM_* (timeouts, prices, key) with the
 * provider/url/model/key-file settings of the config on top. */
static int start_llm(cd_app *app, cd_err *err)
{
    cd_llm_config lc;
    if (cd_llm_config_from_env(&lc, err))
        return CD_EINVAL;
    const cd_config *c = &app->cfg;
    if (c->llm_provider[0])
        lc.kind = !strcmp(c->llm_provider, "openai")      ? CD_LLM_OPENAI
                  : !strcmp(c->llm_provider, "anthropic") ? CD_LLM_ANTHROPIC
                                                          : CD_LLM_NONE;
    if (lc.kind == CD_LLM_NONE)
        return 0;
    if (c->llm_url[0])
        snprintf(lc.base_url, sizeof lc.base_url, "%s", c->llm_url);
    else if (!lc.base_url[0])
        snprintf(lc.base_url, sizeof lc.base_url, "%s",
                 lc.kind == CD_LLM_OPENAI ? "https://api.openai.com" : "https://api.anthropic.com");
    if (c->llm_model[0])
        snprintf(lc.model, sizeof lc.model, "%s", c->llm_model);
    if (c->llm_api_key_file[0])
        snprintf(lc.api_key_file, sizeof lc.api_key_file, "%s", c->llm_api_key_file);
    app->llm = cd_llm_create(&lc, err);
    if (!app->llm)
        return err->code ? err->code : CD_EINVAL;
    cd_log(CD_LOG_INFO, "llm.enabled", "\"provider\":\"%s\",\"model\":\"%s\"",
           cd_llm_kind_name(lc.kind), lc.model);
    return 0;
}

int cd_app_start(cd_app *app, const cd_config *cfg, cd_err *err)
{
    memset(app, 0, sizeof *app);
    app->cfg = *cfg;
    /* Finished here, on our own copy: the domain lists point into its raw
     * strings, so the caller must pass an unfinished config. */
    pthread_mutex_init(&app->jwks_mu, NULL); /* before any return: cd_app_stop destroys it */
    if (cd_config_finish(&app->cfg, err))
        return CD_EINVAL;
    if (!strcmp(app->cfg.log_level, "debug"))
        cd_log_set_level(CD_LOG_DEBUG);
    else if (!strcmp(app->cfg.log_level, "warn"))
        cd_log_set_level(CD_LOG_WARN);
    else if (!strcmp(app->cfg.log_level, "error"))
        cd_log_set_level(CD_LOG_ERROR);
    if (cd_auth_sodium_init(err))
        return CD_EINTERNAL;
    if (!strcmp(app->cfg.password_cost, "minimum"))
        cd_password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    app->store = cd_store_open(app->cfg.data_dir, err);
    if (!app->store)
        return CD_EIO;
    int from, to;
    if (cd_store_migrate(app->store, &from, &to, err))
        return CD_EIO;
    if (from != to)
        cd_log(CD_LOG_INFO, "store.migrated", "\"from\":%d,\"to\":%d", from, to);
    bool empty;
    if (bank_is_empty(app->store, &empty, err))
        return CD_EIO;
    if (empty) {
        int ins, upd, total;
        if (cd_app_seed_questions(app->store, app->cfg.questions_dir, &ins, &upd, &total, err))
            return err->code;
        cd_log(CD_LOG_INFO, "bank.seeded", "\"questions\":%d", ins);
    }
    cd_password_dummy_verify(""); /* builds its hash now, not on a first login */
    if (load_secret(app, err))
        return CD_EIO;
    if (api_openapi_init(err))
        return CD_EINTERNAL;
    app->rl_login_ip =
        cd_ratelimit_new(app->cfg.login_ip_per_min / 60.0,
                         app->cfg.login_ip_per_min * LOGIN_BURST_FACTOR, RATELIMIT_KEYS);
    app->rl_login_account = cd_ratelimit_new(app->cfg.login_account_per_min / 60.0,
                                             app->cfg.login_account_per_min * 2.0, RATELIMIT_KEYS);
    app->skills = cd_docs_taxonomy_load(app->cfg.skills_dir, err);
    if (!app->skills)
        return err->code ? err->code : CD_EINVAL;
    if (start_llm(app, err))
        return err->code;
    cd_docs_fetch_global_init();
    app->pool = cd_pool_create(app->cfg.workers, (size_t)app->cfg.queue);
    app->wait_pool = cd_pool_create(WAIT_WORKERS, (size_t)app->cfg.queue);
    if (!app->rl_login_ip || !app->rl_login_account || !app->pool || !app->wait_pool)
        return cd_err_set(err, CD_EINTERNAL, "", "out of memory starting workers");
    cd_http_config hc = {
        .bind_addr = app->cfg.bind[0] ? app->cfg.bind : NULL,
        .port = app->cfg.port,
        .web_dir = app->cfg.web_dir,
        .max_body = app->cfg.max_body,
        .max_upload = app->cfg.max_upload,
        .wait_pool = app->wait_pool,
        .keepalive_timeout_s = 30,
        .access_log = app->cfg.access_log,
    };
    size_t nroutes;
    const cd_http_route *routes = cd_api_routes(&nroutes);
    app->http = cd_http_server_new(&hc, routes, nroutes, app, app->pool, err);
    if (!app->http)
        return CD_EIO;
    struct stat st;
    char index[1100];
    snprintf(index, sizeof index, "%s/index.html", app->cfg.web_dir);
    if (stat(index, &st) != 0)
        cd_log(CD_LOG_WARN, "http.no_web_ui", "\"web_dir\":\"%s\"", app->cfg.web_dir);
    return 0;
}

static cd_app *g_running;

static void on_signal(int sig)
{
    (void)sig;
    if (g_running)
        cd_http_server_stop(g_running->http);
}

int cd_app_run(cd_app *app)
{
    g_running = app;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    cd_log(CD_LOG_INFO, "server.listening", "\"port\":%d,\"workers\":%d,\"data_dir\":\"%s\"",
           cd_http_server_port(app->http), app->cfg.workers, app->cfg.data_dir);
    int rc = cd_http_server_run(app->http);
    cd_log(CD_LOG_INFO, "server.stopping", NULL);
    g_running = NULL;
    return rc;
}

void cd_app_stop(cd_app *app)
{
    /* Workers first (they may still hand results to the server), then the
     * server, then what the workers used. */
    cd_pool_destroy(app->pool);
    cd_pool_destroy(app->wait_pool);
    cd_http_server_free(app->http);
    cd_store_close(app->store);
    cd_ratelimit_free(app->rl_login_ip);
    cd_ratelimit_free(app->rl_login_account);
    cd_jwks_free(app->jwks);
    pthread_mutex_destroy(&app->jwks_mu);
    api_openapi_free();
    api_cache_clear();
    cd_docs_taxonomy_free(app->skills);
    cd_llm_free(app->llm);
    sodium_memzero(app->jwt_secret, sizeof app->jwt_secret);
}
