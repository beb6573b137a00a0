/* config.c - defaults -> file -> environment -> flags. */
#include "api/config.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"

typedef enum { T_STR, T_INT, T_SIZE, T_BOOL, T_LL } opt_type;

typedef struct option_spec {
    const char *key; /* config file key and --flag name */
    const char *env; /* environment variable */
    opt_type type;
    size_t offset;
    size_t size; /* for strings */
    const char *help;
} option_spec;

#define STR(f) T_STR, offsetof(cd_config, f), sizeof(((cd_config *)0)->f)
#define NUM(t, f) t, offsetof(cd_config, f), 0

static const option_spec options[] = {
    {"bind", "CANDOR_BIND", STR(bind), "address to listen on (default: all interfaces)"},
    {"port", "CANDOR_PORT", NUM(T_INT, port), "TCP port (default 8080)"},
    {"data-dir", "CANDOR_DATA_DIR", STR(data_dir), "database and keys (default ./var)"},
    {"web-dir", "CANDOR_WEB_DIR", STR(web_dir), "built web UI (default ./web/dist)"},
    {"questions-dir", "CANDOR_QUESTIONS_DIR", STR(questions_dir),
     "curated question bank (default ./data/questions)"},
    {"workers", "CANDOR_WORKERS", NUM(T_INT, workers), "worker threads (default: cores)"},
    {"queue", "CANDOR_QUEUE", NUM(T_INT, queue), "max queued jobs before 503 (default 1024)"},
    {"max-body", "CANDOR_MAX_BODY", NUM(T_SIZE, max_body),
     "max request body bytes (default 262144)"},
    {"allowed-domains", "CANDOR_ALLOWED_DOMAINS", STR(allowed_domains_raw),
     "comma-separated e-mail domains allowed to register (default: any)"},
    {"google-client-id", "CANDOR_GOOGLE_CLIENT_ID", STR(google_client_id),
     "OAuth client id; enables Google Sign-In"},
    {"google-jwks", "CANDOR_GOOGLE_JWKS", STR(google_jwks),
     "JWKS URL or file for Google ID tokens (default Google's)"},
    {"google-hosted-domains", "CANDOR_GOOGLE_HOSTED_DOMAINS", STR(google_hd_raw),
     "comma-separated Google Workspace domains (hd) accepted"},
    {"access-ttl", "CANDOR_ACCESS_TTL", NUM(T_INT, access_ttl_s),
     "access token lifetime in seconds (default 900)"},
    {"refresh-ttl", "CANDOR_REFRESH_TTL", NUM(T_LL, refresh_ttl_s),
     "refresh token lifetime in seconds (default 2592000)"},
    {"jwt-secret-file", "CANDOR_JWT_SECRET_FILE", STR(jwt_secret_file),
     "HS256 key file (default <data-dir>/jwt.key, created if missing)"},
    {"password-cost", "CANDOR_PASSWORD_COST", STR(password_cost),
     "argon2id cost: default | minimum (tests only)"},
    {"login-ip-per-min", "CANDOR_LOGIN_IP_PER_MIN", NUM(T_INT, login_ip_per_min),
     "sign-in attempts per client address per minute (default 20)"},
    {"login-account-per-min", "CANDOR_LOGIN_ACCOUNT_PER_MIN", NUM(T_INT, login_account_per_min),
     "sign-in attempts per account per minute (default 5)"},
    {"log-level", "CANDOR_LOG_LEVEL", STR(log_level), "debug | info | warn | error"},
    {"access-log", "CANDOR_ACCESS_LOG", NUM(T_BOOL, access_log),
     "log every request (default false)"},
    {"skills-dir", "CANDOR_SKILLS_DIR", STR(skills_dir),
     "skills taxonomy for resumes and job descriptions (default ./data/skills)"},
    {"max-upload", "CANDOR_MAX_UPLOAD", NUM(T_SIZE, max_upload),
     "max resume / job description upload bytes (default 10485760)"},
    {"fetch-allow-private", "CANDOR_FETCH_ALLOW_PRIVATE", NUM(T_BOOL, fetch_allow_private),
     "let job-description URLs point at private addresses (tests only; default false)"},
    {"llm-provider", "CANDOR_LLM_PROVIDER", STR(llm_provider),
     "AI interviewer model protocol: none | openai | anthropic (default none: offline)"},
    {"llm-url", "CANDOR_LLM_URL", STR(llm_url), "model server base URL (default the provider's)"},
    {"llm-model", "CANDOR_LLM_MODEL", STR(llm_model), "model name sent to the provider"},
    {"llm-api-key-file", "CANDOR_LLM_API_KEY_FILE", STR(llm_api_key_file),
     "file whose first line is the API key (or set CANDOR_LLM_API_KEY)"},
};
#define NOPTIONS (sizeof options / sizeof options[0])

void cd_config_defaults(cd_config *c)
{
    memset(c, 0, sizeof *c);
    c->port = 8080;
    snprintf(c->data_dir, sizeof c->data_dir, "var");
    snprintf(c->web_dir, sizeof c->web_dir, "web/dist");
    snprintf(c->questions_dir, sizeof c->questions_dir, "data/questions");
    snprintf(c->skills_dir, sizeof c->skills_dir, "data/skills");
    c->max_upload = 10 * 1024 * 1024;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    c->workers = n > 0 ? (int)n : 2;
    c->queue = 1024;
    c->max_body = 256 * 1024;
    c->access_ttl_s = 900;
    c->login_ip_per_min = 20;
    c->login_account_per_min = 5;
    c->refresh_ttl_s = 30LL * 24 * 3600;
    snprintf(c->password_cost, sizeof c->password_cost, "default");
    snprintf(c->log_level, sizeof c->log_level, "info");
}

static int set_value(cd_config *c, const option_spec *o, const char *v, const char *origin,
                     cd_err *err)
{
    char *base = (char *)c + o->offset;
    char *end = NULL;
    switch (o->type) {
    case T_STR:
        if (strlen(v) >= o->size)
            return cd_err_set(err, CD_EINVAL, o->key, "%s %s: value is too long (max %zu)", origin,
                              o->key, o->size - 1);
        snprintf(base, o->size, "%s", v);
        return 0;
    case T_INT:
    case T_SIZE:
    case T_LL: {
        errno = 0;
        long long n = strtoll(v, &end, 10);
        if (!*v || *end || errno || n < 0 || (o->type == T_INT && n > 1000000000LL))
            return cd_err_set(err, CD_EINVAL, o->key,
                              "%s %s: '%s' is not a valid non-negative number", origin, o->key, v);
        if (o->type == T_INT)
            *(int *)base = (int)n;
        else if (o->type == T_SIZE)
            *(size_t *)base = (size_t)n;
        else
            *(long long *)base = n;
        return 0;
    }
    case T_BOOL:
        if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"))
            *(bool *)base = true;
        else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no"))
            *(bool *)base = false;
        else
            return cd_err_set(err, CD_EINVAL, o->key, "%s %s: '%s' is not true or false", origin,
                              o->key, v);
        return 0;
    }
    return 0;
}

int cd_config_load_file(cd_config *c, const char *path, cd_err *err)
{
    size_t len;
    char *text = cd_read_file(path, CD_CONFIG_FILE_MAX, &len, err);
    if (!text)
        return err ? (int)err->code : CD_EIO;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    free(text);
    if (!json_is_object(root)) {
        json_decref(root);
        return cd_err_set(err, CD_EINVAL, "config", "%s: not a JSON object (line %d: %s)", path,
                          je.line, je.text);
    }
    const char *key;
    json_t *val;
    int rc = 0;
    json_object_foreach(root, key, val)
    {
        const option_spec *o = NULL;
        for (size_t i = 0; i < NOPTIONS; i++)
            if (!strcmp(options[i].key, key))
                o = &options[i];
        if (!o) {
            rc = cd_err_set(err, CD_EINVAL, key, "%s: unknown setting '%s'", path, key);
            break;
        }
        char buf[2048];
        if (json_is_string(val))
            snprintf(buf, sizeof buf, "%s", json_string_value(val));
        else if (json_is_integer(val))
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(val));
        else if (json_is_boolean(val))
            snprintf(buf, sizeof buf, "%s", json_is_true(val) ? "true" : "false");
        else {
            rc = cd_err_set(err, CD_EINVAL, key, "%s: '%s' must be a string, number or boolean",
                            path, key);
            break;
        }
        if ((rc = set_value(c, o, buf, path, err)))
            break;
    }
    json_decref(root);
    return rc;
}

int cd_config_load_env(cd_config *c, cd_err *err)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        const char *v = getenv(options[i].env);
        if (v && *v) {
            int rc = set_value(c, &options[i], v, options[i].env, err);
            if (rc)
                return rc;
        }
    }
    return 0;
}

void cd_config_usage(void)
{
    printf("usage: candor serve [--config FILE] [--OPTION VALUE ...]\n\n"
           "Settings come from defaults, then the JSON file, then environment, then flags.\n\n");
    for (size_t i = 0; i < NOPTIONS; i++)
        printf("  --%-22s %s\n  %-24s env %s\n", options[i].key, options[i].help, "",
               options[i].env);
}

int cd_config_load_args(cd_config *c, int argc, char **argv, bool *help_shown, cd_err *err)
{
    *help_shown = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cd_config_usage();
            *help_shown = true;
            return 0;
        }
        if (strncmp(a, "--", 2) != 0)
            return cd_err_set(err, CD_EINVAL, "", "unexpected argument '%s'", a);
        const char *name = a + 2, *val = NULL;
        char namebuf[64];
        const char *eq = strchr(name, '=');
        if (eq) {
            snprintf(namebuf, sizeof namebuf, "%.*s", (int)(eq - name), name);
            name = namebuf;
            val = eq + 1;
        }
        if (!strcmp(name, "config")) {
            if (!val && ++i >= argc)
                return cd_err_set(err, CD_EINVAL, "config", "--config needs a file path");
            continue; /* handled earlier by the caller */
        }
        const option_spec *o = NULL;
        for (size_t k = 0; k < NOPTIONS; k++)
            if (!strcmp(options[k].key, name))
                o = &options[k];
        if (!o)
            return cd_err_set(err, CD_EINVAL, name, "unknown option '--%s'", name);
        if (!val) {
            if (o->type == T_BOOL && (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)) {
                val = "true";
            } else {
                if (++i >= argc)
                    return cd_err_set(err, CD_EINVAL, name, "--%s needs a value", name);
                val = argv[i];
            }
        }
        char origin[80];
        snprintf(origin, sizeof origin, "flag");
        int rc = set_value(c, o, val, origin, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Splits a comma list in place into trimmed, lower-cased entries. */
static size_t split_list(char *raw, const char **out, size_t max)
{
    size_t n = 0;
    for (char *tok = strtok(raw, ","); tok && n < max; tok = strtok(NULL, ",")) {
        while (isspace((unsigned char)*tok))
            tok++;
        char *e = tok + strlen(tok);
        while (e > tok && isspace((unsigned char)e[-1]))
            *--e = 0;
        for (char *p = tok; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (*tok)
            out[n++] = tok;
    }
    return n;
}

int cd_config_finish(cd_config *c, cd_err *err)
{
    if (c->port < 0 || c->port > 65535)
        return cd_err_set(err, CD_EINVAL, "port", "port %d is outside 0-65535", c->port);
    if (c->workers < 1 || c->workers > 256)
        return cd_err_set(err, CD_EINVAL, "workers", "workers must be 1-256");
    if (c->queue < 1)
        return cd_err_set(err, CD_EINVAL, "queue", "queue must be at least 1");
    if (c->max_body < 1024 || c->max_body > 64 * 1024 * 1024)
        return cd_err_set(err, CD_EINVAL, "max-body", "max-body must be 1 KiB to 64 MiB");
    if (c->max_upload < 1024 || c->max_upload > 64 * 1024 * 1024)
        return cd_err_set(err, CD_EINVAL, "max-upload", "max-upload must be 1 KiB to 64 MiB");
    if (c->llm_provider[0] && strcmp(c->llm_provider, "none") &&
        strcmp(c->llm_provider, "openai") && strcmp(c->llm_provider, "anthropic"))
        return cd_err_set(err, CD_EINVAL, "llm-provider",
                          "llm-provider must be none, openai or anthropic, not '%.40s'",
                          c->llm_provider);
    if (c->access_ttl_s < 30 || c->access_ttl_s > 86400)
        return cd_err_set(err, CD_EINVAL, "access-ttl", "access-ttl must be 30-86400 seconds");
    if (c->refresh_ttl_s < 60)
        return cd_err_set(err, CD_EINVAL, "refresh-ttl", "refresh-ttl must be >= 60 seconds");
    if (c->login_ip_per_min < 1 || c->login_account_per_min < 1)
        return cd_err_set(err, CD_EINVAL, "login-ip-per-min",
                          "sign-in rate limits must be at least 1 per minute");
    if (strcmp(c->password_cost, "default") && strcmp(c->password_cost, "minimum"))
        return cd_err_set(err, CD_EINVAL, "password-cost",
                          "password-cost must be 'default' or 'minimum'");
    if (strcmp(c->log_level, "debug") && strcmp(c->log_level, "info") &&
        strcmp(c->log_level, "warn") && strcmp(c->log_level, "error"))
        return cd_err_set(err, CD_EINVAL, "log-level", "log-level must be debug|info|warn|error");
    c->n_allowed_domains =
        split_list(c->allowed_domains_raw, c->allowed_domains, CD_CONFIG_MAX_DOMAINS);
    c->n_google_hd = split_list(c->google_hd_raw, c->google_hd, CD_CONFIG_MAX_DOMAINS);
    if (!c->jwt_secret_file[0] &&
        (size_t)snprintf(c->jwt_secret_file, sizeof c->jwt_secret_file, "%s/jwt.key",
                         c->data_dir) >= sizeof c->jwt_secret_file)
        return cd_err_set(err, CD_EINVAL, "data-dir", "data-dir path is too long");
    if (c->google_client_id[0] && !c->google_jwks[0])
        snprintf(c->google_jwks, sizeof c->google_jwks,
                 "https://www.googleapis.com/oauth2/v3/certs");
    return 0;
}
