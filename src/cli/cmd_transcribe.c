/* cmd_transcribe.c - `candor transcribe FILE`. Owned by src/audio work
 * (issue 4); until that lands it reports that the capability is missing. */
#include <stdio.h>
#include "cli/cli.h"

int cli_transcribe(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor transcribe: transcription is not built into this version\n");
    return 1;
}
