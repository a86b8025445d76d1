/*
 * Sparse histograms of exact scaled scores.
 */
#include "stats/hist-priv.h"

#include <stdlib.h>
#include <string.h>

void servq_hist_init(struct servq_hist *h)
{
    memset(h, 0, sizeof *h);
}

void servq_hist_release(struct servq_hist *h)
{
    free(h->keys);
    free(h->counts);
    servq_hist_init(h);
}

static size_t slot_of(int64_t key, size_t cap)
{
    uint64_t x = (uint64_t)key * 0x9E3779B97F4A7C15ULL;

    return (size_t)(x >> 17) & (cap - 1);
}

static void insert(int64_t *keys, uint64_t *counts, size_t cap, int64_t key, uint64_t count,
                   size_t *used)
{
    size_t i = slot_of(key, cap);

    while (counts[i] && keys[i] != key)
        i = (i + 1) & (cap - 1);
    if (!counts[i]) {
        keys[i] = key;
        (*used)++;
    }
    counts[i] += count;
}

static enum servq_status grow(struct servq_hist *h)
{
    size_t cap = h->cap ? h->cap * 2 : 16, i, used = 0;
    int64_t *keys = calloc(cap, sizeof *keys);
    uint64_t *counts = calloc(cap, sizeof *counts);

    if (!keys || !counts) {
        free(keys);
        free(counts);
        return SERVQ_ERR_NOMEM;
    }
    for (i = 0; i < h->cap; i++)
        if (h->counts[i])
            insert(keys, counts, cap, h->keys[i], h->counts[i], &used);
    free(h->keys);
    free(h->counts);
    h->keys = keys;
    h->counts = counts;
    h->cap = cap;
    return SERVQ_OK;
}

enum servq_status servq_hist_add(struct servq_hist *h, int64_t key, uint64_t count)
{
    if (count == 0)
        return SERVQ_OK;
    if ((h->used + 1) * 4 > h->cap * 3 && grow(h) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    insert(h->keys, h->counts, h->cap, key, count, &h->used);
    return SERVQ_OK;
}

enum servq_status servq_hist_merge(struct servq_hist *dst, const struct servq_hist *src)
{
    size_t i;

    for (i = 0; i < src->cap; i++)
        if (src->counts[i] && servq_hist_add(dst, src->keys[i], src->counts[i]) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

static int cmp_key(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

enum servq_status servq_hist_to_dist(const struct servq_hist *h, struct servq_dist *d)
{
    int64_t *sorted;
    size_t i, k = 0;
    enum servq_status st = SERVQ_OK;

    servq_dist_clear(d);
    if (h->used == 0)
        return SERVQ_OK;
    sorted = malloc(h->used * sizeof *sorted);
    if (!sorted)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < h->cap; i++)
        if (h->counts[i])
            sorted[k++] = h->keys[i];
    qsort(sorted, k, sizeof *sorted, cmp_key);
    for (i = 0; i < k && st == SERVQ_OK; i++) {
        size_t j = slot_of(sorted[i], h->cap);
        while (h->keys[j] != sorted[i] || !h->counts[j])
            j = (j + 1) & (h->cap - 1);
        st = servq_dist_push(d, sorted[i], h->counts[j]);
    }
    free(sorted);
    return st;
}
