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

#include "hist-priv.h"
#include "instrument-priv.h"
#include "ranktests-priv.h"
#include "reliability-priv.h"
#include "responses-priv.h"
#include "stats-priv.h"
#include "util-priv.h"

/* Scaled scores must keep sums of squares inside 128 bits for 1e9 rows. */
#define MAX_SCALE ((int64_t)1 << 40)

struct dim_acc {
    struct servq_hist gap;       /* respondent dimension gap x scale */
    struct servq_moments e, p;   /* respondent dimension E and P x scale */
};

struct group {
    char *key;        /* key values joined by '\x1f', for lookup */
    char **values;    /* one per key part */
    uint64_t n;       /* respondents */
    uint64_t *joint;  /* per item, (points+1)^2 counts; index points = missing */
    struct dim_acc *dims;
    struct dim_acc all;
    /* Importance: shares per dimension and the weighted index, in fixed point. */
    struct servq_moments *share;
    struct servq_moments wsq;
    struct servq_reliability rel;
};

/*
 * Importance points need not be integers, so shares and weighted scores are
 * rounded to multiples of 2^-40 per respondent; the sums of those integers
 * stay exact, which keeps results independent of row order and sharding.
 */
#define FIXED_SCALE ((int64_t)1 << 40)

struct servq_analysis {
    const struct servq_instrument *ins;
    struct servq_analysis_options opt;
    char **by;                  /* owned copies of opt.by */
    servq_message_fn msg_fn;
    void *msg_user;

    struct servq_layout *layout;
    long *by_cols;              /* field index of each --by column */
    struct servq_response resp;

    size_t *joint_off;          /* offset of each item's joint histogram */
    size_t joint_len;
    int64_t *dim_scale;         /* lcm(1..items in dimension) */
    int64_t all_scale;          /* lcm(1..dimensions) x lcm(dim scales) */

    struct group **groups;      /* groups[0] is everyone */
    size_t n_groups, cap_groups;
    size_t *table;              /* open addressing: group index + 1, 0 = empty */
    size_t table_cap;

    /* per-row scratch */
    int64_t *row_gap, *row_e, *row_p;
    int *row_has;
    int64_t *row_share;  /* fixed-point importance shares, or -1 */
    int64_t row_wsq;     /* fixed-point weighted score */
    int row_has_wsq;
    struct servq_reliability_row relrow;
    struct servq_buf keybuf;
    unsigned long long rows;
};

static void message(struct servq_analysis *a, unsigned long long line, unsigned long column,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void message(struct servq_analysis *a, unsigned long long line, unsigned long column,
                    const char *fmt, ...)
{
    struct servq_message m;
    char text[512];
    va_list ap;

    if (!a->msg_fn)
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    m.level = SERVQ_LEVEL_ERROR;
    m.line = line;
    m.column = column;
    m.text = text;
    a->msg_fn(&m, a->msg_user);
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

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* lcm(a, b), or -1 when it would pass MAX_SCALE. */
static int64_t lcm_bounded(int64_t a, int64_t b)
{
    int64_t g = gcd64(a, b), q = a / g;

    if (q > MAX_SCALE / b)
        return -1;
    return q * b;
}

static int64_t lcm_upto(size_t k)
{
    int64_t l = 1;
    size_t i;

    for (i = 2; i <= k && l > 0; i++)
        l = lcm_bounded(l, (int64_t)i);
    return l;
}

static size_t item_points(const struct servq_instrument *ins, size_t i)
{
    return (size_t)(ins->items[i].max - ins->items[i].min + 1);
}

static enum servq_status setup_scales(struct servq_analysis *a)
{
    const struct servq_instrument *ins = a->ins;
    int64_t dims_lcm = 1;
    size_t i;

    a->joint_off = malloc(ins->n_items * sizeof *a->joint_off);
    a->dim_scale = malloc(ins->n_dims * sizeof *a->dim_scale);
    if (!a->joint_off || !a->dim_scale)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_items; i++) {
        size_t k = item_points(ins, i) + 1;
        a->joint_off[i] = a->joint_len;
        a->joint_len += k * k;
    }
    for (i = 0; i < ins->n_dims; i++) {
        a->dim_scale[i] = lcm_upto(ins->dims[i].n_items);
        if (a->dim_scale[i] < 0)
            return SERVQ_ERR_LIMIT;
        dims_lcm = lcm_bounded(dims_lcm, a->dim_scale[i]);
        if (dims_lcm < 0)
            return SERVQ_ERR_LIMIT;
    }
    /*
     * An overall score is (1/k) sum(q_d / scale_d) for the k dimensions a
     * respondent has, so the scale must be a multiple of every k x scale_d.
     */
    a->all_scale = lcm_upto(ins->n_dims);
    if (a->all_scale < 0 || a->all_scale > MAX_SCALE / dims_lcm)
        return SERVQ_ERR_LIMIT;
    a->all_scale *= dims_lcm;
    /* Scores stay within +-(range x scale); keep that far from int64 limits. */
    for (i = 0; i < ins->n_items; i++)
        if ((int64_t)item_points(ins, i) > MAX_SCALE / a->all_scale)
            return SERVQ_ERR_LIMIT;
    return SERVQ_OK;
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
    return SERVQ_OK;
}

static void group_free(struct group *g, const struct servq_instrument *ins, size_t n_values)
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
    free(g->share);
    free(g->values);
    free(g->dims);
    free(g->joint);
    free(g->key);
    free(g);
}

static size_t key_parts(const struct servq_analysis *a)
{
    return a->opt.n_by + (a->opt.period != SERVQ_PERIOD_NONE);
}

void servq_analysis_free(struct servq_analysis *a)
{
    size_t i;

    if (!a)
        return;
    for (i = 0; i < a->n_groups; i++)
        group_free(a->groups[i], a->ins, i == 0 ? 0 : key_parts(a));
    if (a->by)
        for (i = 0; i < a->opt.n_by; i++)
            free(a->by[i]);
    free(a->by);
    free(a->by_cols);
    free(a->groups);
    free(a->table);
    free(a->joint_off);
    free(a->dim_scale);
    free(a->row_gap);
    free(a->row_e);
    free(a->row_p);
    free(a->row_has);
    free(a->row_share);
    servq_buf_release(&a->keybuf);
    servq_reliability_row_release(&a->relrow);
    servq_response_release(&a->resp);
    servq_layout_free(a->layout);
    free(a);
}

static struct group *group_new(const struct servq_analysis *a, const char *key, size_t key_len)
{
    const struct servq_instrument *ins = a->ins;
    struct group *g = calloc(1, sizeof *g);

    if (!g)
        return NULL;
    g->key = servq_strndup(key, key_len);
    g->joint = calloc(a->joint_len, sizeof *g->joint);
    g->dims = calloc(ins->n_dims, sizeof *g->dims);
    g->share = calloc(ins->n_dims, sizeof *g->share);
    if (!g->key || !g->joint || !g->dims || !g->share ||
        servq_reliability_init(&g->rel, ins) != SERVQ_OK) {
        group_free(g, ins, 0);
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
    if (!a->row_gap || !a->row_e || !a->row_p || !a->row_has || !a->row_share) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    everyone = group_new(a, "", 0);
    if (!everyone) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    if ((st = add_group(a, everyone)) != SERVQ_OK) {
        group_free(everyone, ins, 0);
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
    a->msg_fn = fn;
    a->msg_user = user;
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
        message(a, rec->line, 0, "%s", err);
    if (st != SERVQ_OK)
        return st;
    for (i = 0; i < a->opt.n_by; i++) {
        a->by_cols[i] = servq_layout_find_column(a->layout, a->by[i]);
        if (a->by_cols[i] < 0) {
            message(a, rec->line, 0, "no column '%s' to group by", a->by[i]);
            return SERVQ_ERR_DATA;
        }
    }
    if (a->opt.period != SERVQ_PERIOD_NONE && a->layout->date_col < 0) {
        message(a, rec->line, 0, "grouping by period needs a 'date' column");
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(int y, int m, int d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ISO 8601 week-numbering year and week of a date. */
static void iso_week(int y, int m, int d, int *wy, int *wk)
{
    long days = days_from_civil(y, m, d);
    int wday = (int)(((days % 7) + 7 + 3) % 7); /* Monday = 0 */
    long thursday = days - wday + 3;
    long jan1;
    int ty = y;

    /* The week belongs to the year its Thursday falls in. */
    if (thursday < days_from_civil(y, 1, 1))
        ty = y - 1;
    else if (thursday >= days_from_civil(y + 1, 1, 1))
        ty = y + 1;
    jan1 = days_from_civil(ty, 1, 1);
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

static enum servq_status build_key(struct servq_analysis *a)
{
    char period[32];
    size_t i;

    servq_buf_clear(&a->keybuf);
    for (i = 0; i < a->opt.n_by; i++) {
        const struct servq_field *f = &a->resp.fields[a->by_cols[i]];
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
    size_t parts = key_parts(a), i;
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

static enum servq_status find_group(struct servq_analysis *a, struct group **out)
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
    if (a->n_groups - 1 >= a->opt.max_groups)
        return SERVQ_ERR_LIMIT;
    g = group_new(a, key, len);
    if (!g)
        return SERVQ_ERR_NOMEM;
    if ((st = split_key_values(a, g)) != SERVQ_OK || (st = add_group(a, g)) != SERVQ_OK) {
        group_free(g, a->ins, key_parts(a));
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
        f = a->dim_scale[d] / (int64_t)m[d];
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
        f = a->all_scale / ((int64_t)n_have * a->dim_scale[d]);
        *all_gap += a->row_gap[d] * f;
        *all_e += a->row_e[d] * f;
        *all_p += a->row_p[d] * f;
    }
}

static int64_t to_fixed(double x)
{
    return (int64_t)llround(x * (double)FIXED_SCALE);
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

    g->n++;
    group_add_importance(a, g);
    if (servq_reliability_add(&g->rel, ins, &a->relrow) != SERVQ_OK)
        return SERVQ_ERR_LIMIT;
    for (i = 0; i < ins->n_items; i++) {
        size_t k = item_points(ins, i);
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
    return SERVQ_OK;
}

enum servq_status servq_analysis_add(struct servq_analysis *a, const struct servq_record *rec)
{
    char err[512];
    size_t bad_col = 0;
    int64_t all_gap, all_e, all_p;
    int all_has;
    struct group *g;
    enum servq_status st;

    if (!a->layout)
        return take_header(a, rec);
    st = servq_response_parse(a->layout, rec, &a->resp, &bad_col, err, sizeof err);
    if (st == SERVQ_ERR_DATA) {
        message(a, rec->line, (unsigned long)bad_col + 1, "%s", err);
        return st;
    }
    if (st != SERVQ_OK)
        return st;
    a->rows++;
    score_row(a, &all_gap, &all_e, &all_p, &all_has);
    importance_row(a);
    servq_reliability_row_set(&a->relrow, a->ins, &a->resp);
    if ((st = group_add(a, a->groups[0], all_gap, all_e, all_p, all_has)) != SERVQ_OK)
        return st;
    if (key_parts(a) == 0)
        return SERVQ_OK;
    if ((st = build_key(a)) != SERVQ_OK)
        return st;
    st = find_group(a, &g);
    if (st == SERVQ_ERR_LIMIT)
        message(a, rec->line, 0, "more than %zu groups; raise --max-groups or group by less",
                a->opt.max_groups);
    if (st != SERVQ_OK)
        return st;
    return group_add(a, g, all_gap, all_e, all_p, all_has);
}

/* ---- results ---- */

static void add_number(cJSON *o, const char *name, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, name, v);
    else
        cJSON_AddNullToObject(o, name);
}

static void add_summary(cJSON *o, const struct servq_summary *s, const char *mean_name,
                        const char *sd_name)
{
    cJSON *ci;

    add_number(o, mean_name, s->mean);
    add_number(o, sd_name, s->sd);
    if (isfinite(s->ci_low)) {
        ci = cJSON_AddArrayToObject(o, "ci");
        cJSON_AddItemToArray(ci, cJSON_CreateNumber(s->ci_low));
        cJSON_AddItemToArray(ci, cJSON_CreateNumber(s->ci_high));
    } else {
        cJSON_AddNullToObject(o, "ci");
    }
    add_number(o, "t", s->t);
    add_number(o, "df", s->df);
    add_number(o, "p_t", s->p);
    if (s->note)
        cJSON_AddStringToObject(o, "note", s->note);
}

/* Marginal and difference distributions of one item's joint histogram. */
struct item_dists {
    struct servq_dist e, p, d;
    uint64_t n_e, n_p;
};

static enum servq_status item_dists(const struct servq_analysis *a, const struct group *g,
                                    size_t i, struct item_dists *out)
{
    const struct servq_instrument *ins = a->ins;
    size_t k = item_points(ins, i), ei, pi;
    const uint64_t *j = g->joint + a->joint_off[i];
    int min = ins->items[i].min;
    long dd;

    servq_dist_clear(&out->e);
    servq_dist_clear(&out->p);
    servq_dist_clear(&out->d);
    out->n_e = out->n_p = 0;
    /* E and P over complete pairs, so the gap is exactly mean P - mean E. */
    for (ei = 0; ei < k; ei++) {
        uint64_t c = 0;
        for (pi = 0; pi < k; pi++)
            c += j[ei * (k + 1) + pi];
        out->n_e += c + j[ei * (k + 1) + k];
        if (servq_dist_push(&out->e, min + (long)ei, c) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    for (pi = 0; pi < k; pi++) {
        uint64_t c = 0;
        for (ei = 0; ei < k; ei++)
            c += j[ei * (k + 1) + pi];
        out->n_p += c + j[k * (k + 1) + pi];
        if (servq_dist_push(&out->p, min + (long)pi, c) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    for (dd = -(long)(k - 1); dd <= (long)(k - 1); dd++) {
        uint64_t c = 0;
        for (ei = 0; ei < k; ei++) {
            long p_idx = (long)ei + dd;
            if (p_idx >= 0 && p_idx < (long)k)
                c += j[ei * (k + 1) + (size_t)p_idx];
        }
        if (servq_dist_push(&out->d, dd, c) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

static double dist_mean(const struct servq_dist *d)
{
    struct servq_moments m;
    double mean, sd;

    servq_dist_moments(d, &m);
    servq_moments_mean_sd(&m, d->scale, &mean, &sd);
    return mean;
}

static enum servq_status wilcoxon_json(cJSON *o, const struct servq_dist *d)
{
    const char *note = NULL;
    double v, p;
    enum servq_status st = servq_wilcoxon_signed(d, &v, &p, &note);

    if (st != SERVQ_OK)
        return st;
    add_number(o, "v", v);
    add_number(o, "p_wilcoxon", p);
    if (note)
        cJSON_AddStringToObject(o, "note_wilcoxon", note);
    return SERVQ_OK;
}

/* Median and top-box shares of one measure ("e" or "p") of an item. */
static void add_distribution(cJSON *o, const struct servq_dist *d, const char *m, int max)
{
    char name[32];

    snprintf(name, sizeof name, "median_%s", m);
    add_number(o, name, servq_dist_median(d));
    snprintf(name, sizeof name, "top_box_%s", m);
    add_number(o, name, servq_dist_share_at_least(d, max));
    snprintf(name, sizeof name, "top_two_box_%s", m);
    add_number(o, name, servq_dist_share_at_least(d, max - 1));
}

static enum servq_status item_json(const struct servq_analysis *a, const struct group *g,
                                   size_t i, struct item_dists *ds, cJSON *items)
{
    const struct servq_instrument *ins = a->ins;
    struct servq_moments m;
    struct servq_summary s;
    cJSON *o = cJSON_CreateObject();
    enum servq_status st;

    if (!o)
        return SERVQ_ERR_NOMEM;
    cJSON_AddItemToArray(items, o);
    if ((st = item_dists(a, g, i, ds)) != SERVQ_OK)
        return st;
    servq_dist_moments(&ds->d, &m);
    if ((st = servq_summary_t(&m, 1, &s)) != SERVQ_OK)
        return st;
    cJSON_AddStringToObject(o, "id", ins->items[i].id);
    cJSON_AddStringToObject(o, "dimension", ins->dims[ins->items[i].dim].id);
    cJSON_AddNumberToObject(o, "n", (double)s.n);
    cJSON_AddNumberToObject(o, "n_e", (double)ds->n_e);
    cJSON_AddNumberToObject(o, "n_p", (double)ds->n_p);
    add_number(o, "mean_e", dist_mean(&ds->e));
    add_number(o, "mean_p", dist_mean(&ds->p));
    add_summary(o, &s, "gap", "sd_gap");
    add_number(o, "dz", s.sd > 0 ? s.mean / s.sd : NAN);
    if ((st = wilcoxon_json(o, &ds->d)) != SERVQ_OK)
        return st;
    add_distribution(o, &ds->e, "e", ins->items[i].max);
    add_distribution(o, &ds->p, "p", ins->items[i].max);
    return SERVQ_OK;
}

/* Figures for a dimension or the whole instrument from its accumulator. */
static enum servq_status acc_json(const struct dim_acc *acc, int64_t scale, cJSON *o,
                                  struct servq_dist *scratch)
{
    struct servq_moments m;
    struct servq_summary s;
    double mean, sd;
    enum servq_status st;

    scratch->scale = scale;
    if ((st = servq_hist_to_dist(&acc->gap, scratch)) != SERVQ_OK)
        return st;
    servq_dist_moments(scratch, &m);
    if ((st = servq_summary_t(&m, scale, &s)) != SERVQ_OK)
        return st;
    cJSON_AddNumberToObject(o, "n", (double)s.n);
    servq_moments_mean_sd(&acc->e, scale, &mean, &sd);
    add_number(o, "mean_e", mean);
    servq_moments_mean_sd(&acc->p, scale, &mean, &sd);
    add_number(o, "mean_p", mean);
    add_summary(o, &s, "gap", "sd_gap");
    add_number(o, "median_gap", servq_dist_median(scratch));
    return SERVQ_OK;
}

static void add_share(cJSON *dim, const struct servq_moments *m)
{
    double mean, sd;

    servq_moments_mean_sd(m, FIXED_SCALE, &mean, &sd);
    add_number(dim, "importance_share", mean);
    cJSON_AddNumberToObject(dim, "n_importance", (double)m->n);
}

/* The importance-weighted SERVQUAL index, or why there is none. */
static enum servq_status wsq_json(const struct servq_analysis *a, const struct group *g,
                                  cJSON *all)
{
    struct servq_summary s;
    cJSON *o;
    enum servq_status st;

    if (!a->layout->has_importance) {
        cJSON_AddNullToObject(all, "wsq");
        cJSON_AddStringToObject(all, "wsq_note",
                                "no importance columns: no weighted index (weights are never "
                                "invented)");
        return SERVQ_OK;
    }
    if ((st = servq_summary_t(&g->wsq, FIXED_SCALE, &s)) != SERVQ_OK)
        return st;
    o = cJSON_AddObjectToObject(all, "wsq");
    cJSON_AddNumberToObject(o, "n", (double)s.n);
    add_summary(o, &s, "mean", "sd");
    return SERVQ_OK;
}

static cJSON *key_json(const struct servq_analysis *a, const struct group *g)
{
    cJSON *k = cJSON_CreateObject();
    size_t i;

    if (!k || !g->values)
        return k;
    for (i = 0; i < a->opt.n_by; i++)
        cJSON_AddStringToObject(k, a->by[i], g->values[i]);
    if (a->opt.period != SERVQ_PERIOD_NONE)
        cJSON_AddStringToObject(k, "period", g->values[a->opt.n_by]);
    return k;
}

/* Adds the adjusted p-values of field across the items as out_name. */
static enum servq_status adjust_json(const struct servq_analysis *a, cJSON *items,
                                     const char *field, const char *out_name)
{
    size_t n = (size_t)cJSON_GetArraySize(items), i = 0;
    double *p = malloc((n ? n : 1) * sizeof *p);
    enum servq_status st;
    cJSON *e;

    if (!p)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, items)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, field);
        p[i++] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    }
    st = servq_p_adjust(p, n, a->opt.adjust, p);
    i = 0;
    cJSON_ArrayForEach(e, items)
    {
        if (st == SERVQ_OK)
            add_number(e, out_name, p[i]);
        i++;
    }
    free(p);
    return st;
}

static double field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/*
 * The service level: below expectations when the gap is significantly
 * negative, exceeding when significantly positive, inspiring when exceeding
 * and the top-box share passes the threshold, expected otherwise.
 */
static const char *service_level(const struct servq_analysis *a, double gap, double p,
                                 double top_box)
{
    int significant = isfinite(p) && p < a->opt.significance;

    if (!isfinite(gap))
        return NULL;
    if (significant && gap < 0)
        return "below";
    if (significant && gap > 0)
        return isfinite(top_box) && top_box > a->opt.inspiring_share ? "inspiring" : "exceeding";
    return "expected";
}

static void add_level(cJSON *o, const char *level)
{
    if (level)
        cJSON_AddStringToObject(o, "level", level);
    else
        cJSON_AddNullToObject(o, "level");
}

/* Items are judged on their adjusted p; dimensions and overall on their own. */
static void levels_json(const struct servq_analysis *a, cJSON *items, cJSON *dims, cJSON *all)
{
    cJSON *e, *d;

    cJSON_ArrayForEach(e, items)
    {
        add_level(e, service_level(a, field(e, "gap"), field(e, "p_adj"), field(e, "top_box_p")));
    }
    cJSON_ArrayForEach(d, dims)
    {
        double share = 0;
        size_t k = 0;
        const char *id = cJSON_GetObjectItemCaseSensitive(d, "id")->valuestring;
        cJSON_ArrayForEach(e, items)
        {
            double t = field(e, "top_box_p");
            if (strcmp(cJSON_GetObjectItemCaseSensitive(e, "dimension")->valuestring, id) == 0 &&
                isfinite(t)) {
                share += t;
                k++;
            }
        }
        add_level(d, service_level(a, field(d, "gap"), field(d, "p_t"), k ? share / k : NAN));
    }
    add_level(all, service_level(a, field(all, "gap"), field(all, "p_t"), NAN));
}

static const char *quadrant(double importance, double performance, double ci, double cp)
{
    if (importance >= ci)
        return performance < cp ? "concentrate_here" : "keep_up_the_good_work";
    return performance < cp ? "low_priority" : "possible_overkill";
}

/*
 * Importance-performance analysis (Martilla & James): importance is the
 * stated importance share of the item's dimension where respondents gave
 * points, else mean E; performance is mean P.
 */
static void ipa_json(const struct servq_analysis *a, cJSON *group, cJSON *items, cJSON *dims)
{
    const struct servq_instrument *ins = a->ins;
    int stated = a->layout->has_importance;
    double ci = 0, cp = 0, imp, perf;
    size_t k = 0, i = 0;
    cJSON *e, *info, *center;

    cJSON_ArrayForEach(e, items)
    {
        const struct servq_item *it = &ins->items[i++];
        imp = stated ? field(cJSON_GetArrayItem(dims, (int)it->dim), "importance_share")
                     : field(e, "mean_e");
        perf = field(e, "mean_p");
        add_number(e, "importance", imp);
        if (a->opt.ipa_center == SERVQ_IPA_SCALE) {
            ci += stated ? 1.0 / (double)ins->n_dims : (it->min + it->max) / 2.0;
            cp += (it->min + it->max) / 2.0;
            k++;
        } else if (isfinite(imp) && isfinite(perf)) {
            ci += imp;
            cp += perf;
            k++;
        }
    }
    if (k) {
        ci /= (double)k;
        cp /= (double)k;
    }
    cJSON_ArrayForEach(e, items)
    {
        imp = field(e, "importance");
        perf = field(e, "mean_p");
        if (k && isfinite(imp) && isfinite(perf))
            cJSON_AddStringToObject(e, "ipa", quadrant(imp, perf, ci, cp));
        else
            cJSON_AddNullToObject(e, "ipa");
    }
    info = cJSON_AddObjectToObject(group, "ipa");
    cJSON_AddStringToObject(info, "importance", stated ? "stated" : "mean_e");
    cJSON_AddStringToObject(info, "center", a->opt.ipa_center == SERVQ_IPA_SCALE ? "scale" : "data");
    center = cJSON_AddArrayToObject(info, "crosshairs");
    cJSON_AddItemToArray(center, cJSON_CreateNumber(k ? ci : 0));
    cJSON_AddItemToArray(center, cJSON_CreateNumber(k ? cp : 0));
}

static enum servq_status group_json(const struct servq_analysis *a, const struct group *g,
                                    cJSON *groups, struct item_dists *ds)
{
    const struct servq_instrument *ins = a->ins;
    cJSON *o = cJSON_CreateObject(), *items, *dims, *all, *dim, *warnings;
    enum servq_status st;
    size_t i;

    if (!o)
        return SERVQ_ERR_NOMEM;
    cJSON_AddItemToArray(groups, o);
    cJSON_AddItemToObject(o, "key", key_json(a, g));
    cJSON_AddNumberToObject(o, "n", (double)g->n);
    cJSON_AddBoolToObject(o, "low_base", g->n < 30);
    if (g->n < a->opt.min_n) {
        cJSON_AddBoolToObject(o, "suppressed", 1);
        return SERVQ_OK;
    }
    cJSON_AddBoolToObject(o, "suppressed", 0);
    items = cJSON_AddArrayToObject(o, "items");
    for (i = 0; i < ins->n_items; i++)
        if ((st = item_json(a, g, i, ds, items)) != SERVQ_OK)
            return st;
    if ((st = adjust_json(a, items, "p_t", "p_adj")) != SERVQ_OK ||
        (st = adjust_json(a, items, "p_wilcoxon", "p_adj_wilcoxon")) != SERVQ_OK)
        return st;
    dims = cJSON_AddArrayToObject(o, "dimensions");
    for (i = 0; i < ins->n_dims; i++) {
        dim = cJSON_CreateObject();
        cJSON_AddItemToArray(dims, dim);
        cJSON_AddStringToObject(dim, "id", ins->dims[i].id);
        if ((st = acc_json(&g->dims[i], a->dim_scale[i], dim, &ds->d)) != SERVQ_OK)
            return st;
        if (a->layout->has_importance)
            add_share(dim, &g->share[i]);
    }
    all = cJSON_AddObjectToObject(o, "overall");
    if ((st = acc_json(&g->all, a->all_scale, all, &ds->d)) != SERVQ_OK)
        return st;
    /* The unweighted SERVQUAL index is the overall mean gap. */
    cJSON_AddItemToObject(all, "sq", cJSON_Duplicate(cJSON_GetObjectItem(all, "gap"), 1));
    levels_json(a, items, dims, all);
    ipa_json(a, o, items, dims);
    warnings = cJSON_AddArrayToObject(o, "warnings");
    if ((st = servq_reliability_json(&g->rel, ins, a->opt.missing, dims, all, warnings)) !=
        SERVQ_OK)
        return st;
    return wsq_json(a, g, all);
}

static cJSON *i18n_json(const struct servq_i18n *t, const char *fallback)
{
    static const char *const codes[SERVQ_LANG_COUNT] = {"en", "es", "pt", "ru"};
    cJSON *o = cJSON_CreateObject();
    int l;

    for (l = 0; l < SERVQ_LANG_COUNT; l++)
        if (t->text[l])
            cJSON_AddStringToObject(o, codes[l], t->text[l]);
    if (!t->text[SERVQ_LANG_EN])
        cJSON_AddStringToObject(o, "en", fallback);
    return o;
}

static cJSON *instrument_json(const struct servq_instrument *ins)
{
    cJSON *o = cJSON_CreateObject(), *arr, *e, *scale;
    size_t i;

    cJSON_AddStringToObject(o, "id", ins->id);
    cJSON_AddStringToObject(o, "fingerprint", ins->fingerprint);
    cJSON_AddItemToObject(o, "name", i18n_json(&ins->name, ins->id));
    arr = cJSON_AddArrayToObject(o, "dimensions");
    for (i = 0; i < ins->n_dims; i++) {
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", ins->dims[i].id);
        cJSON_AddItemToObject(e, "name", i18n_json(&ins->dims[i].name, ins->dims[i].id));
    }
    arr = cJSON_AddArrayToObject(o, "items");
    for (i = 0; i < ins->n_items; i++) {
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", ins->items[i].id);
        cJSON_AddStringToObject(e, "dimension", ins->dims[ins->items[i].dim].id);
        scale = cJSON_AddObjectToObject(e, "scale");
        cJSON_AddNumberToObject(scale, "min", ins->items[i].min);
        cJSON_AddNumberToObject(scale, "max", ins->items[i].max);
        cJSON_AddItemToObject(e, "label", i18n_json(&ins->items[i].label, ins->items[i].id));
    }
    return o;
}

static const char *period_name(enum servq_period p)
{
    switch (p) {
    case SERVQ_PERIOD_WEEK: return "week";
    case SERVQ_PERIOD_MONTH: return "month";
    case SERVQ_PERIOD_QUARTER: return "quarter";
    case SERVQ_PERIOD_NONE: break;
    }
    return "none";
}

static cJSON *options_json(const struct servq_analysis *a)
{
    cJSON *o = cJSON_CreateObject(), *by = cJSON_AddArrayToObject(o, "by");
    size_t i;

    for (i = 0; i < a->opt.n_by; i++)
        cJSON_AddItemToArray(by, cJSON_CreateString(a->by[i]));
    static const char *const adjust[] = {"holm", "bh", "none"};

    cJSON_AddStringToObject(o, "period", period_name(a->opt.period));
    cJSON_AddNumberToObject(o, "min_n", a->opt.min_n);
    cJSON_AddStringToObject(o, "adjust", adjust[a->opt.adjust]);
    cJSON_AddStringToObject(o, "ipa_center", a->opt.ipa_center == SERVQ_IPA_SCALE ? "scale" : "data");
    cJSON_AddStringToObject(o, "missing",
                            a->opt.missing == SERVQ_MISSING_PAIRWISE ? "pairwise" : "listwise");
    cJSON_AddNumberToObject(o, "significance", a->opt.significance);
    cJSON_AddNumberToObject(o, "inspiring_share", a->opt.inspiring_share);
    return o;
}

static int cmp_group(const void *x, const void *y)
{
    const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;

    return strcmp(a->key, b->key);
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
    if (!a->layout) {
        message(a, 0, 0, "no header row: the input is empty");
        st = SERVQ_ERR_DATA;
        goto cleanup;
    }
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
    cJSON_AddItemToObject(root, "instrument", instrument_json(a->ins));
    cJSON_AddItemToObject(root, "options", options_json(a));
    cJSON_AddNumberToObject(root, "rows", (double)a->rows);
    groups = cJSON_AddArrayToObject(root, "groups");
    for (i = 0; i < a->n_groups; i++)
        SERVQ_TRY(group_json(a, a->groups[i], groups, &ds));
    *json = cJSON_Print(root);
    if (!*json)
        st = SERVQ_ERR_NOMEM;
cleanup:
    servq_dist_release(&ds.e);
    servq_dist_release(&ds.p);
    servq_dist_release(&ds.d);
    cJSON_Delete(root);
    return st;
}
