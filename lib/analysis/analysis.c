/*
 * Gap analysis: exact accumulators per group, results as JSON.
 *
 * For each item a joint histogram of (E, P) holds everything the item
 * figures need. A respondent's dimension score is the mean of their item
 * gaps in that dimension, a rational number: scaled by the least common
 * multiple of the possible divisors it becomes an integer, so dimension and
 * overall distributions are exact integer histograms too.
 */
#include "servq/analysis.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis-priv.h"
#include "common/date-priv.h"
#include "common/json-priv.h"
#include "common/message-priv.h"

/* An error about the data, at a line and (1-based, or 0) field. */
static void say(const struct servq_analysis *a, struct servq_where where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(const struct servq_analysis *a, struct servq_where where, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(&a->sink, SERVQ_LEVEL_ERROR, where, fmt, ap);
    va_end(ap);
}

static struct servq_where at(unsigned long long line, unsigned long column)
{
    return (struct servq_where){line, column, SERVQ_LIMIT_NONE};
}

void servq_analysis_options_init(struct servq_analysis_options *o)
{
    memset(o, 0, sizeof *o);
    o->min_n = SERVQ_DEFAULT_MIN_N;
    o->max_groups = SERVQ_DEFAULT_MAX_GROUPS;
    o->adjust = SERVQ_ADJUST_HOLM;
    o->ipa_center = SERVQ_IPA_DATA;
    o->significance = 0.05;
    o->inspiring_share = 0.5;
}

size_t servq_item_points(const struct servq_instrument *ins, size_t i)
{
    return (size_t)(ins->items[i].max - ins->items[i].min + 1);
}

static enum servq_status setup_divisions(struct servq_analysis *a)
{
    const struct servq_instrument *ins = a->ins;
    size_t d, m, off = 0;

    a->dim_per_off = malloc((ins->n_dims + 1) * sizeof *a->dim_per_off);
    a->dim_per = malloc((ins->n_items ? ins->n_items : 1) * sizeof *a->dim_per);
    a->all_per = malloc((ins->n_dims ? ins->n_dims * ins->n_dims : 1) * sizeof *a->all_per);
    if (!a->dim_per_off || !a->dim_per || !a->all_per)
        return SERVQ_ERR_NOMEM;
    for (d = 0; d < ins->n_dims; d++) {
        a->dim_per_off[d] = off;
        for (m = 1; m <= ins->dims[d].n_items; m++)
            a->dim_per[off++] = a->dim_scale[d] / (int64_t)m;
        for (m = 1; m <= ins->n_dims; m++)
            a->all_per[(m - 1) * ins->n_dims + d] = a->all_scale / ((int64_t)m * a->dim_scale[d]);
    }
    a->dim_per_off[ins->n_dims] = off;
    return SERVQ_OK;
}

/* dim_scale[d] / m, for 1 <= m <= items of d. */
static inline int64_t dim_per(const struct servq_analysis *a, size_t d, size_t m)
{
    return a->dim_per[a->dim_per_off[d] + m - 1];
}

static enum servq_status setup_scales(struct servq_analysis *a)
{
    const struct servq_instrument *ins = a->ins;
    enum servq_status st;
    size_t i;

    a->joint_off = malloc(ins->n_items * sizeof *a->joint_off);
    a->dim_scale = malloc(ins->n_dims * sizeof *a->dim_scale);
    if (!a->joint_off || !a->dim_scale)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_items; i++) {
        size_t k = servq_item_points(ins, i) + 1;
        a->joint_off[i] = a->joint_len;
        a->joint_len += k * k;
    }
    a->extra_off = malloc((ins->n_extras ? ins->n_extras : 1) * sizeof *a->extra_off);
    if (!a->extra_off)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_extras; i++) {
        a->extra_off[i] = a->extra_len;
        if (ins->extras[i].kind != SERVQ_EXTRA_TEXT)
            a->extra_len += (size_t)(ins->extras[i].max - ins->extras[i].min + 2);
    }
    st = servq_score_scales(ins, a->dim_scale, &a->all_scale);
    return st == SERVQ_OK ? setup_divisions(a) : st;
}

static enum servq_status copy_options(struct servq_analysis *a,
                                      const struct servq_analysis_options *o)
{
    size_t i;

    if (o)
        a->opt = *o;
    else
        servq_analysis_options_init(&a->opt);
    if (a->opt.min_n < 1 || a->opt.max_groups < 1 || a->opt.n_by > 64 ||
        !(a->opt.significance > 0 && a->opt.significance < 1) ||
        !(a->opt.inspiring_share >= 0 && a->opt.inspiring_share < 1) ||
        (unsigned)a->opt.adjust > SERVQ_ADJUST_NONE ||
        (unsigned)a->opt.ipa_center > SERVQ_IPA_SCALE ||
        (unsigned)a->opt.missing > SERVQ_MISSING_PAIRWISE)
        return SERVQ_ERR_ARG;
    a->by = calloc(a->opt.n_by ? a->opt.n_by : 1, sizeof *a->by);
    a->by_cols = calloc(a->opt.n_by ? a->opt.n_by : 1, sizeof *a->by_cols);
    if (!a->by || !a->by_cols)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < a->opt.n_by; i++) {
        if (!a->opt.by[i] || !a->opt.by[i][0])
            return SERVQ_ERR_ARG;
        a->by[i] = servq_strdup(a->opt.by[i]);
        if (!a->by[i])
            return SERVQ_ERR_NOMEM;
    }
    a->opt.by = NULL;
    if (a->opt.weight) {
        if (!a->opt.weight[0])
            return SERVQ_ERR_ARG;
        a->weight_name = servq_strdup(a->opt.weight);
        if (!a->weight_name)
            return SERVQ_ERR_NOMEM;
        a->opt.weight = a->weight_name;
    }
    return SERVQ_OK;
}

void servq_group_free(struct group *g, const struct servq_instrument *ins, size_t n_values)
{
    size_t i;

    if (!g)
        return;
    if (g->values)
        for (i = 0; i < n_values; i++)
            free(g->values[i]);
    if (g->dims)
        for (i = 0; i < ins->n_dims; i++)
            servq_hist_release(&g->dims[i].gap);
    servq_hist_release(&g->all.gap);
    servq_reliability_release(&g->rel);
    free(g->joint_a);
    free(g->joint_d);
    free(g->msa);
    free(g->mss);
    free(g->extra);
    free(g->w_item);
    free(g->w_dim);
    if (g->role_e)
        for (i = 0; i < ins->n_dims; i++) {
            servq_hist_release(&g->role_e[i]);
            servq_hist_release(&g->role_p[i]);
        }
    free(g->role_e);
    free(g->role_p);
    free(g->share);
    servq_features_free(g->feat);
    free(g->values);
    free(g->dims);
    free(g->joint);
    free(g->key);
    free(g);
}

size_t servq_key_parts(const struct servq_analysis *a)
{
    return a->opt.n_by + (a->opt.period != SERVQ_PERIOD_NONE);
}

size_t servq_group_limit(const struct servq_analysis *a)
{
    return a->group_cap && a->group_cap < a->opt.max_groups ? a->group_cap : a->opt.max_groups;
}

enum servq_status servq_analysis_cap_groups(struct servq_analysis *a, size_t max)
{
    if (max < 1)
        return SERVQ_ERR_ARG;
    a->group_cap = max;
    return a->n_groups - 1 > max ? SERVQ_ERR_LIMIT : SERVQ_OK;
}

void servq_analysis_free(struct servq_analysis *a)
{
    size_t i;

    if (!a)
        return;
    for (i = 0; i < a->n_groups; i++)
        servq_group_free(a->groups[i], a->ins, i == 0 ? 0 : servq_key_parts(a));
    if (a->by)
        for (i = 0; i < a->opt.n_by; i++)
            free(a->by[i]);
    free(a->by);
    free(a->by_cols);
    free(a->groups);
    free(a->table);
    free(a->joint_off);
    free(a->dim_scale);
    free(a->dim_per);
    free(a->all_per);
    free(a->dim_per_off);
    free(a->row_gap);
    free(a->row_e);
    free(a->row_p);
    free(a->row_has);
    free(a->row_share);
    free(a->row_msa);
    free(a->row_mss);
    free(a->row_has_msa);
    free(a->row_has_mss);
    free(a->extra_off);
    free(a->row_ans_e);
    free(a->row_ans_p);
    free(a->row_has_ans_e);
    free(a->row_has_ans_p);
    free(a->weight_name);
    free(a->feat_absent);
    for (i = 1; i < 4; i++)
        servq_group_free(a->role_groups[i], a->ins, 0);
    servq_buf_release(&a->keybuf);
    cJSON_Delete(a->targets);
    servq_reliability_row_release(&a->relrow);
    servq_response_release(&a->resp);
    servq_layout_free(a->layout);
    free(a);
}

struct group *servq_group_new(const struct servq_analysis *a, const char *key, size_t key_len)
{
    const struct servq_instrument *ins = a->ins;
    struct group *g = calloc(1, sizeof *g);

    if (!g)
        return NULL;
    g->key = servq_strndup(key, key_len);
    g->joint = calloc(a->joint_len, sizeof *g->joint);
    g->dims = calloc(ins->n_dims, sizeof *g->dims);
    g->share = calloc(ins->n_dims, sizeof *g->share);
    g->extra = calloc(a->extra_len ? a->extra_len : 1, sizeof *g->extra);
    if (ins->measures[SERVQ_MEASURE_A]) {
        g->joint_a = calloc(a->joint_len, sizeof *g->joint_a);
        g->joint_d = calloc(a->joint_len, sizeof *g->joint_d);
        g->msa = calloc(ins->n_dims, sizeof *g->msa);
        g->mss = calloc(ins->n_dims, sizeof *g->mss);
        if (!g->joint_a || !g->joint_d || !g->msa || !g->mss)
            goto nomem;
    }
    if (a->opt.weight) {
        g->w_item = calloc(ins->n_items, sizeof *g->w_item);
        g->w_dim = calloc(ins->n_dims, sizeof *g->w_dim);
        if (!g->w_item || !g->w_dim)
            goto nomem;
    }
    if (!g->key || !g->joint || !g->dims || !g->share || !g->extra ||
        servq_reliability_init(&g->rel, ins) != SERVQ_OK ||
        servq_features_init(ins, &g->feat) != SERVQ_OK) {
    nomem:
        servq_group_free(g, ins, 0);
        return NULL;
    }
    return g;
}

static enum servq_status add_group(struct servq_analysis *a, struct group *g)
{
    if (a->n_groups == a->cap_groups) {
        size_t cap = a->cap_groups ? a->cap_groups * 2 : 8;
        struct group **ng = realloc(a->groups, cap * sizeof *ng);
        if (!ng)
            return SERVQ_ERR_NOMEM;
        a->groups = ng;
        a->cap_groups = cap;
    }
    a->groups[a->n_groups++] = g;
    return SERVQ_OK;
}

enum servq_status servq_make_role_groups(struct servq_analysis *a)
{
    size_t r, d;

    for (r = SERVQ_ROLE_CUSTOMER; r <= SERVQ_ROLE_STAFF; r++) {
        struct group *g = servq_group_new(a, "", 0);
        if (!g)
            return SERVQ_ERR_NOMEM;
        a->role_groups[r] = g;
        g->role_e = calloc(a->ins->n_dims, sizeof *g->role_e);
        g->role_p = calloc(a->ins->n_dims, sizeof *g->role_p);
        if (!g->role_e || !g->role_p)
            return SERVQ_ERR_NOMEM;
        for (d = 0; d < a->ins->n_dims; d++) {
            servq_hist_init(&g->role_e[d]);
            servq_hist_init(&g->role_p[d]);
        }
    }
    return SERVQ_OK;
}

enum servq_status servq_analysis_new(const struct servq_instrument *ins,
                                     const struct servq_analysis_options *o,
                                     struct servq_analysis **out)
{
    struct servq_analysis *a = calloc(1, sizeof *a);
    struct group *everyone;
    enum servq_status st = SERVQ_OK;

    if (!a)
        return SERVQ_ERR_NOMEM;
    a->ins = ins;
    servq_buf_init(&a->keybuf);
    SERVQ_TRY(copy_options(a, o));
    SERVQ_TRY(setup_scales(a));
    SERVQ_TRY(servq_response_init(&a->resp, ins));
    SERVQ_TRY(servq_reliability_row_init(&a->relrow, ins));
    a->row_gap = calloc(ins->n_dims, sizeof *a->row_gap);
    a->row_e = calloc(ins->n_dims, sizeof *a->row_e);
    a->row_p = calloc(ins->n_dims, sizeof *a->row_p);
    a->row_has = calloc(ins->n_dims, sizeof *a->row_has);
    a->row_share = calloc(ins->n_dims, sizeof *a->row_share);
    a->row_msa = calloc(ins->n_dims, sizeof *a->row_msa);
    a->row_mss = calloc(ins->n_dims, sizeof *a->row_mss);
    a->row_has_msa = calloc(ins->n_dims, sizeof *a->row_has_msa);
    a->row_has_mss = calloc(ins->n_dims, sizeof *a->row_has_mss);
    if (!a->row_gap || !a->row_e || !a->row_p || !a->row_has || !a->row_share ||
        !a->row_msa || !a->row_mss || !a->row_has_msa || !a->row_has_mss) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    a->weight_col = -1;
    a->row_ans_e = calloc(ins->n_dims, sizeof *a->row_ans_e);
    a->row_ans_p = calloc(ins->n_dims, sizeof *a->row_ans_p);
    a->row_has_ans_e = calloc(ins->n_dims, sizeof *a->row_has_ans_e);
    a->row_has_ans_p = calloc(ins->n_dims, sizeof *a->row_has_ans_p);
    a->feat_absent = calloc(servq_n_features + 1, sizeof *a->feat_absent);
    if (!a->row_ans_e || !a->row_ans_p || !a->row_has_ans_e || !a->row_has_ans_p ||
        !a->feat_absent) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    if (a->opt.compare_roles)
        SERVQ_TRY(servq_make_role_groups(a));
    everyone = servq_group_new(a, "", 0);
    if (!everyone) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    if ((st = add_group(a, everyone)) != SERVQ_OK) {
        servq_group_free(everyone, ins, 0);
        goto cleanup;
    }
    *out = a;
    a = NULL;
cleanup:
    servq_analysis_free(a);
    return st;
}

void servq_analysis_set_message_fn(struct servq_analysis *a, servq_message_fn fn, void *user)
{
    a->sink.fn = fn;
    a->sink.user = user;
}

unsigned long long servq_analysis_count(const struct servq_analysis *a)
{
    return a->rows;
}

static enum servq_status take_header(struct servq_analysis *a, const struct servq_record *rec)
{
    char err[512];
    enum servq_status st;
    size_t i;

    st = servq_layout_new(a->ins, rec, &a->layout, err, sizeof err);
    if (st == SERVQ_ERR_DATA)
        say(a, at(rec->line, 0), "%s", err);
    if (st != SERVQ_OK)
        return st;
    for (i = 0; i < a->opt.n_by; i++) {
        a->by_cols[i] = servq_layout_find_column(a->layout, a->by[i]);
        if (a->by_cols[i] < 0) {
            say(a, at(rec->line, 0), "no column '%s' to group by", a->by[i]);
            return SERVQ_ERR_DATA;
        }
    }
    if (a->opt.compare_roles && a->layout->role_col < 0) {
        say(a, at(rec->line, 0), "comparing roles needs a 'role' column");
        return SERVQ_ERR_DATA;
    }
    if (a->opt.weight) {
        a->weight_col = servq_layout_find_column(a->layout, a->opt.weight);
        if (a->weight_col < 0) {
            say(a, at(rec->line, 0), "no column '%s' of weights", a->opt.weight);
            return SERVQ_ERR_DATA;
        }
    }
    a->has_header = 1;
    a->has_importance = a->layout->has_importance;
    a->has_roles = a->layout->role_col >= 0;
    if (a->opt.period != SERVQ_PERIOD_NONE && a->layout->date_col < 0) {
        say(a, at(rec->line, 0), "grouping by period needs a 'date' column");
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}

/* ISO 8601 week-numbering year and week of a date. */
static void iso_week(int y, int m, int d, int *wy, int *wk)
{
    long days = servq_days_from_civil(y, m, d);
    int wday = (int)(((days % 7) + 7 + 3) % 7); /* Monday = 0 */
    long thursday = days - wday + 3;
    long jan1;
    int ty = y;

    /* The week belongs to the year its Thursday falls in. */
    if (thursday < servq_days_from_civil(y, 1, 1))
        ty = y - 1;
    else if (thursday >= servq_days_from_civil(y + 1, 1, 1))
        ty = y + 1;
    jan1 = servq_days_from_civil(ty, 1, 1);
    *wy = ty;
    *wk = (int)((thursday - jan1) / 7 + 1);
}

static enum servq_status period_label(const struct servq_analysis *a, char *out, size_t cap)
{
    const struct servq_response *r = &a->resp;
    int wy, wk;

    if (r->year == 0) {
        snprintf(out, cap, "none");
        return SERVQ_OK;
    }
    switch (a->opt.period) {
    case SERVQ_PERIOD_WEEK:
        iso_week(r->year, r->month, r->day, &wy, &wk);
        snprintf(out, cap, "%04d-W%02d", wy, wk);
        break;
    case SERVQ_PERIOD_MONTH:
        snprintf(out, cap, "%04d-%02d", r->year, r->month);
        break;
    case SERVQ_PERIOD_QUARTER:
        snprintf(out, cap, "%04d-Q%d", r->year, (r->month - 1) / 3 + 1);
        break;
    case SERVQ_PERIOD_NONE:
        out[0] = '\0';
        break;
    }
    return SERVQ_OK;
}

/*
 * The group key: the --by values and the period, each ended by \x1f. A
 * value holding that byte (or a NUL) would shift the parts, and one that is
 * not UTF-8 cannot go into the JSON document, so they are refused: *bad is
 * then its index in --by, and *why says what is wrong.
 */
static enum servq_status build_key(struct servq_analysis *a, size_t *bad, const char **why)
{
    char period[32];
    size_t i;

    servq_buf_clear(&a->keybuf);
    for (i = 0; i < a->opt.n_by; i++) {
        const struct servq_field *f = &a->resp.fields[a->by_cols[i]];
        *bad = i;
        if (memchr(f->data, '\x1f', f->len) || memchr(f->data, '\0', f->len)) {
            *why = "holds a control byte that cannot be part of a group";
            return SERVQ_ERR_DATA;
        }
        if (!servq_utf8_valid(f->data, f->len)) {
            *why = "is not UTF-8";
            return SERVQ_ERR_DATA;
        }
        if (servq_buf_add(&a->keybuf, f->data, f->len) != SERVQ_OK ||
            servq_buf_addc(&a->keybuf, '\x1f') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    if (a->opt.period != SERVQ_PERIOD_NONE) {
        period_label(a, period, sizeof period);
        if (servq_buf_adds(&a->keybuf, period) != SERVQ_OK ||
            servq_buf_addc(&a->keybuf, '\x1f') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

static enum servq_status rehash(struct servq_analysis *a)
{
    size_t cap = a->table_cap ? a->table_cap * 2 : 64, i;
    size_t *t = calloc(cap, sizeof *t);

    if (!t)
        return SERVQ_ERR_NOMEM;
    for (i = 1; i < a->n_groups; i++) {
        const char *k = a->groups[i]->key;
        size_t s = (size_t)servq_hash64(k, strlen(k), 0) & (cap - 1);
        while (t[s])
            s = (s + 1) & (cap - 1);
        t[s] = i + 1;
    }
    free(a->table);
    a->table = t;
    a->table_cap = cap;
    return SERVQ_OK;
}

static enum servq_status split_key_values(struct servq_analysis *a, struct group *g)
{
    size_t parts = servq_key_parts(a), i;
    const char *p = g->key;

    g->values = calloc(parts, sizeof *g->values);
    if (!g->values)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < parts; i++) {
        const char *e = strchr(p, '\x1f');
        g->values[i] = servq_strndup(p, (size_t)(e - p));
        if (!g->values[i])
            return SERVQ_ERR_NOMEM;
        p = e + 1;
    }
    return SERVQ_OK;
}

enum servq_status servq_find_group(struct servq_analysis *a, struct group **out)
{
    const char *key = a->keybuf.data;
    size_t len = a->keybuf.len, s;
    struct group *g;
    enum servq_status st;

    if (a->table_cap) {
        s = (size_t)servq_hash64(key, len, 0) & (a->table_cap - 1);
        while (a->table[s]) {
            g = a->groups[a->table[s] - 1];
            if (strcmp(g->key, key) == 0) {
                *out = g;
                return SERVQ_OK;
            }
            s = (s + 1) & (a->table_cap - 1);
        }
    }
    if (a->n_groups - 1 >= servq_group_limit(a))
        return SERVQ_ERR_LIMIT;
    g = servq_group_new(a, key, len);
    if (!g)
        return SERVQ_ERR_NOMEM;
    if ((st = split_key_values(a, g)) != SERVQ_OK || (st = add_group(a, g)) != SERVQ_OK) {
        servq_group_free(g, a->ins, servq_key_parts(a));
        return st;
    }
    if (a->n_groups * 2 > a->table_cap)
        return (st = rehash(a)) == SERVQ_OK ? (*out = g, SERVQ_OK) : st;
    s = (size_t)servq_hash64(key, len, 0) & (a->table_cap - 1);
    while (a->table[s])
        s = (s + 1) & (a->table_cap - 1);
    a->table[s] = a->n_groups;
    *out = g;
    return SERVQ_OK;
}

/* Computes this respondent's scaled dimension scores into the row scratch. */
static void score_row(struct servq_analysis *a, int64_t *all_gap, int64_t *all_e,
                      int64_t *all_p, int *all_has)
{
    const struct servq_instrument *ins = a->ins;
    size_t d, n_have = 0;
    int64_t se[SERVQ_MAX_DIMENSIONS], sp[SERVQ_MAX_DIMENSIONS];
    size_t m[SERVQ_MAX_DIMENSIONS];

    servq_response_dimension_sums(ins, &a->resp, m, se, sp);
    *all_gap = *all_e = *all_p = 0;
    for (d = 0; d < ins->n_dims; d++) {
        int64_t f;
        a->row_has[d] = m[d] > 0;
        if (!m[d])
            continue;
        f = dim_per(a, d, m[d]);
        a->row_e[d] = se[d] * f;
        a->row_p[d] = sp[d] * f;
        a->row_gap[d] = (sp[d] - se[d]) * f;
        n_have++;
    }
    *all_has = n_have > 0;
    for (d = 0; d < ins->n_dims && n_have; d++) {
        int64_t f;
        if (!a->row_has[d])
            continue;
        f = a->all_per[(n_have - 1) * ins->n_dims + d];
        *all_gap += a->row_gap[d] * f;
        *all_e += a->row_e[d] * f;
        *all_p += a->row_p[d] * f;
    }
}

/*
 * llround(x * FIXED_SCALE) without the call, for every row: below 2^62 the
 * truncated integer t and the fraction y - t are exact, so rounding half
 * away from zero is a comparison.
 */
static int64_t to_fixed(double x)
{
    double y = x * (double)FIXED_SCALE, frac;
    int64_t t;

    if (!(fabs(y) < 0x1p62))
        return (int64_t)llround(y);
    t = (int64_t)y;
    frac = y - (double)t;
    return frac >= 0.5 ? t + 1 : frac <= -0.5 ? t - 1 : t;
}

/*
 * Importance shares (points / total points) and the weighted score: the
 * dimensions the respondent both rated and gave points to, with the points
 * renormalised over those dimensions (as servq score does).
 */
static void importance_row(struct servq_analysis *a)
{
    const struct servq_instrument *ins = a->ins;
    double total = 0, num = 0, den = 0;
    size_t d;

    a->row_has_wsq = 0;
    for (d = 0; d < ins->n_dims; d++)
        if (a->resp.importance[d] > 0)
            total += a->resp.importance[d];
    for (d = 0; d < ins->n_dims; d++) {
        double pts = a->resp.importance[d];
        a->row_share[d] = total > 0 ? to_fixed((pts > 0 ? pts : 0) / total) : -1;
        if (pts < 0 || !a->row_has[d])
            continue;
        num += pts * ((double)a->row_gap[d] / (double)a->dim_scale[d]);
        den += pts;
    }
    if (den > 0) {
        a->row_wsq = to_fixed(num / den);
        a->row_has_wsq = 1;
    }
}

static void group_add_importance(const struct servq_analysis *a, struct group *g)
{
    size_t d;

    for (d = 0; d < a->ins->n_dims; d++)
        if (a->row_share[d] >= 0)
            servq_moments_add(&g->share[d], a->row_share[d]);
    if (a->row_has_wsq)
        servq_moments_add(&g->wsq, a->row_wsq);
}

/* A respondent's mean of (P - other) per dimension, x dim_scale. */
static void tolerance_row(struct servq_analysis *a, enum servq_measure other, int64_t *q,
                          int *has)
{
    const struct servq_instrument *ins = a->ins;
    int64_t sum[SERVQ_MAX_DIMENSIONS];
    size_t m[SERVQ_MAX_DIMENSIONS], i, d;

    memset(sum, 0, ins->n_dims * sizeof *sum);
    memset(m, 0, ins->n_dims * sizeof *m);
    for (i = 0; i < ins->n_items; i++) {
        int16_t p = servq_rating(&a->resp, i, SERVQ_MEASURE_P);
        int16_t x = servq_rating(&a->resp, i, other);
        if (p == SERVQ_NA || x == SERVQ_NA)
            continue;
        d = ins->items[i].dim;
        sum[d] += p - x;
        m[d]++;
    }
    for (d = 0; d < ins->n_dims; d++) {
        has[d] = m[d] > 0;
        q[d] = m[d] ? sum[d] * dim_per(a, d, m[d]) : 0;
    }
}

/* A respondent's mean of the m ratings they gave per dimension, x dim_scale. */
static void answered_row(struct servq_analysis *a, enum servq_measure m, int64_t *q, int *has)
{
    const struct servq_instrument *ins = a->ins;
    int64_t sum[SERVQ_MAX_DIMENSIONS];
    size_t n[SERVQ_MAX_DIMENSIONS], i, d;

    memset(sum, 0, ins->n_dims * sizeof *sum);
    memset(n, 0, ins->n_dims * sizeof *n);
    for (i = 0; i < ins->n_items; i++) {
        int16_t x = servq_rating(&a->resp, i, m);
        if (x == SERVQ_NA)
            continue;
        d = ins->items[i].dim;
        sum[d] += x;
        n[d]++;
    }
    for (d = 0; d < ins->n_dims; d++) {
        has[d] = n[d] > 0;
        q[d] = n[d] ? sum[d] * dim_per(a, d, n[d]) : 0;
    }
}

static enum servq_status role_group_add_answered(const struct servq_analysis *a, struct group *g)
{
    size_t d;

    for (d = 0; d < a->ins->n_dims; d++) {
        if (a->row_has_ans_e[d] && servq_hist_add(&g->role_e[d], a->row_ans_e[d], 1) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        if (a->row_has_ans_p[d] && servq_hist_add(&g->role_p[d], a->row_ans_p[d], 1) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

/*
 * The row's weight: the reserved column is parsed already; others here.
 * Weights are squared and summed: within [1e-100, 1e100] every such sum of
 * 2^64 rows stays a finite, normal double.
 */
static int row_weight(struct servq_analysis *a, const struct servq_record *rec, char *err,
                      size_t errlen)
{
    const struct servq_field *f = &rec->fields[a->weight_col];
    char shown[200];
    double w;

    if (a->weight_col == a->layout->weight_col) {
        w = a->resp.weight;
    } else if (servq_parse_double(f->data, f->len, '.', &w) != 0 || !(w > 0)) {
        snprintf(err, errlen, "column '%s': '%s' is not a positive weight", a->opt.weight,
                 servq_show_cell(f->data, f->len, 40, shown, sizeof shown));
        return -1;
    }
    if (!(w >= 1e-100 && w <= 1e100)) {
        snprintf(err, errlen, "column '%s': weight '%s' is outside 1e-100 to 1e100",
                 a->opt.weight, servq_show_cell(f->data, f->len, 40, shown, sizeof shown));
        return -1;
    }
    a->row_weight = w;
    return 0;
}

static void group_add_weighted(const struct servq_analysis *a, struct group *g, int64_t all_gap,
                               int64_t all_e, int64_t all_p, int all_has)
{
    const struct servq_instrument *ins = a->ins;
    double w = a->row_weight, L;
    size_t i, d;

    servq_wmoments_add(&g->w_group, w, 0, 0, 0);
    for (i = 0; i < ins->n_items; i++) {
        int16_t e = servq_rating(&a->resp, i, SERVQ_MEASURE_E);
        int16_t p = servq_rating(&a->resp, i, SERVQ_MEASURE_P);
        if (e != SERVQ_NA && p != SERVQ_NA)
            servq_wmoments_add(&g->w_item[i], w, p - e, e, p);
    }
    for (d = 0; d < ins->n_dims; d++) {
        if (!a->row_has[d])
            continue;
        L = (double)a->dim_scale[d];
        servq_wmoments_add(&g->w_dim[d], w, (double)a->row_gap[d] / L, (double)a->row_e[d] / L,
                           (double)a->row_p[d] / L);
    }
    if (all_has) {
        L = (double)a->all_scale;
        servq_wmoments_add(&g->w_all, w, (double)all_gap / L, (double)all_e / L,
                           (double)all_p / L);
    }
}

/* Counts a rating in a joint histogram of (other, P) laid out like joint. */
static void joint_add(uint64_t *joint, size_t k, int min, int16_t other, int16_t p)
{
    size_t oi = other == SERVQ_NA ? k : (size_t)(other - min);
    size_t pi = p == SERVQ_NA ? k : (size_t)(p - min);

    joint[oi * (k + 1) + pi]++;
}

static void group_add_tolerance(const struct servq_analysis *a, struct group *g)
{
    const struct servq_instrument *ins = a->ins;
    size_t i, d;

    for (i = 0; i < ins->n_items; i++) {
        size_t k = servq_item_points(ins, i);
        int16_t p = servq_rating(&a->resp, i, SERVQ_MEASURE_P);
        joint_add(g->joint_a + a->joint_off[i], k, ins->items[i].min,
                  servq_rating(&a->resp, i, SERVQ_MEASURE_A), p);
        joint_add(g->joint_d + a->joint_off[i], k, ins->items[i].min,
                  servq_rating(&a->resp, i, SERVQ_MEASURE_D), p);
    }
    for (d = 0; d < ins->n_dims; d++) {
        if (a->row_has_msa[d])
            servq_moments_add(&g->msa[d], a->row_msa[d]);
        if (a->row_has_mss[d])
            servq_moments_add(&g->mss[d], a->row_mss[d]);
    }
}

static void group_add_extras(const struct servq_analysis *a, struct group *g)
{
    const struct servq_instrument *ins = a->ins;
    size_t x;

    for (x = 0; x < ins->n_extras; x++) {
        const struct servq_extra *e = &ins->extras[x];
        int16_t v = a->resp.extra[x];
        size_t points = (size_t)(e->max - e->min + 1);
        if (e->kind == SERVQ_EXTRA_TEXT)
            continue;
        g->extra[a->extra_off[x] + (v == SERVQ_NA ? points : (size_t)(v - e->min))]++;
    }
}

static enum servq_status dim_acc_add(struct dim_acc *acc, int64_t gap, int64_t e, int64_t p)
{
    servq_moments_add(&acc->e, e);
    servq_moments_add(&acc->p, p);
    return servq_hist_add(&acc->gap, gap, 1);
}

static enum servq_status group_add(struct servq_analysis *a, struct group *g, int64_t all_gap,
                                   int64_t all_e, int64_t all_p, int all_has)
{
    const struct servq_instrument *ins = a->ins;
    size_t i, d;
    enum servq_status st;

    g->n++;
    if (g->w_item)
        group_add_weighted(a, g, all_gap, all_e, all_p, all_has);
    if (g->role_e && role_group_add_answered(a, g) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    group_add_importance(a, g);
    group_add_extras(a, g);
    if (g->joint_a)
        group_add_tolerance(a, g);
    if ((st = servq_reliability_add(&g->rel, ins, &a->relrow)) != SERVQ_OK)
        return st;
    for (i = 0; i < ins->n_items; i++) {
        size_t k = servq_item_points(ins, i);
        int16_t e = servq_rating(&a->resp, i, SERVQ_MEASURE_E);
        int16_t p = servq_rating(&a->resp, i, SERVQ_MEASURE_P);
        size_t ei = e == SERVQ_NA ? k : (size_t)(e - ins->items[i].min);
        size_t pi = p == SERVQ_NA ? k : (size_t)(p - ins->items[i].min);
        g->joint[a->joint_off[i] + ei * (k + 1) + pi]++;
    }
    for (d = 0; d < ins->n_dims; d++)
        if (a->row_has[d] &&
            dim_acc_add(&g->dims[d], a->row_gap[d], a->row_e[d], a->row_p[d]) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    if (all_has && dim_acc_add(&g->all, all_gap, all_e, all_p) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    servq_features_add(g->feat, ins, &a->resp);
    return SERVQ_OK;
}

enum servq_status servq_analysis_add(struct servq_analysis *a, const struct servq_record *rec)
{
    char err[512];
    size_t bad_col = 0;
    const char *why = "";
    int64_t all_gap, all_e, all_p;
    int all_has;
    struct group *g;
    enum servq_status st;

    if (!a->layout)
        return take_header(a, rec);
    st = servq_response_parse(a->layout, rec, &a->resp, &bad_col, err, sizeof err);
    if (st == SERVQ_ERR_DATA) {
        say(a, at(rec->line, (unsigned long)bad_col + 1), "%s", err);
        return st;
    }
    if (st != SERVQ_OK)
        return st;
    a->rows++;
    if (a->resp.year)
        servq_dates_add(a, a->resp.year * 10000L + a->resp.month * 100L + a->resp.day);
    score_row(a, &all_gap, &all_e, &all_p, &all_has);
    importance_row(a);
    servq_reliability_row_set(&a->relrow, a->ins, &a->resp);
    if (a->ins->measures[SERVQ_MEASURE_A]) {
        tolerance_row(a, SERVQ_MEASURE_A, a->row_msa, a->row_has_msa);
        tolerance_row(a, SERVQ_MEASURE_D, a->row_mss, a->row_has_mss);
    }
    if (a->weight_col >= 0 && row_weight(a, rec, err, sizeof err) != 0) {
        say(a, at(rec->line, (unsigned long)a->weight_col + 1), "%s", err);
        return SERVQ_ERR_DATA;
    }
    a->role_counts[a->resp.role]++;
    if (a->role_groups[SERVQ_ROLE_CUSTOMER] && a->resp.role != SERVQ_ROLE_NONE) {
        answered_row(a, SERVQ_MEASURE_E, a->row_ans_e, a->row_has_ans_e);
        answered_row(a, SERVQ_MEASURE_P, a->row_ans_p, a->row_has_ans_p);
        st = group_add(a, a->role_groups[a->resp.role], all_gap, all_e, all_p, all_has);
        if (st != SERVQ_OK)
            return st;
    }
    /* Managers and staff answer about customers; they are not customers. */
    if (a->resp.role == SERVQ_ROLE_MANAGER || a->resp.role == SERVQ_ROLE_STAFF)
        return SERVQ_OK;
    if ((st = group_add(a, a->groups[0], all_gap, all_e, all_p, all_has)) != SERVQ_OK)
        return st;
    if (servq_key_parts(a) == 0)
        return SERVQ_OK;
    if ((st = build_key(a, &bad_col, &why)) != SERVQ_OK) {
        if (st == SERVQ_ERR_DATA) {
            const struct servq_field *f = &rec->fields[a->by_cols[bad_col]];
            say(a, at(rec->line, (unsigned long)a->by_cols[bad_col] + 1),
                "column '%s': '%s' %s", a->by[bad_col],
                servq_show_cell(f->data, f->len, 40, err, sizeof err), why);
        }
        return st;
    }
    st = servq_find_group(a, &g);
    if (st == SERVQ_ERR_LIMIT)
        say(a, (struct servq_where){rec->line, 0, SERVQ_LIMIT_GROUPS}, "more than %zu groups",
            servq_group_limit(a));
    if (st != SERVQ_OK)
        return st;
    return group_add(a, g, all_gap, all_e, all_p, all_has);
}

static int cmp_group(const void *x, const void *y)
{
    const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;

    return strcmp(a->key, b->key);
}

enum servq_status servq_analysis_settle(struct servq_analysis *a)
{
    size_t i;
    enum servq_status st;

    for (i = 0; i < a->n_groups; i++)
        if ((st = servq_reliability_settle(&a->groups[i]->rel, a->ins)) != SERVQ_OK)
            return st;
    for (i = 0; i < sizeof a->role_groups / sizeof *a->role_groups; i++)
        if (a->role_groups[i] &&
            (st = servq_reliability_settle(&a->role_groups[i]->rel, a->ins)) != SERVQ_OK)
            return st;
    return SERVQ_OK;
}

enum servq_status servq_analysis_result(struct servq_analysis *a, char **json)
{
    cJSON *root = NULL, *groups;
    struct item_dists ds;
    enum servq_status st = SERVQ_OK;
    size_t i;

    servq_dist_init(&ds.e, 1);
    servq_dist_init(&ds.p, 1);
    servq_dist_init(&ds.d, 1);
    if (!a->has_header) {
        say(a, SERVQ_NOWHERE, "no header row: the input is empty");
        st = SERVQ_ERR_DATA;
        goto cleanup;
    }
    if ((st = servq_analysis_settle(a)) != SERVQ_OK)
        goto cleanup;
    /* Sorting by key makes the document independent of row order. */
    if (a->n_groups > 2)
        qsort(a->groups + 1, a->n_groups - 1, sizeof *a->groups, cmp_group);
    if (rehash(a) != SERVQ_OK) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    root = cJSON_CreateObject();
    if (!root) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    cJSON_AddStringToObject(root, "schema", "servq.gap-analysis/1");
    cJSON_AddStringToObject(root, "generator", "servq");
    cJSON_AddItemToObject(root, "instrument", servq_instrument_json(a->ins));
    cJSON_AddItemToObject(root, "options", servq_options_json(a));
    cJSON_AddNumberToObject(root, "rows", (double)a->rows);
    if (a->date_first)
        cJSON_AddItemToObject(root, "dates", servq_dates_json(a));
    groups = cJSON_AddArrayToObject(root, "groups");
    for (i = 0; i < a->n_groups; i++)
        SERVQ_TRY(servq_group_json(a, a->groups[i], groups, &ds));
    if (a->has_roles)
        SERVQ_TRY(servq_roles_json(a, root, &ds));
    if (a->targets)
        a->targets_missed = servq_targets_json(a, cJSON_GetArrayItem(groups, 0), root);
    SERVQ_TRY(servq_mark_input(root));
    *json = servq_json_print(root, 1);
    if (!*json)
        st = SERVQ_ERR_NOMEM;
cleanup:
    servq_dist_release(&ds.e);
    servq_dist_release(&ds.p);
    servq_dist_release(&ds.d);
    cJSON_Delete(root);
    return st;
}

size_t servq_analysis_targets_missed(const struct servq_analysis *a)
{
    return a->targets_missed;
}

static enum servq_status targets_fail(char *err, size_t errlen, enum servq_status st,
                                      const char *what, const char *name)
{
    if (err && errlen)
        snprintf(err, errlen, "%s '%.64s'", what, name);
    return st;
}

/* Checks that every key of a {"id": number} object names a known id. */
static enum servq_status check_target_ids(const cJSON *o, const struct servq_instrument *ins,
                                          int items, char *err, size_t errlen)
{
    const cJSON *e;

    if (!o)
        return SERVQ_OK;
    if (!cJSON_IsObject(o))
        return targets_fail(err, errlen, SERVQ_ERR_INSTRUMENT, "not an object:",
                            items ? "items" : "dimensions");
    cJSON_ArrayForEach(e, o)
    {
        long idx = items ? servq_instrument_find_item(ins, e->string)
                         : servq_instrument_find_dimension(ins, e->string);
        if (!cJSON_IsNumber(e))
            return targets_fail(err, errlen, SERVQ_ERR_INSTRUMENT, "target is not a number:",
                                e->string);
        if (idx < 0)
            return targets_fail(err, errlen, SERVQ_ERR_INSTRUMENT,
                                items ? "no such item in the instrument:"
                                      : "no such dimension in the instrument:",
                                e->string);
    }
    return SERVQ_OK;
}

static int has_extra(const struct servq_instrument *ins, enum servq_extra_kind kind)
{
    size_t x;

    for (x = 0; x < ins->n_extras; x++)
        if (ins->extras[x].kind == kind)
            return 1;
    return 0;
}

enum servq_status servq_targets_check(const struct servq_analysis *a, const struct servq_json *j,
                                      const cJSON *t, char *err, size_t errlen)
{
    static const char *const keys[] = {"schema", "sq",         "wsq",   "nps",
                                       "csat",   "dimensions", "items", NULL};
    const cJSON *e, *schema = cJSON_GetObjectItemCaseSensitive(t, "schema");
    enum servq_status st = SERVQ_OK;
    size_t i;

    if (!cJSON_IsObject(t) ||
        (schema && (!cJSON_IsString(schema) ||
                    strcmp(schema->valuestring, "servq.targets/1") != 0))) {
        servq_schema_error(t, "servq.targets/1", err, errlen);
        return SERVQ_ERR_SCHEMA;
    }
    if (servq_json_check_keys(j, t, keys, NULL, "the targets", err, errlen))
        return SERVQ_ERR_INSTRUMENT;
    cJSON_ArrayForEach(e, t)
    {
        /* The scalar targets: sq, wsq, nps, csat. */
        for (i = 1; i <= 4; i++)
            if (strcmp(e->string, keys[i]) == 0 && !cJSON_IsNumber(e))
                return targets_fail(err, errlen, SERVQ_ERR_INSTRUMENT, "target is not a number:",
                                    e->string);
        if ((strcmp(e->string, "nps") == 0 && !has_extra(a->ins, SERVQ_EXTRA_NPS)) ||
            (strcmp(e->string, "csat") == 0 && !has_extra(a->ins, SERVQ_EXTRA_CSAT)))
            return targets_fail(err, errlen, SERVQ_ERR_INSTRUMENT,
                                "the instrument has no such item for the target", e->string);
    }
    SERVQ_TRY(check_target_ids(cJSON_GetObjectItemCaseSensitive(t, "dimensions"), a->ins, 0,
                               err, errlen));
    SERVQ_TRY(check_target_ids(cJSON_GetObjectItemCaseSensitive(t, "items"), a->ins, 1, err,
                               errlen));
cleanup:
    return st;
}

enum servq_status servq_analysis_set_targets(struct servq_analysis *a, const char *json,
                                             size_t len)
{
    struct servq_json j;
    char err[512] = "";
    enum servq_status st;

    st = servq_json_load(&j, json, len, 0, err, sizeof err);
    if (st == SERVQ_OK)
        st = servq_targets_check(a, &j, j.root, err, sizeof err);
    if (st == SERVQ_OK) {
        cJSON_Delete(a->targets);
        a->targets = servq_json_steal(&j);
    } else {
        say(a, SERVQ_NOWHERE, "%s", err[0] ? err : servq_strerror(st));
    }
    servq_json_release(&j);
    return st;
}
