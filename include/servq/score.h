/*
 * servq: per-respondent scores.
 *
 * Each canonical response becomes one output row: E, P and the gap per
 * dimension, the unweighted SERVQUAL score and, when the respondent gave
 * importance points, the weighted one. Streams in constant memory.
 */
#ifndef SERVQ_SCORE_H
#define SERVQ_SCORE_H

#include <stddef.h>

#include "common.h"
#include "import.h"
#include "instrument.h"
#include "reader.h"

#ifdef __cplusplus
extern "C" {
#endif

enum servq_score_format { SERVQ_SCORE_CSV = 0, SERVQ_SCORE_JSONL };

struct servq_score_options {
    enum servq_score_format format;
    int raw_csv; /**< 1: do not neutralise formula-like cells */
};

struct servq_scorer;

/** Fills o with the defaults (CSV). */
SERVQ_API void servq_score_options_init(struct servq_score_options *o);

/**
 * Creates a scorer writing to emit.
 * @param ins the instrument; borrowed, must outlive the scorer
 * @param out receives the scorer, to free with servq_scorer_free()
 */
SERVQ_API enum servq_status servq_scorer_new(const struct servq_instrument *ins,
                                             const struct servq_score_options *o,
                                             servq_emit_fn emit, void *user,
                                             struct servq_scorer **out);

/** Sets the diagnostics callback; data errors carry line and column. */
SERVQ_API void servq_scorer_set_message_fn(struct servq_scorer *s, servq_message_fn fn,
                                           void *user);

/**
 * Pushes one record of canonical responses; the first is the header.
 * @returns SERVQ_OK, SERVQ_ERR_DATA, SERVQ_ERR_ABORTED or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_scorer_add(struct servq_scorer *s,
                                             const struct servq_record *rec);

/** @returns SERVQ_OK, or SERVQ_ERR_DATA when no header was seen. */
SERVQ_API enum servq_status servq_scorer_finish(struct servq_scorer *s);

/** @param s the scorer; NULL does nothing. */
SERVQ_API void servq_scorer_free(struct servq_scorer *s);

#ifdef __cplusplus
}
#endif

#endif
