/* cli.h - the `candor` command-line front end: one function per subcommand,
 * each in its own cmd_*.c file. A subcommand gets argv starting at its own
 * name, prints errors to stderr and returns the process exit status:
 * 0 success, 1 failure at run time, 2 usage error. */
#ifndef CANDOR_CLI_H
#define CANDOR_CLI_H

int cli_serve(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_seed(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_analyze(int argc, char **argv);
int cli_transcribe(int argc, char **argv);

/* `candor analyze audio|image|video` back ends (cmd_analyze.c dispatches). */
int cli_analyze_audio(int argc, char **argv);
int cli_analyze_image(int argc, char **argv);
int cli_analyze_video(int argc, char **argv);

/* `candor analyze|transcribe ...`: runs candor-analyze from the same folder
 * as this executable with the same arguments (exec_analyze.c). */
int cli_exec_analysis(int argc, char **argv);

/* Prints "candor: <msg>" plus a hint to run --help; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
