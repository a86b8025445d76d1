/*
 * Survey-weighted means with linearization standard errors, as R's
 * survey::svymean and svyttest compute them for a single-stage design with
 * weights only. Weights are not integers, so the sums are doubles kept with
 * Neumaier's compensated summation.
 */
#ifndef SERVQ_WEIGHTED_PRIV_H
#define SERVQ_WEIGHTED_PRIV_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "servq/common.h"

/* A compensated sum. */
struct servq_ksum {
    double sum, comp;
};

/* Weighted sums of one variable x (and optionally of two components). */
struct servq_wmoments {
    uint64_t n;
    struct servq_ksum w, w2, wx, w2x, w2x2;
    struct servq_ksum wa, wb; /* weighted sums of the components (E and P) */
};

void servq_ksum_add(struct servq_ksum *s, double v);
double servq_ksum_value(const struct servq_ksum *s);
void servq_ksum_merge(struct servq_ksum *dst, const struct servq_ksum *src);

/* Adds x with weight w; a and b are the components x came from (or 0). */
void servq_wmoments_add(struct servq_wmoments *m, double w, double x, double a, double b);
void servq_wmoments_merge(struct servq_wmoments *dst, const struct servq_wmoments *src);

/*
 * Writes {"n", "sum_w", "n_eff", "gap", "se", "ci", "t", "df", "p_t"} and,
 * when with_parts, "mean_e" and "mean_p" into o. Returns SERVQ_ERR_NUMERIC
 * if GSL fails.
 */
enum servq_status servq_wmoments_json(const struct servq_wmoments *m, int with_parts, cJSON *o);

#endif
