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

struct servq_import_options {
    char decimal_mark;    /**< '.' (default) or ',' in the export's numbers */
    int raw_csv;          /**< 1: do not neutralise formula-like cells */
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

/** Copies the accounting so far into c. */
SERVQ_API void servq_importer_counts(const struct servq_importer *imp,
                                     struct servq_import_counts *c);

/** @param imp the importer; NULL does nothing. */
SERVQ_API void servq_importer_free(struct servq_importer *imp);

#ifdef __cplusplus
}
#endif

#endif
