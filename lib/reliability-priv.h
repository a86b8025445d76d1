/*
 * Cronbach's alpha for E, P and the gap scores of every dimension and of
 * the whole instrument, per analysis group.
 */
#ifndef SERVQ_RELIABILITY_PRIV_H
#define SERVQ_RELIABILITY_PRIV_H

#include <cjson/cJSON.h>

#include "alpha-priv.h"
#include "instrument-priv.h"
#include "responses-priv.h"

/* The scales measured: E, P and gap (P - E) ratings. */
enum servq_scale_kind { SERVQ_SCALE_E = 0, SERVQ_SCALE_P, SERVQ_SCALE_GAP, SERVQ_SCALE_KINDS };

/* One accumulator per (dimension or overall) x scale kind. */
struct servq_reliability {
    struct servq_alpha_acc **acc; /* (n_dims + 1) x SERVQ_SCALE_KINDS; last row overall */
    size_t n_dims;
};

/* Scratch for one respondent's values, shared by every group. */
struct servq_reliability_row {
    int64_t *x[SERVQ_SCALE_KINDS];         /* items in dimension order */
    unsigned char *have[SERVQ_SCALE_KINDS];
    int64_t *all_x[SERVQ_SCALE_KINDS];     /* items in instrument order */
    unsigned char *all_have[SERVQ_SCALE_KINDS];
    size_t *dim_off;                       /* first slot of each dimension */
    size_t *order;                         /* item index of each slot */
};

enum servq_status servq_reliability_init(struct servq_reliability *r,
                                         const struct servq_instrument *ins);
void servq_reliability_release(struct servq_reliability *r);

enum servq_status servq_reliability_row_init(struct servq_reliability_row *row,
                                             const struct servq_instrument *ins);
void servq_reliability_row_release(struct servq_reliability_row *row);
/* Fills row from a parsed response. */
void servq_reliability_row_set(struct servq_reliability_row *row,
                               const struct servq_instrument *ins,
                               const struct servq_response *resp);

enum servq_status servq_reliability_add(struct servq_reliability *r,
                                        const struct servq_instrument *ins,
                                        const struct servq_reliability_row *row);
enum servq_status servq_reliability_merge(struct servq_reliability *dst,
                                          const struct servq_reliability *src);

/*
 * Adds "alpha_e", "alpha_p" and "alpha_gap" to each dimension object (in
 * instrument order) and to overall, and a warning to warnings (an array of
 * strings) for every alpha below 0.70.
 */
enum servq_status servq_reliability_json(const struct servq_reliability *r,
                                         const struct servq_instrument *ins,
                                         enum servq_missing missing, cJSON *dims,
                                         cJSON *overall, cJSON *warnings);

#endif
