/*
 * Statistics computed at the end from exact integer accumulators.
 *
 * A distribution is a sorted list of (value, count) bins where every value
 * is an integer q standing for q / scale. Items have scale 1; dimension and
 * overall scores, which are means of item gaps, use the least common
 * multiple of the possible divisors so they stay integers.
 */
#ifndef SERVQ_STATS_PRIV_H
#define SERVQ_STATS_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "common/util-priv.h"

struct servq_dist {
    int64_t *q;
    uint64_t *c;
    size_t n_bins;
    size_t cap;
    int64_t scale;
};

/* Exact first and second moments of integers standing for q / scale. */
struct servq_moments {
    uint64_t n;
    servq_i128 s1, s2;
};

/* A mean with its t-based inference; fields are NaN where undefined. */
struct servq_summary {
    uint64_t n;
    double mean, sd, ci_low, ci_high, t, df, p;
    const char *note; /* why some figures are missing, or NULL */
};

void servq_dist_init(struct servq_dist *d, int64_t scale);
void servq_dist_release(struct servq_dist *d);
void servq_dist_clear(struct servq_dist *d);
/* Appends a bin; values must be added in increasing order. */
enum servq_status servq_dist_push(struct servq_dist *d, int64_t q, uint64_t c);
void servq_dist_moments(const struct servq_dist *d, struct servq_moments *m);

static inline void servq_moments_add(struct servq_moments *m, int64_t q)
{
    m->n++;
    m->s1 += q;
    m->s2 += (servq_i128)q * q;
}

static inline void servq_moments_merge(struct servq_moments *a, const struct servq_moments *b)
{
    a->n += b->n;
    a->s1 += b->s1;
    a->s2 += b->s2;
}

/* Mean and sample SD of the values q / scale. */
void servq_moments_mean_sd(const struct servq_moments *m, int64_t scale, double *mean,
                           double *sd);

/*
 * One-sample t inference on the mean (a paired test when the values are
 * differences): R's t.test(x). Returns SERVQ_ERR_NUMERIC if GSL fails.
 */
enum servq_status servq_summary_t(const struct servq_moments *m, int64_t scale,
                                  struct servq_summary *out);

/* The median of the distribution, as R's median() (NaN when empty). */
double servq_dist_median(const struct servq_dist *d);

#endif
