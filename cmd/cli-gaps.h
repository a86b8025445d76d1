/*
 * Gap-analysis documents as gap-analysis and merge write them: --format,
 * the JSON, text or CSV on standard output, and the warnings a document
 * carries about its input.
 */
#ifndef SERVQ_CLI_GAPS_H
#define SERVQ_CLI_GAPS_H

#include <stddef.h>

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

#endif
