/*
 * Survey-weighted means with linearization standard errors, as R's
 * survey::svymean and svyttest compute them for a single-stage design with
 * weights only. Weights are not integers, so the sums are doubles kept with
 * Neumaier's compensated summation.
 */
#ifndef SERVQ_WEIGHTED_PRIV_H
#define SERVQ_WEIGHTED_PRIV_H

#include <stdint.h>

#include "servq/common.h"

/* A compensated sum. */
struct servq_ksum {
    double sum, comp;
};

/*
 * The weighted moments of one variable x (and of the two components it is
 * the difference of). The standard error needs S = sum w^2 (x - m)^2, with
 * m = sum w x / sum w, and expanding that square into three large sums
 * that cancel loses every digit when one weight dominates. S is kept as
 *   S = q + W2 d^2,
 * q = sum w^2 (x - m2)^2 centred at the w^2-weighted mean m2 (West's
 * weighted form of Welford's update), d = m2 - m by a recurrence of its own
 * that only ever multiplies the differences x - m and m2 - x: both terms
 * are sums of squares, nothing cancels. Shards merge by the parallel form
 * of the same updates (Chan, Golub and LeVeque), which is exact in exact
 * arithmetic; a single point is a shard of one.
 */
struct servq_wmoments {
    uint64_t n;
    struct servq_ksum w, w2, wx; /* sum w, sum w^2, sum w x */
    struct servq_ksum wa, wb;    /* sum w a, sum w b: the components (E and P) */
    double m2;                   /* sum w^2 x / sum w^2 */
    double d;                    /* m2 - sum w x / sum w */
    double q;                    /* sum w^2 (x - m2)^2 */
    double lo, hi;               /* the smallest and largest x: "no variation" is lo == hi */
};

void servq_ksum_add(struct servq_ksum *s, double v);
double servq_ksum_value(const struct servq_ksum *s);
void servq_ksum_merge(struct servq_ksum *dst, const struct servq_ksum *src);

/* Adds x with weight w; a and b are the components x came from (or 0). */
void servq_wmoments_add(struct servq_wmoments *m, double w, double x, double a, double b);
/* Adds the moments src holds into dst, as if its points had been added. */
void servq_wmoments_merge(struct servq_wmoments *dst, const struct servq_wmoments *src);
/* m's standard error of the weighted mean (NAN when n < 2 or nothing varies). */
double servq_wmoments_se(const struct servq_wmoments *m);

#endif
