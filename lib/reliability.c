/*
 * Reliability per group: exact alpha accumulators for E, P and gap scores.
 */
#include "reliability-priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[SERVQ_SCALE_KINDS] = {"E", "P", "gap"};
static const char *const kind_keys[SERVQ_SCALE_KINDS] = {"alpha_e", "alpha_p", "alpha_gap"};

#define ALPHA_WARN 0.70

static size_t scale_size(const struct servq_instrument *ins, size_t d)
{
    return d < ins->n_dims ? ins->dims[d].n_items : ins->n_items;
}

enum servq_status servq_reliability_init(struct servq_reliability *r,
                                         const struct servq_instrument *ins)
{
    size_t d, m, n = (ins->n_dims + 1) * SERVQ_SCALE_KINDS;

    r->n_dims = ins->n_dims;
    r->acc = calloc(n, sizeof *r->acc);
    if (!r->acc)
        return SERVQ_ERR_NOMEM;
    for (d = 0; d <= ins->n_dims; d++)
        for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
            r->acc[d * SERVQ_SCALE_KINDS + m] = servq_alpha_acc_new(scale_size(ins, d));
            if (!r->acc[d * SERVQ_SCALE_KINDS + m]) {
                servq_reliability_release(r);
                return SERVQ_ERR_NOMEM;
            }
        }
    return SERVQ_OK;
}

void servq_reliability_release(struct servq_reliability *r)
{
    size_t i;

    if (!r->acc)
        return;
    for (i = 0; i < (r->n_dims + 1) * SERVQ_SCALE_KINDS; i++)
        servq_alpha_acc_free(r->acc[i]);
    free(r->acc);
    r->acc = NULL;
}

enum servq_status servq_reliability_row_init(struct servq_reliability_row *row,
                                             const struct servq_instrument *ins)
{
    size_t m, d, i, slot = 0, n = ins->n_items;

    memset(row, 0, sizeof *row);
    row->dim_off = malloc((ins->n_dims + 1) * sizeof *row->dim_off);
    row->order = malloc(n * sizeof *row->order);
    if (!row->dim_off || !row->order)
        goto nomem;
    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        row->x[m] = malloc(n * sizeof *row->x[m]);
        row->have[m] = malloc(n);
        row->all_x[m] = malloc(n * sizeof *row->all_x[m]);
        row->all_have[m] = malloc(n);
        if (!row->x[m] || !row->have[m] || !row->all_x[m] || !row->all_have[m])
            goto nomem;
    }
    /* Slots group each dimension's items together, in instrument order. */
    for (d = 0; d < ins->n_dims; d++) {
        row->dim_off[d] = slot;
        for (i = 0; i < n; i++)
            if (ins->items[i].dim == d)
                row->order[slot++] = i;
    }
    row->dim_off[ins->n_dims] = slot;
    return SERVQ_OK;
nomem:
    servq_reliability_row_release(row);
    return SERVQ_ERR_NOMEM;
}

void servq_reliability_row_release(struct servq_reliability_row *row)
{
    size_t m;

    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        free(row->x[m]);
        free(row->have[m]);
        free(row->all_x[m]);
        free(row->all_have[m]);
    }
    free(row->dim_off);
    free(row->order);
    memset(row, 0, sizeof *row);
}

void servq_reliability_row_set(struct servq_reliability_row *row,
                               const struct servq_instrument *ins,
                               const struct servq_response *resp)
{
    size_t i, slot;

    for (i = 0; i < ins->n_items; i++) {
        int16_t e = servq_rating(resp, i, SERVQ_MEASURE_E);
        int16_t p = servq_rating(resp, i, SERVQ_MEASURE_P);
        row->all_have[SERVQ_SCALE_E][i] = e != SERVQ_NA;
        row->all_x[SERVQ_SCALE_E][i] = e;
        row->all_have[SERVQ_SCALE_P][i] = p != SERVQ_NA;
        row->all_x[SERVQ_SCALE_P][i] = p;
        row->all_have[SERVQ_SCALE_GAP][i] = e != SERVQ_NA && p != SERVQ_NA;
        row->all_x[SERVQ_SCALE_GAP][i] = (int64_t)p - e;
    }
    for (slot = 0; slot < ins->n_items; slot++) {
        size_t m;
        i = row->order[slot];
        for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
            row->x[m][slot] = row->all_x[m][i];
            row->have[m][slot] = row->all_have[m][i];
        }
    }
}

enum servq_status servq_reliability_add(struct servq_reliability *r,
                                        const struct servq_instrument *ins,
                                        const struct servq_reliability_row *row)
{
    size_t d, m;
    enum servq_status st;

    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        for (d = 0; d < ins->n_dims; d++) {
            size_t off = row->dim_off[d];
            st = servq_alpha_acc_add(r->acc[d * SERVQ_SCALE_KINDS + m], row->x[m] + off,
                                     row->have[m] + off);
            if (st != SERVQ_OK)
                return st;
        }
        st = servq_alpha_acc_add(r->acc[ins->n_dims * SERVQ_SCALE_KINDS + m], row->all_x[m],
                                 row->all_have[m]);
        if (st != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

enum servq_status servq_reliability_merge(struct servq_reliability *dst,
                                          const struct servq_reliability *src)
{
    size_t i;
    enum servq_status st;

    for (i = 0; i < (dst->n_dims + 1) * SERVQ_SCALE_KINDS; i++)
        if ((st = servq_alpha_acc_merge(dst->acc[i], src->acc[i])) != SERVQ_OK)
            return st;
    return SERVQ_OK;
}

static void add_num(cJSON *o, const char *name, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, name, v);
    else
        cJSON_AddNullToObject(o, name);
}

static void warn(cJSON *warnings, const char *scale, const char *kind, double raw)
{
    char text[256];

    if (!isfinite(raw) || raw >= ALPHA_WARN)
        return;
    if (raw < 0)
        snprintf(text, sizeof text,
                 "alpha of %s for %s is negative (%.2f): a reverse-worded item may not have "
                 "been recoded",
                 kind, scale, raw);
    else
        snprintf(text, sizeof text, "alpha of %s for %s is %.3f, below %.2f", kind, scale, raw,
                 ALPHA_WARN);
    cJSON_AddItemToArray(warnings, cJSON_CreateString(text));
}

/* The alpha object of one scale: figures, then per item. */
static enum servq_status alpha_json(const struct servq_alpha_acc *acc,
                                    const struct servq_instrument *ins,
                                    const struct servq_reliability_row *layout, size_t d,
                                    enum servq_missing missing, cJSON *o)
{
    struct servq_alpha_result res;
    cJSON *items;
    size_t j;
    enum servq_status st;

    memset(&res, 0, sizeof res);
    if ((st = servq_alpha_compute(acc, missing, &res)) != SERVQ_OK)
        return st;
    cJSON_AddNumberToObject(o, "n", (double)res.n);
    add_num(o, "raw", res.raw);
    add_num(o, "std", res.std);
    add_num(o, "mean_r", res.mean_r);
    items = cJSON_AddArrayToObject(o, "items");
    for (j = 0; j < res.k; j++) {
        size_t item = d < ins->n_dims ? layout->order[layout->dim_off[d] + j] : j;
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(items, e);
        cJSON_AddStringToObject(e, "id", ins->items[item].id);
        add_num(e, "alpha_if_dropped", res.if_dropped ? res.if_dropped[j] : NAN);
        add_num(e, "r_drop", res.r_drop ? res.r_drop[j] : NAN);
    }
    if (res.note)
        cJSON_AddStringToObject(o, "note", res.note);
    servq_alpha_result_release(&res);
    return SERVQ_OK;
}

enum servq_status servq_reliability_json(const struct servq_reliability *r,
                                         const struct servq_instrument *ins,
                                         enum servq_missing missing, cJSON *dims,
                                         cJSON *overall, cJSON *warnings)
{
    struct servq_reliability_row layout;
    enum servq_status st;
    size_t d, m;

    if ((st = servq_reliability_row_init(&layout, ins)) != SERVQ_OK)
        return st;
    for (d = 0; d <= ins->n_dims && st == SERVQ_OK; d++) {
        cJSON *target = d < ins->n_dims ? cJSON_GetArrayItem(dims, (int)d) : overall;
        char scale[SERVQ_MAX_ID_LEN + 32];
        if (d < ins->n_dims)
            snprintf(scale, sizeof scale, "dimension '%s'", ins->dims[d].id);
        else
            snprintf(scale, sizeof scale, "the whole instrument");
        for (m = 0; m < SERVQ_SCALE_KINDS && st == SERVQ_OK; m++) {
            cJSON *o;
            /* A perception-only instrument has no E or gap scales. */
            if (!ins->measures[SERVQ_MEASURE_E] && m != SERVQ_SCALE_P)
                continue;
            o = cJSON_AddObjectToObject(target, kind_keys[m]);
            st = alpha_json(r->acc[d * SERVQ_SCALE_KINDS + m], ins, &layout, d, missing, o);
            if (st == SERVQ_OK && scale_size(ins, d) > 1) {
                const cJSON *raw = cJSON_GetObjectItemCaseSensitive(o, "raw");
                warn(warnings, scale, kind_names[m], cJSON_IsNumber(raw) ? raw->valuedouble : NAN);
            }
        }
    }
    servq_reliability_row_release(&layout);
    return st;
}
