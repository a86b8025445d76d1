/*
 * Statistics from exact accumulators. Integer sums are kept exact; floating
 * point appears only here, at the end, so results do not depend on the order
 * in which rows arrived or how shards were merged.
 */
#include "stats/stats-priv.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

void servq_dist_init(struct servq_dist *d, int64_t scale)
{
    d->q = NULL;
    d->c = NULL;
    d->n_bins = d->cap = 0;
    d->scale = scale;
}

void servq_dist_release(struct servq_dist *d)
{
    free(d->q);
    free(d->c);
    servq_dist_init(d, d->scale);
}

void servq_dist_clear(struct servq_dist *d)
{
    d->n_bins = 0;
}

enum servq_status servq_dist_push(struct servq_dist *d, int64_t q, uint64_t c)
{
    if (c == 0)
        return SERVQ_OK;
    if (d->n_bins == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        int64_t *nq = realloc(d->q, cap * sizeof *nq);
        uint64_t *nc;
        if (!nq)
            return SERVQ_ERR_NOMEM;
        d->q = nq;
        nc = realloc(d->c, cap * sizeof *nc);
        if (!nc)
            return SERVQ_ERR_NOMEM;
        d->c = nc;
        d->cap = cap;
    }
    d->q[d->n_bins] = q;
    d->c[d->n_bins] = c;
    d->n_bins++;
    return SERVQ_OK;
}

void servq_dist_moments(const struct servq_dist *d, struct servq_moments *m)
{
    size_t i;

    m->n = 0;
    m->s1 = m->s2 = 0;
    for (i = 0; i < d->n_bins; i++) {
        servq_i128 qc = (servq_i128)d->q[i] * (servq_i128)d->c[i];
        m->n += d->c[i];
        m->s1 += qc;
        m->s2 += qc * d->q[i];
    }
}

static long double i128_to_ld(servq_i128 v)
{
    /* Split so the conversion of very large sums keeps 64 bits of precision. */
    servq_i128 hi = v / ((servq_i128)1 << 62);
    servq_i128 lo = v - hi * ((servq_i128)1 << 62);

    return (long double)(int64_t)hi * 4611686018427387904.0L + (long double)(int64_t)lo;
}

void servq_moments_mean_sd(const struct servq_moments *m, int64_t scale, double *mean,
                           double *sd)
{
    long double n = (long double)m->n, sc = (long double)scale, ss;
    servq_i128 num, k, r;

    *mean = *sd = NAN;
    if (m->n == 0)
        return;
    *mean = (double)(i128_to_ld(m->s1) / n / sc);
    if (m->n < 2)
        return;
    /*
     * sum((q - mean)^2) = s2 - s1^2/n. Writing s1 = k*n + r keeps every
     * product inside 128 bits even at 1e9 rows of 2^40-scaled values
     * (n*s2 - s1^2 would overflow): s2 - k*s1 is exact, r*s1/n the only
     * rounding. The result never goes negative.
     */
    k = m->s1 / (servq_i128)m->n;
    r = m->s1 - k * (servq_i128)m->n;
    num = m->s2 - k * m->s1;
    ss = i128_to_ld(num) - i128_to_ld(r * m->s1) / n;
    if (ss < 0)
        ss = 0;
    *sd = (double)sqrtl(ss / (n - 1) / (sc * sc));
}

enum servq_status servq_summary_t(const struct servq_moments *m, int64_t scale,
                                  struct servq_summary *out)
{
    double se, tq, p;

    out->n = m->n;
    out->ci_low = out->ci_high = out->t = out->df = out->p = NAN;
    out->note = NULL;
    servq_moments_mean_sd(m, scale, &out->mean, &out->sd);
    if (m->n == 0) {
        out->note = "no respondents";
        return SERVQ_OK;
    }
    if (m->n < 2) {
        out->note = "fewer than 2 respondents: no SD, CI or test";
        return SERVQ_OK;
    }
    out->df = (double)(m->n - 1);
    if (out->sd == 0) {
        out->note = "all values are equal: no CI or test (data are essentially constant)";
        return SERVQ_OK;
    }
    se = out->sd / sqrt((double)m->n);
    out->t = out->mean / se;
    tq = gsl_cdf_tdist_Pinv(0.975, out->df);
    p = 2 * gsl_cdf_tdist_Q(fabs(out->t), out->df);
    if (!isfinite(tq) || !(p >= 0))
        return SERVQ_ERR_NUMERIC;
    out->p = p > 1 ? 1 : p;
    out->ci_low = out->mean - tq * se;
    out->ci_high = out->mean + tq * se;
    return SERVQ_OK;
}

/* The value at 0-based sorted position k. */
static int64_t dist_at(const struct servq_dist *d, uint64_t k)
{
    size_t i;

    for (i = 0; i < d->n_bins; i++) {
        if (k < d->c[i])
            return d->q[i];
        k -= d->c[i];
    }
    return d->n_bins ? d->q[d->n_bins - 1] : 0;
}

double servq_dist_median(const struct servq_dist *d)
{
    uint64_t n = 0;
    size_t i;

    for (i = 0; i < d->n_bins; i++)
        n += d->c[i];
    if (n == 0)
        return NAN;
    if (n % 2)
        return (double)dist_at(d, n / 2) / (double)d->scale;
    return ((double)dist_at(d, n / 2 - 1) + (double)dist_at(d, n / 2)) / 2.0 / (double)d->scale;
}
