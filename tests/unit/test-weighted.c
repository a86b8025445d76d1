/*
 * Unit tests for lib/stats/weighted.c: Neumaier's compensated sums, and
 * the weighted moments behind the linearization standard error, added
 * point by point and merged from shards. Each expected value is worked
 * out by hand in the comment above it.
 */
#include <math.h>
#include <string.h>

#include "stats/weighted-priv.h"
#include "tap.h"

#define REL 1e-12

static double ksum_of(const double *v, size_t n)
{
    struct servq_ksum s = {0, 0};
    size_t i;

    for (i = 0; i < n; i++)
        servq_ksum_add(&s, v[i]);
    return servq_ksum_value(&s);
}

static void test_ksum(void)
{
    /* 1 + 1e100 + 1 - 1e100 is 2; a plain double sum loses both ones and gives 0. */
    static const double big[] = {1.0, 1e100, 1.0, -1e100};
    /* Ten times 0.1: the exact sum of ten doubles 0.1 rounds to 1; a plain sum is 1 - 2^-53. */
    static const double tenth[] = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    struct servq_ksum a = {0, 0}, b = {0, 0};
    double plain = 0;
    size_t i;

    ok(ksum_of(big, 4) == 2.0, "1 + 1e100 + 1 - 1e100 = 2 (got %.17g)", ksum_of(big, 4));
    for (i = 0; i < 10; i++)
        plain += tenth[i];
    ok(plain != 1.0 && ksum_of(tenth, 10) == 1.0, "ten times 0.1 is 1 (a plain sum gives %.17g)",
       plain);
    /* Merged shards: {1, 1e100} and {1, -1e100} keep both ones: 2. */
    servq_ksum_add(&a, 1.0);
    servq_ksum_add(&a, 1e100);
    servq_ksum_add(&b, 1.0);
    servq_ksum_add(&b, -1e100);
    servq_ksum_merge(&a, &b);
    ok(servq_ksum_value(&a) == 2.0, "merging shards keeps each one's lost bits (got %.17g)",
       servq_ksum_value(&a));
    ok(ksum_of(big, 0) == 0.0, "an empty sum is 0");
}

struct point {
    double w, x, a, b;
};

static void add_all(struct servq_wmoments *m, const struct point *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        servq_wmoments_add(m, p[i].w, p[i].x, p[i].a, p[i].b);
}

/*
 * Two points, (w 1, x 1) and (w 3, x 5), with components a (E) and b (P),
 * x = b - a: (a 4, b 5) and (a 1, b 6). By hand:
 *   W = 4, W2 = 1 + 9 = 10, sum w x = 1 + 15 = 16, mean m = 4
 *   m2 = sum w^2 x / W2 = (1 + 45) / 10 = 4.6, d = m2 - m = 0.6
 *   q = 1 (1 - 4.6)^2 + 9 (5 - 4.6)^2 = 12.96 + 1.44 = 14.4
 *   S = sum w^2 (x - m)^2 = 9 + 9 = 18 = q + W2 d^2 = 14.4 + 3.6
 *   SE = sqrt(S n / (n - 1)) / W = sqrt(36) / 4 = 1.5
 *   sum w a = 4 + 3 = 7, sum w b = 5 + 18 = 23
 */
static const struct point two[] = {{1, 1, 4, 5}, {3, 5, 1, 6}};

static void check_two(const struct servq_wmoments *m, const char *how)
{
    ok(m->n == 2 && servq_ksum_value(&m->w) == 4 && servq_ksum_value(&m->w2) == 10 &&
           servq_ksum_value(&m->wx) == 16 && servq_ksum_value(&m->wa) == 7 &&
           servq_ksum_value(&m->wb) == 23 && m->lo == 1 && m->hi == 5,
       "%s: n 2, sums of w 4, w^2 10, w x 16, w a 7, w b 23; x from 1 to 5", how);
    is_close(m->m2, 4.6, REL, "%s: m2 = 4.6", how);
    is_close(m->d, 0.6, REL, "%s: d = 0.6", how);
    is_close(m->q, 14.4, REL, "%s: q = 14.4", how);
    is_close(servq_wmoments_se(m), 1.5, REL, "%s: SE = 1.5", how);
}

static void test_two_points(void)
{
    struct servq_wmoments all, a, b, c;

    memset(&all, 0, sizeof all);
    add_all(&all, two, 2);
    check_two(&all, "added");

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    add_all(&a, &two[0], 1);
    add_all(&b, &two[1], 1);
    servq_wmoments_merge(&a, &b);
    check_two(&a, "merged, first into second");

    memset(&a, 0, sizeof a);
    memset(&c, 0, sizeof c);
    add_all(&a, &two[0], 1);
    add_all(&c, &two[1], 1);
    servq_wmoments_merge(&c, &a);
    check_two(&c, "merged, second into first");

    /* Merging into nothing copies; merging nothing changes nothing. */
    memset(&c, 0, sizeof c);
    servq_wmoments_merge(&c, &all);
    memset(&b, 0, sizeof b);
    servq_wmoments_merge(&c, &b);
    check_two(&c, "merged into an empty one, then an empty one merged in");
}

/*
 * Three points (1, 2), (2, 4), (1, 6): W = 4, sum w x = 2 + 8 + 6 = 16,
 * m = 4; W2 = 6, m2 = (2 + 16 + 6) / 6 = 4 so d = 0;
 * S = q = 1 * 4 + 4 * 0 + 1 * 4 = 8; SE = sqrt(8 * 3 / 2) / 4 = sqrt(12) / 4.
 */
static void test_three_points(void)
{
    static const struct point three[] = {{1, 2, 0, 0}, {2, 4, 0, 0}, {1, 6, 0, 0}};
    struct servq_wmoments all, a, b;

    memset(&all, 0, sizeof all);
    add_all(&all, three, 3);
    is_close(servq_wmoments_se(&all), sqrt(12.0) / 4, REL, "three points: SE = sqrt(12) / 4");
    ok(fabs(all.d) < 1e-15 && tap_close(all.q, 8, REL, 0), "three points: d = 0, q = 8");
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    add_all(&a, three, 2);
    add_all(&b, &three[2], 1);
    servq_wmoments_merge(&a, &b);
    is_close(servq_wmoments_se(&a), sqrt(12.0) / 4, REL, "two shards of 2 and 1: the same SE");
}

/*
 * One weight dominates: (A, c) and (1, c + 1). m = c + 1/(A + 1), so
 * x - m is -1/(A + 1) and A/(A + 1); S = A^2/(A + 1)^2 + A^2/(A + 1)^2 and
 * SE = sqrt(2 S) / (A + 1) = 2A / (A + 1)^2, whatever c is. Expanding S
 * into sums of w^2 x^2 would cancel almost every digit at c = 1000.
 */
static void test_dominant_weight(void)
{
    const double A = 1e6, c = 1000, want = 2 * A / ((A + 1) * (A + 1));
    struct servq_wmoments m, a, b;

    memset(&m, 0, sizeof m);
    servq_wmoments_add(&m, A, c, 0, 0);
    servq_wmoments_add(&m, 1, c + 1, 0, 0);
    is_close(servq_wmoments_se(&m), want, 1e-9, "a weight of 1e6 beside 1, at x = 1000");
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    servq_wmoments_add(&a, 1, c + 1, 0, 0);
    servq_wmoments_add(&b, A, c, 0, 0);
    servq_wmoments_merge(&a, &b);
    is_close(servq_wmoments_se(&a), want, 1e-9, "the same from two shards");
}

static void test_degenerate(void)
{
    struct servq_wmoments m;

    memset(&m, 0, sizeof m);
    ok(isnan(servq_wmoments_se(&m)), "no points: no SE");
    servq_wmoments_add(&m, 2, 3, 0, 0);
    ok(isnan(servq_wmoments_se(&m)), "one point: no SE");
    servq_wmoments_add(&m, 5, 3, 0, 0);
    /* Everyone gave the same x: the estimate cannot vary, SE 0 (the writer then notes "no
     * variation"). */
    ok(servq_wmoments_se(&m) == 0, "equal values: SE 0");
}

int main(void)
{
    test_ksum();
    test_two_points();
    test_three_points();
    test_dominant_weight();
    test_degenerate();
    return tap_done();
}
