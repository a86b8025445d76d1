/*
 * Rank tests and two-sample tests from exact distributions.
 *
 * Ranks come from the bins, never from rows: every distinct |value| (signed
 * rank) or value (rank sum) is one tie group, so the work is linear in the
 * number of bins, and rank sums are kept as exact integers (twice the sum,
 * since average ranks are half-integers) whatever the counts. The exact
 * null distributions are small dynamic programmes over n < 50.
 */
#include "stats/ranktests-priv.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* R's exact = NULL: exact p-values below this many values (per group). */
#define EXACT_LIMIT 50
/* The largest signed-rank sum with an exact p-value: 49 * 50 / 2. */
#define SIGNRANK_MAX_SUM ((EXACT_LIMIT - 1) * EXACT_LIMIT / 2)

static long double ld_from_i128(servq_i128 v)
{
    return (long double)v;
}

static int sign_i128(servq_i128 v)
{
    return (v > 0) - (v < 0);
}

/* t^3 - t for a tie group of t values, the tie-correction term. */
static long double tie_term(servq_i128 t)
{
    long double lt = ld_from_i128(t);

    return (lt - 1) * lt * (lt + 1);
}

/* |q| without overflow for INT64_MIN. */
static uint64_t abs_u64(int64_t q)
{
    return q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
}

/* Two-sided normal p-value, 2 * min(P(z), Q(z)) as R computes it. */
static enum servq_status normal_p(long double z, double *p)
{
    double zd = (double)z, lo, hi;

    if (isnan(zd))
        return SERVQ_ERR_NUMERIC;
    lo = gsl_cdf_ugaussian_P(zd);
    hi = gsl_cdf_ugaussian_Q(zd);
    *p = 2 * (lo < hi ? lo : hi);
    if (!(*p >= 0 && *p <= 1))
        return SERVQ_ERR_NUMERIC;
    return SERVQ_OK;
}

/*
 * R's psignrank tail used by wilcox.test: P(V <= v) or, when upper,
 * P(V >= v), for the signed-rank statistic of n < 50 values. The subset
 * counts are at most 2^49, so doubles hold them exactly.
 */
static double signrank_tail(int n, int v, int upper)
{
    double cnt[SIGNRANK_MAX_SUM + 1];
    double acc = 0;
    int k, s, max = n * (n + 1) / 2;

    memset(cnt, 0, sizeof cnt);
    cnt[0] = 1;
    for (k = 1; k <= n; k++)
        for (s = k * (k + 1) / 2; s >= k; s--)
            cnt[s] += cnt[s - k];
    if (upper) {
        for (s = v < 0 ? 0 : v; s <= max; s++)
            acc += cnt[s];
    } else {
        for (s = 0; s <= v && s <= max; s++)
            acc += cnt[s];
    }
    return ldexp(acc, -n);
}

/*
 * R's pwilcox tail used by wilcox.test: P(W <= w) or, when upper,
 * P(W >= w), for the rank-sum statistic of nx and ny values (both < 50).
 * f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u) counts the arrangements;
 * the distribution is symmetric in (m, n), so m is the smaller size.
 */
static enum servq_status wilcox_tail(int nx, int ny, long w, int upper, double *out)
{
    int m = nx < ny ? nx : ny, n = nx < ny ? ny : nx, j, k;
    long size = (long)m * n + 1, u;
    long double *g = calloc((size_t)(m + 1) * (size_t)size, sizeof *g);
    long double total = 0, acc = 0;
    long double *last;

    if (!g)
        return SERVQ_ERR_NOMEM;
    for (j = 0; j <= m; j++)
        g[(size_t)j * (size_t)size] = 1;
    for (k = 1; k <= n; k++) {
        for (j = 1; j <= m; j++) {
            long double *row = g + (size_t)j * (size_t)size;
            const long double *prev = row - size;
            for (u = k; u <= (long)j * k; u++)
                row[u] += prev[u - k];
        }
    }
    last = g + (size_t)m * (size_t)size;
    for (u = 0; u < size; u++) {
        total += last[u];
        if (upper ? u >= w : u <= w)
            acc += last[u];
    }
    *out = (double)(acc / total);
    free(g);
    return SERVQ_OK;
}

enum servq_status servq_wilcoxon_signed(const struct servq_dist *d, double *v, double *p,
                                        const char **note)
{
    const char *why = NULL;
    size_t nb = d->n_bins, neg, ip;
    servq_i128 n = 0, v2 = 0; /* count of nonzero values; twice V */
    long double ties = 0;
    int zeros = 0, has_ties = 0;
    enum servq_status st = SERVQ_OK;

    *v = *p = NAN;
    /* Negative bins are [0, neg), zeros [neg, ip), positive bins [ip, nb). */
    for (neg = 0; neg < nb && d->q[neg] < 0; neg++)
        ;
    for (ip = neg; ip < nb && d->q[ip] == 0; ip++)
        zeros = 1;
    /* Merge |negatives| (walked downwards) with the positives by |q|. */
    while (neg > 0 || ip < nb) {
        uint64_t a = UINT64_MAX;
        servq_i128 cneg = 0, cpos = 0, t;

        if (neg > 0)
            a = abs_u64(d->q[neg - 1]);
        if (ip < nb && (uint64_t)d->q[ip] < a)
            a = (uint64_t)d->q[ip];
        while (neg > 0 && abs_u64(d->q[neg - 1]) == a)
            cneg += d->c[--neg];
        while (ip < nb && (uint64_t)d->q[ip] == a)
            cpos += d->c[ip++];
        t = cneg + cpos;
        /* Ranks n+1 .. n+t share the average rank (2n + t + 1) / 2. */
        v2 += cpos * (2 * n + t + 1);
        if (t > 1) {
            has_ties = 1;
            ties += tie_term(t);
        }
        n += t;
    }
    if (n == 0) {
        why = "no nonzero differences: no signed-rank test";
        goto cleanup;
    }
    *v = (double)(ld_from_i128(v2) / 2);
    if (n < EXACT_LIMIT && !has_ties && !zeros) {
        /* Without ties V is an integer; R: psignrank on the nearer tail. */
        int ni = (int)n, vi = (int)(v2 / 2);
        double tail;

        if (2 * v2 > n * (n + 1))
            tail = signrank_tail(ni, vi, 1);
        else
            tail = signrank_tail(ni, vi, 0);
        *p = 2 * tail < 1 ? 2 * tail : 1;
    } else {
        /* z in quarters: 4V - n(n+1), less 4 * 0.5 * sign for continuity. */
        servq_i128 num4 = 2 * v2 - n * (n + 1);
        long double ln = ld_from_i128(n);
        long double var = (2 * ln * (ln + 1) * (2 * ln + 1) - ties) / 48;

        num4 -= 2 * sign_i128(num4);
        if (!(var > 0)) {
            st = SERVQ_ERR_NUMERIC;
            goto cleanup;
        }
        SERVQ_TRY(normal_p(ld_from_i128(num4) / 4 / sqrtl(var), p));
    }

cleanup:
    if (st != SERVQ_OK)
        *v = *p = NAN;
    if (note)
        *note = why;
    return st;
}

/* Compares qa / sa with qb / sb (both scales positive). */
static int cmp_scaled(int64_t qa, int64_t sa, int64_t qb, int64_t sb)
{
    servq_i128 l = (servq_i128)qa * sb, r = (servq_i128)qb * sa;

    return (l > r) - (l < r);
}

enum servq_status servq_mann_whitney(const struct servq_dist *x, const struct servq_dist *y,
                                     double *w, double *p, const char **note)
{
    const char *why = NULL;
    int64_t sx = x->scale, sy = y->scale;
    size_t i = 0, j = 0;
    servq_i128 nx = 0, ny = 0, n = 0, rx2 = 0, w2, groups = 0;
    long double ties = 0;
    int has_ties = 0;
    enum servq_status st = SERVQ_OK;

    *w = *p = NAN;
    if (sx <= 0 || sy <= 0) {
        st = SERVQ_ERR_ARG;
        goto cleanup;
    }
    while (i < x->n_bins || j < y->n_bins) {
        int64_t ref;
        int64_t rs;
        servq_i128 cx = 0, cy = 0, t;

        if (i < x->n_bins && (j >= y->n_bins || cmp_scaled(x->q[i], sx, y->q[j], sy) <= 0)) {
            ref = x->q[i];
            rs = sx;
        } else {
            ref = y->q[j];
            rs = sy;
        }
        while (i < x->n_bins && cmp_scaled(x->q[i], sx, ref, rs) == 0)
            cx += x->c[i++];
        while (j < y->n_bins && cmp_scaled(y->q[j], sy, ref, rs) == 0)
            cy += y->c[j++];
        t = cx + cy;
        /* Ranks n+1 .. n+t share the average rank (2n + t + 1) / 2. */
        rx2 += cx * (2 * n + t + 1);
        if (t > 1) {
            has_ties = 1;
            ties += tie_term(t);
        }
        nx += cx;
        ny += cy;
        n += t;
        groups++;
    }
    if (nx == 0 || ny == 0) {
        why = nx == 0 ? "the first group is empty: no Mann-Whitney test"
                      : "the second group is empty: no Mann-Whitney test";
        goto cleanup;
    }
    w2 = rx2 - nx * (nx + 1);
    *w = (double)(ld_from_i128(w2) / 2);
    if (nx < EXACT_LIMIT && ny < EXACT_LIMIT && !has_ties) {
        /* Without ties W is an integer; R: pwilcox on the nearer tail. */
        double tail;

        SERVQ_TRY(wilcox_tail((int)nx, (int)ny, (long)(w2 / 2), w2 > nx * ny, &tail));
        *p = 2 * tail < 1 ? 2 * tail : 1;
    } else if (groups == 1) {
        /* R divides 0 by a zero SIGMA here and reports p = NaN. */
        why = "all values are tied: no Mann-Whitney p-value";
    } else {
        /* z in halves: 2W - nx ny, less 2 * 0.5 * sign for continuity. */
        servq_i128 num2 = w2 - nx * ny;
        long double lx = ld_from_i128(nx), ly = ld_from_i128(ny), ln = lx + ly;
        long double var = lx * ly / 12 * ((ln + 1) - ties / (ln * (ln - 1)));

        num2 -= sign_i128(num2);
        if (!(var > 0)) {
            st = SERVQ_ERR_NUMERIC;
            goto cleanup;
        }
        SERVQ_TRY(normal_p(ld_from_i128(num2) / 2 / sqrtl(var), p));
    }

cleanup:
    if (st != SERVQ_OK)
        *w = *p = NAN;
    if (note)
        *note = why;
    return st;
}

enum servq_status servq_welch(double nx, double mx, double sx, double ny, double my, double sy,
                              struct servq_welch_result *out)
{
    double sex, sey, se, q, p;

    out->t = out->df = out->p = out->ci_low = out->ci_high = NAN;
    out->diff = mx - my;
    out->note = NULL;
    if (!(nx >= 2) || !(ny >= 2)) {
        out->note = "fewer than 2 values in a group: no Welch test";
        return SERVQ_OK;
    }
    if (!isfinite(mx) || !isfinite(my) || !(sx >= 0) || !(sy >= 0) || !isfinite(sx) ||
        !isfinite(sy)) {
        out->note = "a mean or SD is missing: no Welch test";
        return SERVQ_OK;
    }
    /* The same steps as R's t.test.default, so rounding agrees too. */
    sex = sqrt(sx * sx / nx);
    sey = sqrt(sy * sy / ny);
    se = sqrt(sex * sex + sey * sey);
    if (se == 0 || se < 10 * DBL_EPSILON * fmax(fabs(mx), fabs(my))) {
        out->note = "both groups are constant: no Welch test (data are essentially constant)";
        return SERVQ_OK;
    }
    out->df = pow(se, 4) / (pow(sex, 4) / (nx - 1) + pow(sey, 4) / (ny - 1));
    out->t = (mx - my) / se;
    q = gsl_cdf_tdist_Pinv(0.975, out->df);
    p = 2 * gsl_cdf_tdist_P(-fabs(out->t), out->df);
    if (!isfinite(q) || !(p >= 0)) {
        out->t = out->df = NAN;
        return SERVQ_ERR_NUMERIC;
    }
    out->p = p > 1 ? 1 : p;
    out->ci_low = (out->t - q) * se;
    out->ci_high = (out->t + q) * se;
    return SERVQ_OK;
}

struct p_entry {
    double p;
    size_t i;
};

/* Ascending p, ties in their original order (R's order() is stable). */
static int p_entry_cmp(const void *a, const void *b)
{
    const struct p_entry *x = a, *y = b;

    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

enum servq_status servq_p_adjust(const double *p, size_t n, enum servq_adjust method, double *out)
{
    struct p_entry *e = NULL;
    size_t m = 0, k;
    double acc;
    enum servq_status st = SERVQ_OK;

    if (method != SERVQ_ADJUST_HOLM && method != SERVQ_ADJUST_BH && method != SERVQ_ADJUST_NONE)
        return SERVQ_ERR_ARG;
    if (n == 0)
        return SERVQ_OK;
    e = malloc(n * sizeof *e);
    if (!e)
        return SERVQ_ERR_NOMEM;
    for (k = 0; k < n; k++) {
        if (!isnan(p[k])) {
            e[m].p = p[k];
            e[m].i = k;
            m++;
        }
    }
    if (out != p)
        memcpy(out, p, n * sizeof *out);
    /* R returns p unchanged for a family of one (or none). */
    if (m <= 1 || method == SERVQ_ADJUST_NONE)
        goto cleanup;
    qsort(e, m, sizeof *e, p_entry_cmp);
    if (method == SERVQ_ADJUST_HOLM) {
        /* pmin(1, cummax((n + 1 - i) * p[o])) */
        acc = -INFINITY;
        for (k = 0; k < m; k++) {
            double v = (double)(m - k) * e[k].p;
            if (v > acc)
                acc = v;
            out[e[k].i] = acc < 1 ? acc : 1;
        }
    } else {
        /* pmin(1, cummin(n / i * p[o])) from the largest p down */
        acc = INFINITY;
        for (k = m; k-- > 0;) {
            double v = (double)m / (double)(k + 1) * e[k].p;
            if (v < acc)
                acc = v;
            out[e[k].i] = acc < 1 ? acc : 1;
        }
    }

cleanup:
    free(e);
    return st;
}

double servq_dist_share_at_least(const struct servq_dist *d, int64_t threshold)
{
    servq_i128 t = (servq_i128)threshold * d->scale;
    uint64_t n = 0, k = 0;
    size_t i;

    for (i = 0; i < d->n_bins; i++) {
        n += d->c[i];
        if (d->q[i] >= t)
            k += d->c[i];
    }
    if (n == 0)
        return NAN;
    return (double)((long double)k / (long double)n);
}
