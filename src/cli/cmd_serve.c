/* cmd_serve.c - `candor serve`: the web platform. */
#include <stdio.h>

#include "api/app.h"
#include "cli/cli.h"
#include "cli/options.h"

int cli_serve(int argc, char **argv)
{
    cd_config cfg;
    bool stop;
    int rc = cli_load_config("serve", argc, argv, &cfg, &stop);
    if (stop)
        return rc;
    cd_app app;
    cd_err e;
    cd_err_clear(&e);
    if (cd_app_start(&app, &cfg, &e)) {
        fprintf(stderr, "candor serve: %s%s%s\n", e.field[0] ? e.field : "", e.field[0] ? ": " : "",
                e.msg);
        cd_app_stop(&app);
        return 1;
    }
    rc = cd_app_run(&app);
    cd_app_stop(&app);
    return rc ? 1 : 0;
}
