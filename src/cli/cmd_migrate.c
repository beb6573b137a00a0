/* cmd_migrate.c - `candor migrate`: create or upgrade the database schema. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "store/store.h"

int cli_migrate(int argc, char **argv)
{
    cd_config cfg;
    bool stop;
    int rc = cli_load_config("migrate", argc, argv, &cfg, &stop);
    if (stop)
        return rc;
    cd_err e;
    cd_store *s = cd_store_open(cfg.data_dir, &e);
    if (!s) {
        fprintf(stderr, "candor migrate: %s\n", e.msg);
        return 1;
    }
    int from, to;
    rc = cd_store_migrate(s, &from, &to, &e);
    cd_store_close(s);
    if (rc) {
        fprintf(stderr, "candor migrate: %s\n", e.msg);
        return 1;
    }
    if (from == to)
        printf("schema is up to date (version %d)\n", to);
    else
        printf("migrated schema from version %d to %d\n", from, to);
    return 0;
}
