/* options.h - configuration loading shared by the subcommands that touch
 * the platform's data (serve, migrate, seed, user). */
#ifndef CANDOR_CLI_OPTIONS_H
#define CANDOR_CLI_OPTIONS_H

#include <stdbool.h>
#include "api/config.h"

/* defaults -> --config FILE / CANDOR_CONFIG -> env -> flags. Returns 0 to
 * go on, or an exit status (0 after --help, 2 on a usage error) with
 * *stop set. The config is left unfinished (see cd_app_start). */
int cli_load_config(const char *cmd, int argc, char **argv, cd_config *cfg, bool *stop);
/* Opens the store in cfg's data dir and migrates it; prints errors. */
struct cd_store *cli_open_store(const char *cmd, cd_config *cfg);

#endif
