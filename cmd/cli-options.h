/*
 * Option values shared by the commands (whole numbers, fractions, file
 * names), and the one line a command says when its command line is
 * wrong.
 */
#ifndef SERVQ_CLI_OPTIONS_H
#define SERVQ_CLI_OPTIONS_H

#include "servq/common.h"

struct option;

/*
 * The value arg names in vocabulary v, or -1 after saying "unknown WHAT
 * 'arg': use a, b or c" with the words of lib/common/vocab.c.
 */
int cli_vocab_option(enum servq_vocab v, const char *what, const char *arg, int *value);

/*
 * Says in one line what is wrong with the option getopt_long() just
 * refused (unknown, with the nearest option when one is close; ambiguous;
 * a missing or unexpected argument), then cli_try_help(). cli_init() turns
 * getopt's own messages off for this.
 * @returns CLI_EXIT_USAGE
 */
int cli_option_error(char **argv, const char *short_opts, const struct option *long_opts);

/* "Try 'PROG --help' for more information." on standard error. */
void cli_try_help(void);

/*
 * The file name of an option such as --output: *out = arg, or -1 after
 * saying that an empty one is no name.
 */
int cli_file_option(const char *option, const char *arg, const char **out);

/* Parses a number in [0, 1) written with '.', whatever the locale. */
int cli_parse_fraction(const char *s, double *out);

/* Parses a whole non-negative decimal integer option value. */
int cli_parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif
