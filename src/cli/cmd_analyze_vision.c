/* cmd_analyze_vision.c - `candor analyze image|video FILE`. Owned by
 * src/vision work (issue 3); until that lands it reports the gap. */
#include <stdio.h>
#include "cli/cli.h"

int cli_analyze_image(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor analyze image: vision analysis is not built into this version\n");
    return 1;
}

int cli_analyze_video(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "candor analyze video: vision analysis is not built into this version\n");
    return 1;
}
