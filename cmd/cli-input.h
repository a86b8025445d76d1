/*
 * Reading inputs: a FILE argument, or standard input when there is none
 * or it is "-"; CSV streamed through a reader with a progress bar, JSON
 * read whole; and the limits on every size the input decides, with their
 * options.
 */
#ifndef SERVQ_CLI_INPUT_H
#define SERVQ_CLI_INPUT_H

#include <stddef.h>

#include "servq/servq.h"

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

#endif
