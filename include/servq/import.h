/*
 * servq: turning survey exports into canonical responses.
 *
 * Records of an export are pushed in (header first). Each data record
 * becomes one canonical row or one reject; nothing is dropped silently,
 * so rows read = rows imported + rows rejected.
 */
#ifndef SERVQ_IMPORT_H
#define SERVQ_IMPORT_H

#include <stddef.h>

#include "common.h"
#include "instrument.h"
#include "reader.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A row that was not imported; valid only during the callback. */
struct servq_reject {
    unsigned long long line; /**< physical line the record starts on */
    const char *reason;      /**< one line, lowercase */
    const char *raw;         /**< the record as it was read */
    size_t raw_len;
    const char *csv;         /**< "line,reason,record\n" as a CSV row for a
                                  rejects file, cells neutralised as output is */
    size_t csv_len;
};

/** Receives canonical CSV text (header and rows), in order. */
typedef int (*servq_emit_fn)(const char *buf, size_t len, void *user);
/** Receives each rejected row. */
typedef int (*servq_reject_fn)(const struct servq_reject *rej, void *user);

/** The survey tools whose exports servq knows; see servq-import(1). */
enum servq_dialect {
    SERVQ_DIALECT_AUTO = 0,     /**< detect from the header rows */
    SERVQ_DIALECT_GENERIC,      /**< one header row of plain names */
    SERVQ_DIALECT_QUALTRICS,    /**< 3 rows (ids, text, ImportId), or Legacy 2 */
    SERVQ_DIALECT_SURVEYMONKEY, /**< 2 rows: question, then sub-question */
    SERVQ_DIALECT_GOOGLEFORMS,  /**< Timestamp, question text, "Q [Row]" */
    SERVQ_DIALECT_LIMESURVEY    /**< codes, text, or "code. text" */
};

/** @returns "auto", "generic", "qualtrics"...; static. */
SERVQ_API const char *servq_dialect_name(enum servq_dialect d);

/**
 * Parses a dialect name as servq_dialect_name() writes it.
 * @returns SERVQ_OK, or SERVQ_ERR_ARG for an unknown name
 */
SERVQ_API enum servq_status servq_dialect_parse(const char *name, enum servq_dialect *out);

/**
 * Guesses the field separator of a CSV text among ',', ';', TAB and '|':
 * the one that splits the first records (up to 20, quotes respected)
 * into the same number of fields, more than one, most consistently.
 * @param text the start of the (UTF-8) input
 * @param len its length
 * @param complete 1 when text is the whole input, 0 when it may be cut
 *        (then a last record without its line end is ignored)
 * @returns the delimiter; ',' when nothing is clearly better
 */
SERVQ_API char servq_detect_delimiter(const char *text, size_t len, int complete);

/** Longest date format, in bytes. */
#define SERVQ_DATE_FORMAT_MAX 64

/**
 * Checks a date format as servq_import_options.date_format and a map's
 * "date" "format" take it: "excel" (a spreadsheet serial day number), or a
 * pattern of %Y %y %m %d %e %H %I %M %S %p %Z %% and other characters that
 * match themselves, with a year, a month and a day. The matching never
 * looks at the locale (no strptime(3)).
 * @param format the format
 * @param err optional buffer for a one-line reason on failure
 * @param errlen size of err
 * @returns SERVQ_OK, or SERVQ_ERR_ARG for a format servq cannot use
 */
SERVQ_API enum servq_status servq_date_format_check(const char *format, char *err,
                                                    size_t errlen);

/*
 * Decoding: bytes of an export in, UTF-8 out, before the reader.
 */
struct servq_decoder;

/**
 * Creates a decoder.
 * @param encoding NULL or "auto" to detect (a UTF-8 or UTF-16 byte-order
 *        mark, else UTF-8 when the first 64 KiB are valid UTF-8, else
 *        Windows-1252); or an iconv(3) encoding name such as "CP949"
 * @param emit receives the UTF-8 text, in order, without a byte-order mark
 * @param user passed to emit
 * @param out receives the decoder, to free with servq_decoder_free()
 * @returns SERVQ_OK; SERVQ_ERR_ENCODING for an encoding iconv does not
 *          know; SERVQ_ERR_ARG; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_decoder_new(const char *encoding, servq_emit_fn emit,
                                              void *user, struct servq_decoder **out);

/**
 * Sets the diagnostics callback. It receives an SERVQ_LEVEL_INFO message
 * naming the encoding when detection chose one other than UTF-8, and a
 * warning when invalid UTF-8 turns up after the first 64 KiB.
 */
SERVQ_API void servq_decoder_set_message_fn(struct servq_decoder *d, servq_message_fn fn,
                                            void *user);

/**
 * Pushes len bytes; decoded text is emitted as soon as it is known.
 * @returns SERVQ_OK; SERVQ_ERR_ENCODING for bytes a named encoding cannot
 *          decode; SERVQ_ERR_ABORTED when emit aborted; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_decoder_feed(struct servq_decoder *d, const void *buf,
                                               size_t len);

/** Ends the input. @returns as servq_decoder_feed() */
SERVQ_API enum servq_status servq_decoder_finish(struct servq_decoder *d);

/**
 * @returns the encoding in use ("UTF-8", "UTF-16LE", "Windows-1252", or the
 *          name given), or NULL while detection still waits for bytes
 */
SERVQ_API const char *servq_decoder_encoding(const struct servq_decoder *d);

/** @param d the decoder; NULL does nothing. */
SERVQ_API void servq_decoder_free(struct servq_decoder *d);

/*
 * Maps ("servq.map/1", see servq-instrument(5) and docs/map.md): which
 * export column is which item, measure, id, date... plus the export's
 * dialect, encoding, delimiter and answer labels.
 */
struct servq_map;

#define SERVQ_DEFAULT_MAX_LABELS 1000u

/** Limits on what a map may declare. */
struct servq_map_options {
    size_t max_labels; /**< most answer labels ("labels"); default 1000 */
};

/** Fills o with the defaults. */
SERVQ_API void servq_map_options_init(struct servq_map_options *o);

/**
 * Parses a map from JSON text, with the default limits.
 * @param json the text (need not be NUL-terminated)
 * @param len its length
 * @param out receives the map, to free with servq_map_free()
 * @param err optional buffer for a one-line reason on failure; a JSON
 *        error names its line and column
 * @param errlen size of err
 * @returns SERVQ_OK; SERVQ_ERR_JSON; SERVQ_ERR_SCHEMA (not "servq.map/1");
 *          SERVQ_ERR_INSTRUMENT (a rule or an embedded instrument that
 *          does not make sense, a bad regular expression, more than 10000
 *          rules); SERVQ_ERR_LIMIT (more labels than allowed);
 *          SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_map_parse(const char *json, size_t len, struct servq_map **out,
                                            char *err, size_t errlen);

/**
 * servq_map_parse() with limits.
 * @param o the limits, or NULL for the defaults
 * @returns as servq_map_parse(); SERVQ_ERR_ARG for a limit of 0
 */
SERVQ_API enum servq_status servq_map_parse_opts(const char *json, size_t len,
                                                 const struct servq_map_options *o,
                                                 struct servq_map **out, char *err,
                                                 size_t errlen);

/** @param m the map; NULL does nothing. */
SERVQ_API void servq_map_free(struct servq_map *m);

/**
 * @returns the instrument path the map names (relative to the map file;
 *          the caller resolves and loads it), or NULL; owned by m
 */
SERVQ_API const char *servq_map_instrument_path(const struct servq_map *m);

/** @returns the instrument embedded in the map, or NULL; owned by m */
SERVQ_API const struct servq_instrument *servq_map_instrument(const struct servq_map *m);

/** @returns the encoding the map names, or NULL; owned by m */
SERVQ_API const char *servq_map_encoding(const struct servq_map *m);

/** @returns the delimiter the map names, or '\0' */
SERVQ_API char servq_map_delimiter(const struct servq_map *m);

/** @returns the decimal mark the map names, or '\0' */
SERVQ_API char servq_map_decimal(const struct servq_map *m);

/** @returns the dialect the map names, or SERVQ_DIALECT_AUTO */
SERVQ_API enum servq_dialect servq_map_dialect(const struct servq_map *m);

struct servq_import_options {
    char decimal_mark;    /**< '.' (default) or ',' in the export's numbers */
    int raw_csv;          /**< 1: do not neutralise formula-like cells */
    enum servq_dialect dialect; /**< default SERVQ_DIALECT_AUTO */
    unsigned header_rows; /**< header records; 0: as the dialect has them */
    const struct servq_map *map; /**< borrowed; NULL: map columns by name */
    int headers_only;     /**< 1: take the header rows, import nothing */
    const char *date_format; /**< borrowed; the date column's format (see
                               servq_date_format_check()), over the map's;
                               NULL: the map's, else ISO 8601 */
    int spss;             /**< 1: the records come from servq_sav_read(): one
                               header row of variable names, in the generic
                               dialect, with '.' decimals, and no rows to
                               skip, whatever the map or the fields above
                               say about a CSV export */
};

/** Import accounting. read = imported + rejected, always. */
struct servq_import_counts {
    unsigned long long read, imported, rejected;
};

struct servq_importer;

/** Fills o with the defaults. */
SERVQ_API void servq_import_options_init(struct servq_import_options *o);

/**
 * Creates an importer for the generic dialect: one header row whose column
 * names follow the conventions in servq-import(1).
 * @param ins the instrument; borrowed, must outlive the importer
 * @param o options, or NULL for the defaults
 * @param emit receives canonical output; must not be NULL
 * @param reject receives rejected rows; may be NULL
 * @param user passed to both callbacks
 * @param out receives the importer, to free with servq_importer_free()
 * @returns SERVQ_OK, SERVQ_ERR_ARG or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_importer_new(const struct servq_instrument *ins,
                                               const struct servq_import_options *o,
                                               servq_emit_fn emit, servq_reject_fn reject,
                                               void *user, struct servq_importer **out);

/** Sets the diagnostics callback. */
SERVQ_API void servq_importer_set_message_fn(struct servq_importer *imp, servq_message_fn fn,
                                             void *user);

/**
 * Pushes one record of the export; the first is the header.
 * @returns SERVQ_OK (a rejected row is not an error); SERVQ_ERR_DATA when
 *          the header cannot be mapped; SERVQ_ERR_ABORTED when a callback
 *          aborted; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_importer_add(struct servq_importer *imp,
                                               const struct servq_record *rec);

/** @returns SERVQ_OK, or SERVQ_ERR_DATA when no header was ever seen. */
SERVQ_API enum servq_status servq_importer_finish(struct servq_importer *imp);

/** @returns 1 once all header rows were taken. */
SERVQ_API int servq_importer_header_done(const struct servq_importer *imp);

/** @returns the dialect in use (AUTO until the header rows were seen). */
SERVQ_API enum servq_dialect servq_importer_dialect(const struct servq_importer *imp);

/**
 * A starter map for the export whose header rows were taken: every
 * column, with E/P pairs guessed from side-by-side layouts (Q1#1_1 and
 * Q1#2_1), from "x-1"/"x-2" pairs and from words (expectation, expectativa,
 * ожидание, 기대 / perception, percepción, percepção, восприятие, 인지).
 * @param json receives pretty-printed JSON, to free with servq_free()
 * @returns SERVQ_OK; SERVQ_ERR_DATA before the header; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_importer_suggest_map(const struct servq_importer *imp,
                                                       char **json);

/** Copies the accounting so far into c. */
SERVQ_API void servq_importer_counts(const struct servq_importer *imp,
                                     struct servq_import_counts *c);

/** The most common kind of reason rows were rejected for. */
struct servq_reject_summary {
    unsigned long long count; /**< rows rejected for a reason of this kind */
    unsigned long long line;  /**< the line (SPSS: case) of the first of them */
    const char *reason;       /**< the first one's reason; owned by the
                                   importer, valid until it is freed */
};

/**
 * Which kind of reason (the same message, whatever column or cell it
 * names) rejected the most rows so far; the first kind in a tie.
 * @param out receives the summary when there is one
 * @returns 1, or 0 when no row was rejected
 */
SERVQ_API int servq_importer_top_reject(const struct servq_importer *imp,
                                        struct servq_reject_summary *out);

/** @param imp the importer; NULL does nothing. */
SERVQ_API void servq_importer_free(struct servq_importer *imp);

#ifdef __cplusplus
}
#endif

#endif
