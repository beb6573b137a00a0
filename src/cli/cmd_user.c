/* cmd_user.c - `candor user add|list|role`: account administration from the
 * command line (how the first admin is created). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/email.h"
#include "auth/jws.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "store/store.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: candor user add --email EMAIL [--name NAME] [--role ROLE] [--password-stdin]\n"
            "       candor user list [--role ROLE]\n"
            "       candor user role --email EMAIL --role ROLE\n"
            "ROLE is student, coordinator or admin. Without --password-stdin, 'add' asks\n"
            "for the password on the terminal. Data options as for 'candor serve'\n"
            "(--data-dir DIR, --config FILE).\n");
}

/* Pulls "--name VALUE" out of argv (compacting it); returns VALUE or NULL. */
static const char *take_opt(int *argc, char **argv, const char *name, bool *flag_only)
{
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], name) != 0)
            continue;
        const char *v = NULL;
        int drop = 1;
        if (flag_only) {
            *flag_only = true;
            v = "";
        } else if (i + 1 < *argc) {
            v = argv[i + 1];
            drop = 2;
        } else {
            return NULL;
        }
        for (int k = i; k + drop < *argc; k++)
            argv[k] = argv[k + drop];
        *argc -= drop;
        return v;
    }
    return NULL;
}

static int read_password(bool from_stdin, char *out, size_t n)
{
    if (!from_stdin && isatty(STDIN_FILENO)) {
        struct termios old, quiet;
        fprintf(stderr, "password: ");
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        char *r = fgets(out, (int)n, stdin);
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fprintf(stderr, "\n");
        if (!r)
            return -1;
    } else if (!fgets(out, (int)n, stdin)) {
        return -1;
    }
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

int cli_user(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "role"))
        return cli_usage_error("user", "unknown subcommand '%s' (add, list, role)", sub);
    /* Take our own options out, leave the data options for the loader. */
    int ac = argc - 1;
    char **av = argv + 1;
    const char *email_in = take_opt(&ac, av, "--email", NULL);
    const char *name = take_opt(&ac, av, "--name", NULL);
    const char *role = take_opt(&ac, av, "--role", NULL);
    bool pw_stdin = false;
    take_opt(&ac, av, "--password-stdin", &pw_stdin);
    cd_config cfg;
    bool stop;
    int rc = cli_load_config("user", ac, av, &cfg, &stop);
    if (stop)
        return rc;
    if (role && cd_role_parse(role) == CD_ROLE_NONE)
        return cli_usage_error("user", "unknown role '%s' (student, coordinator, admin)", role);
    cd_err e;
    char email[CD_EMAIL_MAX + 1] = "";
    if (strcmp(sub, "list") != 0) {
        if (!email_in)
            return cli_usage_error("user", "%s needs --email", sub);
        if (cd_email_normalize(email_in, email, &e))
            return cli_usage_error("user", "%s", e.msg);
    }
    if (!strcmp(sub, "role") && !role)
        return cli_usage_error("user", "role needs --role");
    cd_store *s = cli_open_store("user", &cfg);
    if (!s)
        return 1;
    rc = 1;
    cd_user u;
    if (!strcmp(sub, "list")) {
        json_t *list = cd_store_user_list(s, 0, role ? role : "", &e);
        if (list) {
            size_t i;
            json_t *v;
            json_array_foreach(json_object_get(list, "items"), i, v) printf(
                "%-6lld %-12s %-40s %s\n", (long long)json_integer_value(json_object_get(v, "id")),
                json_string_value(json_object_get(v, "role")),
                json_string_value(json_object_get(v, "email")),
                json_string_value(json_object_get(v, "name")));
            json_decref(list);
            rc = 0;
        }
    } else if (!strcmp(sub, "role")) {
        if (cd_store_user_by_email(s, email, &u, &e) == 0 &&
            cd_store_user_set_role(s, u.id, role, &u, &e) == 0) {
            printf("%s is now %s\n", u.email, u.role);
            rc = 0;
        }
    } else {
        char pw[4 * CD_PASSWORD_MAX + 4], hash[CD_PASSWORD_HASH_MAX];
        if (!strcmp(cfg.password_cost, "minimum"))
            cd_password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
        if (cd_auth_sodium_init(&e) == 0) {
            if (read_password(pw_stdin, pw, sizeof pw) != 0)
                cd_err_set(&e, CD_EINVAL, "password", "no password given");
            else if (cd_password_check_policy(pw, email, &e) == 0 &&
                     cd_password_hash(pw, hash, &e) == 0 &&
                     cd_store_user_create(s, email, name ? name : email, hash,
                                          role ? role : "student", &u, &e) == 0) {
                printf("created %s (%s), id %lld\n", u.email, u.role, u.id);
                rc = 0;
            }
        }
        memset(pw, 0, sizeof pw);
    }
    if (rc)
        fprintf(stderr, "candor user %s: %s\n", sub, e.msg);
    cd_store_close(s);
    return rc;
}
