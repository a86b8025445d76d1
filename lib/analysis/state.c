/*
 * Gap-analysis states: every accumulator written as JSON, so shards of the
 * input can be analysed anywhere and merged. Integer accumulators are
 * written exactly (128-bit sums as decimal strings); merging adds them, so a
 * merged state finalizes to the same document as a single pass.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis-priv.h"
#include "common/date-priv.h"
#include "common/json-priv.h"

/*
 * Version 2 keeps the weighted moments centred (weighted-priv.h); version
 * 1 kept raw power sums. A version-1 state without --weight holds exactly
 * what version 2 would, so it is still read; one with weights is refused.
 */
#define SCHEMA_STATE "servq.gap-analysis-state/2"
#define SCHEMA_STATE_V1 "servq.gap-analysis-state/1"

/* ---- writing ---- */

static cJSON *i128_json(servq_i128 v)
{
    char buf[48], *p = buf + sizeof buf - 1;
    int neg = v < 0;
    /* Work on the magnitude as unsigned so INT128_MIN cannot overflow. */
    __extension__ unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;

    *p = '\0';
    do {
        *--p = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    return cJSON_CreateString(p);
}

static cJSON *u64_json(uint64_t v)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    return cJSON_CreateString(buf);
}

static cJSON *moments_json(const struct servq_moments *m)
{
    cJSON *a = cJSON_CreateArray();

    cJSON_AddItemToArray(a, u64_json(m->n));
    cJSON_AddItemToArray(a, i128_json(m->s1));
    cJSON_AddItemToArray(a, i128_json(m->s2));
    return a;
}

/* Non-zero counts only, as [[index, count], ...]: histograms are sparse. */
static cJSON *counts_json(const uint64_t *c, size_t n)
{
    cJSON *a = cJSON_CreateArray(), *pair;
    size_t i;

    for (i = 0; c && i < n; i++) {
        if (!c[i])
            continue;
        pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)i));
        cJSON_AddItemToArray(pair, u64_json(c[i]));
        cJSON_AddItemToArray(a, pair);
    }
    return a;
}

/* A sparse histogram as [[value, count], ...] in increasing order. */
static enum servq_status hist_json(const struct servq_hist *h, cJSON **out)
{
    struct servq_dist d;
    cJSON *a, *pair;
    char buf[24];
    size_t i;

    servq_dist_init(&d, 1);
    if (servq_hist_to_dist(h, &d) != SERVQ_OK) {
        servq_dist_release(&d);
        return SERVQ_ERR_NOMEM;
    }
    a = cJSON_CreateArray();
    for (i = 0; i < d.n_bins; i++) {
        pair = cJSON_CreateArray();
        snprintf(buf, sizeof buf, "%lld", (long long)d.q[i]);
        cJSON_AddItemToArray(pair, cJSON_CreateString(buf));
        cJSON_AddItemToArray(pair, u64_json(d.c[i]));
        cJSON_AddItemToArray(a, pair);
    }
    servq_dist_release(&d);
    *out = a;
    return SERVQ_OK;
}

static cJSON *i128_array(const servq_i128 *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;

    for (i = 0; i < n; i++)
        cJSON_AddItemToArray(a, i128_json(v[i]));
    return a;
}

static cJSON *alpha_json(const struct servq_alpha_acc *acc)
{
    size_t k = acc->k, ntri = k * (k + 1) / 2, npair = k * (k - 1) / 2, i;
    cJSON *o = cJSON_CreateObject(), *pn = cJSON_CreateArray(), *pairs = cJSON_CreateArray();

    cJSON_AddNumberToObject(o, "k", (double)k);
    cJSON_AddItemToObject(o, "n", u64_json(acc->n));
    cJSON_AddItemToObject(o, "s", i128_array(acc->s, k));
    cJSON_AddItemToObject(o, "ss", i128_array(acc->ss, ntri));
    cJSON_AddItemToObject(o, "n_any", u64_json(acc->n_any));
    for (i = 0; i < k; i++)
        cJSON_AddItemToArray(pn, u64_json(acc->pn[i]));
    cJSON_AddItemToObject(o, "pn", pn);
    cJSON_AddItemToObject(o, "ps", i128_array(acc->ps, k));
    cJSON_AddItemToObject(o, "pss", i128_array(acc->pss, k));
    for (i = 0; i < npair; i++) {
        const struct servq_alpha_pair *p = &acc->pair[i];
        cJSON *e = cJSON_CreateArray();
        cJSON_AddItemToArray(e, u64_json(p->n));
        cJSON_AddItemToArray(e, i128_json(p->sx));
        cJSON_AddItemToArray(e, i128_json(p->sy));
        cJSON_AddItemToArray(e, i128_json(p->sxx));
        cJSON_AddItemToArray(e, i128_json(p->syy));
        cJSON_AddItemToArray(e, i128_json(p->sxy));
        cJSON_AddItemToArray(pairs, e);
    }
    cJSON_AddItemToObject(o, "pair", pairs);
    return o;
}

/*
 * A double that reads back exactly: cJSON prints 15 digits whenever they
 * read back within a relative epsilon, which can lose the last bit, and a
 * state loaded again must give the very same document.
 */
static cJSON *exact_number(double v)
{
    char buf[40];

    servq_format_double(buf, sizeof buf, v);
    return cJSON_CreateRaw(buf);
}

/*
 * The parts of a struct servq_wmoments in the order a state lists them
 * after n: the compensated sums as [sum, compensation], then the doubles.
 * Writing and reading both take them from here.
 */
enum { WM_SUMS = 5, WM_REALS = 5 };

static void wm_parts(struct servq_wmoments *m, struct servq_ksum *sums[WM_SUMS],
                     double *reals[WM_REALS])
{
    sums[0] = &m->w;
    sums[1] = &m->w2;
    sums[2] = &m->wx;
    sums[3] = &m->wa;
    sums[4] = &m->wb;
    reals[0] = &m->m2;
    reals[1] = &m->d;
    reals[2] = &m->q;
    reals[3] = &m->lo;
    reals[4] = &m->hi;
}

static cJSON *wmoments_json(const struct servq_wmoments *m)
{
    struct servq_wmoments copy = *m;
    struct servq_ksum *sums[WM_SUMS];
    double *reals[WM_REALS];
    cJSON *a = cJSON_CreateArray(), *k;
    size_t i;

    wm_parts(&copy, sums, reals);
    cJSON_AddItemToArray(a, u64_json(m->n));
    for (i = 0; i < WM_SUMS; i++) {
        k = cJSON_CreateArray();
        cJSON_AddItemToArray(k, exact_number(sums[i]->sum));
        cJSON_AddItemToArray(k, exact_number(sums[i]->comp));
        cJSON_AddItemToArray(a, k);
    }
    for (i = 0; i < WM_REALS; i++)
        cJSON_AddItemToArray(a, exact_number(*reals[i]));
    return a;
}

static cJSON *moments_array(const struct servq_moments *m, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;

    for (i = 0; m && i < n; i++)
        cJSON_AddItemToArray(a, moments_json(&m[i]));
    return a;
}

static cJSON *wmoments_array(const struct servq_wmoments *m, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;

    for (i = 0; m && i < n; i++)
        cJSON_AddItemToArray(a, wmoments_json(&m[i]));
    return a;
}

static enum servq_status dim_acc_state(const struct dim_acc *d, cJSON **out)
{
    cJSON *o = cJSON_CreateObject(), *gap;

    if (hist_json(&d->gap, &gap) != SERVQ_OK) {
        cJSON_Delete(o);
        return SERVQ_ERR_NOMEM;
    }
    cJSON_AddItemToObject(o, "gap", gap);
    cJSON_AddItemToObject(o, "e", moments_json(&d->e));
    cJSON_AddItemToObject(o, "p", moments_json(&d->p));
    *out = o;
    return SERVQ_OK;
}

static enum servq_status hists_json(const struct servq_hist *h, size_t n, cJSON **out)
{
    cJSON *a = cJSON_CreateArray(), *e;
    size_t i;

    for (i = 0; i < n; i++) {
        if (hist_json(&h[i], &e) != SERVQ_OK) {
            cJSON_Delete(a);
            return SERVQ_ERR_NOMEM;
        }
        cJSON_AddItemToArray(a, e);
    }
    *out = a;
    return SERVQ_OK;
}

static enum servq_status group_state(const struct servq_analysis *a, const struct group *g,
                                     size_t n_values, cJSON **out)
{
    const struct servq_instrument *ins = a->ins;
    size_t i, n_rel = (ins->n_dims + 1) * SERVQ_SCALE_KINDS;
    cJSON *o = cJSON_CreateObject(), *arr, *e;
    enum servq_status st = SERVQ_OK;

    arr = cJSON_AddArrayToObject(o, "key");
    for (i = 0; i < n_values; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(g->values[i]));
    cJSON_AddItemToObject(o, "n", u64_json(g->n));
    cJSON_AddItemToObject(o, "joint", counts_json(g->joint, a->joint_len));
    arr = cJSON_AddArrayToObject(o, "dims");
    for (i = 0; i < ins->n_dims && st == SERVQ_OK; i++)
        if ((st = dim_acc_state(&g->dims[i], &e)) == SERVQ_OK)
            cJSON_AddItemToArray(arr, e);
    if (st == SERVQ_OK && (st = dim_acc_state(&g->all, &e)) == SERVQ_OK)
        cJSON_AddItemToObject(o, "all", e);
    cJSON_AddItemToObject(o, "share", moments_array(g->share, ins->n_dims));
    cJSON_AddItemToObject(o, "wsq", moments_json(&g->wsq));
    arr = cJSON_AddArrayToObject(o, "alpha");
    for (i = 0; i < n_rel; i++)
        cJSON_AddItemToArray(arr, alpha_json(g->rel.acc[i]));
    if (g->joint_a) {
        cJSON_AddItemToObject(o, "joint_a", counts_json(g->joint_a, a->joint_len));
        cJSON_AddItemToObject(o, "joint_d", counts_json(g->joint_d, a->joint_len));
        cJSON_AddItemToObject(o, "msa", moments_array(g->msa, ins->n_dims));
        cJSON_AddItemToObject(o, "mss", moments_array(g->mss, ins->n_dims));
    }
    cJSON_AddItemToObject(o, "extra", counts_json(g->extra, a->extra_len));
    if (g->w_item) {
        cJSON_AddItemToObject(o, "w_item", wmoments_array(g->w_item, ins->n_items));
        cJSON_AddItemToObject(o, "w_dim", wmoments_array(g->w_dim, ins->n_dims));
        cJSON_AddItemToObject(o, "w_all", wmoments_json(&g->w_all));
        cJSON_AddItemToObject(o, "w_group", wmoments_json(&g->w_group));
    }
    if (st == SERVQ_OK && g->role_e && (st = hists_json(g->role_e, ins->n_dims, &e)) == SERVQ_OK) {
        cJSON_AddItemToObject(o, "role_e", e);
        if ((st = hists_json(g->role_p, ins->n_dims, &e)) == SERVQ_OK)
            cJSON_AddItemToObject(o, "role_p", e);
    }
    if (st == SERVQ_OK)
        st = servq_features_write(g->feat, a->ins, a->feat_absent, o);
    if (st != SERVQ_OK) {
        cJSON_Delete(o);
        return st;
    }
    *out = o;
    return SERVQ_OK;
}

/* Everything in the options that shapes the result; merged states must agree. */
static cJSON *state_options(const struct servq_analysis *a)
{
    cJSON *o = servq_options_json(a);

    cJSON_AddNumberToObject(o, "max_groups", (double)a->opt.max_groups);
    if (a->opt.weight)
        cJSON_AddStringToObject(o, "weight", a->opt.weight);
    else
        cJSON_AddNullToObject(o, "weight");
    cJSON_AddBoolToObject(o, "compare_roles", a->opt.compare_roles);
    cJSON_AddItemToObject(o, "targets",
                          a->targets ? cJSON_Duplicate(a->targets, 1) : cJSON_CreateNull());
    return o;
}

enum servq_status servq_analysis_state(struct servq_analysis *a, char **json)
{
    cJSON *root = cJSON_CreateObject(), *arr, *flags, *roles, *e;
    enum servq_status st = SERVQ_OK;
    size_t i;

    if (!a->has_header) {
        cJSON_Delete(root);
        return SERVQ_ERR_DATA;
    }
    if ((st = servq_analysis_settle(a)) != SERVQ_OK) {
        cJSON_Delete(root);
        return st;
    }
    cJSON_AddStringToObject(root, "schema", SCHEMA_STATE);
    cJSON_AddStringToObject(root, "fingerprint", a->ins->fingerprint);
    cJSON_AddItemToObject(root, "instrument", servq_instrument_to_cjson(a->ins));
    cJSON_AddItemToObject(root, "options", state_options(a));
    flags = cJSON_AddObjectToObject(root, "input");
    cJSON_AddBoolToObject(flags, "importance", a->has_importance);
    cJSON_AddBoolToObject(flags, "roles", a->has_roles);
    cJSON_AddItemToObject(root, "rows", u64_json(a->rows));
    if (a->date_first)
        cJSON_AddItemToObject(root, "dates", servq_dates_json(a));
    arr = cJSON_AddArrayToObject(root, "groups");
    for (i = 0; i < a->n_groups && st == SERVQ_OK; i++)
        if ((st = group_state(a, a->groups[i], i ? servq_key_parts(a) : 0, &e)) == SERVQ_OK)
            cJSON_AddItemToArray(arr, e);
    roles = cJSON_AddObjectToObject(root, "roles");
    arr = cJSON_AddArrayToObject(roles, "counts");
    for (i = 0; i < 4; i++)
        cJSON_AddItemToArray(arr, u64_json(a->role_counts[i]));
    arr = cJSON_AddArrayToObject(roles, "groups");
    for (i = SERVQ_ROLE_CUSTOMER; a->role_groups[SERVQ_ROLE_CUSTOMER] && i <= SERVQ_ROLE_STAFF &&
                                  st == SERVQ_OK;
         i++)
        if ((st = group_state(a, a->role_groups[i], 0, &e)) == SERVQ_OK)
            cJSON_AddItemToArray(arr, e);
    if (st == SERVQ_OK) {
        /* One line per state, so several can share a stream. */
        *json = servq_json_print(root, 0);
        if (!*json)
            st = SERVQ_ERR_NOMEM;
    }
    cJSON_Delete(root);
    return st;
}

/* ---- reading and merging ---- */

struct reader {
    const struct servq_sink *sink; /* where the first error goes */
    enum servq_status st;
    const struct servq_json *j; /* the state's text, for the places of keys */
};

/*
 * The keys a state's objects may have: what servq_analysis_state() and
 * group_state() write (keep them in step). A key servq doesn't know would
 * be an accumulator it cannot add, and merging without it would be wrong.
 */
static const char *const root_keys[] = {"schema", "fingerprint", "instrument", "options", "input",
                                        "rows",   "dates",       "groups",     "roles",   NULL};
static const char *const dates_keys[] = {"first", "last", NULL};
static const char *const input_keys[] = {"importance", "roles", NULL};
static const char *const roles_keys[] = {"counts", "groups", NULL};
static const char *const group_keys[] = {"key",     "n",       "joint",  "dims",  "all",
                                         "share",   "wsq",     "alpha",  "joint_a",
                                         "joint_d", "msa",     "mss",    "extra", "w_item",
                                         "w_dim",   "w_all",   "w_group", "role_e", "role_p",
                                         NULL};
static const char *const dim_acc_keys[] = {"gap", "e", "p", NULL};
static const char *const alpha_keys[] = {"k",  "n",  "s",   "ss",   "n_any",
                                         "pn", "ps", "pss", "pair", NULL};

static int bad(struct reader *r, enum servq_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(struct reader *r, enum servq_status st, const char *fmt, ...)
{
    va_list ap;

    if (r->st == SERVQ_OK) {
        r->st = st;
        va_start(ap, fmt);
        servq_vsay(r->sink, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Loads a state into j; NULL after saying where the JSON breaks. */
static cJSON *parse_state(struct reader *r, struct servq_json *j, const char *json, size_t len)
{
    char msg[400];
    /* A state is one line: its reader names the line, we the column. */
    enum servq_status st = servq_json_load(j, json, len, SERVQ_JSON_ONE_LINE, msg, sizeof msg);

    if (st != SERVQ_OK) {
        bad(r, st, "%s%s", msg, j->malformed ? " (a truncated state?)" : "");
        return NULL;
    }
    r->j = j;
    return j->root;
}

/* Fails on the first key of o that is not in known; what names o. */
static int known_keys(struct reader *r, const cJSON *o, const char *const *known, const char *what)
{
    char msg[400];

    if (!servq_json_check_keys(r->j, o, known, NULL, what, msg, sizeof msg))
        return 0;
    return bad(r, SERVQ_ERR_SCHEMA, "%s", msg);
}

/* 0 when root is a state this servq reads, else -1 after saying why not. */
static int check_schema(struct reader *r, const cJSON *root)
{
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema"), *weight;
    char why[256];

    if (cJSON_IsString(schema) && strcmp(schema->valuestring, SCHEMA_STATE) == 0)
        return 0;
    if (cJSON_IsString(schema) && strcmp(schema->valuestring, SCHEMA_STATE_V1) == 0) {
        weight = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(root, "options"), "weight");
        if (!cJSON_IsString(weight))
            return 0;
        return bad(r, SERVQ_ERR_SCHEMA,
                   "a " SCHEMA_STATE_V1 " state made with --weight: its weighted sums are in "
                   "a form this servq no longer reads; make it again with gap-analysis --state");
    }
    servq_schema_error(root, SCHEMA_STATE, why, sizeof why);
    return bad(r, SERVQ_ERR_SCHEMA, "%s", why);
}

static int get_i128(struct reader *r, const cJSON *v, servq_i128 *out)
{
    const char *s;
    servq_i128 x = 0;
    int neg = 0, digits = 0;

    if (!cJSON_IsString(v))
        return bad(r, SERVQ_ERR_SCHEMA, "a sum is not a decimal string");
    s = v->valuestring;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (digits >= 38)
            return bad(r, SERVQ_ERR_SCHEMA, "a sum has too many digits");
        x = x * 10 + (*s - '0');
    }
    if (*s || !digits)
        return bad(r, SERVQ_ERR_SCHEMA, "'%.40s' is not a decimal integer", v->valuestring);
    *out = neg ? -x : x;
    return 0;
}

static int get_u64(struct reader *r, const cJSON *v, uint64_t *out)
{
    servq_i128 x = 0;

    if (get_i128(r, v, &x) != 0)
        return -1;
    if (x < 0 || x > (servq_i128)UINT64_MAX)
        return bad(r, SERVQ_ERR_SCHEMA, "a count is out of range");
    *out = (uint64_t)x;
    return 0;
}

static int get_i64(struct reader *r, const cJSON *v, int64_t *out)
{
    servq_i128 x = 0;

    if (get_i128(r, v, &x) != 0)
        return -1;
    if (x < INT64_MIN || x > INT64_MAX)
        return bad(r, SERVQ_ERR_SCHEMA, "a value is out of range");
    *out = (int64_t)x;
    return 0;
}

static const cJSON *member(struct reader *r, const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    if (!v)
        bad(r, SERVQ_ERR_SCHEMA, "the state lacks \"%s\"", name);
    return v;
}

static int array_of(struct reader *r, const cJSON *v, size_t n, const char *what)
{
    if (!cJSON_IsArray(v) || (n != (size_t)-1 && (size_t)cJSON_GetArraySize(v) != n))
        return bad(r, SERVQ_ERR_SCHEMA, "\"%s\" is not an array of %zu", what, n);
    return 0;
}

static int add_moments(struct reader *r, const cJSON *v, struct servq_moments *m)
{
    struct servq_moments x = {0, 0, 0};

    if (array_of(r, v, 3, "moments") || get_u64(r, cJSON_GetArrayItem(v, 0), &x.n) ||
        get_i128(r, cJSON_GetArrayItem(v, 1), &x.s1) || get_i128(r, cJSON_GetArrayItem(v, 2), &x.s2))
        return -1;
    servq_moments_merge(m, &x);
    return 0;
}

static int add_moments_array(struct reader *r, const cJSON *v, struct servq_moments *m, size_t n)
{
    size_t i;

    if (array_of(r, v, n, "moments"))
        return -1;
    for (i = 0; i < n; i++)
        if (add_moments(r, cJSON_GetArrayItem(v, (int)i), &m[i]) != 0)
            return -1;
    return 0;
}

static int add_counts(struct reader *r, const cJSON *v, uint64_t *c, size_t n)
{
    const cJSON *e;
    uint64_t x = 0;

    if (array_of(r, v, (size_t)-1, "counts"))
        return -1;
    cJSON_ArrayForEach(e, v)
    {
        const cJSON *idx = cJSON_GetArrayItem(e, 0);
        if (array_of(r, e, 2, "count") || !cJSON_IsNumber(idx) || idx->valuedouble < 0 ||
            idx->valuedouble >= (double)n || idx->valuedouble != floor(idx->valuedouble))
            return bad(r, SERVQ_ERR_SCHEMA, "a count's index is out of range");
        if (get_u64(r, cJSON_GetArrayItem(e, 1), &x) != 0)
            return -1;
        c[(size_t)idx->valuedouble] += x;
    }
    return 0;
}

static int add_hist(struct reader *r, const cJSON *v, struct servq_hist *h)
{
    const cJSON *e;
    int64_t q = 0;
    uint64_t c = 0;

    if (array_of(r, v, (size_t)-1, "histogram"))
        return -1;
    cJSON_ArrayForEach(e, v)
    {
        if (array_of(r, e, 2, "bin") || get_i64(r, cJSON_GetArrayItem(e, 0), &q) ||
            get_u64(r, cJSON_GetArrayItem(e, 1), &c))
            return -1;
        if (servq_hist_add(h, q, c) != SERVQ_OK)
            return bad(r, SERVQ_ERR_NOMEM, "out of memory");
    }
    return 0;
}

static int add_hists(struct reader *r, const cJSON *v, struct servq_hist *h, size_t n)
{
    size_t i;

    if (array_of(r, v, n, "histograms"))
        return -1;
    for (i = 0; i < n; i++)
        if (add_hist(r, cJSON_GetArrayItem(v, (int)i), &h[i]) != 0)
            return -1;
    return 0;
}

static int add_dim_acc(struct reader *r, const cJSON *v, struct dim_acc *d)
{
    if (!cJSON_IsObject(v))
        return bad(r, SERVQ_ERR_SCHEMA, "a dimension accumulator is not an object");
    if (known_keys(r, v, dim_acc_keys, "a dimension accumulator"))
        return -1;
    if (add_hist(r, member(r, v, "gap"), &d->gap) || add_moments(r, member(r, v, "e"), &d->e) ||
        add_moments(r, member(r, v, "p"), &d->p))
        return -1;
    return 0;
}

static int get_i128_array(struct reader *r, const cJSON *v, servq_i128 *out, size_t n)
{
    size_t i;

    if (array_of(r, v, n, "sums"))
        return -1;
    for (i = 0; i < n; i++)
        if (get_i128(r, cJSON_GetArrayItem(v, (int)i), &out[i]) != 0)
            return -1;
    return 0;
}

static int fill_alpha(struct reader *r, const cJSON *v, struct servq_alpha_acc *x)
{
    size_t k = x->k, i, npair = k * (k - 1) / 2;
    const cJSON *pn = member(r, v, "pn"), *pairs = member(r, v, "pair");

    if (get_u64(r, member(r, v, "n"), &x->n) ||
        get_i128_array(r, member(r, v, "s"), x->s, k) ||
        get_i128_array(r, member(r, v, "ss"), x->ss, k * (k + 1) / 2) ||
        get_u64(r, member(r, v, "n_any"), &x->n_any) || array_of(r, pn, k, "pn") ||
        get_i128_array(r, member(r, v, "ps"), x->ps, k) ||
        get_i128_array(r, member(r, v, "pss"), x->pss, k) || array_of(r, pairs, npair, "pair"))
        return -1;
    for (i = 0; i < k; i++)
        if (get_u64(r, cJSON_GetArrayItem(pn, (int)i), &x->pn[i]) != 0)
            return -1;
    for (i = 0; i < npair; i++) {
        const cJSON *e = cJSON_GetArrayItem(pairs, (int)i);
        struct servq_alpha_pair *p = &x->pair[i];
        if (array_of(r, e, 6, "pair") || get_u64(r, cJSON_GetArrayItem(e, 0), &p->n) ||
            get_i128(r, cJSON_GetArrayItem(e, 1), &p->sx) ||
            get_i128(r, cJSON_GetArrayItem(e, 2), &p->sy) ||
            get_i128(r, cJSON_GetArrayItem(e, 3), &p->sxx) ||
            get_i128(r, cJSON_GetArrayItem(e, 4), &p->syy) ||
            get_i128(r, cJSON_GetArrayItem(e, 5), &p->sxy))
            return -1;
    }
    return 0;
}

static int add_alpha(struct reader *r, const cJSON *v, struct servq_alpha_acc *acc)
{
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(v, "k");
    struct servq_alpha_acc *x;
    int ret;

    if (!servq_json_whole(k, 0, 1e9) || (size_t)k->valuedouble != acc->k)
        return bad(r, SERVQ_ERR_SCHEMA, "a reliability accumulator has the wrong size");
    if (known_keys(r, v, alpha_keys, "a reliability accumulator"))
        return -1;
    x = servq_alpha_acc_new(acc->k);
    if (!x)
        return bad(r, SERVQ_ERR_NOMEM, "out of memory");
    ret = fill_alpha(r, v, x);
    if (ret == 0 && servq_alpha_acc_merge(acc, x) != SERVQ_OK)
        ret = bad(r, SERVQ_ERR_NUMERIC, "reliability sums overflow");
    servq_alpha_acc_free(x);
    return ret;
}

/* A finite JSON number into *out. */
static int get_real(struct reader *r, const cJSON *v, double *out)
{
    /* cJSON reads 1e400 as infinity, which a state could not write back. */
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return bad(r, SERVQ_ERR_SCHEMA, "a weighted sum is not a finite number");
    *out = v->valuedouble;
    return 0;
}

static int add_wmoments(struct reader *r, const cJSON *v, struct servq_wmoments *m)
{
    struct servq_wmoments x;
    struct servq_ksum *sums[WM_SUMS];
    double *reals[WM_REALS];
    size_t i;

    memset(&x, 0, sizeof x);
    wm_parts(&x, sums, reals);
    if (array_of(r, v, 1 + WM_SUMS + WM_REALS, "weighted sums") ||
        get_u64(r, cJSON_GetArrayItem(v, 0), &x.n))
        return -1;
    for (i = 0; i < WM_SUMS; i++) {
        const cJSON *e = cJSON_GetArrayItem(v, (int)(1 + i));
        if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2)
            return bad(r, SERVQ_ERR_SCHEMA, "a weighted sum is not [sum, compensation]");
        if (get_real(r, cJSON_GetArrayItem(e, 0), &sums[i]->sum) ||
            get_real(r, cJSON_GetArrayItem(e, 1), &sums[i]->comp))
            return -1;
    }
    for (i = 0; i < WM_REALS; i++)
        if (get_real(r, cJSON_GetArrayItem(v, (int)(1 + WM_SUMS + i)), reals[i]))
            return -1;
    /* What no run of servq_wmoments_add can leave behind. */
    if (x.n > 0 && !(servq_ksum_value(&x.w) > 0 && servq_ksum_value(&x.w2) > 0 && x.q >= 0 &&
                     x.lo <= x.hi))
        return bad(r, SERVQ_ERR_SCHEMA, "the weighted sums are inconsistent");
    servq_wmoments_merge(m, &x);
    wm_parts(m, sums, reals);
    for (i = 0; i < WM_SUMS; i++)
        if (!isfinite(sums[i]->sum) || !isfinite(sums[i]->comp))
            return bad(r, SERVQ_ERR_LIMIT, "weighted sums overflow");
    for (i = 0; i < WM_REALS; i++)
        if (!isfinite(*reals[i]))
            return bad(r, SERVQ_ERR_LIMIT, "weighted sums overflow");
    return 0;
}

static int add_wmoments_array(struct reader *r, const cJSON *v, struct servq_wmoments *m,
                              size_t n)
{
    size_t i;

    if (array_of(r, v, n, "weighted sums"))
        return -1;
    for (i = 0; i < n; i++)
        if (add_wmoments(r, cJSON_GetArrayItem(v, (int)i), &m[i]) != 0)
            return -1;
    return 0;
}

/* group_keys and the names of the table's features. */
static int group_known_keys(struct reader *r, const cJSON *v)
{
    const char *known[sizeof group_keys / sizeof group_keys[0] + 16];
    size_t n = sizeof group_keys / sizeof group_keys[0] - 1, f;

    if (servq_n_features + n + 1 > sizeof known / sizeof known[0])
        return bad(r, SERVQ_ERR_LIMIT, "too many features");
    memcpy(known, group_keys, n * sizeof *known);
    for (f = 0; f < servq_n_features; f++)
        known[n++] = servq_features[f]->name;
    known[n] = NULL;
    return known_keys(r, v, known, "a group");
}

/* Merges the table's features of a group's state into g. */
static int add_features(struct reader *r, const struct servq_analysis *a, const cJSON *v,
                        struct group *g)
{
    const char *name = "", *why = "";
    enum servq_status st = servq_features_read(g->feat, a->ins, v, a->feat_absent, &name, &why);

    if (st != SERVQ_OK)
        return bad(r, st, "the state's \"%s\": %s", name, why);
    return 0;
}

/* Adds one group's state into g. */
static int add_group(struct reader *r, const struct servq_analysis *a, const cJSON *v,
                     struct group *g)
{
    const struct servq_instrument *ins = a->ins;
    size_t i, n_rel = (ins->n_dims + 1) * SERVQ_SCALE_KINDS;
    const cJSON *alpha = member(r, v, "alpha"), *dims = member(r, v, "dims");
    uint64_t n = 0;

    if (group_known_keys(r, v) || get_u64(r, member(r, v, "n"), &n) ||
        add_counts(r, member(r, v, "joint"), g->joint, a->joint_len))
        return -1;
    g->n += n;
    if (array_of(r, dims, ins->n_dims, "dims"))
        return -1;
    for (i = 0; i < ins->n_dims; i++)
        if (add_dim_acc(r, cJSON_GetArrayItem(dims, (int)i), &g->dims[i]) != 0)
            return -1;
    if (add_dim_acc(r, member(r, v, "all"), &g->all) ||
        add_moments_array(r, member(r, v, "share"), g->share, ins->n_dims) ||
        add_moments(r, member(r, v, "wsq"), &g->wsq) || array_of(r, alpha, n_rel, "alpha"))
        return -1;
    for (i = 0; i < n_rel; i++)
        if (add_alpha(r, cJSON_GetArrayItem(alpha, (int)i), g->rel.acc[i]) != 0)
            return -1;
    if (g->joint_a &&
        (add_counts(r, member(r, v, "joint_a"), g->joint_a, a->joint_len) ||
         add_counts(r, member(r, v, "joint_d"), g->joint_d, a->joint_len) ||
         add_moments_array(r, member(r, v, "msa"), g->msa, ins->n_dims) ||
         add_moments_array(r, member(r, v, "mss"), g->mss, ins->n_dims)))
        return -1;
    if (add_counts(r, member(r, v, "extra"), g->extra, a->extra_len))
        return -1;
    if (g->w_item &&
        (add_wmoments_array(r, member(r, v, "w_item"), g->w_item, ins->n_items) ||
         add_wmoments_array(r, member(r, v, "w_dim"), g->w_dim, ins->n_dims) ||
         add_wmoments(r, member(r, v, "w_all"), &g->w_all) ||
         add_wmoments(r, member(r, v, "w_group"), &g->w_group)))
        return -1;
    if (g->role_e && (add_hists(r, member(r, v, "role_e"), g->role_e, ins->n_dims) ||
                      add_hists(r, member(r, v, "role_p"), g->role_p, ins->n_dims)))
        return -1;
    return add_features(r, a, v, g);
}

/* The group of a state's key: everyone for [], else found or created. */
static int target_group(struct reader *r, struct servq_analysis *a, const cJSON *key,
                        int first, struct group **g)
{
    const cJSON *e;
    enum servq_status st;

    if (array_of(r, key, (size_t)-1, "key"))
        return -1;
    if (first) {
        if (cJSON_GetArraySize(key) != 0)
            return bad(r, SERVQ_ERR_SCHEMA, "the first group is not everyone");
        *g = a->groups[0];
        return 0;
    }
    if ((size_t)cJSON_GetArraySize(key) != servq_key_parts(a))
        return bad(r, SERVQ_ERR_SCHEMA, "a group key has the wrong number of parts");
    servq_buf_clear(&a->keybuf);
    cJSON_ArrayForEach(e, key)
    {
        if (!cJSON_IsString(e) || strchr(e->valuestring, '\x1f'))
            return bad(r, SERVQ_ERR_SCHEMA, "a group key part is not a string");
        if (servq_buf_adds(&a->keybuf, e->valuestring) != SERVQ_OK ||
            servq_buf_addc(&a->keybuf, '\x1f') != SERVQ_OK)
            return bad(r, SERVQ_ERR_NOMEM, "out of memory");
    }
    st = servq_find_group(a, g);
    if (st == SERVQ_ERR_LIMIT)
        return bad(r, st, "more than %zu groups", servq_group_limit(a));
    if (st != SERVQ_OK)
        return bad(r, st, "out of memory");
    return 0;
}

static int same_json(const cJSON *x, const cJSON *y)
{
    return cJSON_Compare(x, y, 1);
}

/* Fails on a key of the state's options that mine (what this servq writes) lacks. */
static int option_keys(struct reader *r, const cJSON *mine, const cJSON *theirs)
{
    const char *known[32];
    const cJSON *e;
    size_t n = 0;

    cJSON_ArrayForEach(e, mine)
    {
        if (n + 1 < sizeof known / sizeof known[0])
            known[n++] = e->string;
    }
    known[n] = NULL;
    return known_keys(r, theirs, known, "the state's options");
}

/* Widens a's dates to hold a state's, when it has rows with a date. */
static int merge_dates(struct reader *r, struct servq_analysis *a, const cJSON *dates)
{
    long first, last;
    char at[64];

    if (!dates)
        return 0;
    if (known_keys(r, dates, dates_keys, "the state's \"dates\""))
        return -1;
    first = servq_date_ymd(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(dates, "first")));
    last = servq_date_ymd(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(dates, "last")));
    if (!first || !last || first > last)
        return bad(r, SERVQ_ERR_SCHEMA, "%s" SERVQ_DATES_EXPECTED,
                   servq_json_where(r->j, dates, at, sizeof at));
    servq_dates_add(a, first);
    servq_dates_add(a, last);
    return 0;
}

static int merge_root(struct reader *r, struct servq_analysis *a, const cJSON *root)
{
    const cJSON *groups, *e, *fp, *input, *roles;
    cJSON *mine;
    uint64_t rows = 0;
    int first = 1, same;
    size_t i;

    if (check_schema(r, root) != 0 || known_keys(r, root, root_keys, "the state"))
        return -1;
    fp = member(r, root, "fingerprint");
    if (!cJSON_IsString(fp) || strcmp(fp->valuestring, a->ins->fingerprint) != 0)
        return bad(r, SERVQ_ERR_SCHEMA, "the state is from another instrument (fingerprint %.20s, "
                                        "expected %s)",
                   cJSON_IsString(fp) ? fp->valuestring : "?", a->ins->fingerprint);
    mine = state_options(a);
    same = option_keys(r, mine, cJSON_GetObjectItemCaseSensitive(root, "options")) == 0 &&
           same_json(mine, cJSON_GetObjectItemCaseSensitive(root, "options"));
    cJSON_Delete(mine);
    if (!same)
        return r->st != SERVQ_OK ? -1
                                 : bad(r, SERVQ_ERR_SCHEMA, "the state was made with other options");
    input = member(r, root, "input");
    if (!input || known_keys(r, input, input_keys, "the state's \"input\""))
        return -1;
    a->has_importance |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(input, "importance"));
    a->has_roles |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(input, "roles"));
    if (get_u64(r, member(r, root, "rows"), &rows))
        return -1;
    a->rows += rows;
    if (merge_dates(r, a, cJSON_GetObjectItemCaseSensitive(root, "dates")))
        return -1;
    groups = member(r, root, "groups");
    if (array_of(r, groups, (size_t)-1, "groups") || cJSON_GetArraySize(groups) < 1)
        return bad(r, SERVQ_ERR_SCHEMA, "the state has no groups");
    cJSON_ArrayForEach(e, groups)
    {
        struct group *g;
        if (target_group(r, a, member(r, e, "key"), first, &g) || add_group(r, a, e, g))
            return -1;
        first = 0;
    }
    roles = member(r, root, "roles");
    if (known_keys(r, roles, roles_keys, "the state's \"roles\""))
        return -1;
    e = cJSON_GetObjectItemCaseSensitive(roles, "counts");
    if (array_of(r, e, 4, "role counts"))
        return -1;
    for (i = 0; i < 4; i++) {
        uint64_t c = 0;
        if (get_u64(r, cJSON_GetArrayItem(e, (int)i), &c))
            return -1;
        a->role_counts[i] += c;
    }
    e = cJSON_GetObjectItemCaseSensitive(roles, "groups");
    if (array_of(r, e, a->role_groups[SERVQ_ROLE_CUSTOMER] ? 3 : 0, "role groups"))
        return -1;
    for (i = 0; a->role_groups[SERVQ_ROLE_CUSTOMER] && i < 3; i++)
        if (add_group(r, a, cJSON_GetArrayItem(e, (int)i), a->role_groups[SERVQ_ROLE_CUSTOMER + i]))
            return -1;
    a->has_header = 1;
    return 0;
}

enum servq_status servq_analysis_merge_state(struct servq_analysis *a, const char *json,
                                             size_t len)
{
    struct reader r = {&a->sink, SERVQ_OK, NULL};
    struct servq_json j;
    cJSON *root;

    if ((root = parse_state(&r, &j, json, len)) != NULL)
        merge_root(&r, a, root);
    servq_json_release(&j);
    return r.st;
}

/* The analysis options a state was made with. */
static int read_options(struct reader *r, const cJSON *o, struct servq_analysis_options *opt,
                        const char **by, size_t max_by)
{
    const cJSON *e, *v;

    servq_analysis_options_init(opt);
    opt->by = by;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(o, "by"))
    {
        if (!cJSON_IsString(e) || opt->n_by == max_by)
            return bad(r, SERVQ_ERR_SCHEMA, "bad \"by\" in the state's options");
        by[opt->n_by++] = e->valuestring;
    }
    v = cJSON_GetObjectItemCaseSensitive(o, "period");
    if (cJSON_IsString(v))
        opt->period = strcmp(v->valuestring, "week") == 0      ? SERVQ_PERIOD_WEEK
                      : strcmp(v->valuestring, "month") == 0   ? SERVQ_PERIOD_MONTH
                      : strcmp(v->valuestring, "quarter") == 0 ? SERVQ_PERIOD_QUARTER
                                                               : SERVQ_PERIOD_NONE;
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "min_n"))) {
        if (!servq_json_whole(v, 0, UINT_MAX))
            return bad(r, SERVQ_ERR_SCHEMA, "the state's \"min_n\" is not a count");
        opt->min_n = (unsigned)v->valuedouble;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(o, "max_groups"))) {
        if (!servq_json_whole(v, 0, 1e15))
            return bad(r, SERVQ_ERR_SCHEMA, "the state's \"max_groups\" is not a count");
        opt->max_groups = (size_t)v->valuedouble;
    }
    if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(o, "adjust")))
        opt->adjust = strcmp(v->valuestring, "bh") == 0     ? SERVQ_ADJUST_BH
                      : strcmp(v->valuestring, "none") == 0 ? SERVQ_ADJUST_NONE
                                                            : SERVQ_ADJUST_HOLM;
    if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(o, "ipa_center")))
        opt->ipa_center = strcmp(v->valuestring, "scale") == 0 ? SERVQ_IPA_SCALE : SERVQ_IPA_DATA;
    if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(o, "missing")))
        opt->missing = strcmp(v->valuestring, "pairwise") == 0 ? SERVQ_MISSING_PAIRWISE
                                                               : SERVQ_MISSING_LISTWISE;
    if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(o, "significance")))
        opt->significance = v->valuedouble;
    if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(o, "inspiring_share")))
        opt->inspiring_share = v->valuedouble;
    if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(o, "weight")))
        opt->weight = v->valuestring;
    opt->compare_roles = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "compare_roles"));
    return 0;
}

enum servq_status servq_analysis_from_state(const char *json, size_t len,
                                            struct servq_instrument **ins_out,
                                            struct servq_analysis **out, servq_message_fn fn,
                                            void *user)
{
    struct servq_sink sink = {fn, user};
    struct reader r = {&sink, SERVQ_OK, NULL};
    struct servq_analysis_options opt;
    struct servq_instrument *ins = NULL;
    struct servq_analysis *a = NULL;
    struct servq_json j;
    const char *by[64];
    const cJSON *instrument;
    cJSON *root, *targets;
    char err[512] = "";
    enum servq_status st;

    if (!(root = parse_state(&r, &j, json, len)))
        goto cleanup;
    if (check_schema(&r, root) != 0)
        goto cleanup;
    if (known_keys(&r, root, root_keys, "the state") ||
        !(instrument = member(&r, root, "instrument")))
        goto cleanup;
    st = servq_instrument_from_json(&j, instrument, NULL, &ins, err, sizeof err);
    if (st != SERVQ_OK) {
        /* SERVQ_ERR_LIMIT is kept for groups, the one limit the caller sets. */
        bad(&r, st == SERVQ_ERR_NOMEM ? st : SERVQ_ERR_INSTRUMENT, "%s", err);
        goto cleanup;
    }
    if (read_options(&r, member(&r, root, "options"), &opt, by, 64) != 0)
        goto cleanup;
    if ((st = servq_analysis_new(ins, &opt, &a)) != SERVQ_OK) {
        /* Options the analysis refuses are a flaw of the state, not of the caller. */
        if (st == SERVQ_ERR_ARG)
            bad(&r, SERVQ_ERR_SCHEMA, "the state's options are out of range");
        else
            bad(&r, st == SERVQ_ERR_NOMEM ? st : SERVQ_ERR_INSTRUMENT,
                "cannot rebuild the analysis: %s", servq_strerror(st));
        goto cleanup;
    }
    a->sink = sink;
    targets = cJSON_GetObjectItemCaseSensitive(member(&r, root, "options"), "targets");
    if (cJSON_IsObject(targets)) {
        if ((st = servq_targets_check(a, &j, targets, err, sizeof err)) != SERVQ_OK) {
            bad(&r, st == SERVQ_ERR_NOMEM ? st : SERVQ_ERR_SCHEMA, "%s", err);
            goto cleanup;
        }
        a->targets = cJSON_Duplicate(targets, 1);
        if (!a->targets) {
            bad(&r, SERVQ_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (merge_root(&r, a, root) != 0)
        goto cleanup;
    *ins_out = ins;
    *out = a;
    ins = NULL;
    a = NULL;
cleanup:
    servq_analysis_free(a);
    servq_instrument_free(ins);
    servq_json_release(&j);
    return r.st;
}
