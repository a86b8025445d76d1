/*
 * servq-import, in three files: import.c (the run, the output, the
 * rejects and --stats files, the accounting), import-options.c (the
 * command line) and import-input.c (the file or standard input, read into
 * the library's import stream; an SPSS file through a descriptor it can
 * seek, copied to a temporary file first when it comes down a pipe).
 */
#ifndef SERVQ_CMD_IMPORT_H
#define SERVQ_CMD_IMPORT_H

#include "cli-common.h"

struct import_ctx {
    const char *path;
    struct cli_source src;
    struct servq_import_stream_options sopt;
    struct servq_import_stream *stream;
    int suggest;
    int failed;        /* an error was already reported */
    int unread;        /* the input could not be opened, read or taken as an export at all */
    int strict;        /* --strict: warnings are errors */
    int strict_failed; /* a warning was given under --strict */

    struct cli_output rejects_out; /* --rejects, written atomically */
    FILE *rejects;
    const char *rejects_path;
};

/* What main() does with the options beyond the stream's. */
struct import_args {
    const char *instrument_path, *map_path, *out_path, *stats_path;
    unsigned long max_n;
    double max_pct;
    int max_given, quiet, list;
};

/*
 * Parses the command line into c and a.
 * @returns -1 to go on, else the exit status to return at once
 */
int import_parse_options(int argc, char **argv, struct import_ctx *c, struct import_args *a);

/* The checks of the options against each other. @returns -1 to go on, else the exit status. */
int import_check_options(int argc, const struct import_ctx *c, const struct import_args *a);

/*
 * Reads path (NULL or "-": standard input) into s to its end, or until
 * servq_import_stream_done(s). *unread is set when the input could not be
 * opened, read or taken as an export at all.
 * @returns 0, or -1 after the reason was said
 */
int import_read(struct servq_import_stream *s, const char *path, int *unread);

/*
 * --strict on standard output: the output goes to an unlinked temporary
 * file, copied out once the run succeeded, so that a warning only the
 * data shows (late in the input) leaves no output at all, as with -o.
 * @returns the real standard output's descriptor, or -1 after saying why
 */
int import_hold_stdout(void);

/* Puts standard output back, copying the held output to it when ok. @returns 0 or -1. */
int import_release_stdout(int saved, int ok);

#endif
