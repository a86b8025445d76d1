/*
 * Shared helpers for the servq commands.
 *
 * Adding a command:
 *   1. cmd/<name>.c with main() in the order setlocale, GSL handler off,
 *      options, work, cleanup; usage(FILE *, argv0) for --help and errors.
 *   2. An executable('servq-<name>') entry in cmd/meson.build.
 *   3. Its man page in docs/man/servq-<name>.1.scd.
 *   4. Golden cases in tests/cli/<name>/.
 *   5. The name in the dispatcher's list in cmd/servq.c.
 *   6. Its name in the "complete -F _servq_cmd" line of completion/servq.bash,
 *      and the values of its options in _servq_values there.
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
 * Reads path (NULL or "-" for stdin) in chunks into a new reader whose
 * records go to fn. Prints errors itself.
 * @returns 0, or -1 after printing why
 */
int cli_read_csv(const char *path, const struct servq_reader_options *opt, servq_record_fn fn,
                 void *user);

/*
 * Reads a whole file (NULL or "-" for stdin) into memory, up to max bytes.
 * @returns the NUL-terminated contents (free()), or NULL after printing why
 */
char *cli_slurp(const char *path, size_t max, size_t *len);

/* Loads the instrument at path, or the built-in one when path is NULL. */
struct servq_instrument *cli_load_instrument(const char *path);

/*
 * An output file replaced atomically: what is written goes to a temporary
 * file in the same folder, which is synced and then renamed over the file,
 * so a reader (a web server, a cron job) never sees half of it. On any
 * failure, and on SIGINT, SIGTERM or SIGHUP, the temporary file is removed
 * and the file is left as it was. A path that exists and is not a regular
 * file (/dev/stdout, a FIFO) is written in place. One at a time per process.
 *
 *     struct cli_output o = CLI_OUTPUT_INIT;
 *     if (cli_output_open(&o, path) != 0) ...      before the work: fail early
 *     if (cli_output_commit(&o, text, n) != 0) ...  when all is known
 *     cli_output_abort(&o);                         on failure (safe after commit)
 */
struct cli_output {
    const char *path; /* NULL: not open */
    int fd;
    int direct;       /* not a regular file: written in place */
    unsigned mode;    /* of the published file */
};
#define CLI_OUTPUT_INIT {NULL, -1, 0, 0}

/* Creates the temporary file. Returns 0, or -1 after saying why. */
int cli_output_open(struct cli_output *o, const char *path);

/* Writes text, syncs and publishes it. Returns 0, or -1 after saying why. */
int cli_output_commit(struct cli_output *o, const char *text, size_t n);

/* Removes the temporary file, if any. */
void cli_output_abort(struct cli_output *o);

/* Writes to stdout; returns 0 or -1 (the error is reported at close). */
int cli_write_stdout(const void *buf, size_t n);

/* Flushes and closes stdout; returns CLI_EXIT_FAILURE after a write error. */
int cli_close_stdout(int ret);

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
