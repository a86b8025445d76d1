/*
 * A sparse histogram of int64 values: open addressing, merge by adding.
 * Its size grows with the number of distinct values, never with rows.
 */
#ifndef SERVQ_HIST_PRIV_H
#define SERVQ_HIST_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "stats/stats-priv.h"

struct servq_hist {
    int64_t *keys;
    uint64_t *counts; /* 0 marks an empty slot */
    size_t cap;       /* a power of two, or 0 */
    size_t used;
};

void servq_hist_init(struct servq_hist *h);
void servq_hist_release(struct servq_hist *h);
enum servq_status servq_hist_add(struct servq_hist *h, int64_t key, uint64_t count);
enum servq_status servq_hist_merge(struct servq_hist *dst, const struct servq_hist *src);
/* Fills d (cleared first) with the bins in increasing order of value. */
enum servq_status servq_hist_to_dist(const struct servq_hist *h, struct servq_dist *d);

#endif
