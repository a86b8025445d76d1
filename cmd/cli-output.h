/*
 * Writing: standard output, whose write errors fail the run at close, and
 * output files that appear whole or not at all (a temporary file beside
 * the destination, renamed over it; removed on failure and on SIGINT,
 * SIGTERM and SIGHUP).
 */
#ifndef SERVQ_CLI_OUTPUT_H
#define SERVQ_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

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

#endif
