/*
 * Two-sample and rank tests computed from exact distributions, never from
 * raw rows: Wilcoxon signed-rank, Mann-Whitney, Welch's t from summary
 * figures, R's p.adjust, and top-box shares. Each one matches R 4.2 (see
 * docs/statistics.md); tests/unit/test-ranktests.c pins the reference
 * values.
 */
#ifndef SERVQ_RANKTESTS_PRIV_H
#define SERVQ_RANKTESTS_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "servq/common.h" /* enum servq_adjust */
#include "stats/stats-priv.h"

/* Welch's two-sample t test; fields are NaN where undefined. */
struct servq_welch_result {
    double t, df, p;        /* two-sided p */
    double ci_low, ci_high; /* 95% CI of mean(x) - mean(y) */
    double diff;            /* mean(x) - mean(y), NaN only if a mean is */
    const char *note;       /* static: why figures are missing, or NULL */
};

/*
 * Wilcoxon signed-rank test of the differences d, as R's
 * wilcox.test(P, E, paired = TRUE) with exact = NULL, correct = TRUE:
 * zeros are dropped, |d| gets average ranks for ties, and V is the sum of
 * the positive ranks. The p-value is exact (psignrank) when n < 50 after
 * dropping zeros and there are neither ties nor zeros, otherwise the normal
 * approximation with continuity and tie correction.
 *
 * d's bins must be in non-decreasing order of value (equal values in
 * neighbouring bins are fine). When no nonzero difference is left, *v and
 * *p are NaN and *note says why (R gives V = 0, p = NaN there); otherwise
 * *note is NULL. note may be NULL. The note is static.
 *
 * Returns SERVQ_OK, SERVQ_ERR_NOMEM or SERVQ_ERR_NUMERIC.
 */
enum servq_status servq_wilcoxon_signed(const struct servq_dist *d, double *v, double *p,
                                        const char **note);

/*
 * Mann-Whitney (Wilcoxon rank-sum) test of x against y, as R's
 * wilcox.test(x, y) with its defaults: W = the sum of x's ranks in the
 * pooled sample - nx(nx + 1)/2; the p-value is exact (pwilcox) when nx < 50
 * and ny < 50 and there are no ties, otherwise the normal approximation
 * with continuity and tie correction.
 *
 * The two scales may differ (values are compared as q / scale exactly) but
 * must be positive. *w and *p are NaN with a static *note when a group is
 * empty; when every value is tied *w is nx * ny / 2 and *p is NaN, as in R.
 * note may be NULL.
 *
 * Returns SERVQ_OK, SERVQ_ERR_ARG (a scale <= 0), SERVQ_ERR_NOMEM or
 * SERVQ_ERR_NUMERIC.
 */
enum servq_status servq_mann_whitney(const struct servq_dist *x, const struct servq_dist *y,
                                     double *w, double *p, const char **note);

/*
 * Welch's two-sample t test from the n, mean and sample SD of each group,
 * as R's t.test(x, y) with var.equal = FALSE: t, the Welch-Satterthwaite
 * df, the two-sided p and the 95% CI of mean(x) - mean(y). A group with
 * fewer than 2 values, or a standard error R calls "essentially constant",
 * gives NaN figures and a note. Returns SERVQ_OK or SERVQ_ERR_NUMERIC.
 */
enum servq_status servq_welch(double nx, double mx, double sx, double ny, double my, double sy,
                              struct servq_welch_result *out);

/*
 * R's p.adjust(p, method) over the non-NaN entries of p[0..n): NaN entries
 * are left out of the family and stay NaN in out. out may equal p.
 * Returns SERVQ_OK, SERVQ_ERR_ARG (unknown method) or SERVQ_ERR_NOMEM.
 */
enum servq_status servq_p_adjust(const double *p, size_t n, enum servq_adjust method, double *out);

/*
 * The share of the distribution at or above threshold (in the units of
 * the values, q / scale >= threshold): with the scale maximum max,
 * threshold max gives the top box and max - 1 the top-two box of an item.
 * NaN when d is empty.
 */
double servq_dist_share_at_least(const struct servq_dist *d, int64_t threshold);

#endif
