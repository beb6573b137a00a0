/* main_analyze.c - `candor-analyze`: the analysis tools (audio, image,
 * video, transcription). Usually reached as `candor analyze ...` or
 * `candor transcribe ...`, which exec this program with the same arguments. */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "cli/cli.h"

#ifndef CANDOR_VERSION
#define CANDOR_VERSION "dev"
#endif

static void print_help(FILE *out)
{
    fprintf(out, "usage: candor analyze audio|image|video FILE [options]\n"
                 "       candor transcribe FILE [--format txt|json|vtt|srt]\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
        print_help(stdout);
        return 0;
    }
    if (!strcmp(name, "version") || !strcmp(name, "--version")) {
        printf("candor-analyze %s\n", CANDOR_VERSION);
        return 0;
    }
    int (*run)(int, char **) = !strcmp(name, "analyze")      ? cli_analyze
                               : !strcmp(name, "transcribe") ? cli_transcribe
                                                             : NULL;
    if (!run) {
        fprintf(stderr, "candor: unknown command '%s'\n", name);
        print_help(stderr);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT); /* the remote ASR provider */
    int rc = run(argc - 1, argv + 1);
    curl_global_cleanup();
    return rc;
}
