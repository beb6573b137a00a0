/* cmd_seed.c - `candor seed`: load or update the curated question bank.
 * All-or-nothing: one invalid question aborts with its file and field. */
#include <stdio.h>

#include "api/app.h"
#include "cli/cli.h"
#include "cli/options.h"

int cli_seed(int argc, char **argv)
{
    cd_config cfg;
    bool stop;
    int rc = cli_load_config("seed", argc, argv, &cfg, &stop);
    if (stop)
        return rc;
    cd_store *s = cli_open_store("seed", &cfg);
    if (!s)
        return 1;
    int ins = 0, upd = 0, total = 0;
    cd_err e;
    rc = cd_app_seed_questions(s, cfg.questions_dir, &ins, &upd, &total, &e);
    cd_store_close(s);
    if (rc) {
        fprintf(stderr, "candor seed: %s\n", e.msg);
        return 1;
    }
    printf("question bank: %d questions read, %d added, %d updated\n", total, ins, upd);
    return 0;
}
