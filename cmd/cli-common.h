/*
 * Shared helpers for the servq commands.
 *
 * Adding a command:
 *   1. cmd/<name>.c with main() in the order setlocale, GSL handler off,
 *      options, work, cleanup; usage(FILE *, argv0) for --help and errors.
 *   2. An entry in servq_commands in cmd/meson.build: it builds and installs
 *      servq-<name> (with the RUNPATH that finds libservq from any prefix)
 *      and its completion link (completion/meson.build), which the install
 *      test checks; give it real work in prefix_install() of
 *      tests/install/install-test.py.
 *   3. Its man page in docs/man/servq-<name>.1.scd.
 *   4. Golden cases in tests/cli/<name>/.
 *   5. The name in the dispatcher's list in cmd/servq.c.
 *   6. Its name in the "complete -F _servq_cmd" line of completion/servq.bash,
 *      and the values of its options in _servq_values there.
 *   7. If it reads input: the limit options of what it reads (CLI_LONGOPT_*
 *      and CLI_USAGE_* below, cli_parse_limit()), a row in docs/limits.md,
 *      and cases in tests/bad-input/. If it writes a file: -o through
 *      cli_output_stdout(), so the file is atomic and signals leave none.
 *   8. If it takes an instrument: -i through cli_load_instrument() (a NAME
 *      or a FILE) and --list-instruments (CLI_LONGOPT_LIST_INSTRUMENTS,
 *      CLI_USAGE_LIST_INSTRUMENTS, cli_list_instruments()).
 */
#ifndef SERVQ_CLI_COMMON_H
#define SERVQ_CLI_COMMON_H

#include <stddef.h>
#include <stdio.h>

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

struct option;

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

/*
 * Limits on every size the input decides (docs/limits.md). Each command
 * takes the options of the limits its inputs have; the defaults are the
 * library's, except max_json_bytes, which a command sets for the
 * documents it reads before it parses its options.
 */
struct cli_limits {
    size_t max_field_bytes;  /* --max-field-bytes: one CSV field */
    size_t max_record_bytes; /* --max-record-bytes: one CSV record */
    size_t max_columns;      /* --max-columns: fields in one record */
    size_t max_json_bytes;   /* --max-json-bytes: one JSON document */
    size_t max_labels;       /* --max-labels: answer labels of a map */
    size_t max_groups;       /* --max-groups: groups of an analysis */
};
extern struct cli_limits cli_limits;

/* Defaults of --max-json-bytes: small documents, and analyses or states. */
#define CLI_JSON_BYTES_SMALL ((size_t)16 << 20)
#define CLI_JSON_BYTES_LARGE ((size_t)256 << 20)

/* getopt_long values of the limit options, which have no short option. */
enum {
    CLI_OPT_MAX_FIELD_BYTES = 0x180,
    CLI_OPT_MAX_RECORD_BYTES,
    CLI_OPT_MAX_COLUMNS,
    CLI_OPT_MAX_JSON_BYTES,
    CLI_OPT_MAX_LABELS,
    CLI_OPT_MAX_GROUPS
};

/* long_options[] entries of the limit options. */
#define CLI_LONGOPT_CSV_LIMITS                                             \
    {"max-field-bytes", required_argument, NULL, CLI_OPT_MAX_FIELD_BYTES}, \
        {"max-record-bytes", required_argument, NULL, CLI_OPT_MAX_RECORD_BYTES}, \
        {"max-columns", required_argument, NULL, CLI_OPT_MAX_COLUMNS}
#define CLI_LONGOPT_MAX_JSON_BYTES {"max-json-bytes", required_argument, NULL, CLI_OPT_MAX_JSON_BYTES}
#define CLI_LONGOPT_MAX_LABELS {"max-labels", required_argument, NULL, CLI_OPT_MAX_LABELS}
#define CLI_LONGOPT_MAX_GROUPS {"max-groups", required_argument, NULL, CLI_OPT_MAX_GROUPS}

/* --help lines of the limit options. */
#define CLI_USAGE_CSV_LIMITS                                                        \
    "      --max-field-bytes=N   refuse a CSV field longer than N bytes (1M)\n"     \
    "      --max-record-bytes=N  refuse a CSV record longer than N bytes (64M)\n"   \
    "      --max-columns=N       refuse a record of more than N columns (20000)\n"
#define CLI_USAGE_MAX_JSON_BYTES(dflt)                                              \
    "      --max-json-bytes=N    refuse a JSON document larger than N bytes (" dflt ")\n"
#define CLI_USAGE_MAX_LABELS                                                        \
    "      --max-labels=N        refuse a map of more than N answer labels (1000)\n"
#define CLI_USAGE_MAX_GROUPS                                                        \
    "      --max-groups=N        refuse more than N groups (10000)\n"
#define CLI_USAGE_LIMITS_NOTE                                                       \
    "  N is a count of bytes or items, with K, M or G for KiB, MiB or GiB.\n"

/*
 * Handles one of the CLI_OPT_MAX_* options: parses its value (a whole
 * number from 1, with an optional K, M or G suffix) into cli_limits.
 * @returns 0, or -1 after printing why (a usage error)
 */
int cli_parse_limit(int opt, const char *arg);

/*
 * Opens path for reading; NULL or "-" is standard input.
 * @returns a descriptor for cli_close_input(), or -1 after printing why
 */
int cli_open_input(const char *path);

/* Closes what cli_open_input() opened; standard input stays open. */
void cli_close_input(int fd);

/* Reader options with cli_limits applied. */
void cli_reader_options(struct servq_reader_options *o);

/*
 * Reads path (NULL or "-" for stdin) in chunks into a new reader whose
 * records go to fn. Prints errors itself.
 * @param opt reader options, or NULL for the defaults with cli_limits
 * @returns 0, or -1 after printing why
 */
int cli_read_csv(const char *path, const struct servq_reader_options *opt, servq_record_fn fn,
                 void *user);

/*
 * Reads a whole JSON document (path NULL or "-" for stdin) into memory, up
 * to cli_limits.max_json_bytes.
 * @returns the NUL-terminated contents (free()), or NULL after printing why
 */
char *cli_slurp(const char *path, size_t *len);

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

/*
 * The file name of an option such as --output: *out = arg, or -1 after
 * saying that an empty one is no name.
 */
int cli_file_option(const char *option, const char *arg, const char **out);

/* Writes to stdout; returns 0 or -1 (the error is reported at close). */
int cli_write_stdout(const void *buf, size_t n);

/*
 * Whether the reader of standard output went away (EPIPE, when SIGPIPE is
 * ignored): the command then stops quietly, as it would die of SIGPIPE.
 */
int cli_stdout_gone(void);

/*
 * Flushes and closes stdout; returns CLI_EXIT_FAILURE after a write error.
 * After cli_output_stdout(), it publishes the file when ret is
 * CLI_EXIT_OK or CLI_EXIT_TARGETS and nothing failed, and removes it
 * otherwise.
 */
int cli_close_stdout(int ret);

/*
 * Output files that appear whole or not at all: written to a temporary
 * file beside the destination, then synced and renamed over it. On any
 * failure, and on SIGINT, SIGTERM or SIGHUP, the temporary file is removed
 * and the destination is left as it was. A destination that exists and is
 * not a regular file (/dev/stdout, a FIFO) is written in place, where
 * replacing means nothing. A symbolic link is never replaced itself: the
 * file it points to is; the links of /dev and /proc (/dev/stderr,
 * /dev/fd/3) stand for open files, which are written in place.
 *
 *     struct cli_output o;
 *     if (cli_output_open(&o, path) != 0) goto fail;
 *     ... write to o.fd, or to cli_output_file(&o) ...
 *     if (ok) cli_output_commit(&o); else cli_output_abort(&o);
 */
struct cli_output {
    const char *path; /* the destination, as the user named it */
    char *target;     /* what a symbolic link path points to (free()), or NULL */
    int fd;           /* open for writing, or -1 */
    FILE *fp;         /* cli_output_file()'s stream on fd, or NULL */
    int slot;         /* the temporary file's slot, or -1 when direct */
    int direct;       /* written in place */
    unsigned mode;    /* of the published file */
};
#define CLI_OUTPUT_INIT {NULL, NULL, -1, NULL, -1, 0, 0}

/*
 * Opens the destination before any work, so that a bad path fails at once.
 * @returns 0, or -1 after printing why
 */
int cli_output_open(struct cli_output *o, const char *path);

/* A stdio stream on o->fd, made once; NULL after printing why. */
FILE *cli_output_file(struct cli_output *o);

/* Flushes, syncs and publishes the file. @returns 0, or -1 after printing why. */
int cli_output_commit(struct cli_output *o);

/* Closes and removes the temporary file; nothing of the output is left. */
void cli_output_abort(struct cli_output *o);

/*
 * -o FILE: standard output becomes cli_output_open(path); cli_close_stdout()
 * publishes or removes it. @returns 0, or -1 after printing why
 */
int cli_output_stdout(const char *path);

/* Parses a number in [0, 1) written with '.', whatever the locale. */
int cli_parse_fraction(const char *s, double *out);

/* Output formats of a gaps document (gap-analysis, merge). */
enum cli_gaps_format { CLI_GAPS_JSON = 0, CLI_GAPS_TEXT, CLI_GAPS_CSV };

/* Parses --format json|text|csv; prints the error and returns -1 if bad. */
int cli_parse_gaps_format(const char *s, enum cli_gaps_format *out);

/*
 * Writes a gaps document to stdout as JSON (with a final newline), the
 * text table in lang, or CSV. Returns 0, or -1 after printing why.
 */
int cli_write_gaps(const char *json, enum cli_gaps_format format, const char *lang, int raw_csv);

/*
 * Warns, one line each, about what a gaps document says of its input
 * (servq_gaps_warnings: items on different scales averaged together, items
 * nobody answered), naming the input as name ("'x.csv'") unless NULL.
 * With strict (--strict) they are errors, followed by a line saying that
 * nothing was written.
 * @returns the number of lines
 */
int cli_warn_gaps(const char *json, size_t len, const char *name, int strict);

/* The language of LC_ALL, LC_MESSAGES or LANG ("en" when unset). */
const char *cli_env_lang(void);

/* Parses a whole non-negative decimal integer option value. */
int cli_parse_uint(const char *s, unsigned long max, unsigned long *out);

/* Set by -q/--quiet: no progress bar (nor what else a command keeps quiet). */
extern int cli_quiet;

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

/*
 * A progress bar on stderr for reading a file: percent, rows per second and
 * ETA, redrawn at most 10 times a second, from half a second on. It is off
 * with --quiet, when stderr is not a terminal, or when the input is not a
 * regular file of known size. cli_error(), cli_warn() and cli_message()
 * erase it before they print.
 *
 *     struct cli_progress p;
 *     cli_progress_init(&p, fd);
 *     while ((got = read(fd, buf, sizeof buf)) > 0) {
 *         ...
 *         cli_progress_update(&p, got, rows_so_far);
 *     }
 *     cli_progress_release(&p);
 */
struct cli_progress {
    int on;
    unsigned long long total; /* bytes to read */
    unsigned long long done;  /* bytes read */
    unsigned long long rows;
    double start, last;       /* seconds: started, last drawn */
};

/* Starts tracking fd, positioned where reading begins; draws nothing yet. */
void cli_progress_init(struct cli_progress *p, int fd);

/* Counts bytes just read and the rows so far; redraws when it is time. */
void cli_progress_update(struct cli_progress *p, size_t bytes, unsigned long long rows);

/* Erases the bar, if shown. p can be initialised again afterwards. */
void cli_progress_release(struct cli_progress *p);

/*
 * Formats a progress line of at most width columns (less one, so the
 * cursor never wraps) into buf: "prog: [###   ]  42%  1234 rows/s  ETA 0:13".
 * The bar is left out when it would be narrower than 10 columns.
 * @param fraction done, from 0 to 1
 * @param eta seconds left, or a negative number when unknown
 * @returns the length of the line
 */
size_t cli_progress_format(char *buf, size_t cap, int width, const char *prog, double fraction,
                           double rows_per_s, double eta);

#endif
