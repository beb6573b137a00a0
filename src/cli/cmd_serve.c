/* cmd_serve.c - `candor serve`. (being written) */
#include <stdio.h>
#include "cli/cli.h"

int cli_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor serve: not yet available\n");
    return 1;
}
