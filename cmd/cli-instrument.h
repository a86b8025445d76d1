/*
 * The instrument of -i: the built-in one, one found by name, or a file;
 * where names are looked up, and --list-instruments.
 */
#ifndef SERVQ_CLI_INSTRUMENT_H
#define SERVQ_CLI_INSTRUMENT_H

#include <stdio.h>

#include "servq/servq.h"

/*
 * Loads the instrument of -i ARG: the built-in one when arg is NULL, the
 * instrument called ARG when cli_instrument_is_name(), else the file ARG.
 * @returns the instrument (servq_instrument_free()), or NULL after printing why
 */
struct servq_instrument *cli_load_instrument(const char *arg);

/*
 * Whether -i ARG names an instrument rather than a file: it is not "-",
 * has no '/', does not end in ".json", and is no existing file.
 */
int cli_instrument_is_name(const char *arg);

/*
 * The installed instruments directory (<datadir>/servq/instruments, found
 * relative to the running program, so a moved prefix still works); run from
 * the build tree, the source tree's samples/instruments.
 * @returns a static string
 */
const char *cli_instrument_dir(void);

/*
 * The file of the instrument called name: NAME.json in the first directory
 * of SERVQ_PATH (colon-separated; empty entries are skipped) that has it,
 * else in cli_instrument_dir().
 * @returns the path (free()), or NULL after printing where it looked
 */
char *cli_find_instrument(const char *name);

/*
 * Prints every instrument -i NAME can find, directory by directory in the
 * order they are searched: name, items, dimensions and its name in lang.
 * @returns CLI_EXIT_OK, or CLI_EXIT_FAILURE after saying which file is no
 *          instrument (the others are listed all the same)
 */
int cli_list_instruments(FILE *fp, const char *lang);

/* The getopt_long value of --list-instruments, which has no short option. */
#define CLI_OPT_LIST_INSTRUMENTS 0x1a0
#define CLI_LONGOPT_LIST_INSTRUMENTS \
    {"list-instruments", no_argument, NULL, CLI_OPT_LIST_INSTRUMENTS}
#define CLI_USAGE_LIST_INSTRUMENTS \
    "      --list-instruments  list the instruments -i NAME finds, and exit\n"

#endif
