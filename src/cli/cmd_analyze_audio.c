/* cmd_analyze_audio.c - `candor analyze audio FILE`. Owned by src/audio work
 * (issue 4); until that lands it reports that the capability is missing. */
#include <stdio.h>
#include "cli/cli.h"

int cli_analyze_audio(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor analyze audio: audio analysis is not built into this version\n");
    return 1;
}
