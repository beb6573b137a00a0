/* main.c - `candor`: dispatches to a subcommand. Thin by design: every
 * capability lives in libcandor and is reachable without this tool. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "cli/cli.h"

#ifndef CANDOR_VERSION
#define CANDOR_VERSION "dev"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"serve", cli_serve, "run the web platform (HTTP API + UI)"},
    {"migrate", cli_migrate, "create or upgrade the database schema"},
    {"seed", cli_seed, "load the curated question bank into the database"},
    {"user", cli_user, "manage accounts: add, list, role"},
    {"analyze", cli_exec_analysis, "analyse a recording: audio|image|video FILE"},
    {"transcribe", cli_exec_analysis, "transcribe speech with word timings"},
};

static void print_help(FILE *out)
{
    fprintf(out, "usage: candor <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-11s %s\n", "version", "print the version");
    fprintf(out, "\nRun 'candor <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
        printf("candor %s\n", CANDOR_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0) {
            /* libcurl's global state must be set up before any thread
             * (JWKS, LLM and ASR providers) uses it. */
            curl_global_init(CURL_GLOBAL_DEFAULT);
            int rc = commands[i].run(argc - 1, argv + 1);
            curl_global_cleanup();
            return rc;
        }
    fprintf(stderr, "candor: unknown command '%s'\n", name);
    print_help(stderr);
    return 2;
}
