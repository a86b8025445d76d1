/*
 * Unit tests for lib/stats/stats.c: exact moments, the one-sample t summary
 * and medians (the sparse histograms of hist.c are in test-hist.c).
 *
 * Reference values come from R 4.2 (Debian r-base-core); the command that
 * printed each one is in the comment beside it. Tolerances follow
 * docs/statistics.md: 1e-9 relative, p-values 1e-9 absolute.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats-priv.h"
#include "tap.h"

#define REL 1e-9
#define P_ABS 1e-9

static void moments_of(const int64_t *q, size_t n, struct servq_moments *m)
{
    size_t i;

    memset(m, 0, sizeof *m);
    for (i = 0; i < n; i++)
        servq_moments_add(m, q[i]);
}

struct want_t {
    double mean, sd, t, df, p, ci_low, ci_high;
};

static void check_summary(const char *what, const struct servq_moments *m, int64_t scale,
                          const struct want_t *w)
{
    struct servq_summary s;

    is_int(servq_summary_t(m, scale, &s), SERVQ_OK, "%s: summary_t ok", what);
    is_int((long long)s.n, (long long)m->n, "%s: n", what);
    is_close(s.mean, w->mean, REL, "%s: mean", what);
    is_close(s.sd, w->sd, REL, "%s: sd", what);
    is_close(s.t, w->t, REL, "%s: t", what);
    is_close(s.df, w->df, REL, "%s: df", what);
    is_within(s.p, w->p, P_ABS, "%s: p", what);
    is_close(s.ci_low, w->ci_low, REL, "%s: ci low", what);
    is_close(s.ci_high, w->ci_high, REL, "%s: ci high", what);
    ok(s.note == NULL, "%s: no note", what);
}

static void test_summary(void)
{
    /*
     * x = 1..5: mean = 15/5 = 3; sum of squared deviations = 4+1+0+1+4 = 10,
     * so var = 10/4 = 2.5 and sd = sqrt(2.5); se = sqrt(2.5)/sqrt(5) =
     * sqrt(0.5); t = 3/sqrt(0.5) = 3*sqrt(2); df = 4.
     */
    static const int64_t x1[] = {1, 2, 3, 4, 5};
    static const int64_t x12[] = {12, 24, 36, 48, 60};
    const struct want_t w1 = {
        3.0,
        sqrt(2.5),
        3.0 / (sqrt(2.5) / sqrt(5.0)),
        4.0,
        /* Rscript -e 'sprintf("%.17g", t.test(c(1,2,3,4,5))$p.value)' */
        0.013235599563682695,
        /* Rscript -e 'sprintf("%.17g", t.test(c(1,2,3,4,5))$conf.int)' */
        1.0367568385224428,
        4.963243161477557,
    };
    /*
     * q = {1, 5, -3, 7} at scale 12, i.e. x = q/12: mean = 10/4/12 = 5/24;
     * the figures are R's for x.
     */
    static const int64_t xs[] = {1, 5, -3, 7};
    const struct want_t ws = {
        5.0 / 24.0,
        /* Rscript -e 'sprintf("%.17g", sd(c(1,5,-3,7)/12))' */
        0.3695592971013909,
        /* Rscript -e 'sprintf("%.17g", t.test(c(1,5,-3,7)/12)$statistic)' */
        1.1274690420042432,
        3.0,
        /* Rscript -e 'sprintf("%.17g", t.test(c(1,5,-3,7)/12)$p.value)' */
        0.34157599984054038,
        /* Rscript -e 'sprintf("%.17g", t.test(c(1,5,-3,7)/12)$conf.int)' */
        -0.3797179764884494,
        0.79638464315511626,
    };
    struct servq_moments m, a, b;
    struct servq_dist d;
    /*
     * x = c(-2,-1,-1,0,3,-2,-1) as a distribution: -2 x2, -1 x3, 0 x1, 3 x1.
     * mean = -4/7.
     */
    const struct want_t wd = {
        -4.0 / 7.0,
        /* Rscript -e 'sprintf("%.17g", sd(c(-2,-1,-1,0,3,-2,-1)))' */
        1.7182493859684491,
        /* Rscript -e 'sprintf("%.17g", t.test(c(-2,-1,-1,0,3,-2,-1))$statistic)' */
        -0.8798826901281197,
        6.0,
        /* Rscript -e 'sprintf("%.17g", t.test(c(-2,-1,-1,0,3,-2,-1))$p.value)' */
        0.41277302537781474,
        /* Rscript -e 'sprintf("%.17g", t.test(c(-2,-1,-1,0,3,-2,-1))$conf.int)' */
        -2.160544210591576,
        1.017687067734433,
    };
    double mean, sd;

    moments_of(x1, 5, &m);
    is_int((long long)m.n, 5, "moments: n");
    ok(m.s1 == 15 && m.s2 == 55, "moments: sum 15, sum of squares 55");
    check_summary("1..5", &m, 1, &w1);
    moments_of(x12, 5, &m);
    check_summary("1..5 as q/12", &m, 12, &w1);
    moments_of(xs, 4, &m);
    check_summary("{1,5,-3,7}/12", &m, 12, &ws);

    servq_dist_init(&d, 1);
    servq_dist_push(&d, -2, 2);
    servq_dist_push(&d, -1, 3);
    servq_dist_push(&d, 0, 1);
    servq_dist_push(&d, 1, 0); /* a zero count adds no bin */
    servq_dist_push(&d, 3, 1);
    is_int((long long)d.n_bins, 4, "dist_push skips zero counts");
    servq_dist_moments(&d, &m);
    is_int((long long)m.n, 7, "dist_moments: n");
    ok(m.s1 == -4 && m.s2 == 8 + 3 + 0 + 9, "dist_moments: sums -4 and 20");
    check_summary("distribution -2x2 -1x3 0 3", &m, 1, &wd);
    servq_dist_release(&d);

    /* Merging moments is the same as adding every value to one. */
    moments_of(x1, 2, &a);
    moments_of(x1 + 2, 3, &b);
    servq_moments_merge(&a, &b);
    moments_of(x1, 5, &m);
    ok(a.n == m.n && a.s1 == m.s1 && a.s2 == m.s2, "moments_merge of 1,2 and 3,4,5");

    /*
     * Large values with a small spread: x = 1e12+1, 1e12+2, 1e12+3 has
     * mean 1e12+2 and sd exactly 1. Exact sums keep that; a naive
     * sum-of-squares in double would not.
     */
    {
        static const int64_t big[] = {1000000000001, 1000000000002, 1000000000003};
        moments_of(big, 3, &m);
        servq_moments_mean_sd(&m, 1, &mean, &sd);
        is_close(mean, 1000000000002.0, REL, "large values: mean");
        is_close(sd, 1.0, REL, "large values: sd is exactly 1");
    }
    /* Values near 2^40 at scale 2^40: x = {3, 5}, mean 4, sd sqrt(2). */
    {
        const int64_t s40 = (int64_t)1 << 40;
        int64_t v[2];
        v[0] = 3 * s40;
        v[1] = 5 * s40;
        moments_of(v, 2, &m);
        servq_moments_mean_sd(&m, s40, &mean, &sd);
        is_close(mean, 4.0, REL, "scale 2^40: mean");
        is_close(sd, sqrt(2.0), REL, "scale 2^40: sd");
    }
    /*
     * 1e12 zeros and 1e12 ones: n = 2e12, mean 1/2,
     * var = (n*sum(x^2) - sum(x)^2) / (n(n-1)) = (n*n/2 - n*n/4)/(n(n-1))
     *     = n / (4(n-1)).
     */
    {
        const double n = 2e12;
        servq_dist_init(&d, 1);
        servq_dist_push(&d, 0, 1000000000000ULL);
        servq_dist_push(&d, 1, 1000000000000ULL);
        servq_dist_moments(&d, &m);
        servq_moments_mean_sd(&m, 1, &mean, &sd);
        is_close(mean, 0.5, REL, "2e12 respondents: mean");
        is_close(sd, sqrt(n / (4.0 * (n - 1.0))), REL, "2e12 respondents: sd");
        servq_dist_release(&d);
    }
}

static void test_degenerate(void)
{
    static const int64_t one[] = {4};
    static const int64_t same[] = {4, 4, 4};
    static const int64_t same12[] = {-30, -30};
    struct servq_moments m;
    struct servq_summary s;

    /* n = 0: nothing is defined. */
    moments_of(one, 0, &m);
    is_int(servq_summary_t(&m, 1, &s), SERVQ_OK, "n=0: ok");
    is_int((long long)s.n, 0, "n=0: n");
    ok(isnan(s.mean) && isnan(s.sd) && isnan(s.t) && isnan(s.p) && isnan(s.df) &&
           isnan(s.ci_low) && isnan(s.ci_high),
       "n=0: mean, sd, t, p, df and CI are NaN");
    ok(s.note != NULL && s.note[0], "n=0: a note says why");

    /* n = 1: a mean, but no SD (R: sd(4) is NA), CI or test. */
    moments_of(one, 1, &m);
    is_int(servq_summary_t(&m, 1, &s), SERVQ_OK, "n=1: ok");
    is_close(s.mean, 4.0, REL, "n=1: mean");
    ok(isnan(s.sd), "n=1: sd is NaN");
    ok(isnan(s.t) && isnan(s.p) && isnan(s.ci_low) && isnan(s.ci_high),
       "n=1: t, p and CI are NaN");
    ok(s.note != NULL && s.note[0], "n=1: a note says why");

    /*
     * All equal: sd 0; R's t.test stops with "data are essentially
     * constant", so t, p and the CI are NaN with a note; df is n - 1.
     */
    moments_of(same, 3, &m);
    is_int(servq_summary_t(&m, 1, &s), SERVQ_OK, "all equal: ok");
    is_close(s.mean, 4.0, REL, "all equal: mean");
    ok(s.sd == 0.0, "all equal: sd is 0");
    ok(isnan(s.t) && isnan(s.p) && isnan(s.ci_low) && isnan(s.ci_high),
       "all equal: t, p and CI are NaN");
    is_close(s.df, 2.0, REL, "all equal: df");
    ok(s.note != NULL && strstr(s.note, "constant") != NULL, "all equal: note names the cause");

    moments_of(same12, 2, &m);
    is_int(servq_summary_t(&m, 12, &s), SERVQ_OK, "all equal, scaled: ok");
    is_close(s.mean, -2.5, REL, "all equal, scaled: mean -30/12");
    ok(s.sd == 0.0 && isnan(s.t) && s.note != NULL, "all equal, scaled: sd 0, no t, note");
}

static double median_of(const int64_t *q, const uint64_t *c, size_t n, int64_t scale)
{
    struct servq_dist d;
    double r;
    size_t i;

    servq_dist_init(&d, scale);
    for (i = 0; i < n; i++)
        servq_dist_push(&d, q[i], c[i]);
    r = servq_dist_median(&d);
    servq_dist_release(&d);
    return r;
}

static void test_median(void)
{
    static const int64_t q123[] = {1, 2, 3}, q1234[] = {1, 2, 3, 4}, q12[] = {1, 2};
    static const uint64_t c111[] = {1, 1, 1}, c1111[] = {1, 1, 1, 1}, c13[] = {1, 3},
                          c22[] = {2, 2}, c11[] = {1, 1};
    static const int64_t qs[] = {-6, 6}, q13[] = {1, 3};
    static const int64_t qm[] = {-7, -3, 5, 9};
    static const uint64_t cm[] = {2, 1, 3, 1};
    struct servq_dist d;

    /* Rscript -e 'sprintf("%.17g", median(c(3,1,2)))' */
    is_close(median_of(q123, c111, 3, 1), 2, REL, "median of 3,1,2");
    /* Rscript -e 'sprintf("%.17g", median(c(1,2,3,4)))' */
    is_close(median_of(q1234, c1111, 4, 1), 2.5, REL, "median of 1,2,3,4");
    /* Rscript -e 'sprintf("%.17g", median(c(1,2,2,2)))' */
    is_close(median_of(q12, c13, 2, 1), 2, REL, "median of 1,2,2,2");
    /* Rscript -e 'sprintf("%.17g", median(c(1,1,2,2)))' */
    is_close(median_of(q12, c22, 2, 1), 1.5, REL, "median of 1,1,2,2");
    /* Rscript -e 'sprintf("%.17g", median(c(-6,6)/12))' */
    is_close(median_of(qs, c11, 2, 12), 0, REL, "median of -6/12, 6/12");
    /* Rscript -e 'sprintf("%.17g", median(c(1,3)/4))' */
    is_close(median_of(q13, c11, 2, 4), 0.5, REL, "median of 1/4, 3/4");
    /* Rscript -e 'sprintf("%.17g", median(c(-7,-7,-3,5,5,5,9)/12))' */
    is_close(median_of(qm, cm, 4, 12), 0.41666666666666669, REL, "median of 7 twelfths");
    /* Rscript -e 'sprintf("%.17g", median(c(-7,-3,5,9)/12))' */
    is_close(median_of(qm, c1111, 4, 12), 0.083333333333333343, REL, "median of 4 twelfths");

    servq_dist_init(&d, 1);
    ok(isnan(servq_dist_median(&d)), "median of nothing is NaN");
    servq_dist_release(&d);
}

/*
 * Ten million fixed-point values (scale 2^40) of +6 and -6, as the weighted
 * index accumulates them: n*s2 - s1^2 would pass 2^127. By hand: mean 0,
 * sample variance 36 * n / (n - 1), so sd = 6 * sqrt(n / (n - 1)).
 */
static void test_large_moments(void)
{
    const int64_t scale = (int64_t)1 << 40, q = 6 * scale;
    struct servq_moments m;
    double mean, sd, n = 1e7;

    m.n = 10000000;
    m.s1 = 0;
    m.s2 = (servq_i128)q * q * (servq_i128)m.n;
    servq_moments_mean_sd(&m, scale, &mean, &sd);
    is_close(mean, 0, 1e-12, "1e7 rows at scale 2^40: mean 0");
    is_close(sd, 6 * sqrt(n / (n - 1)), 1e-12, "1e7 rows at scale 2^40: sd without overflow");
    /* An offset mean: every value +6, so s1 = n*q and the SD is 0. */
    m.s1 = (servq_i128)q * (servq_i128)m.n;
    servq_moments_mean_sd(&m, scale, &mean, &sd);
    is_close(mean, 6, 1e-12, "1e7 equal rows: mean 6");
    is_close(sd, 0, 1e-12, "1e7 equal rows: sd 0");
}

int main(void)
{
    test_summary();
    test_degenerate();
    test_median();
    test_large_moments();
    return tap_done();
}
