/*
 * servq: a push-style CSV reader.
 *
 * Bytes are pushed in with servq_reader_feed() in chunks of any size, then
 * servq_reader_finish(). Each complete record is handed to a callback with
 * its fields, the physical line it starts on and its raw text, so callers
 * can report and reject rows verbatim. Memory is bounded by the longest
 * record, never by the input size, and the options bound every size the
 * input decides: a field, a record and the number of fields.
 */
#ifndef SERVQ_READER_H
#define SERVQ_READER_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SERVQ_DEFAULT_MAX_FIELD (1024u * 1024u)
#define SERVQ_DEFAULT_MAX_RECORD (64u * 1024u * 1024u)
#define SERVQ_DEFAULT_MAX_FIELDS 20000u

struct servq_reader_options {
    char delimiter;    /**< field separator; default ',' */
    char quote;        /**< quote character; default '"' */
    size_t max_record; /**< longest record in bytes, as written; default 64 MiB */
    size_t max_fields; /**< most fields in a record; default 20000 */
    size_t max_field;  /**< longest field in bytes, unquoted; default 1 MiB */
};

/** One field: data[len] is always '\0'; data is valid during the callback. */
struct servq_field {
    const char *data;
    size_t len;
};

/** A complete record, valid only during the callback. */
struct servq_record {
    const struct servq_field *fields;
    size_t n_fields;
    unsigned long long line;   /**< 1-based physical line the record starts on */
    unsigned long long number; /**< 1-based count of records, blank lines excluded */
    const char *raw;           /**< the record's bytes, without its line end */
    size_t raw_len;
};

/** Receives each record; return SERVQ_CB_OK to go on or SERVQ_CB_ABORT. */
typedef int (*servq_record_fn)(const struct servq_record *rec, void *user);

struct servq_reader;

/** Fills o with the defaults. */
SERVQ_API void servq_reader_options_init(struct servq_reader_options *o);

/**
 * Creates a reader.
 * @param o options, or NULL for the defaults; copied
 * @param fn the record callback; must not be NULL
 * @param user passed to fn
 * @param out receives the reader, to free with servq_reader_free()
 * @returns SERVQ_OK, SERVQ_ERR_ARG or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_reader_new(const struct servq_reader_options *o,
                                             servq_record_fn fn, void *user,
                                             struct servq_reader **out);

/** Sets the diagnostics callback (NULL to drop diagnostics). */
SERVQ_API void servq_reader_set_message_fn(struct servq_reader *r, servq_message_fn fn,
                                           void *user);

/**
 * Pushes len bytes. A leading UTF-8 byte-order mark is skipped, CRLF and LF
 * both end records, quoted fields may hold delimiters and line breaks.
 * @returns SERVQ_OK; SERVQ_ERR_LIMIT when a field or a record is too long
 *          or a record too wide (the message says which, with its line);
 *          SERVQ_ERR_ABORTED when the callback aborted; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_reader_feed(struct servq_reader *r, const void *buf,
                                              size_t len);

/**
 * Ends the input: a last record without a line end is delivered.
 * @returns SERVQ_OK, or SERVQ_ERR_CSV for a quote still open at the end
 */
SERVQ_API enum servq_status servq_reader_finish(struct servq_reader *r);

/** @returns the number of complete physical lines consumed so far. */
SERVQ_API unsigned long long servq_reader_line_count(const struct servq_reader *r);

/** @param r the reader; NULL does nothing. */
SERVQ_API void servq_reader_free(struct servq_reader *r);

/*
 * What a file is, by its first bytes: servq reads CSV text and SPSS
 * system files; the other kinds are the files people give import by
 * mistake, which it names so the message can say what to do.
 */
enum servq_input_kind {
    SERVQ_INPUT_TEXT = 0, /**< none of the below: read it as (CSV) text */
    SERVQ_INPUT_SAV,      /**< an SPSS system file ($FL2, $FL3) */
    SERVQ_INPUT_XLSX,     /**< an Excel workbook (a ZIP with xl/) */
    SERVQ_INPUT_ODS,      /**< an OpenDocument spreadsheet */
    SERVQ_INPUT_ZIP,      /**< another ZIP archive (PK\3\4) */
    SERVQ_INPUT_XLS,      /**< an OLE2 compound file: Excel 97-2003 */
    SERVQ_INPUT_PDF,      /**< %PDF- */
    SERVQ_INPUT_PNG,      /**< a PNG image */
    SERVQ_INPUT_JPEG,     /**< a JPEG image */
    SERVQ_INPUT_GZIP      /**< gzip-compressed data */
};

/** What servq_input_detect() found, for a message; strings are static. */
struct servq_input_info {
    enum servq_input_kind kind;
    const char *what; /**< "an Excel workbook (.xlsx)"; "" for TEXT */
    const char *fix;  /**< "save it as CSV (UTF-8) and import that"; "" for TEXT, SAV */
};

/**
 * Tells the kind of an input by its first bytes. A ZIP archive is told
 * apart (.xlsx, .ods or another archive) by the names of its first
 * entries, so give it the first few hundred bytes at least.
 * @param buf the first bytes of the input; may be NULL when len is 0
 * @param len how many there are
 * @param info receives the kind and what to say of it; must not be NULL
 * @returns info->kind
 */
SERVQ_API enum servq_input_kind servq_input_detect(const void *buf, size_t len,
                                                   struct servq_input_info *info);

#ifdef __cplusplus
}
#endif

#endif
