/* app.h - the running platform: configuration, store, pool, server and
 * the auth state every API handler needs.
 *
 * Created once by `candor serve` (cd_app_start), shared read-only by all
 * threads; the members that change (rate limiters, JWKS cache, listing
 * cache) carry their own locks. */
#ifndef CANDOR_API_APP_H
#define CANDOR_API_APP_H

#include <pthread.h>
#include "api/config.h"
#include "auth/google.h"
#include "auth/ratelimit.h"
#include "auth/roles.h"
#include "auth/token.h"
#include "base/pool.h"
#include "docs/skills.h"
#include "http/http.h"
#include "interview/llm.h"
#include "store/store.h"

typedef struct cd_app {
    cd_config cfg;
    cd_store *store;
    cd_pool *pool;
    cd_http_server *http;
    unsigned char jwt_secret[32];
    cd_ratelimit *rl_login_ip;      /* login + register + google attempts per client IP */
    cd_ratelimit *rl_login_account; /* login attempts per e-mail */
    pthread_mutex_t jwks_mu;
    cd_jwks *jwks;
    long long jwks_loaded_at;
    cd_pool *wait_pool;       /* handlers that wait on the network (CD_ROUTE_WAITS) */
    cd_docs_taxonomy *skills; /* read-only after start */
    cd_llm *llm;              /* NULL: the interviewer runs offline */
} cd_app;

/* `cfg` is copied and finished (cd_config_finish) here: pass it unfinished.
 * Opens the store, migrates, seeds the bank when empty, loads or creates the
 * JWT key, starts workers and binds the listener. */
int cd_app_start(cd_app *app, const cd_config *cfg, cd_err *err);
/* Blocks serving until SIGINT/SIGTERM. */
int cd_app_run(cd_app *app);
void cd_app_stop(cd_app *app);

/* Loads every .json file in the question bank folder (data/questions), validates it and upserts it.
 * Fails (nothing written) on the first invalid file, naming it. */
int cd_app_seed_questions(cd_store *store, const char *dir, int *inserted, int *updated, int *total,
                          cd_err *err);

/* The route table (routes.c), for the server and the OpenAPI document. */
const cd_http_route *cd_api_routes(size_t *n);

#endif
