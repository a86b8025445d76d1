/*
 * servq (private): survey-tool dialects, i.e. how an export's header rows
 * name its columns.
 */
#ifndef SERVQ_DIALECT_PRIV_H
#define SERVQ_DIALECT_PRIV_H

#include <stddef.h>

#include "servq/import.h"

/* Records dialect detection looks at (Qualtrics: ids, text, ImportId). */
#define SERVQ_DETECT_ROWS 3
/* Most header records an export may declare. */
#define SERVQ_MAX_HEADER_ROWS 10

/* A header record copied out of the reader's callback. */
struct servq_saved_record {
    char **cells; /* n NUL-terminated copies */
    size_t *lens;
    size_t n;
    unsigned long long line;
    char *raw;
    size_t raw_len;
};

enum servq_status servq_saved_record_copy(struct servq_saved_record *s,
                                          const struct servq_record *rec);
void servq_saved_record_release(struct servq_saved_record *s);

/* One column of an export, named as its dialect names it. */
struct servq_column {
    char *key;  /* short name: the id row, a LimeSurvey code, or the cell */
    char *text; /* question text (a second row, or after "code. "); may equal key */
    char *raw;  /* the first header row's cell, verbatim */
};

struct servq_header {
    struct servq_column *cols;
    size_t n;
};

/*
 * Detects the dialect from up to SERVQ_DETECT_ROWS leading records.
 * *rows receives how many of them are header rows; *why a static phrase
 * for the message saying what was chosen.
 */
enum servq_dialect servq_dialect_detect(const struct servq_saved_record *recs, size_t n,
                                        unsigned *rows, const char **why);

/* The number of header rows a dialect has when nothing else says. */
unsigned servq_dialect_default_rows(enum servq_dialect d, const struct servq_saved_record *first);

/*
 * Names the columns from the header rows recs[0..n) of dialect d; columns
 * are as many as the widest row. Empty names stay empty.
 */
enum servq_status servq_header_build(struct servq_header *h, enum servq_dialect d,
                                     const struct servq_saved_record *recs, size_t n);
void servq_header_release(struct servq_header *h);

/*
 * Converts a date written as format (see servq-import(1); "excel" for a
 * serial day number) to "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" in out.
 * @returns 0, or -1 when s does not match or is no calendar date
 */
int servq_date_convert(const char *s, size_t n, const char *format, char *out, size_t cap);

#endif
