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
#include "sav.h"

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

/*
 * The import stream: the whole way from the bytes of an export to
 * canonical rows, as servq-import takes it. The first bytes say what the
 * input is (CSV text or an SPSS system file; a workbook, a PDF... is
 * refused); CSV text is decoded to UTF-8, its delimiter guessed from the
 * first 64 KiB, read into records and imported, with the map's encoding,
 * delimiter and decimal mark as defaults and ',' as the decimal mark of a
 * ';'-separated export. Canonical output and rejects leave through the
 * emit and reject callbacks, diagnostics through the message callback.
 */
struct servq_import_stream;

/** What the input is, as the stream takes it. */
enum servq_import_format {
    SERVQ_IMPORT_FORMAT_AUTO = 0, /**< decide by the first bytes (and the name) */
    SERVQ_IMPORT_FORMAT_CSV,      /**< CSV text in any encoding */
    SERVQ_IMPORT_FORMAT_SAV       /**< an SPSS system file (.sav, .zsav) */
};

struct servq_import_stream_options {
    struct servq_import_options import; /**< decimal_mark '\0' (the default
                                             here): the map's, else ',' when
                                             the delimiter is ';', else '.' */
    struct servq_reader_options reader; /**< delimiter '\0' (the default
                                             here): the map's, else guessed */
    const char *encoding;   /**< borrowed; NULL: the map's, else detected (see
                                 servq_decoder_new()) */
    enum servq_import_format format; /**< default SERVQ_IMPORT_FORMAT_AUTO */
    const char *name;       /**< borrowed; the input's file name, or NULL: under
                                 SERVQ_IMPORT_FORMAT_AUTO a name ending in .sav
                                 or .zsav is taken as an SPSS file, so that a
                                 damaged one is called that */
};

/** Fills o with the defaults. */
SERVQ_API void servq_import_stream_options_init(struct servq_import_stream_options *o);

/**
 * Creates an import stream. Nothing is checked against the input yet: an
 * unknown encoding, say, fails the first servq_import_stream_feed().
 * @param ins the instrument, borrowed (it must outlive the stream); NULL:
 *        the one the map embeds, else the built-in SERVQUAL-22
 * @param map the map, borrowed, or NULL; overrides o->import.map
 * @param o options, or NULL for the defaults; copied
 * @param emit receives canonical output; must not be NULL
 * @param reject receives rejected rows; may be NULL
 * @param user passed to both callbacks
 * @param out receives the stream, to free with servq_import_stream_free()
 * @returns SERVQ_OK, SERVQ_ERR_ARG or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_import_stream_new(const struct servq_instrument *ins,
                                                    const struct servq_map *map,
                                                    const struct servq_import_stream_options *o,
                                                    servq_emit_fn emit, servq_reject_fn reject,
                                                    void *user,
                                                    struct servq_import_stream **out);

/**
 * Sets the diagnostics callback: the decoder's, the reader's and the
 * importer's messages, the delimiter guessed (SERVQ_LEVEL_INFO), and the
 * reason of every failure below except the two named there.
 */
SERVQ_API void servq_import_stream_set_message_fn(struct servq_import_stream *s,
                                                  servq_message_fn fn, void *user);

/**
 * Decides what the input is from its first bytes (512 are enough), when
 * that is not decided yet: servq_import_stream_feed() does it itself, but
 * a program that reads an SPSS file through servq_import_stream_read_sav()
 * must know before it feeds anything. The bytes are only looked at.
 * @returns SERVQ_IMPORT_FORMAT_CSV or SERVQ_IMPORT_FORMAT_SAV; or
 *          SERVQ_IMPORT_FORMAT_AUTO when the input is neither (a workbook, a
 *          PDF...), after a message saying what it is and what to do
 */
SERVQ_API enum servq_import_format servq_import_stream_detect(struct servq_import_stream *s,
                                                              const void *head, size_t len);

/**
 * Pushes len bytes of the export. An SPSS file fed this way is held in
 * memory and read by servq_import_stream_finish(); a program with the file
 * at hand passes it to servq_import_stream_read_sav() instead.
 * @returns SERVQ_OK, also once servq_import_stream_done() (the rest is
 *          ignored); SERVQ_ERR_ARG without a message for options the
 *          input contradicts, which the caller names as its user gave
 *          them: the decimal mark is the delimiter (then
 *          servq_import_stream_delimiter() is not '\0'), or the encoding
 *          is one iconv does not know (servq_import_stream_encoding());
 *          SERVQ_ERR_DATA
 *          (not an export), SERVQ_ERR_ENCODING, SERVQ_ERR_CSV,
 *          SERVQ_ERR_LIMIT, SERVQ_ERR_NOMEM, each said through the message
 *          callback; SERVQ_ERR_ABORTED when a callback aborted. After an
 *          error every call returns it again.
 */
SERVQ_API enum servq_status servq_import_stream_feed(struct servq_import_stream *s,
                                                     const void *buf, size_t len);

/** Ends the input. @returns as servq_import_stream_feed() */
SERVQ_API enum servq_status servq_import_stream_finish(struct servq_import_stream *s);

/**
 * Imports a whole SPSS system file through io (ReadStat seeks, so it
 * cannot be fed), instead of servq_import_stream_feed() and
 * servq_import_stream_finish().
 * @returns as servq_import_stream_finish(); SERVQ_ERR_ARG when bytes were
 *          fed already, or servq_import_stream_detect() found CSV
 */
SERVQ_API enum servq_status servq_import_stream_read_sav(struct servq_import_stream *s,
                                                         const struct servq_sav_io *io);

/**
 * @returns 1 when import.headers_only was set and the header rows were
 *          taken: the caller may stop feeding
 */
SERVQ_API int servq_import_stream_done(const struct servq_import_stream *s);

/** @returns the format decided, or SERVQ_IMPORT_FORMAT_AUTO before. */
SERVQ_API enum servq_import_format servq_import_stream_format(const struct servq_import_stream *s);

/** @returns the encoding asked for (the option, else the map's), or NULL; borrowed. */
SERVQ_API const char *servq_import_stream_encoding(const struct servq_import_stream *s);

/**
 * @returns the delimiter in use once the reader started, or the one the
 *          decimal mark turned out to be; else '\0'
 */
SERVQ_API char servq_import_stream_delimiter(const struct servq_import_stream *s);

/** @returns the physical lines (SPSS: cases) read so far. */
SERVQ_API unsigned long long servq_import_stream_line_count(const struct servq_import_stream *s);

/**
 * @returns the importer, or NULL before the first records; owned by s. Use
 *          it for servq_importer_counts(), servq_importer_top_reject(),
 *          servq_importer_suggest_map() and servq_importer_dialect().
 */
SERVQ_API const struct servq_importer *
servq_import_stream_importer(const struct servq_import_stream *s);

/** Copies the accounting so far into c (zeros before the first records). */
SERVQ_API void servq_import_stream_counts(const struct servq_import_stream *s,
                                          struct servq_import_counts *c);

/**
 * The accounting as a servq.import-stats/1 document, one line of JSON
 * ending in a newline, as servq-report --import-stats reads it.
 * @param json receives the text, to free with servq_free()
 * @returns SERVQ_OK or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_import_stream_stats_json(const struct servq_import_stream *s,
                                                           char **json);

/** @param s the stream; NULL does nothing. */
SERVQ_API void servq_import_stream_free(struct servq_import_stream *s);

#ifdef __cplusplus
}

#endif

#endif
