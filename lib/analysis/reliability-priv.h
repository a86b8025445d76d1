/*
 * Cronbach's alpha for E, P and the gap scores of every dimension and of
 * the whole instrument, per analysis group.
 */
#ifndef SERVQ_RELIABILITY_PRIV_H
#define SERVQ_RELIABILITY_PRIV_H

#include <cjson/cJSON.h>

#include "servq/analysis.h" /* SERVQ_ALPHA_WARN */
#include "stats/alpha-priv.h"
#include "model/instrument-priv.h"
#include "model/responses-priv.h"

/* The scales measured: E, P and gap (P - E) ratings. */
enum servq_scale_kind { SERVQ_SCALE_E = 0, SERVQ_SCALE_P, SERVQ_SCALE_GAP, SERVQ_SCALE_KINDS };

/*
 * Rows with every item of a scale kind present and small values (nearly
 * all rows of a Likert survey) are not added to the exact accumulators one
 * by one: their sums of x_i and x_i x_j, over the items in slot order, go
 * into 32-bit sums that the compiler vectorises, and are folded into the
 * accumulators of the whole instrument and of every dimension, listwise
 * and pairwise alike, before anything reads them (servq_reliability_settle).
 * |x| <= 127 and at most 65536 rows keep every 32-bit sum exact.
 */
#define SERVQ_STAGE_MAX_ABS 127
#define SERVQ_STAGE_MAX_ROWS 65536u

/*
 * Rows go into s and ss two at a time: the first waits in held, and pair
 * then holds both rows' x_i as the low and high 16 bits of one word, so
 * one multiply-add instruction (pmaddwd) gives a_i a_j + b_i b_j for
 * several j at once. A row still held when the stage is folded is added
 * with a zero partner.
 */
/* How pairs are multiplied: chosen for the CPU at init; tests force each. */
enum servq_stage_kernel { SERVQ_STAGE_PORTABLE = 0, SERVQ_STAGE_AVX2 };

struct servq_rel_stage {
    uint32_t n;     /* rows staged, the held one included */
    int holding;    /* a row waits in held, not yet in s and ss */
    enum servq_stage_kernel kernel;
    int32_t *s;     /* SERVQ_STAGE_WIDTH(n_items): sum x_i, slot order */
    int32_t *ss;    /* width x width: sum x_i x_j at [i * width + j], for i <= j */
    int16_t *held;  /* 2 x width: the waiting row, then zeros (its partner at a fold) */
    uint32_t *pair; /* width: (uint16_t)a_i | (uint16_t)b_i << 16 */
};

/* @returns 1 when this CPU runs SERVQ_STAGE_AVX2. */
int servq_stage_have_avx2(void);

/* Rows of the staged sums are padded to whole vectors. */
#define SERVQ_STAGE_WIDTH(k) (((k) + 7) & ~(size_t)7)

/* One accumulator per (dimension or overall) x scale kind. */
struct servq_reliability {
    struct servq_alpha_acc **acc; /* (n_dims + 1) x SERVQ_SCALE_KINDS; last row overall */
    size_t n_dims;
    size_t n_items;
    struct servq_rel_stage stage[SERVQ_SCALE_KINDS];
};

/* Scratch for one respondent's values, shared by every group. */
struct servq_reliability_row {
    int64_t *x[SERVQ_SCALE_KINDS];         /* items in dimension order */
    unsigned char *have[SERVQ_SCALE_KINDS];
    int64_t *all_x[SERVQ_SCALE_KINDS];     /* items in instrument order */
    unsigned char *all_have[SERVQ_SCALE_KINDS];
    int16_t *x16[SERVQ_SCALE_KINDS];       /* x, when stageable; zero padded */
    int stageable[SERVQ_SCALE_KINDS];      /* every item present, |x| small */
    size_t *dim_off;                       /* first slot of each dimension */
    size_t *order;                         /* item index of each slot */
    int in_order;                          /* slot s is item s (dimensions contiguous) */
};

enum servq_status servq_reliability_init(struct servq_reliability *r,
                                         const struct servq_instrument *ins);
void servq_reliability_release(struct servq_reliability *r);

enum servq_status servq_reliability_row_init(struct servq_reliability_row *row,
                                             const struct servq_instrument *ins);
void servq_reliability_row_release(struct servq_reliability_row *row);
/*
 * Fills row from a parsed response: x16 and stageable always; x, have,
 * all_x and all_have only when some kind is not stageable.
 */
void servq_reliability_row_set(struct servq_reliability_row *row,
                               const struct servq_instrument *ins,
                               const struct servq_response *resp);

enum servq_status servq_reliability_add(struct servq_reliability *r,
                                        const struct servq_instrument *ins,
                                        const struct servq_reliability_row *row);
/*
 * Folds the staged rows into the accumulators; call it before reading
 * r->acc (writing a state, computing alpha).
 * @returns SERVQ_OK; SERVQ_ERR_NOMEM; SERVQ_ERR_LIMIT when a row count
 *          would overflow.
 */
enum servq_status servq_reliability_settle(struct servq_reliability *r,
                                           const struct servq_instrument *ins);

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
