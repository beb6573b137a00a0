/* exec_analyze.c - `candor analyze` and `candor transcribe` run the
 * candor-analyze executable installed next to `candor`, so the platform
 * binary never maps FFmpeg, PocketSphinx or the inference engine. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define ANALYZE_TOOL "candor-analyze"

int cli_exec_analysis(int argc, char **argv)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        fprintf(stderr, "candor %s: cannot find this executable's folder: %s\n", argv[0],
                strerror(errno));
        return 1;
    }
    self[n] = 0;
    char *slash = strrchr(self, '/');
    if (!slash || (size_t)(slash - self) + sizeof ANALYZE_TOOL + 2 > sizeof self) {
        fprintf(stderr, "candor %s: executable path is unusable\n", argv[0]);
        return 1;
    }
    strcpy(slash + 1, ANALYZE_TOOL);
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args)
        return 1;
    args[0] = ANALYZE_TOOL;
    for (int i = 0; i < argc; i++)
        args[i + 1] = argv[i];
    fflush(NULL);
    execv(self, args);
    fprintf(stderr, "candor %s: cannot run %s: %s (build it with 'make build')\n", argv[0], self,
            strerror(errno));
    free(args);
    return 1;
}
