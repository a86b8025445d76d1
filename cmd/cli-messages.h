/*
 * What a command says and how it ends: the program name, errors and
 * warnings on standard error ("prog: text", the progress bar erased
 * first), the library's messages about an input, the exit codes, and
 * whether to colour (--color, NO_COLOR, TERM=dumb).
 */
#ifndef SERVQ_CLI_MESSAGES_H
#define SERVQ_CLI_MESSAGES_H

#include <stddef.h>

#include "servq/servq.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1, /* data or runtime failure */
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_TARGETS = 3  /* ran fine, but a quality target was missed */
};

extern const char *cli_prog;

/* Sets the program name and the locale categories servq uses. */
void cli_init(int argc, char **argv);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "--version" output. */
void cli_print_version(void);

/* How an input is named in messages: 'file.csv' or standard input. */
const char *cli_input_name(const char *path, char *buf, size_t cap);

/* The context for cli_message(): the input named in messages. */
struct cli_source {
    const char *path; /* NULL or "-" for standard input */
};

/* A servq_message_fn printing "prog: 'file': line N: column C: text". */
void cli_message(const struct servq_message *msg, void *user);

/* The language of LC_ALL, LC_MESSAGES or LANG ("en" when unset). */
const char *cli_env_lang(void);

/* --color=WHEN */
enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
extern enum cli_color cli_color;

/* The getopt_long value of --color, which has no short option. */
#define CLI_OPT_COLOR 0x100

/*
 * Parses the value of --color into cli_color: auto, always or never; NULL
 * (a bare --color) means always. Prints the error itself.
 * @returns 0, or -1 for a usage error
 */
int cli_parse_color(const char *arg);

/*
 * Whether to colour what is written to fd: yes with --color=always, no with
 * --color=never; otherwise (auto) no when NO_COLOR is set and not empty or
 * TERM is dumb, else yes when fd is a terminal.
 */
int cli_use_color(int fd);

#endif
