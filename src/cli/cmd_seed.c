/* cmd_seed.c - `candor seed`. (being written) */
#include <stdio.h>
#include "cli/cli.h"

int cli_seed(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor seed: not yet available\n");
    return 1;
}
