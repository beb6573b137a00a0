/* cmd_migrate.c - `candor migrate`. (being written) */
#include <stdio.h>
#include "cli/cli.h"

int cli_migrate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor migrate: not yet available\n");
    return 1;
}
