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

enum servq_report_format { SERVQ_REPORT_TEXT = 0 };

struct servq_report_options {
    enum servq_report_format format;
    const char *lang; /**< "en", "es", "pt", "ru"; NULL for English */
    size_t top;       /**< how many priorities to list; default 5 */
};

/** Fills o with the defaults: text, English, 5 priorities. */
SERVQ_API void servq_report_options_init(struct servq_report_options *o);

/**
 * Renders a report from gap-analysis documents, one per period, oldest
 * first; the last one is the period reported on.
 * @param docs the documents' texts; lens their lengths; n how many (>= 1)
 * @param err optional buffer for the reason of a failure
 * @param out receives the report, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA, SERVQ_ERR_ARG or
 *          SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_report_render(const char *const *docs, const size_t *lens,
                                                size_t n, const struct servq_report_options *o,
                                                char **out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
