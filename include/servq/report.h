/*
 * servq: the quality report, rendered from gap-analysis documents.
 */
#ifndef SERVQ_REPORT_H
#define SERVQ_REPORT_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats of the report. */
enum servq_report_format {
    SERVQ_REPORT_TEXT = 0, /**< plain text, 80 columns, Unicode (or ASCII) charts */
    SERVQ_REPORT_MARKDOWN, /**< Markdown tables and lists, for a wiki or a chat */
    SERVQ_REPORT_HTML      /**< one self-contained HTML file with inline SVG charts */
};

/** What the report found; filled when servq_report_options.result is set. */
struct servq_report_result {
    size_t targets;        /**< quality targets in the last document */
    size_t missed_targets; /**< how many of them were missed */
    /**
     * After SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA or SERVQ_ERR_DATA: the index
     * of the document that failed (in the order given), or n (the number
     * of documents) when the import statistics did.
     */
    size_t failed_input;
};

/**
 * Where a document came from, for its label in the report and for the
 * messages about it. An input (a file, or standard input) can hold several
 * documents, one after another, as jq reads them.
 */
struct servq_report_source {
    const char *path;        /**< the file as named, or NULL for standard input */
    size_t index;            /**< the document's number in its input, from 1 */
    size_t count;            /**< how many documents its input holds */
    unsigned long long line; /**< where the document starts in its input: the line, */
    unsigned long column;    /**< and the column (characters), both from 1 */
};

struct servq_report_options {
    enum servq_report_format format;
    const char *lang; /**< "en", "es", "pt", "ru" (also "pt_BR", "es_ES.UTF-8"...); NULL or
                           unknown for English. Decides headings, names and the decimal mark */
    size_t top;       /**< how many priorities to list; default 5 */
    int ascii;        /**< text: ASCII charts and symbols instead of Unicode */
    int color;        /**< text: ANSI colours */
    /**
     * Optional: the statistics servq import writes with --stats, the JSON
     * {"schema": "servq.import-stats/1", "read": N, "imported": A,
     * "rejected": R}; import_stats_len is its length. Borrowed for the call.
     */
    const char *import_stats;
    size_t import_stats_len;
    /** Optional: the file import_stats came from, to name it in messages. */
    const char *import_stats_path;
    /** Optional: receives what the report found; NULL when not wanted. */
    struct servq_report_result *result;
    /**
     * Optional: n entries, where each document came from, borrowed for the
     * call. A document without a period or dates is labelled by its
     * file's name (or "standard input"); without sources, by its number
     * ("document 2"), and messages name documents by their number too.
     */
    const struct servq_report_source *sources;
    /**
     * Optional: receives warnings (SERVQ_LEVEL_WARNING, with line 0), such
     * as documents whose order cannot be told, and after SERVQ_ERR_JSON,
     * SERVQ_ERR_SCHEMA or SERVQ_ERR_DATA one error (SERVQ_LEVEL_ERROR, line
     * 0) that names the input at fault and says why: "'w45.json': line 3:
     * column 7: ...". With sources, an input is named by its path ("standard
     * input" for NULL or "-"), its lines and columns are those of the
     * input, and a document that shares its input with others is named in
     * it by its number and line ("document 2 (line 120): ..."); without,
     * "document 2". The import statistics are named by import_stats_path,
     * else "the import statistics". NULL for none.
     */
    servq_message_fn message;
    void *message_user;
};

/** Fills o with the defaults: text, English, 5 priorities, Unicode, no colour. */
SERVQ_API void servq_report_options_init(struct servq_report_options *o);

/**
 * Renders a report from gap-analysis documents, one per period; the last
 * period is the one reported on, the earlier ones give the change and the
 * trend. A document's period is that of its groups' "period" keys (ISO
 * weeks, months, quarters), else the dates of its rows ("dates"). When
 * every document has one, they are sorted by it, the one whose period
 * ends last taken as the last, and two documents of the same period are an
 * error (SERVQ_ERR_DATA). Otherwise they are taken in the order given, and
 * a warning says so (when there are several); the documents that have a
 * period must then be oldest first. Never sets or reads the process
 * locale.
 * @param docs the documents' texts; lens their lengths; n how many (>= 1)
 * @param o the options, or NULL for the defaults; why an input failed
 *        reaches o->message only
 * @param out receives the report, NUL-terminated, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA, SERVQ_ERR_DATA,
 *          SERVQ_ERR_ARG, SERVQ_ERR_NUMERIC or SERVQ_ERR_NOMEM. A missed target is not a
 *          failure: see servq_report_result.
 */
SERVQ_API enum servq_status servq_report_render(const char *const *docs, const size_t *lens,
                                                size_t n, const struct servq_report_options *o,
                                                char **out);

#ifdef __cplusplus
}
#endif

#endif
