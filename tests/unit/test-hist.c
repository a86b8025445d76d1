/*
 * Unit tests for lib/stats/hist.c: sparse histograms of exact scaled
 * scores. Insertion, growth past the 3/4 load, merging (which must equal
 * one pass over every value) and the sorted distribution they give.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stats/hist-priv.h"
#include "tap.h"

/* Fills d from h; checks bins are strictly increasing. */
static int to_sorted_dist(const struct servq_hist *h, struct servq_dist *d)
{
    size_t i;

    if (servq_hist_to_dist(h, d) != SERVQ_OK)
        return 0;
    for (i = 1; i < d->n_bins; i++)
        if (d->q[i - 1] >= d->q[i])
            return 0;
    return 1;
}

static int same_dist(const struct servq_dist *a, const struct servq_dist *b)
{
    return a->n_bins == b->n_bins &&
           (a->n_bins == 0 || (memcmp(a->q, b->q, a->n_bins * sizeof *a->q) == 0 &&
                               memcmp(a->c, b->c, a->n_bins * sizeof *a->c) == 0));
}

static void test_hist_basic(void)
{
    struct servq_hist h;
    struct servq_dist d;
    struct servq_moments m;

    servq_hist_init(&h);
    servq_dist_init(&d, 12);
    ok(to_sorted_dist(&h, &d) && d.n_bins == 0, "empty histogram gives no bins");
    is_int(servq_hist_add(&h, 3, 2), SERVQ_OK, "add 3 x2");
    servq_hist_add(&h, -1, 1);
    servq_hist_add(&h, 3, 5);
    servq_hist_add(&h, 0, 4);
    servq_hist_add(&h, 9, 0); /* a zero count is no bin */
    is_int((long long)h.used, 3, "three distinct keys");
    ok(to_sorted_dist(&h, &d), "to_dist sorted");
    ok(d.n_bins == 3 && d.q[0] == -1 && d.c[0] == 1 && d.q[1] == 0 && d.c[1] == 4 && d.q[2] == 3 &&
           d.c[2] == 7,
       "bins -1:1 0:4 3:7");
    is_int(d.scale, 12, "to_dist keeps the distribution's scale");
    servq_dist_moments(&d, &m);
    ok(m.n == 12 && m.s1 == 20 && m.s2 == 1 + 63, "moments of the histogram");
    /* A second to_dist clears the first. */
    ok(to_sorted_dist(&h, &d) && d.n_bins == 3, "to_dist clears the distribution first");
    servq_hist_release(&h);
    servq_dist_release(&d);
}

/* A fixed pseudo-random sequence, so failures reproduce. */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_hist_merge(void)
{
    struct servq_hist h1, h2, a, b, all;
    struct servq_dist da, db, dall;
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    int i;

    servq_hist_init(&h1);
    servq_hist_init(&h2);
    servq_hist_init(&a);
    servq_hist_init(&b);
    servq_hist_init(&all);
    servq_dist_init(&da, 1);
    servq_dist_init(&db, 1);
    servq_dist_init(&dall, 1);
    /* Overlapping key ranges, including negatives. */
    for (i = 0; i < 500; i++) {
        int64_t k1 = (int64_t)(next_rand(&seed) % 301) - 150;
        int64_t k2 = (int64_t)(next_rand(&seed) % 301) - 100;
        uint64_t c = next_rand(&seed) % 3 + 1;
        servq_hist_add(&h1, k1, c);
        servq_hist_add(&h2, k2, c + 1);
        servq_hist_add(&all, k1, c);
        servq_hist_add(&all, k2, c + 1);
    }
    is_int(servq_hist_merge(&a, &h1), SERVQ_OK, "merge h1 into a");
    is_int(servq_hist_merge(&a, &h2), SERVQ_OK, "merge h2 into a");
    servq_hist_merge(&b, &h2);
    servq_hist_merge(&b, &h1);
    ok(to_sorted_dist(&a, &da) && to_sorted_dist(&b, &db) && to_sorted_dist(&all, &dall),
       "merged histograms give sorted distributions");
    ok(same_dist(&da, &db), "merge is order independent (h1+h2 == h2+h1)");
    ok(same_dist(&da, &dall), "merge equals adding every value to one histogram");
    /* Merging an empty histogram changes nothing. */
    servq_hist_release(&b);
    servq_hist_init(&b);
    servq_hist_merge(&a, &b);
    ok(to_sorted_dist(&a, &db) && same_dist(&da, &db), "merging an empty histogram is a no-op");
    servq_hist_release(&h1);
    servq_hist_release(&h2);
    servq_hist_release(&a);
    servq_hist_release(&b);
    servq_hist_release(&all);
    servq_dist_release(&da);
    servq_dist_release(&db);
    servq_dist_release(&dall);
}

static void test_hist_growth(void)
{
    /* 20011 is prime, so k -> k * 7919 mod N visits every key once. */
    enum { N = 20011 };
    struct servq_hist h;
    struct servq_dist d;
    size_t i;
    int good = 1;

    servq_hist_init(&h);
    servq_dist_init(&d, 1);
    for (i = 0; i < N; i++) {
        size_t k = (i * 7919) % N;
        int64_t key = ((int64_t)k - N / 2) * 3; /* -30015 .. 30015, step 3 */
        if (servq_hist_add(&h, key, k % 7 + 1) != SERVQ_OK)
            good = 0;
    }
    /* Add everything a second time in another order: counts double. */
    for (i = 0; i < N; i++) {
        size_t k = (i * 104729) % N;
        int64_t key = ((int64_t)k - N / 2) * 3;
        servq_hist_add(&h, key, k % 7 + 1);
    }
    ok(good, "20011 distinct keys added past the initial capacity");
    is_int((long long)h.used, N, "used counts distinct keys");
    ok((h.cap & (h.cap - 1)) == 0 && h.used * 4 <= h.cap * 3,
       "capacity is a power of two, load <= 3/4");
    ok(to_sorted_dist(&h, &d), "to_dist sorted");
    is_int((long long)d.n_bins, N, "one bin per key");
    for (i = 0; i < d.n_bins && good; i++) {
        int64_t want_key = ((int64_t)i - N / 2) * 3;
        if (d.q[i] != want_key || d.c[i] != 2 * (i % 7 + 1)) {
            printf("# bin %zu: key %lld count %llu\n", i, (long long)d.q[i],
                   (unsigned long long)d.c[i]);
            good = 0;
        }
    }
    ok(good, "every key has its count, negatives first");
    servq_hist_release(&h);

    /* Extreme keys and keys that differ only in high bits. */
    servq_hist_init(&h);
    servq_hist_add(&h, INT64_MAX, 1);
    servq_hist_add(&h, INT64_MIN, 2);
    servq_hist_add(&h, 0, 3);
    servq_hist_add(&h, -1, 4);
    for (i = 1; i <= 1000; i++)
        servq_hist_add(&h, (int64_t)i << 46, 1);
    ok(to_sorted_dist(&h, &d) && d.n_bins == 1004, "extreme and high-bit keys: 1004 bins");
    ok(d.n_bins == 1004 && d.q[0] == INT64_MIN && d.c[0] == 2 && d.q[1] == -1 && d.c[1] == 4 &&
           d.q[2] == 0 && d.c[2] == 3 && d.q[1003] == INT64_MAX && d.c[1003] == 1,
       "INT64_MIN, -1, 0 first and INT64_MAX last");
    servq_hist_release(&h);
    servq_hist_release(&h); /* release twice is harmless */
    servq_dist_release(&d);
}

/*
 * The table starts at 16 slots and grows when a key would fill more than
 * 3/4 of them: 12 distinct keys fit 16 slots, the 13th doubles them to 32;
 * 24 fit 32, the 25th makes 64. A key added again is no new key.
 */
static void test_hist_thresholds(void)
{
    struct servq_hist h;
    struct servq_dist d;
    int64_t k;

    servq_hist_init(&h);
    servq_dist_init(&d, 1);
    is_int((long long)h.cap, 0, "an empty histogram holds no table");
    for (k = 1; k <= 12; k++)
        servq_hist_add(&h, k * 1000, 1);
    ok(h.cap == 16 && h.used == 12, "12 keys in 16 slots (cap %zu)", h.cap);
    servq_hist_add(&h, 13000, 1);
    ok(h.cap == 32 && h.used == 13, "the 13th key doubles the table to 32 (cap %zu)", h.cap);
    servq_hist_add(&h, 5000, 9);
    is_int((long long)h.used, 13, "a key added again takes no new slot");
    for (k = 14; k <= 24; k++)
        servq_hist_add(&h, k * 1000, 1);
    ok(h.cap == 32, "24 keys still fit 32 slots");
    servq_hist_add(&h, 25000, 1);
    ok(h.cap == 64, "the 25th makes 64");
    /* Key 5000 was added with counts 1 and 9: one bin of 10, the fifth of 25. */
    ok(servq_hist_to_dist(&h, &d) == SERVQ_OK && d.n_bins == 25 && d.q[4] == 5000 && d.c[4] == 10 &&
           d.q[24] == 25000 && d.c[24] == 1,
       "after two growths every count is where it was");
    servq_hist_release(&h);
    servq_dist_release(&d);
}

int main(void)
{
    test_hist_basic();
    test_hist_merge();
    test_hist_growth();
    test_hist_thresholds();
    return tap_done();
}
