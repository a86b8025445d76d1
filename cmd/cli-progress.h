/*
 * The progress bar on standard error while a command reads a file; only
 * on a terminal, and never with --quiet.
 */
#ifndef SERVQ_CLI_PROGRESS_H
#define SERVQ_CLI_PROGRESS_H

#include <stddef.h>

/* Set by -q/--quiet: no progress bar (nor what else a command keeps quiet). */
extern int cli_quiet;

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

/* Erases the bar, if shown, before a message on standard error. */
void cli_progress_erase(void);

/* Erases the bar before output on standard output, when that is the same terminal. */
void cli_progress_erase_for_stdout(void);

#endif
