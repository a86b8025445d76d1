/*
 * Reliability per group: exact alpha accumulators for E, P and gap scores.
 */
#include "analysis/reliability-priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[SERVQ_SCALE_KINDS] = {"E", "P", "gap"};
static const char *const kind_keys[SERVQ_SCALE_KINDS] = {"alpha_e", "alpha_p", "alpha_gap"};


static size_t scale_size(const struct servq_instrument *ins, size_t d)
{
    return d < ins->n_dims ? ins->dims[d].n_items : ins->n_items;
}

enum servq_status servq_reliability_init(struct servq_reliability *r,
                                         const struct servq_instrument *ins)
{
    size_t d, m, n = (ins->n_dims + 1) * SERVQ_SCALE_KINDS;

    memset(r, 0, sizeof *r);
    r->n_dims = ins->n_dims;
    r->n_items = ins->n_items;
    r->acc = calloc(n, sizeof *r->acc);
    if (!r->acc)
        return SERVQ_ERR_NOMEM;
    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        size_t w = SERVQ_STAGE_WIDTH(ins->n_items);
        r->stage[m].kernel = servq_stage_have_avx2() ? SERVQ_STAGE_AVX2 : SERVQ_STAGE_PORTABLE;
        r->stage[m].s = calloc(w, sizeof *r->stage[m].s);
        r->stage[m].ss = calloc(w * w, sizeof *r->stage[m].ss);
        r->stage[m].held = calloc(2 * w, sizeof *r->stage[m].held);
        r->stage[m].pair = calloc(w, sizeof *r->stage[m].pair);
        if (!r->stage[m].s || !r->stage[m].ss || !r->stage[m].held || !r->stage[m].pair) {
            servq_reliability_release(r);
            return SERVQ_ERR_NOMEM;
        }
    }
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

    for (i = 0; i < SERVQ_SCALE_KINDS; i++) {
        free(r->stage[i].s);
        free(r->stage[i].ss);
        free(r->stage[i].held);
        free(r->stage[i].pair);
        r->stage[i].held = NULL;
        r->stage[i].s = NULL;
        r->stage[i].ss = NULL;
        r->stage[i].pair = NULL;
    }
    if (!r->acc)
        return;
    for (i = 0; i < (r->n_dims + 1) * SERVQ_SCALE_KINDS; i++)
        servq_alpha_acc_free(r->acc[i]);
    free(r->acc);
    r->acc = NULL;
}

/* Slots group each dimension's items together, in instrument order. */
static void slot_order(const struct servq_instrument *ins, size_t *order, size_t *dim_off)
{
    size_t d, i, slot = 0;

    for (d = 0; d < ins->n_dims; d++) {
        dim_off[d] = slot;
        for (i = 0; i < ins->n_items; i++)
            if (ins->items[i].dim == d)
                order[slot++] = i;
    }
    dim_off[ins->n_dims] = slot;
}

enum servq_status servq_reliability_row_init(struct servq_reliability_row *row,
                                             const struct servq_instrument *ins)
{
    size_t m, n = ins->n_items;

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
        row->x16[m] = calloc(SERVQ_STAGE_WIDTH(n), sizeof *row->x16[m]);
        if (!row->x[m] || !row->have[m] || !row->all_x[m] || !row->all_have[m] || !row->x16[m])
            goto nomem;
    }
    slot_order(ins, row->order, row->dim_off);
    row->in_order = 1;
    for (m = 0; m < n; m++)
        row->in_order &= row->order[m] == m;
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
        free(row->x16[m]);
    }
    free(row->dim_off);
    free(row->order);
    memset(row, 0, sizeof *row);
}

/* The 64-bit values and presence flags that servq_alpha_acc_add reads. */
static void row_set_exact(struct servq_reliability_row *row, const struct servq_instrument *ins,
                          const struct servq_response *resp)
{
    size_t i, slot, m;

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
        i = row->order[slot];
        for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
            row->x[m][slot] = row->all_x[m][i];
            row->have[m][slot] = row->all_have[m][i];
        }
    }
}

/* x16 = v when v is present and small enough to stage; else 0 and 1 is returned. */
static int stage_value(int have, int64_t v, int16_t *x16)
{
    if (have && v >= -SERVQ_STAGE_MAX_ABS && v <= SERVQ_STAGE_MAX_ABS) {
        *x16 = (int16_t)v;
        return 0;
    }
    *x16 = 0;
    return 1;
}

static inline int stage_bad(int32_t v)
{
    return v < -SERVQ_STAGE_MAX_ABS || v > SERVQ_STAGE_MAX_ABS;
}

/*
 * x16 of every kind when slots are in item order: plain loops over the
 * measures' ratings, which vectorise. SERVQ_NA is out of the staging range,
 * so a missing answer makes its kind unstaged (and the gap's); x16 then
 * holds values nobody reads, and its padding stays zero.
 */
static void row_set_in_order(struct servq_reliability_row *row, const int16_t *e,
                             const int16_t *p, size_t n, int *unstaged)
{
    int16_t *xe = row->x16[SERVQ_SCALE_E], *xp = row->x16[SERVQ_SCALE_P];
    int16_t *xg = row->x16[SERVQ_SCALE_GAP];
    int bad_e = 0, bad_p = 0, bad_g = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        int32_t g = (int32_t)p[i] - e[i];
        xe[i] = e[i];
        xp[i] = p[i];
        xg[i] = (int16_t)g;
        bad_e |= stage_bad(e[i]);
        bad_p |= stage_bad(p[i]);
        bad_g |= (e[i] == SERVQ_NA) | (p[i] == SERVQ_NA) | stage_bad(g);
    }
    unstaged[SERVQ_SCALE_E] = bad_e;
    unstaged[SERVQ_SCALE_P] = bad_p;
    unstaged[SERVQ_SCALE_GAP] = bad_g;
}

void servq_reliability_row_set(struct servq_reliability_row *row,
                               const struct servq_instrument *ins,
                               const struct servq_response *resp)
{
    size_t slot;
    int unstaged[SERVQ_SCALE_KINDS] = {0, 0, 0};

    if (row->in_order) {
        row_set_in_order(row, servq_ratings(resp, SERVQ_MEASURE_E),
                         servq_ratings(resp, SERVQ_MEASURE_P), ins->n_items, unstaged);
        goto flags;
    }
    for (slot = 0; slot < ins->n_items; slot++) {
        size_t i = row->order[slot];
        int16_t e = servq_rating(resp, i, SERVQ_MEASURE_E);
        int16_t p = servq_rating(resp, i, SERVQ_MEASURE_P);
        int he = e != SERVQ_NA, hp = p != SERVQ_NA;
        unstaged[SERVQ_SCALE_E] |= stage_value(he, e, &row->x16[SERVQ_SCALE_E][slot]);
        unstaged[SERVQ_SCALE_P] |= stage_value(hp, p, &row->x16[SERVQ_SCALE_P][slot]);
        unstaged[SERVQ_SCALE_GAP] |=
            stage_value(he && hp, (int64_t)p - e, &row->x16[SERVQ_SCALE_GAP][slot]);
    }
flags:
    row->stageable[SERVQ_SCALE_E] = !unstaged[SERVQ_SCALE_E];
    row->stageable[SERVQ_SCALE_P] = !unstaged[SERVQ_SCALE_P];
    row->stageable[SERVQ_SCALE_GAP] = !unstaged[SERVQ_SCALE_GAP];
    /* Only rows with a missing answer or a large value need the slow path. */
    if (unstaged[SERVQ_SCALE_E] | unstaged[SERVQ_SCALE_P] | unstaged[SERVQ_SCALE_GAP])
        row_set_exact(row, ins, resp);
}

/* Every row is added to the accumulators of each dimension and overall. */
static enum servq_status add_exact(struct servq_reliability *r, const struct servq_instrument *ins,
                                   const struct servq_reliability_row *row, size_t m)
{
    size_t d;
    enum servq_status st;

    for (d = 0; d < ins->n_dims; d++) {
        size_t off = row->dim_off[d];
        st = servq_alpha_acc_add(r->acc[d * SERVQ_SCALE_KINDS + m], row->x[m] + off,
                                 row->have[m] + off);
        if (st != SERVQ_OK)
            return st;
    }
    return servq_alpha_acc_add(r->acc[ins->n_dims * SERVQ_SCALE_KINDS + m], row->all_x[m],
                               row->all_have[m]);
}

/*
 * The hot loop. |x| <= 127 keeps each product within 2^14, so two rows'
 * products fit a 32-bit lane. Rows of the sums are padded to the width w,
 * a multiple of 8, and x is zero there, so the block of rows
 * i = 8b .. 8b + 7 can run over columns 8b .. w - 1 whole: inlined with w
 * constant, every loop has a fixed count and needs no prologue or tail.
 * (Padded rows add zeros.)
 */
static inline int32_t pair_lo(uint32_t z)
{
    return (int16_t)(uint16_t)(z & 0xFFFF);
}

static inline int32_t pair_hi(uint32_t z)
{
    return (int16_t)(uint16_t)(z >> 16);
}

static inline void pair_add_portable(int32_t *restrict ss, int32_t *restrict s,
                                     uint32_t *restrict z, const int16_t *a, const int16_t *b,
                                     size_t w)
{
    size_t c, i, j;

    for (i = 0; i < w; i++) {
        z[i] = (uint32_t)(uint16_t)a[i] | (uint32_t)(uint16_t)b[i] << 16;
        s[i] += a[i] + b[i];
    }
    for (c = 0; c < w; c += 8)
        for (i = c; i < c + 8; i++) {
            int32_t ai = pair_lo(z[i]), bi = pair_hi(z[i]);
            for (j = c; j < w; j++)
                ss[i * w + j] += ai * pair_lo(z[j]) + bi * pair_hi(z[j]);
        }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define STAGE_AVX2 1

/*
 * Interleaving a and b gives the words of pair; _mm256_madd_epi16 of
 * (a_i, b_i) and (a_j, b_j) is a_i a_j + b_i b_j, and of (a_j, b_j) and
 * (1, 1) is a_j + b_j.
 */
__attribute__((target("avx2"), always_inline)) static inline void
pair_add_avx2_w(int32_t *restrict ss, int32_t *restrict s, uint32_t *restrict z, const int16_t *a,
                const int16_t *b, size_t w)
{
    const __m256i ones = _mm256_set1_epi16(1);
    size_t c, i, j;

    for (j = 0; j < w; j += 8) {
        __m128i va = _mm_loadu_si128((const __m128i *)(const void *)(a + j));
        __m128i vb = _mm_loadu_si128((const __m128i *)(const void *)(b + j));
        __m256i zj = _mm256_set_m128i(_mm_unpackhi_epi16(va, vb), _mm_unpacklo_epi16(va, vb));
        __m256i *sj = (__m256i *)(void *)(s + j);
        _mm256_storeu_si256((__m256i *)(void *)(z + j), zj);
        _mm256_storeu_si256(sj, _mm256_add_epi32(_mm256_loadu_si256(sj),
                                                 _mm256_madd_epi16(zj, ones)));
    }
    for (c = 0; c < w; c += 8)
        for (i = c; i < c + 8; i++) {
            __m256i zi = _mm256_set1_epi32((int)z[i]);
            for (j = c; j < w; j += 8) {
                __m256i *at = (__m256i *)(void *)(ss + i * w + j);
                __m256i zj = _mm256_loadu_si256((const __m256i *)(const void *)(z + j));
                _mm256_storeu_si256(at, _mm256_add_epi32(_mm256_loadu_si256(at),
                                                         _mm256_madd_epi16(zi, zj)));
            }
        }
}

__attribute__((target("avx2"))) static void pair_add_avx2(int32_t *ss, int32_t *s, uint32_t *z,
                                                          const int16_t *a, const int16_t *b,
                                                          size_t w)
{
    /* The usual instrument sizes, with the width known to the compiler. */
    switch (w) {
    case 8:
        pair_add_avx2_w(ss, s, z, a, b, 8);
        break;
    case 16:
        pair_add_avx2_w(ss, s, z, a, b, 16);
        break;
    case 24:
        pair_add_avx2_w(ss, s, z, a, b, 24);
        break;
    case 32:
        pair_add_avx2_w(ss, s, z, a, b, 32);
        break;
    default:
        pair_add_avx2_w(ss, s, z, a, b, w);
        break;
    }
}
#endif

int servq_stage_have_avx2(void)
{
#ifdef STAGE_AVX2
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
#else
    return 0;
#endif
}

/* Adds the held row and b (a row, or zeros) into s and ss; none is held then. */
static void stage_pair(struct servq_rel_stage *st, const int16_t *b, size_t w)
{
#ifdef STAGE_AVX2
    if (st->kernel == SERVQ_STAGE_AVX2)
        pair_add_avx2(st->ss, st->s, st->pair, st->held, b, w);
    else
#endif
        pair_add_portable(st->ss, st->s, st->pair, st->held, b, w);
    st->holding = 0;
}

static void stage_add(struct servq_rel_stage *st, const int16_t *x, size_t k)
{
    size_t w = SERVQ_STAGE_WIDTH(k);

    st->n++;
    if (st->holding) {
        stage_pair(st, x, w);
        return;
    }
    memcpy(st->held, x, w * sizeof *x);
    st->holding = 1;
}

/*
 * Adds the staged sums to one accumulator of kk items, item a of which is
 * slot slot[a] of the stage (slot[a] ascending within a dimension, but not
 * overall).
 */
static enum servq_status fold_into(struct servq_alpha_acc *acc, const struct servq_rel_stage *st,
                                   size_t k, const size_t *slot, size_t kk, int64_t *s,
                                   int64_t *ss)
{
    size_t a, b;

    for (a = 0; a < kk; a++) {
        s[a] = st->s[slot[a]];
        for (b = a; b < kk; b++) {
            size_t lo = slot[a] < slot[b] ? slot[a] : slot[b];
            size_t hi = slot[a] < slot[b] ? slot[b] : slot[a];
            ss[servq_alpha_tri(kk, a, b)] = st->ss[lo * SERVQ_STAGE_WIDTH(k) + hi];
        }
    }
    return servq_alpha_acc_add_sums(acc, st->n, s, ss);
}

static enum servq_status stage_fold(struct servq_reliability *r,
                                    const struct servq_instrument *ins, size_t m)
{
    struct servq_rel_stage *st = &r->stage[m];
    size_t k = ins->n_items, d, i;
    size_t *order = malloc(k * sizeof *order), *dim_off = malloc((ins->n_dims + 1) * sizeof *dim_off);
    size_t *slot_of = malloc(k * sizeof *slot_of);
    int64_t *s = malloc(k * sizeof *s), *ss = malloc(k * (k + 1) / 2 * sizeof *ss);
    enum servq_status status = SERVQ_ERR_NOMEM;

    if (!order || !dim_off || !slot_of || !s || !ss)
        goto cleanup;
    if (st->holding)
        stage_pair(st, st->held + SERVQ_STAGE_WIDTH(k), SERVQ_STAGE_WIDTH(k));
    slot_order(ins, order, dim_off);
    for (d = 0; d < ins->n_dims; d++) {
        size_t off = dim_off[d];
        for (i = 0; i < dim_off[d + 1] - off; i++)
            slot_of[i] = off + i;
        status = fold_into(r->acc[d * SERVQ_SCALE_KINDS + m], st, k, slot_of, dim_off[d + 1] - off,
                           s, ss);
        if (status != SERVQ_OK)
            goto cleanup;
    }
    for (i = 0; i < k; i++)
        slot_of[order[i]] = i;
    status = fold_into(r->acc[ins->n_dims * SERVQ_SCALE_KINDS + m], st, k, slot_of, k, s, ss);
    if (status != SERVQ_OK)
        goto cleanup;
    st->n = 0;
    memset(st->s, 0, SERVQ_STAGE_WIDTH(k) * sizeof *st->s);
    memset(st->ss, 0, SERVQ_STAGE_WIDTH(k) * SERVQ_STAGE_WIDTH(k) * sizeof *st->ss);
cleanup:
    free(order);
    free(dim_off);
    free(slot_of);
    free(s);
    free(ss);
    return status;
}

enum servq_status servq_reliability_add(struct servq_reliability *r,
                                        const struct servq_instrument *ins,
                                        const struct servq_reliability_row *row)
{
    size_t m;
    enum servq_status st;

    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        if (!row->stageable[m]) {
            if ((st = add_exact(r, ins, row, m)) != SERVQ_OK)
                return st;
            continue;
        }
        if (r->stage[m].n == SERVQ_STAGE_MAX_ROWS && (st = stage_fold(r, ins, m)) != SERVQ_OK)
            return st;
        stage_add(&r->stage[m], row->x16[m], ins->n_items);
    }
    return SERVQ_OK;
}

enum servq_status servq_reliability_settle(struct servq_reliability *r,
                                           const struct servq_instrument *ins)
{
    size_t m;
    enum servq_status st;

    for (m = 0; m < SERVQ_SCALE_KINDS; m++)
        if (r->stage[m].n && (st = stage_fold(r, ins, m)) != SERVQ_OK)
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
    char text[256], value[32], floor[32];

    if (!isfinite(raw) || raw >= SERVQ_ALPHA_WARN)
        return;
    servq_format_fixed(floor, sizeof floor, SERVQ_ALPHA_WARN, 2);
    if (raw < 0) {
        servq_format_fixed(value, sizeof value, raw, 2);
        snprintf(text, sizeof text,
                 "alpha of %s for %s is negative (%s): a reverse-worded item may not have "
                 "been recoded",
                 kind, scale, value);
    } else {
        servq_format_fixed(value, sizeof value, raw, 3);
        snprintf(text, sizeof text, "alpha of %s for %s is %s, below %s", kind, scale, value,
                 floor);
    }
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
