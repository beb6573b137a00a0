/* cmd_analyze.c - `candor analyze audio|image|video FILE [options]`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cli_analyze(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out, "usage: candor analyze audio FILE [options]\n"
                     "       candor analyze image FILE [options]\n"
                     "       candor analyze video FILE [options]\n"
                     "Run 'candor analyze <kind> --help' for options.\n");
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "audio") == 0)
        return cli_analyze_audio(argc - 1, argv + 1);
    if (strcmp(argv[1], "image") == 0)
        return cli_analyze_image(argc - 1, argv + 1);
    if (strcmp(argv[1], "video") == 0)
        return cli_analyze_video(argc - 1, argv + 1);
    return cli_usage_error("analyze", "unknown kind '%s' (expected audio, image or video)",
                           argv[1]);
}
