/* cmd_user.c - `candor user`. (being written) */
#include <stdio.h>
#include "cli/cli.h"

int cli_user(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor user: not yet available\n");
    return 1;
}
