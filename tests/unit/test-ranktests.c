/*
 * Unit tests for lib/stats/ranktests.c: Wilcoxon signed-rank, Mann-Whitney,
 * Welch, p.adjust and top-box shares against R 4.2.
 *
 * The reference values come from tests/reference/ranktests.R; recompute
 * them from the repository root with
 *
 *     Rscript tests/reference/ranktests.R
 *
 * which prints "case figure value" lines (%.17g). Each case below repeats
 * the R call. A distribution (q, c, scale) is rep(q, c) / scale in R.
 */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats/ranktests-priv.h"
#include "stats/stats-priv.h"
#include "tap.h"

#define REL 1e-9
#define MAX_BINS 64

/* Fills d (cleared first) from values and counts in any order. */
static void dist_fill(struct servq_dist *d, int64_t scale, const int64_t *q, const uint64_t *c,
                      size_t nb)
{
    int64_t sq[MAX_BINS];
    uint64_t sc[MAX_BINS];
    size_t i, j;

    servq_dist_clear(d);
    d->scale = scale;
    if (nb > MAX_BINS) {
        ok(0, "at most %d bins in a test case", MAX_BINS);
        return;
    }
    for (i = 0; i < nb; i++) {
        for (j = i; j > 0 && sq[j - 1] > q[i]; j--) {
            sq[j] = sq[j - 1];
            sc[j] = sc[j - 1];
        }
        sq[j] = q[i];
        sc[j] = c[i];
    }
    for (i = 0; i < nb; i++) {
        if (servq_dist_push(d, sq[i], sc[i]) != SERVQ_OK) {
            ok(0, "servq_dist_push");
            return;
        }
    }
}

/*
 * Like dist_fill with sorted input, but each bin of count c is pushed as
 * c bins of 1, or, with halves, as two bins (1 and c - 1).
 */
static void dist_fill_split(struct servq_dist *d, int64_t scale, const int64_t *q,
                            const uint64_t *c, size_t nb, int halves)
{
    size_t i;
    uint64_t k;
    enum servq_status st = SERVQ_OK;

    servq_dist_clear(d);
    d->scale = scale;
    for (i = 0; i < nb && st == SERVQ_OK; i++) {
        if (halves) {
            st = servq_dist_push(d, q[i], 1);
            if (st == SERVQ_OK && c[i] > 1)
                st = servq_dist_push(d, q[i], c[i] - 1);
        } else {
            for (k = 0; k < c[i] && st == SERVQ_OK; k++)
                st = servq_dist_push(d, q[i], 1);
        }
    }
    if (st != SERVQ_OK)
        ok(0, "servq_dist_push");
}

/* ---- Wilcoxon signed rank ---------------------------------------------- */

struct sr_case {
    const char *name;
    int64_t scale;
    size_t nb;
    int64_t q[MAX_BINS];
    uint64_t c[MAX_BINS];
    double v, p;
};

/*
 * R: d <- rep(q, c) / scale; wilcox.test(d, numeric(length(d)), paired = TRUE)
 * (signed() in ranktests.R). E is zero so that P - E is exactly d.
 */
/* clang-format off */
static const struct sr_case sr_cases[] = {
    /* d <- c(-9, -4, -2, 1, 3, 5, 6, 7, 8, 10): no ties, n = 10, exact */
    {"sr_n10", 1, 10, {-9, -4, -2, 1, 3, 5, 6, 7, 8, 10}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
     40, 0.232421875},
    /* d <- -3:3 with c(6, 14, 27, 38, 52, 41, 22): n = 200, 38 zeros, ties */
    {"sr_likert", 1, 7, {-3, -2, -1, 0, 1, 2, 3}, {6, 14, 27, 38, 52, 41, 22},
     9734, 9.0536692090006826e-08},
    /* d <- rep(c(-2, -1, 1, 2, 3), c(2, 3, 5, 4, 1)): ties, n < 50: normal */
    {"sr_ties_small", 1, 5, {-2, -1, 1, 2, 3}, {2, 3, 5, 4, 1}, 83.5, 0.18062662361907289},
    /* d <- c(-5, -1, 0, 0, 2, 3, 4, 6): no ties but zeros: normal */
    {"sr_zeros", 1, 7, {-5, -1, 0, 2, 3, 4, 6}, {1, 1, 2, 1, 1, 1, 1}, 15,
     0.40167816646977295},
    /* d <- -3 */
    {"sr_n1_neg", 1, 1, {-3}, {1}, 0, 1},
    /* d <- 2 */
    {"sr_n1_pos", 1, 1, {2}, {1}, 1, 1},
    /* d <- c(-1, 4) */
    {"sr_n2", 1, 2, {-1, 4}, {1, 1}, 2, 1},
    /* d <- rep(1, 12): one tie group; R warns "cannot compute exact p-value with ties" */
    {"sr_allplus", 1, 1, {1}, {12}, 78, 0.00062692521632841803},
    /* d <- rep(c(-17, -5, 0, 3, 5, 8, 12, 29, 40), c(1, 2, 3, 1, 3, 1, 1, 2, 1)) / 12 */
    {"sr_scaled12", 12, 9, {-17, -5, 0, 3, 5, 8, 12, 29, 40}, {1, 2, 3, 1, 3, 1, 1, 2, 1},
     61, 0.089057857268828464},
    /* d <- c(-31, -17, -5, -1, 2, 3, 7, 8, 11, 13, 19, 23, 29, 37, 41) / 12: exact */
    {"sr_scaled12_exact", 12, 15, {-31, -17, -5, -1, 2, 3, 7, 8, 11, 13, 19, 23, 29, 37, 41},
     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 93, 0.063720703125000014},
    /* d <- rep(-3:3, c(212345, 634567, 845678, 1000001, 845100, 634900, 212399)) */
    {"sr_big", 1, 7, {-3, -2, -1, 0, 1, 2, 3},
     {212345, 634567, 845678, 1000001, 845100, 634900, 212399}, 2864767019632.5,
     0.89651051090255696},
};
/* clang-format on */

static void check_sr(const struct servq_dist *d, const char *name, double want_v, double want_p)
{
    double v = -1, p = -1;
    const char *note = "unset";
    enum servq_status st = servq_wilcoxon_signed(d, &v, &p, &note);

    is_int(st, SERVQ_OK, "%s: status", name);
    /* V is an integer or a half-integer: it must be exact. */
    if (!ok(v == want_v, "%s: V", name))
        printf("#   got %.17g, want %.17g\n", v, want_v);
    is_close(p, want_p, REL, "%s: p", name);
    is_str(note, NULL, "%s: no note", name);
}

/* k * s(k) for k = 1..n, negative where k is a multiple of 3 or 7 (R's sgn49). */
static void fill_signed_run(struct servq_dist *d, int n, const int *neg, size_t n_neg)
{
    int64_t q[MAX_BINS];
    uint64_t c[MAX_BINS];
    int k;
    size_t i;

    for (k = 1; k <= n; k++) {
        int minus = 0;
        if (neg) {
            for (i = 0; i < n_neg; i++)
                minus |= neg[i] == k;
        } else {
            minus = k % 3 == 0 || k % 7 == 0;
        }
        q[k - 1] = minus ? -k : k;
        c[k - 1] = 1;
    }
    dist_fill(d, 1, q, c, (size_t)n);
}

static void test_signed(void)
{
    struct servq_dist d;
    size_t i;
    static const int lowp_neg[] = {2, 11};
    double v, p;
    const char *note;

    servq_dist_init(&d, 1);
    for (i = 0; i < sizeof sr_cases / sizeof sr_cases[0]; i++) {
        const struct sr_case *k = &sr_cases[i];
        dist_fill(&d, k->scale, k->q, k->c, k->nb);
        check_sr(&d, k->name, k->v, k->p);
    }

    /* d <- (1:49) * sgn49(1:49): n = 49, no ties: exact */
    fill_signed_run(&d, 49, NULL, 0);
    check_sr(&d, "sr_n49", 684, 0.48339570952497729);
    /* d <- (1:49) * ifelse(1:49 %in% c(2, 11), -1, 1): exact, tiny p */
    fill_signed_run(&d, 49, lowp_neg, 2);
    check_sr(&d, "sr_n49_lowp", 1212, 3.1263880373444438e-13);
    /* d <- (1:50) * sgn49(1:50): n = 50, no ties: normal */
    fill_signed_run(&d, 50, NULL, 0);
    check_sr(&d, "sr_n50", 734, 0.35407465575527786);

    /* d <- rep(0, 7): R gives V = 0, p = NaN; servq NaN and a note */
    servq_dist_clear(&d);
    servq_dist_push(&d, 0, 7);
    note = NULL;
    is_int(servq_wilcoxon_signed(&d, &v, &p, &note), SERVQ_OK, "sr_allzero: status");
    ok(isnan(v) && isnan(p), "sr_allzero: V and p are NaN");
    ok(note != NULL, "sr_allzero: note");

    servq_dist_clear(&d);
    note = NULL;
    is_int(servq_wilcoxon_signed(&d, &v, &p, &note), SERVQ_OK, "sr_empty: status");
    ok(isnan(v) && isnan(p) && note != NULL, "sr_empty: NaN and a note");

    /* note may be NULL */
    fill_signed_run(&d, 10, NULL, 0);
    is_int(servq_wilcoxon_signed(&d, &v, &p, NULL), SERVQ_OK, "sr: NULL note pointer");

    /* INT64_MIN and INT64_MAX as |q| do not overflow */
    servq_dist_clear(&d);
    servq_dist_push(&d, INT64_MIN, 1);
    servq_dist_push(&d, INT64_MAX, 1);
    /* d <- c(-2, 1): V = 1, exact p = 1 */
    check_sr(&d, "sr_extreme_q", 1, 1);
    servq_dist_release(&d);
}

/* ---- Mann-Whitney ------------------------------------------------------- */

struct mw_case {
    const char *name;
    int64_t sx, sy;
    size_t nbx, nby;
    int64_t qx[MAX_BINS];
    uint64_t cx[MAX_BINS];
    int64_t qy[MAX_BINS];
    uint64_t cy[MAX_BINS];
    double w, p;
};

/* R: x <- rep(qx, cx) / sx; y <- rep(qy, cy) / sy; wilcox.test(x, y) (ranksum()) */
/* clang-format off */
static const struct mw_case mw_cases[] = {
    /* x <- c(1, 4, 6, 9, 12); y <- c(2, 3, 5, 7, 8, 10, 11, 13): exact */
    {"mw_small", 1, 1, 5, 8, {1, 4, 6, 9, 12}, {1, 1, 1, 1, 1},
     {2, 3, 5, 7, 8, 10, 11, 13}, {1, 1, 1, 1, 1, 1, 1, 1}, 17, 0.72416472416472411},
    /* x <- rep(1:7, c(3, 5, 9, 14, 20, 17, 8)); y <- rep(1:7, c(6, 9, 14, 18, 15, 9, 4)) */
    {"mw_ties", 1, 1, 7, 7, {1, 2, 3, 4, 5, 6, 7}, {3, 5, 9, 14, 20, 17, 8},
     {1, 2, 3, 4, 5, 6, 7}, {6, 9, 14, 18, 15, 9, 4}, 3596, 0.0048014301013763732},
    /* x <- rep(c(2, 3, 5), c(2, 3, 1)); y <- rep(1:4, c(1, 2, 1, 1)): ties, small */
    {"mw_ties_small", 1, 1, 3, 4, {2, 3, 5}, {2, 3, 1}, {1, 2, 3, 4}, {1, 2, 1, 1}, 19.5,
     0.44371100051875428},
    /* x <- 5; y <- c(1, 2, 3, 4, 6, 7, 8, 9, 10, 11): nx = 1, exact */
    {"mw_one", 1, 1, 1, 10, {5}, {1}, {1, 2, 3, 4, 6, 7, 8, 9, 10, 11},
     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 4, 0.90909090909090917},
    /* x <- 4; y <- rep(1:7, c(3, 5, 9, 14, 20, 17, 8)): nx = 1 with ties */
    {"mw_one_ties", 1, 1, 1, 7, {4}, {1}, {1, 2, 3, 4, 5, 6, 7}, {3, 5, 9, 14, 20, 17, 8},
     24, 0.53561576528839927},
    /* x <- rep(c(3, 5, 8, 9), c(1, 2, 1, 1)) / 2; y <- rep(c(1, 2, 4, 5), c(2, 1, 3, 1)) */
    {"mw_scales", 2, 1, 4, 4, {3, 5, 8, 9}, {1, 2, 1, 1}, {1, 2, 4, 5}, {2, 1, 3, 1}, 18.5,
     0.93388426867128382},
    /*
     * x <- rep(1:7, c(31234, 52345, 94567, 143210, 201234, 171234, 80123))
     * y <- rep(1:7, c(31334, 52045, 94867, 143910, 200234, 171134, 80323))
     */
    {"mw_big", 1, 1, 7, 7, {1, 2, 3, 4, 5, 6, 7},
     {31234, 52345, 94567, 143210, 201234, 171234, 80123}, {1, 2, 3, 4, 5, 6, 7},
     {31334, 52045, 94867, 143910, 200234, 171134, 80323}, 299557177104.5,
     0.71677596020097423},
};
/* clang-format on */

static void check_mw(const struct servq_dist *x, const struct servq_dist *y, const char *name,
                     double want_w, double want_p)
{
    double w = -1, p = -1;
    const char *note = "unset";
    enum servq_status st = servq_mann_whitney(x, y, &w, &p, &note);

    is_int(st, SERVQ_OK, "%s: status", name);
    if (!ok(w == want_w, "%s: W", name))
        printf("#   got %.17g, want %.17g\n", w, want_w);
    is_close(p, want_p, REL, "%s: p", name);
    is_str(note, NULL, "%s: no note", name);
}

/* v0 + step * k for k = 1..n, each once. */
static void fill_run(struct servq_dist *d, int n, int64_t step, int64_t v0)
{
    int64_t q[MAX_BINS];
    uint64_t c[MAX_BINS];
    int k;

    for (k = 1; k <= n; k++) {
        q[k - 1] = v0 + step * k;
        c[k - 1] = 1;
    }
    dist_fill(d, 1, q, c, (size_t)n);
}

static void test_mann_whitney(void)
{
    struct servq_dist x, y;
    size_t i;
    double w, p;
    const char *note;

    servq_dist_init(&x, 1);
    servq_dist_init(&y, 1);
    for (i = 0; i < sizeof mw_cases / sizeof mw_cases[0]; i++) {
        const struct mw_case *k = &mw_cases[i];
        dist_fill(&x, k->sx, k->qx, k->cx, k->nbx);
        dist_fill(&y, k->sy, k->qy, k->cy, k->nby);
        check_mw(&x, &y, k->name, k->w, k->p);
    }

    /* x <- 2 * (1:49) + 8; y <- 2 * (1:49) + 1: nx = ny = 49, exact */
    fill_run(&x, 49, 2, 8);
    fill_run(&y, 49, 2, 1);
    check_mw(&x, &y, "mw_49", 1366, 0.24224097561872204);
    /* the same test the other way round: W' = nx ny - W, same p */
    check_mw(&y, &x, "mw_49 swapped", 49 * 49 - 1366, 0.24224097561872204);

    /* x <- c(7, 21, 41); y <- 2 * (1:45): unequal sizes, exact */
    {
        static const int64_t q3[] = {7, 21, 41};
        static const uint64_t c3[] = {1, 1, 1};
        dist_fill(&x, 1, q3, c3, 3);
        fill_run(&y, 45, 2, 0);
        check_mw(&x, &y, "mw_unequal_exact", 33, 0.15575855689176688);
    }
    /* x <- c(7, 21, 41, 99); y <- 2 * (1:60): no ties but ny >= 50: normal */
    {
        static const int64_t q4[] = {7, 21, 41, 99};
        static const uint64_t c4[] = {1, 1, 1, 1};
        dist_fill(&x, 1, q4, c4, 4);
        fill_run(&y, 60, 2, 0);
        check_mw(&x, &y, "mw_unequal_normal", 82, 0.29831069355671969);
    }

    /* x <- rep(3, 4); y <- rep(3, 6): R gives W = 12 and p = NaN */
    servq_dist_clear(&x);
    servq_dist_clear(&y);
    servq_dist_push(&x, 3, 4);
    servq_dist_push(&y, 3, 6);
    note = NULL;
    is_int(servq_mann_whitney(&x, &y, &w, &p, &note), SERVQ_OK, "mw_alltied: status");
    ok(w == 12, "mw_alltied: W = nx ny / 2");
    ok(isnan(p) && note != NULL, "mw_alltied: p NaN and a note");

    /* an empty group: R stops; servq gives NaN and a note */
    servq_dist_clear(&y);
    note = NULL;
    is_int(servq_mann_whitney(&x, &y, &w, &p, &note), SERVQ_OK, "mw_empty: status");
    ok(isnan(w) && isnan(p) && note != NULL, "mw_empty: NaN and a note");

    y.scale = 0;
    servq_dist_push(&y, 1, 1);
    is_int(servq_mann_whitney(&x, &y, &w, &p, NULL), SERVQ_ERR_ARG, "mw: scale 0 refused");

    servq_dist_release(&x);
    servq_dist_release(&y);
}

/* ---- Welch -------------------------------------------------------------- */

struct we_case {
    const char *name;
    double nx, mx, sx, ny, my, sy;
    double t, df, p, ci_low, ci_high;
};

/*
 * R: r <- t.test(x, y); n, mean and sd of x and y, then r$statistic,
 * r$parameter, r$p.value, r$conf.int (welch() in ranktests.R).
 */
/* clang-format off */
static const struct we_case we_cases[] = {
    /* x <- c(5.1, 4.8, 6.2, 5.9, 5.5, 4.9); y <- c(4.2, 4.9, 5.1, 3.8, 4.4, 4.0, 4.7, 5.0) */
    {"we_basic", 6, 5.4000000000000004, 0.56568542494923812, 8, 4.5125000000000002,
     0.48532021829480204, 3.084735889118869, 9.8910579599723167, 0.011691666326793438,
     0.24549058151775482, 1.5295094184822455},
    /* x <- c(1, 2, 3, 4, 5); y <- c(3, 4, 5, 6, 7): equal SDs */
    {"we_equal_sd", 5, 3, 1.5811388300841898, 5, 5, 1.5811388300841898, -2,
     7.9999999999999982, 0.080516237957262607, -4.3060041352041658, 0.30600413520416536},
    /* x <- c(2, 7, 4); y <- rep(c(3, 4, 5, 6), c(120, 200, 150, 30)): 3 against 500 */
    {"we_unequal_n", 3, 4.333333333333333, 2.5166114784235831, 500, 4.1799999999999997,
     0.8655045906249057, 0.1054938112186839, 2.0028396911278641, 0.9255991987052179,
     -6.0920046738795701, 6.3986713405462377},
    /* x <- c(5, 5, 5, 5); y <- c(1, 2, 3, 4, 5, 6): one SD is 0, df = ny - 1 */
    {"we_one_sd0", 4, 5, 0, 6, 3.5, 1.8708286933869707, 1.9639610121239313, 5,
     0.10674552235509223, -0.46331430698032333, 3.4633143069803234},
    /*
     * x <- rep(1:7, c(30, 52, 94, 143, 201, 171, 80))
     * y <- rep(1:7, c(61, 92, 141, 181, 150, 91, 40))
     */
    {"we_large", 771, 4.6420233463035023, 1.553880121895018, 756, 3.925925925925926,
     1.5979506129393302, 8.8757631568356903, 1521.5509773640094, 1.9087167872296048e-18,
     0.55784145077605585, 0.87435338997909673},
    /*
     * x <- rep(1:7, c(30, 52, 94, 143, 201, 171, 80))
     * y <- rep(1:7, c(35, 60, 99, 150, 190, 160, 75))
     */
    {"we_large_close", 771, 4.6420233463035023, 1.553880121895018, 769, 4.5344603381014306,
     1.5890809061701587, 1.3429207524772975, 1537.0397057761159, 0.17949590391747225,
     -0.049546607816194702, 0.26467262422033822},
};
/* clang-format on */

static void test_welch(void)
{
    struct servq_welch_result r;
    size_t i;

    for (i = 0; i < sizeof we_cases / sizeof we_cases[0]; i++) {
        const struct we_case *k = &we_cases[i];
        is_int(servq_welch(k->nx, k->mx, k->sx, k->ny, k->my, k->sy, &r), SERVQ_OK, "%s: status",
               k->name);
        is_close(r.t, k->t, REL, "%s: t", k->name);
        is_close(r.df, k->df, REL, "%s: df", k->name);
        is_close(r.p, k->p, REL, "%s: p", k->name);
        is_close(r.ci_low, k->ci_low, REL, "%s: CI low", k->name);
        is_close(r.ci_high, k->ci_high, REL, "%s: CI high", k->name);
        is_close(r.diff, k->mx - k->my, REL, "%s: diff", k->name);
        is_str(r.note, NULL, "%s: no note", k->name);
    }

    /* t.test(c(5, 5, 5), c(3, 3, 3, 3)): "data are essentially constant" */
    is_int(servq_welch(3, 5, 0, 4, 3, 0, &r), SERVQ_OK, "we_both_sd0: status");
    ok(isnan(r.t) && isnan(r.df) && isnan(r.p) && isnan(r.ci_low) && isnan(r.ci_high),
       "we_both_sd0: t, df, p, CI NaN");
    is_close(r.diff, 2, REL, "we_both_sd0: diff");
    ok(r.note != NULL, "we_both_sd0: note");

    /* t.test(1, c(2, 3)): "not enough 'x' observations" */
    is_int(servq_welch(1, 1, NAN, 2, 2.5, 0.70710678118654757, &r), SERVQ_OK, "we_n1: status");
    ok(isnan(r.t) && isnan(r.p) && r.note != NULL, "we_n1: NaN and a note");
}

/* ---- p.adjust ----------------------------------------------------------- */

static void check_adjust(const char *name, const double *p, size_t n, enum servq_adjust method,
                         const double *want)
{
    double out[16], inplace[16];
    size_t i;

    is_int(servq_p_adjust(p, n, method, out), SERVQ_OK, "%s: status", name);
    for (i = 0; i < n; i++)
        is_close(out[i], want[i], REL, "%s[%zu]", name, i + 1);
    for (i = 0; i < n; i++)
        inplace[i] = p[i];
    is_int(servq_p_adjust(inplace, n, method, inplace), SERVQ_OK, "%s in place: status", name);
    for (i = 0; i < n && (inplace[i] == out[i] || (isnan(inplace[i]) && isnan(out[i]))); i++)
        ;
    ok(i == n, "%s: in place gives the same", name);
}

static void test_p_adjust(void)
{
    /* clang-format off */
    /* p <- c(0.01, NA, 0.04, 0.03, 0.04) */
    static const double short_p[] = {0.01, NAN, 0.04, 0.03, 0.04};
    /* p.adjust(p, "holm") */
    static const double short_holm[] = {0.040000000000000001, NAN, 0.089999999999999997,
                                        0.089999999999999997, 0.089999999999999997};
    /* p.adjust(p, "BH") */
    static const double short_bh[] = {0.040000000000000001, NAN, 0.040000000000000001,
                                      0.040000000000000001, 0.040000000000000001};
    /* p <- c(0.2, 0.5, NaN, 0.001, 0.2, 0.9, 0.04, NaN, 0.04, 0.3, 0.012, 0.049) */
    static const double long_p[] = {0.2, 0.5, NAN, 0.001, 0.2, 0.9,
                                    0.04, NAN, 0.04, 0.3, 0.012, 0.049};
    /* p.adjust(p, "holm") */
    static const double long_holm[] = {1, 1, NAN, 0.01, 1, 1, 0.32000000000000001, NAN,
                                       0.32000000000000001, 1, 0.108, 0.32000000000000001};
    /* p.adjust(p, "BH") */
    static const double long_bh[] = {0.28571428571428575, 0.55555555555555558, NAN, 0.01,
                                     0.28571428571428575, 0.90000000000000002,
                                     0.098000000000000004, NAN, 0.098000000000000004,
                                     0.375, 0.059999999999999998, 0.098000000000000004};
    /* p.adjust(c(NA, 0.03, NA), m) is unchanged for a family of one */
    static const double one_p[] = {NAN, 0.03, NAN};
    static const double all_nan[] = {NAN, NAN};
    /* clang-format on */
    double out[4];

    check_adjust("pa_short holm", short_p, 5, SERVQ_ADJUST_HOLM, short_holm);
    check_adjust("pa_short BH", short_p, 5, SERVQ_ADJUST_BH, short_bh);
    check_adjust("pa_long holm", long_p, 12, SERVQ_ADJUST_HOLM, long_holm);
    check_adjust("pa_long BH", long_p, 12, SERVQ_ADJUST_BH, long_bh);
    check_adjust("pa_long none", long_p, 12, SERVQ_ADJUST_NONE, long_p);
    check_adjust("pa_one holm", one_p, 3, SERVQ_ADJUST_HOLM, one_p);
    check_adjust("pa_one BH", one_p, 3, SERVQ_ADJUST_BH, one_p);
    check_adjust("pa_all_nan holm", all_nan, 2, SERVQ_ADJUST_HOLM, all_nan);
    is_int(servq_p_adjust(NULL, 0, SERVQ_ADJUST_HOLM, NULL), SERVQ_OK, "pa: empty family");
    is_int(servq_p_adjust(short_p, 4, (enum servq_adjust)7, out), SERVQ_ERR_ARG,
           "pa: unknown method refused");
}

/* ---- top-box shares ----------------------------------------------------- */

static void test_share(void)
{
    static const int64_t q[] = {1, 2, 3, 4, 5, 6, 7};
    static const uint64_t c[] = {3, 5, 9, 14, 20, 17, 8};
    static const int64_t q2[] = {3, 5, 8, 9};
    static const uint64_t c2[] = {1, 2, 1, 1};
    struct servq_dist d;

    servq_dist_init(&d, 1);
    dist_fill(&d, 1, q, c, 7);
    /* 76 answers: 8 at 7, 17 at 6 */
    is_close(servq_dist_share_at_least(&d, 7), 8.0 / 76, REL, "top box 8/76");
    is_close(servq_dist_share_at_least(&d, 6), 25.0 / 76, REL, "top-two box 25/76");
    is_close(servq_dist_share_at_least(&d, 8), 0, REL, "above the maximum: 0");
    is_close(servq_dist_share_at_least(&d, 1), 1, REL, "at the minimum: 1");
    is_close(servq_dist_share_at_least(&d, -5), 1, REL, "below the minimum: 1");
    /* values 1.5 2.5 2.5 4 4.5 */
    dist_fill(&d, 2, q2, c2, 4);
    is_close(servq_dist_share_at_least(&d, 4), 2.0 / 5, REL, "scale 2: 2 of 5 at >= 4");
    is_close(servq_dist_share_at_least(&d, 2), 4.0 / 5, REL, "scale 2: 4 of 5 at >= 2");
    servq_dist_clear(&d);
    ok(isnan(servq_dist_share_at_least(&d, 7)), "empty: NaN");
    servq_dist_release(&d);
}

/* ---- the same data pushed as counts, as unit bins, as split bins -------- */

static void test_split_bins(void)
{
    static const size_t pick_sr[] = {1, 2, 8}; /* sr_likert, sr_ties_small, sr_scaled12 */
    static const size_t pick_mw[] = {1, 2, 5}; /* mw_ties, mw_ties_small, mw_scales */
    struct servq_dist a, b, ya, yb;
    size_t i;
    int halves;

    servq_dist_init(&a, 1);
    servq_dist_init(&b, 1);
    servq_dist_init(&ya, 1);
    servq_dist_init(&yb, 1);
    for (i = 0; i < sizeof pick_sr / sizeof pick_sr[0]; i++) {
        const struct sr_case *k = &sr_cases[pick_sr[i]];
        for (halves = 0; halves <= 1; halves++) {
            double v1, p1, v2, p2;
            dist_fill(&a, k->scale, k->q, k->c, k->nb);
            dist_fill_split(&b, k->scale, k->q, k->c, k->nb, halves);
            servq_wilcoxon_signed(&a, &v1, &p1, NULL);
            servq_wilcoxon_signed(&b, &v2, &p2, NULL);
            ok(b.n_bins > a.n_bins && v1 == v2 && p1 == p2, "%s: %s bins give the same V and p",
               k->name, halves ? "split" : "unit");
        }
    }
    for (i = 0; i < sizeof pick_mw / sizeof pick_mw[0]; i++) {
        const struct mw_case *k = &mw_cases[pick_mw[i]];
        for (halves = 0; halves <= 1; halves++) {
            double w1, p1, w2, p2;
            dist_fill(&a, k->sx, k->qx, k->cx, k->nbx);
            dist_fill(&ya, k->sy, k->qy, k->cy, k->nby);
            dist_fill_split(&b, k->sx, k->qx, k->cx, k->nbx, halves);
            dist_fill_split(&yb, k->sy, k->qy, k->cy, k->nby, halves);
            servq_mann_whitney(&a, &ya, &w1, &p1, NULL);
            servq_mann_whitney(&b, &yb, &w2, &p2, NULL);
            ok(w1 == w2 && p1 == p2, "%s: %s bins give the same W and p", k->name,
               halves ? "split" : "unit");
        }
    }
    servq_dist_release(&a);
    servq_dist_release(&b);
    servq_dist_release(&ya);
    servq_dist_release(&yb);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_signed();
    test_mann_whitney();
    test_welch();
    test_p_adjust();
    test_share();
    test_split_bins();
    return tap_done();
}
