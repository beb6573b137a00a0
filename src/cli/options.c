/* options.c - shared configuration loading for the data subcommands. */
#include "cli/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

int cli_load_config(const char *cmd, int argc, char **argv, cd_config *cfg, bool *stop)
{
    cd_err e;
    *stop = true;
    cd_config_defaults(cfg);
    const char *file = getenv("CANDOR_CONFIG");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            file = argv[i + 1];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            file = argv[i] + 9;
    }
    if (file && *file && cd_config_load_file(cfg, file, &e)) {
        fprintf(stderr, "candor %s: %s\n", cmd, e.msg);
        return 2;
    }
    if (cd_config_load_env(cfg, &e)) {
        fprintf(stderr, "candor %s: %s\n", cmd, e.msg);
        return 2;
    }
    bool help;
    if (cd_config_load_args(cfg, argc, argv, &help, &e))
        return cli_usage_error(cmd, "%s", e.msg);
    if (help)
        return 0;
    *stop = false;
    return 0;
}

cd_store *cli_open_store(const char *cmd, cd_config *cfg)
{
    cd_err e;
    cd_store *s = cd_store_open(cfg->data_dir, &e);
    if (!s) {
        fprintf(stderr, "candor %s: %s\n", cmd, e.msg);
        return NULL;
    }
    int from, to;
    if (cd_store_migrate(s, &from, &to, &e)) {
        fprintf(stderr, "candor %s: %s\n", cmd, e.msg);
        cd_store_close(s);
        return NULL;
    }
    return s;
}
