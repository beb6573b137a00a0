/* config.h - the one configuration struct of `candor serve`.
 *
 * Filled in this order, each step overriding the previous: built-in
 * defaults, then a JSON config file (--config FILE or CANDOR_CONFIG), then
 * environment variables (CANDOR_PORT, ...), then command-line flags.
 * Strings point into storage owned by the cd_config; free with
 * cd_config_free(). Not thread-safe while being filled; read-only after. */
#ifndef CANDOR_API_CONFIG_H
#define CANDOR_API_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

#define CD_CONFIG_MAX_DOMAINS 64
#define CD_CONFIG_FILE_MAX (64 * 1024)

typedef struct cd_config {
    char bind[64];
    int port;
    char data_dir[1024];
    char web_dir[1024];
    char questions_dir[1024];
    int workers;
    int queue;
    size_t max_body;
    /* accounts */
    char allowed_domains_raw[2048]; /* comma-separated */
    const char *allowed_domains[CD_CONFIG_MAX_DOMAINS];
    size_t n_allowed_domains;
    bool open_registration; /* false: only allowlisted domains (if any) */
    /* Google Sign-In (enabled when client id is set) */
    char google_client_id[256];
    char google_jwks[1024]; /* http(s) URL or a file path */
    char google_hd_raw[512];
    const char *google_hd[CD_CONFIG_MAX_DOMAINS];
    size_t n_google_hd;
    /* tokens */
    int access_ttl_s;
    long long refresh_ttl_s;
    char jwt_secret_file[1024]; /* default <data_dir>/jwt.key */
    /* password hashing cost: "default" or "minimum" (tests only) */
    char password_cost[16];
    int login_ip_per_min;      /* sign-in attempts per client address */
    int login_account_per_min; /* sign-in attempts per e-mail */
    char log_level[8];
    bool access_log;
    /* resumes and job descriptions */
    char skills_dir[1024];
    size_t max_upload;
    bool fetch_allow_private; /* tests: JD URLs on loopback */
    /* AI interviewer (see docs/llm.md; timeouts and prices: CANDOR_LLM_* env) */
    char llm_provider[16];
    char llm_url[512];
    char llm_model[128];
    char llm_api_key_file[512];
} cd_config;

void cd_config_defaults(cd_config *c);
int cd_config_load_file(cd_config *c, const char *path, cd_err *err);
int cd_config_load_env(cd_config *c, cd_err *err);
/* Parses `candor serve` flags (argv[0] is "serve"). Returns 0, or 2 after
 * printing usage for --help (*help_shown set), or a CD_EINVAL error. */
int cd_config_load_args(cd_config *c, int argc, char **argv, bool *help_shown, cd_err *err);
/* Derived fields (domain lists, default paths) and sanity checks. */
int cd_config_finish(cd_config *c, cd_err *err);
void cd_config_usage(void);

#endif
