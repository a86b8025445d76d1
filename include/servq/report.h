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
    /** Optional: receives what the report found; NULL when not wanted. */
    struct servq_report_result *result;
};

/** Fills o with the defaults: text, English, 5 priorities, Unicode, no colour. */
SERVQ_API void servq_report_options_init(struct servq_report_options *o);

/**
 * Renders a report from gap-analysis documents, one per period, oldest
 * first; the last one is the period reported on, the earlier ones give
 * the change and the trend. Never sets or reads the process locale.
 * @param docs the documents' texts; lens their lengths; n how many (>= 1)
 * @param o the options, or NULL for the defaults
 * @param err optional buffer for the reason of a failure
 * @param out receives the report, NUL-terminated, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA, SERVQ_ERR_DATA,
 *          SERVQ_ERR_ARG, SERVQ_ERR_NUMERIC or SERVQ_ERR_NOMEM. A missed target is not a
 *          failure: see servq_report_result.
 */
SERVQ_API enum servq_status servq_report_render(const char *const *docs, const size_t *lens,
                                                size_t n, const struct servq_report_options *o,
                                                char **out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
