/*
 * Gap-analysis results: figures computed from a group's accumulators,
 * written as the JSON document.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis-priv.h"

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


static uint64_t dist_count(const struct servq_dist *d)
{
    uint64_t n = 0;
    size_t i;

    for (i = 0; i < d->n_bins; i++)
        n += d->c[i];
    return n;
}

static double dist_mean(const struct servq_dist *d)
{
    struct servq_moments m;
    double mean, sd;

    servq_dist_moments(d, &m);
    servq_moments_mean_sd(&m, d->scale, &mean, &sd);
    return mean;
}

/*
 * Distributions of one joint histogram of (first, second) ratings: both
 * marginals over complete pairs, so the difference's mean is exactly
 * mean(second) - mean(first), and the difference second - first.
 */
static enum servq_status pair_dists(const uint64_t *j, size_t k, int min, struct item_dists *out)
{
    size_t ei, pi;
    long dd;

    servq_dist_clear(&out->e);
    servq_dist_clear(&out->p);
    servq_dist_clear(&out->d);
    out->n_e = out->n_p = 0;
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

static enum servq_status item_dists(const struct servq_analysis *a, const struct group *g,
                                    size_t i, struct item_dists *out)
{
    return pair_dists(g->joint + a->joint_off[i], servq_item_points(a->ins, i),
                      a->ins->items[i].min, out);
}

/*
 * Zone of tolerance of one item: adequacy (P - A) and superiority (P - D)
 * gaps over the respondents who gave both ratings.
 */
static enum servq_status zot_json(const struct servq_analysis *a, const struct group *g,
                                  size_t i, struct item_dists *ds, cJSON *o)
{
    size_t k = servq_item_points(a->ins, i);
    int min = a->ins->items[i].min;
    double msa, mss;
    enum servq_status st;

    if ((st = pair_dists(g->joint_a + a->joint_off[i], k, min, ds)) != SERVQ_OK)
        return st;
    cJSON_AddNumberToObject(o, "n_a", (double)dist_count(&ds->d));
    add_number(o, "mean_a", dist_mean(&ds->e));
    add_number(o, "msa", msa = dist_mean(&ds->d));
    if ((st = pair_dists(g->joint_d + a->joint_off[i], k, min, ds)) != SERVQ_OK)
        return st;
    cJSON_AddNumberToObject(o, "n_d", (double)dist_count(&ds->d));
    add_number(o, "mean_d", dist_mean(&ds->e));
    add_number(o, "mss", mss = dist_mean(&ds->d));
    if (isfinite(msa) && msa < 0)
        cJSON_AddStringToObject(o, "zot", "below");
    else if (isfinite(mss) && mss > 0)
        cJSON_AddStringToObject(o, "zot", "above");
    else if (isfinite(msa) && isfinite(mss))
        cJSON_AddStringToObject(o, "zot", "inside");
    else
        cJSON_AddNullToObject(o, "zot");
    return SERVQ_OK;
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

/* The marginal of one rating over everyone who gave it (first or second). */
static enum servq_status marginal_all(const uint64_t *j, size_t k, int min, int second,
                                      struct servq_dist *out)
{
    size_t v, u;

    servq_dist_clear(out);
    out->scale = 1;
    for (v = 0; v < k; v++) {
        uint64_t c = 0;
        for (u = 0; u <= k; u++)
            c += second ? j[u * (k + 1) + v] : j[v * (k + 1) + u];
        if (servq_dist_push(out, min + (long)v, c) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

/* Mean, SD and CI of a perception-only item or score (no gap, no test). */
static enum servq_status perception_json(const struct servq_dist *d, cJSON *o)
{
    struct servq_moments m;
    struct servq_summary s;
    enum servq_status st;

    servq_dist_moments(d, &m);
    if ((st = servq_summary_t(&m, d->scale, &s)) != SERVQ_OK)
        return st;
    s.t = s.df = s.p = NAN;
    cJSON_AddNumberToObject(o, "n", (double)s.n);
    add_summary(o, &s, "mean_p", "sd_p");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "t");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "df");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "p_t");
    add_number(o, "median_p", servq_dist_median(d));
    return SERVQ_OK;
}

static enum servq_status perception_item_json(const struct servq_analysis *a,
                                              const struct group *g, size_t i,
                                              struct item_dists *ds, cJSON *o)
{
    const struct servq_instrument *ins = a->ins;
    enum servq_status st;

    if ((st = marginal_all(g->joint + a->joint_off[i], servq_item_points(ins, i),
                           ins->items[i].min, 1, &ds->p)) != SERVQ_OK)
        return st;
    cJSON_AddStringToObject(o, "id", ins->items[i].id);
    cJSON_AddStringToObject(o, "dimension", ins->dims[ins->items[i].dim].id);
    if ((st = perception_json(&ds->p, o)) != SERVQ_OK)
        return st;
    cJSON_DeleteItemFromObjectCaseSensitive(o, "median_p");
    add_distribution(o, &ds->p, "p", ins->items[i].max);
    if (g->joint_a)
        return zot_json(a, g, i, ds, o);
    return SERVQ_OK;
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
    if (!ins->measures[SERVQ_MEASURE_E])
        return perception_item_json(a, g, i, ds, o);
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
    if (g->w_item && ins->measures[SERVQ_MEASURE_E] &&
        (st = servq_wmoments_json(&g->w_item[i], 1, cJSON_AddObjectToObject(o, "weighted"))) !=
            SERVQ_OK)
        return st;
    if (g->joint_a)
        return zot_json(a, g, i, ds, o);
    return SERVQ_OK;
}

/* Figures for a dimension or the whole instrument from its accumulator. */
static enum servq_status acc_json(const struct servq_analysis *a, const struct dim_acc *acc,
                                  int64_t scale, cJSON *o, struct servq_dist *scratch)
{
    struct servq_moments m;
    struct servq_summary s;
    double mean, sd;
    enum servq_status st;

    scratch->scale = scale;
    if ((st = servq_hist_to_dist(&acc->gap, scratch)) != SERVQ_OK)
        return st;
    /* Perception-only: the histogram holds the respondents' mean P. */
    if (!a->ins->measures[SERVQ_MEASURE_E])
        return perception_json(scratch, o);
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

    if (!a->ins->measures[SERVQ_MEASURE_E]) {
        cJSON_AddNullToObject(all, "wsq");
        cJSON_AddStringToObject(all, "wsq_note",
                                "perception-only instrument: no gaps to weight");
        return SERVQ_OK;
    }
    if (!a->has_importance) {
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
                                 double top_box, const char *zot)
{
    int significant = isfinite(p) && p < a->opt.significance;

    if (!isfinite(gap))
        return NULL;
    if ((significant && gap < 0) || (zot && strcmp(zot, "below") == 0))
        return "below";
    if ((significant && gap > 0) || (zot && strcmp(zot, "above") == 0))
        return isfinite(top_box) && top_box > a->opt.inspiring_share ? "inspiring" : "exceeding";
    return "expected";
}

static const char *zot_of(const cJSON *o)
{
    const cJSON *z = cJSON_GetObjectItemCaseSensitive(o, "zot");

    return cJSON_IsString(z) ? z->valuestring : NULL;
}

/* A dimension's position from its mean adequacy and superiority gaps. */
static const char *dim_zot(const cJSON *d)
{
    double msa = field(d, "msa"), mss = field(d, "mss");

    if (isfinite(msa) && msa < 0)
        return "below";
    if (isfinite(mss) && mss > 0)
        return "above";
    return NULL;
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
        add_level(e, service_level(a, field(e, "gap"), field(e, "p_adj"), field(e, "top_box_p"),
                                   zot_of(e)));
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
        add_level(d, service_level(a, field(d, "gap"), field(d, "p_t"), k ? share / k : NAN,
                                   dim_zot(d)));
    }
    add_level(all, service_level(a, field(all, "gap"), field(all, "p_t"), NAN, NULL));
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
    int stated = a->has_importance;
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

static void add_moments_mean(cJSON *o, const char *name, const struct servq_moments *m,
                             int64_t scale)
{
    double mean, sd;

    servq_moments_mean_sd(m, scale, &mean, &sd);
    add_number(o, name, mean);
}

/* Share (in percent) of the counts c[0..points) at values lo..hi. */
static double percent(const uint64_t *c, int min, int lo, int hi, uint64_t n)
{
    uint64_t k = 0;
    int v;

    for (v = lo; v <= hi; v++)
        k += c[v - min];
    return n ? 100.0 * (double)k / (double)n : NAN;
}

/*
 * Headline metrics from the first NPS and the first CSAT item: NPS is the
 * percentage of 9-10 answers minus that of 0-6; CSAT the percentage in the
 * top two points of the scale.
 */
static void extras_json(const struct servq_analysis *a, const struct group *g, cJSON *group)
{
    const struct servq_instrument *ins = a->ins;
    int seen_nps = 0, seen_csat = 0;
    size_t x;

    for (x = 0; x < ins->n_extras; x++) {
        const struct servq_extra *e = &ins->extras[x];
        const uint64_t *c = g->extra + a->extra_off[x];
        uint64_t n = 0;
        int v;
        cJSON *o;
        if (e->kind == SERVQ_EXTRA_TEXT || (e->kind == SERVQ_EXTRA_NPS && seen_nps++) ||
            (e->kind == SERVQ_EXTRA_CSAT && seen_csat++))
            continue;
        for (v = e->min; v <= e->max; v++)
            n += c[v - e->min];
        o = cJSON_AddObjectToObject(group, e->kind == SERVQ_EXTRA_NPS ? "nps" : "csat");
        cJSON_AddStringToObject(o, "id", e->id);
        cJSON_AddNumberToObject(o, "n", (double)n);
        if (e->kind == SERVQ_EXTRA_NPS) {
            double pro = percent(c, e->min, 9, 10, n), det = percent(c, e->min, 0, 6, n);
            add_number(o, "score", pro - det);
            add_number(o, "promoters", pro);
            add_number(o, "passives", percent(c, e->min, 7, 8, n));
            add_number(o, "detractors", det);
        } else {
            add_number(o, "score", percent(c, e->min, e->max - 1, e->max, n));
        }
    }
}

/* With --weight: the group's total weight, Kish's effective n, and the
   weighted overall gap. */
static enum servq_status weights_json(const struct servq_analysis *a, const struct group *g,
                                      cJSON *group, cJSON *all)
{
    double sw = servq_ksum_value(&g->w_group.w), sw2 = servq_ksum_value(&g->w_group.w2);
    cJSON *o = cJSON_AddObjectToObject(group, "weights");

    add_number(o, "sum_w", sw);
    add_number(o, "n_eff", sw2 > 0 ? sw * sw / sw2 : NAN);
    cJSON_AddStringToObject(o, "note",
                            "weighted figures are under \"weighted\"; rank tests, medians, "
                            "top-box shares, alpha and IPA are unweighted");
    if (!a->ins->measures[SERVQ_MEASURE_E])
        return SERVQ_OK; /* weighted gaps need E; perception-only has none */
    return servq_wmoments_json(&g->w_all, 1, cJSON_AddObjectToObject(all, "weighted"));
}

enum servq_status servq_group_json(const struct servq_analysis *a, const struct group *g,
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
        if ((st = acc_json(a, &g->dims[i], a->dim_scale[i], dim, &ds->d)) != SERVQ_OK)
            return st;
        if (a->has_importance)
            add_share(dim, &g->share[i]);
        if (g->msa) {
            add_moments_mean(dim, "msa", &g->msa[i], a->dim_scale[i]);
            add_moments_mean(dim, "mss", &g->mss[i], a->dim_scale[i]);
        }
        if (g->w_dim && ins->measures[SERVQ_MEASURE_E] &&
            (st = servq_wmoments_json(&g->w_dim[i], 1,
                                                  cJSON_AddObjectToObject(dim, "weighted"))) !=
                            SERVQ_OK)
            return st;
    }
    all = cJSON_AddObjectToObject(o, "overall");
    if ((st = acc_json(a, &g->all, a->all_scale, all, &ds->d)) != SERVQ_OK)
        return st;
    /* The unweighted SERVQUAL index is the overall mean gap (SERVPERF: mean P). */
    cJSON_AddItemToObject(all, "sq",
                          cJSON_Duplicate(cJSON_GetObjectItem(all, ins->measures[SERVQ_MEASURE_E]
                                                                       ? "gap"
                                                                       : "mean_p"),
                                          1));
    if (g->w_item && (st = weights_json(a, g, o, all)) != SERVQ_OK)
        return st;
    levels_json(a, items, dims, all);
    ipa_json(a, o, items, dims);
    extras_json(a, g, o);
    warnings = cJSON_AddArrayToObject(o, "warnings");
    if ((st = servq_reliability_json(&g->rel, ins, a->opt.missing, dims, all, warnings)) !=
        SERVQ_OK)
        return st;
    if ((st = wsq_json(a, g, all)) != SERVQ_OK)
        return st;
    servq_features_finish(g->feat, ins, a->feat_absent, dims, all);
    return SERVQ_OK;
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

cJSON *servq_options_json(const struct servq_analysis *a)
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

void servq_dates_add(struct servq_analysis *a, long ymd)
{
    if (!a->date_first || ymd < a->date_first)
        a->date_first = ymd;
    if (ymd > a->date_last)
        a->date_last = ymd;
}

static void add_date(cJSON *o, const char *name, long ymd)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)(ymd / 10000 % 10000), (int)(ymd / 100 % 100),
             (int)(ymd % 100));
    cJSON_AddStringToObject(o, name, buf);
}

cJSON *servq_dates_json(const struct servq_analysis *a)
{
    cJSON *o;

    if (!a->date_first)
        return NULL;
    o = cJSON_CreateObject();
    add_date(o, "first", a->date_first);
    add_date(o, "last", a->date_last);
    return o;
}

/* Records one target: met when the value reaches the minimum. */
static size_t judge(cJSON *list, const char *scope, const char *id, double min, double value)
{
    cJSON *o = cJSON_CreateObject();
    int met = isfinite(value) && value >= min;

    cJSON_AddItemToArray(list, o);
    cJSON_AddStringToObject(o, "scope", scope);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddNumberToObject(o, "min", min);
    add_number(o, "value", value);
    cJSON_AddBoolToObject(o, "met", met);
    if (!isfinite(value))
        cJSON_AddStringToObject(o, "note", "no value to compare (too few respondents?)");
    return !met;
}

static const cJSON *find_id(const cJSON *arr, const char *id)
{
    const cJSON *e;

    cJSON_ArrayForEach(e, arr)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
            return e;
    }
    return NULL;
}

size_t servq_targets_json(const struct servq_analysis *a, const cJSON *everyone, cJSON *root)
{
    const cJSON *t = a->targets, *e, *overall = cJSON_GetObjectItemCaseSensitive(everyone, "overall");
    cJSON *list = cJSON_AddArrayToObject(root, "targets");
    /* Perception-only instruments have no gaps: their targets are mean P. */
    const char *score_field = a->ins->measures[SERVQ_MEASURE_E] ? "gap" : "mean_p";
    size_t missed = 0;

    if ((e = cJSON_GetObjectItemCaseSensitive(t, "sq")) != NULL)
        missed += judge(list, "overall", "sq", e->valuedouble, field(overall, "sq"));
    if ((e = cJSON_GetObjectItemCaseSensitive(t, "wsq")) != NULL)
        missed += judge(list, "overall", "wsq", e->valuedouble,
                        field(cJSON_GetObjectItemCaseSensitive(overall, "wsq"), "mean"));
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(t, "dimensions"))
    {
        missed += judge(list, "dimension", e->string, e->valuedouble,
                        field(find_id(cJSON_GetObjectItemCaseSensitive(everyone, "dimensions"),
                                      e->string),
                              score_field));
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(t, "items"))
    {
        missed += judge(list, "item", e->string, e->valuedouble,
                        field(find_id(cJSON_GetObjectItemCaseSensitive(everyone, "items"),
                                      e->string),
                              score_field));
    }
    if ((e = cJSON_GetObjectItemCaseSensitive(t, "nps")) != NULL)
        missed += judge(list, "nps", "nps", e->valuedouble,
                        field(cJSON_GetObjectItemCaseSensitive(everyone, "nps"), "score"));
    if ((e = cJSON_GetObjectItemCaseSensitive(t, "csat")) != NULL)
        missed += judge(list, "csat", "csat", e->valuedouble,
                        field(cJSON_GetObjectItemCaseSensitive(everyone, "csat"), "score"));
    cJSON_AddNumberToObject(root, "targets_missed", (double)missed);
    return missed;
}

/* ---- roles: gap 1 and the internal view ---- */

/* Welch and Mann-Whitney of distribution a against b into o. */
static enum servq_status compare_json(const struct servq_dist *da, const struct servq_dist *db,
                                      cJSON *o)
{
    struct servq_moments ma, mb;
    struct servq_welch_result w;
    double mean_a, sd_a, mean_b, sd_b, stat, p;
    const char *note = NULL;
    enum servq_status st;

    servq_dist_moments(da, &ma);
    servq_dist_moments(db, &mb);
    servq_moments_mean_sd(&ma, da->scale, &mean_a, &sd_a);
    servq_moments_mean_sd(&mb, db->scale, &mean_b, &sd_b);
    cJSON_AddNumberToObject(o, "n_a", (double)ma.n);
    cJSON_AddNumberToObject(o, "n_b", (double)mb.n);
    add_number(o, "mean_a", mean_a);
    add_number(o, "mean_b", mean_b);
    add_number(o, "diff", mean_a - mean_b);
    if ((st = servq_welch((double)ma.n, mean_a, sd_a, (double)mb.n, mean_b, sd_b, &w)) !=
        SERVQ_OK)
        return st;
    add_number(o, "t", w.t);
    add_number(o, "df", w.df);
    add_number(o, "p_t", w.p);
    if (w.note)
        cJSON_AddStringToObject(o, "note", w.note);
    if ((st = servq_mann_whitney(da, db, &stat, &p, &note)) != SERVQ_OK)
        return st;
    add_number(o, "w", stat);
    add_number(o, "p_mw", p);
    if (note)
        cJSON_AddStringToObject(o, "note_mw", note);
    return SERVQ_OK;
}

/* Group a's ratings of measure m against group b's, per item and dimension. */
static enum servq_status comparison_json(const struct servq_analysis *a, const struct group *ga,
                                         const struct group *gb, enum servq_measure m,
                                         const char *who_a, cJSON *o, struct item_dists *ds)
{
    const struct servq_instrument *ins = a->ins;
    cJSON *items, *dims, *e;
    enum servq_status st;
    size_t i;

    cJSON_AddStringToObject(o, "a", who_a);
    cJSON_AddStringToObject(o, "b", "customer");
    cJSON_AddStringToObject(o, "measure", servq_measure_name(m));
    items = cJSON_AddArrayToObject(o, "items");
    for (i = 0; i < ins->n_items; i++) {
        size_t k = servq_item_points(ins, i);
        int second = m == SERVQ_MEASURE_P;
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(items, e);
        cJSON_AddStringToObject(e, "id", ins->items[i].id);
        if ((st = marginal_all(ga->joint + a->joint_off[i], k, ins->items[i].min, second,
                               &ds->e)) != SERVQ_OK ||
            (st = marginal_all(gb->joint + a->joint_off[i], k, ins->items[i].min, second,
                               &ds->p)) != SERVQ_OK ||
            (st = compare_json(&ds->e, &ds->p, e)) != SERVQ_OK)
            return st;
    }
    dims = cJSON_AddArrayToObject(o, "dimensions");
    for (i = 0; i < ins->n_dims; i++) {
        const struct servq_hist *ha = m == SERVQ_MEASURE_E ? &ga->role_e[i] : &ga->role_p[i];
        const struct servq_hist *hb = m == SERVQ_MEASURE_E ? &gb->role_e[i] : &gb->role_p[i];
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(dims, e);
        cJSON_AddStringToObject(e, "id", ins->dims[i].id);
        ds->e.scale = ds->p.scale = a->dim_scale[i];
        if ((st = servq_hist_to_dist(ha, &ds->e)) != SERVQ_OK ||
            (st = servq_hist_to_dist(hb, &ds->p)) != SERVQ_OK ||
            (st = compare_json(&ds->e, &ds->p, e)) != SERVQ_OK)
            return st;
    }
    ds->e.scale = ds->p.scale = 1;
    return SERVQ_OK;
}

enum servq_status servq_roles_json(const struct servq_analysis *a, cJSON *root,
                                   struct item_dists *ds)
{
    static const char *const names[4] = {"none", "customer", "manager", "staff"};
    cJSON *roles = cJSON_AddObjectToObject(root, "roles"), *counts;
    enum servq_status st;
    size_t r;

    counts = cJSON_AddObjectToObject(roles, "counts");
    for (r = 0; r < 4; r++)
        cJSON_AddNumberToObject(counts, names[r], (double)a->role_counts[r]);
    if (!a->role_groups[SERVQ_ROLE_CUSTOMER])
        return SERVQ_OK;
    /* Gap 1: what managers believe customers expect, against what they expect. */
    st = comparison_json(a, a->role_groups[SERVQ_ROLE_MANAGER],
                         a->role_groups[SERVQ_ROLE_CUSTOMER], SERVQ_MEASURE_E, "manager",
                         cJSON_AddObjectToObject(roles, "gap1"), ds);
    if (st != SERVQ_OK)
        return st;
    /* The internal view: what staff believe they deliver, against perception. */
    return comparison_json(a, a->role_groups[SERVQ_ROLE_STAFF],
                           a->role_groups[SERVQ_ROLE_CUSTOMER], SERVQ_MEASURE_P, "staff",
                           cJSON_AddObjectToObject(roles, "internal"), ds);
}
