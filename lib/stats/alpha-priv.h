/*
 * Cronbach's alpha from an exact, mergeable accumulator.
 *
 * The accumulator keeps only integer sums, so its memory does not grow with
 * the number of rows, and merging shards in any order gives exactly the
 * state of a single pass. servq_alpha_compute() turns the sums into the
 * figures of R's psych::alpha (psych 2.2.9):
 *
 *   SERVQ_MISSING_LISTWISE  psych::alpha(na.omit(x))
 *   SERVQ_MISSING_PAIRWISE  psych::alpha(x), i.e. cov(x, use = "pairwise")
 *
 * Reference values: tests/reference/alpha_bfi.R.
 */
#ifndef SERVQ_ALPHA_PRIV_H
#define SERVQ_ALPHA_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "servq/common.h"
#include "common/util-priv.h"

/* Most items in one scale. */
#define SERVQ_ALPHA_MAX_K 1000

/*
 * Largest |x| accepted. Every product fits in int64_t and every sum over
 * up to 2^64 rows fits in servq_i128, so the state itself never overflows.
 */
#define SERVQ_ALPHA_MAX_ABS ((int64_t)INT32_MAX)

/* Sums over the rows where both items i < j are present. */
struct servq_alpha_pair {
    uint64_t n;          /* rows with both present */
    servq_i128 sx, sy;   /* sum x_i, sum x_j */
    servq_i128 sxx, syy; /* sum x_i^2, sum x_j^2 */
    servq_i128 sxy;      /* sum x_i x_j */
};

/*
 * The whole state. It is private, and every field is plain integers, so a
 * serialiser writes k and then each field in the order below; two states
 * are equal when all these fields are equal.
 *
 *   k              number of items, 1..SERVQ_ALPHA_MAX_K
 *
 *   Listwise (rows with every item present):
 *   n              number of such rows
 *   s[k]           sum x_i
 *   ss[k(k+1)/2]   sum x_i x_j for i <= j, at servq_alpha_tri(k, i, j)
 *
 *   Pairwise:
 *   n_any          rows with at least one item present
 *   pn[k]          rows with item i present
 *   ps[k]          sum x_i over those rows
 *   pss[k]         sum x_i^2 over those rows
 *   pair[k(k-1)/2] for i < j, at servq_alpha_pair_index(k, i, j)
 *
 * A row with no item present changes nothing, not even n_any.
 */
struct servq_alpha_acc {
    size_t k;
    uint64_t n;
    servq_i128 *s;
    servq_i128 *ss;
    uint64_t n_any;
    uint64_t *pn;
    servq_i128 *ps;
    servq_i128 *pss;
    struct servq_alpha_pair *pair;
};

/* Index of (i, j), i <= j < k, in the packed upper triangle with diagonal. */
static inline size_t servq_alpha_tri(size_t k, size_t i, size_t j)
{
    return i * (2 * k - i + 1) / 2 + (j - i);
}

/* Index of (i, j), i < j < k, in the packed strict upper triangle. */
static inline size_t servq_alpha_pair_index(size_t k, size_t i, size_t j)
{
    return i * (2 * k - i - 1) / 2 + (j - i - 1);
}

/*
 * Creates an empty accumulator for k items.
 * @returns the accumulator (free with servq_alpha_acc_free), or NULL when
 *          k is 0 or above SERVQ_ALPHA_MAX_K or an allocation fails.
 */
struct servq_alpha_acc *servq_alpha_acc_new(size_t k);

/* Frees an accumulator; NULL does nothing. */
void servq_alpha_acc_free(struct servq_alpha_acc *a);

/* Empties an accumulator (same k), as if it had just been created. */
void servq_alpha_acc_reset(struct servq_alpha_acc *a);

/*
 * Adds one respondent.
 * @param x        k values; x[i] is read only when present[i] is non-zero
 * @param present  k flags, or NULL when every item is present
 * @returns SERVQ_OK; SERVQ_ERR_LIMIT when a present value is outside
 *          +-SERVQ_ALPHA_MAX_ABS or a row count would overflow, and then
 *          the row is not added at all.
 */
enum servq_status servq_alpha_acc_add(struct servq_alpha_acc *a, const int64_t *x,
                                      const unsigned char *present);

/*
 * Adds n rows that each have every item present, given only by their sums:
 * s[i] = sum x_i and ss[servq_alpha_tri(k, i, j)] = sum x_i x_j (i <= j).
 * The result is exactly that of adding the rows one by one.
 * @returns SERVQ_OK; SERVQ_ERR_LIMIT when a row count would overflow (a is
 *          then unchanged).
 */
enum servq_status servq_alpha_acc_add_sums(struct servq_alpha_acc *a, uint64_t n,
                                           const int64_t *s, const int64_t *ss);

/*
 * Adds the rows of src into dst. The result is exactly the state of one
 * pass over both sets of rows, in any order. src may be dst.
 * @returns SERVQ_OK; SERVQ_ERR_ARG when the k differ; SERVQ_ERR_LIMIT when a
 *          row count would overflow (dst is then unchanged).
 */
enum servq_status servq_alpha_acc_merge(struct servq_alpha_acc *dst,
                                        const struct servq_alpha_acc *src);

/* enum servq_missing comes from servq/common.h. */

/*
 * The figures of psych::alpha. A figure that is undefined is NaN (never
 * Inf), and note then says why; note_item and note_item2 name the items
 * (0-based) the note is about, or are SIZE_MAX.
 */
struct servq_alpha_result {
    uint64_t n;         /* listwise: complete rows; pairwise: rows with any item */
    double raw;         /* raw_alpha */
    double std;         /* std.alpha */
    double mean_r;      /* average_r: mean off-diagonal correlation */
    double *if_dropped; /* k: alpha.drop$raw_alpha */
    double *r_drop;     /* k: item.stats$r.drop */
    size_t k;           /* length of the two arrays */
    const char *note;   /* static, or NULL when every figure is defined */
    size_t note_item;
    size_t note_item2;
};

/*
 * Computes the figures from the sums.
 *
 * Degenerate data are not errors: the figures are NaN and out->note says
 * why (fewer than 2 items or respondents, a constant item, a total with no
 * variance). A negative alpha is a valid value. Where psych divides by zero
 * and prints Inf, servq gives NaN with a note. Where psych drops an item
 * with zero variance and analyses the rest, servq gives NaN for every
 * figure and names the item.
 *
 * For k = 2, if_dropped follows psych: C[1,2]/C[2,2] for the first item and
 * C[1,2]/C[1,1] for the second.
 *
 * @param out  filled in; release with servq_alpha_result_release, also
 *             after a failure (it is then already empty)
 * @returns SERVQ_OK; SERVQ_ERR_ARG for a bad mode; SERVQ_ERR_NOMEM;
 *          SERVQ_ERR_LIMIT when an exact intermediate would overflow 128
 *          bits (only with huge values and row counts).
 */
enum servq_status servq_alpha_compute(const struct servq_alpha_acc *a, enum servq_missing m,
                                      struct servq_alpha_result *out);

/* Frees the arrays of a result and empties it; NULL does nothing. */
void servq_alpha_result_release(struct servq_alpha_result *r);

#endif
