/*
 * The report's model: reads gap-analysis documents (one per period, oldest
 * first) into what the report says. See report-priv.h for the line from
 * the model to the backends and docs/man/servq-report.1.scd for what the
 * report shows.
 */
#include "render/report-model-priv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date-priv.h"
#include "analysis/input-warnings-priv.h"
#include "common/json-priv.h"
#include "common/message-priv.h"
#include "stats/ranktests-priv.h"

#define SCHEMA_IMPORT_STATS "servq.import-stats/1"

/* ---- periods, order and labels ---- */

/*
 * What a document covers: the "period" keys of its groups, else the dates
 * of its rows ("dates").
 */
struct doc_period {
    int known;        /* it has periods (weeks, months, quarters) or dates */
    long first, last; /* days since 1970-01-01 of its first and last day */
    const char *lo;   /* the label of the earliest period (or date), */
    const char *hi;   /* and of the latest */
};

static int digits(const char *s, size_t n, int *v)
{
    size_t i;

    *v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* The Monday of ISO week 1 of ISO year y, in days. */
static long iso_week1(int y)
{
    long jan4 = servq_days_from_civil(y, 1, 4);

    return jan4 - ((jan4 % 7) + 7 + 3) % 7;
}

/*
 * The first and last day of a period as gap-analysis writes it (docs/gap-
 * analysis-json.md): "2026-W45" (ISO week), "2026-11" (month), "2026-Q4".
 * Returns 0 for anything else.
 */
static int parse_period(const char *s, long *first, long *last)
{
    size_t len = strlen(s);
    int y, v;

    if (len < 7 || len > 8 || !digits(s, 4, &y) || s[4] != '-')
        return 0;
    if (len == 8 && s[5] == 'W' && digits(s + 6, 2, &v)) {
        if (v < 1 || (long)v > (iso_week1(y + 1) - iso_week1(y)) / 7)
            return 0;
        *first = iso_week1(y) + 7L * (v - 1);
        *last = *first + 6;
        return 1;
    }
    if (len == 7 && s[5] == 'Q' && digits(s + 6, 1, &v)) {
        if (v < 1 || v > 4)
            return 0;
        *first = servq_days_from_civil(y, 3 * v - 2, 1);
        *last =
            (v == 4 ? servq_days_from_civil(y + 1, 1, 1) : servq_days_from_civil(y, 3 * v + 1, 1)) -
            1;
        return 1;
    }
    if (len == 7 && digits(s + 5, 2, &v)) {
        if (v < 1 || v > 12)
            return 0;
        *first = servq_days_from_civil(y, v, 1);
        *last =
            (v == 12 ? servq_days_from_civil(y + 1, 1, 1) : servq_days_from_civil(y, v + 1, 1)) - 1;
        return 1;
    }
    return 0;
}

/* Days since 1970-01-01 of a date as YYYYMMDD. */
static long ymd_days(long ymd)
{
    return servq_days_from_civil((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

/*
 * The dates of a document's rows, into out (known when it has them).
 * Returns -1 when "dates" is there but not two dates, the first not after
 * the last.
 */
static int doc_dates(const cJSON *doc, struct doc_period *out)
{
    const cJSON *d = servq_jget(doc, "dates");
    long first, last;

    if (!d)
        return 0;
    out->lo = cJSON_GetStringValue(servq_jget(d, "first"));
    out->hi = cJSON_GetStringValue(servq_jget(d, "last"));
    first = servq_date_ymd(out->lo);
    last = servq_date_ymd(out->hi);
    if (!cJSON_IsObject(d) || !first || !last || first > last)
        return -1;
    out->first = ymd_days(first);
    out->last = ymd_days(last);
    out->known = 1;
    return 0;
}

/*
 * The periods a document covers: those of its groups, else the dates of
 * its rows. Without --period ("period": "none" in its options) a "period"
 * key is a --by column's, not a time; "none" is the period of rows without
 * a date, which says nothing of the others.
 */
static void doc_period(const cJSON *doc, struct doc_period *out)
{
    const cJSON *g;
    long first, last;

    memset(out, 0, sizeof *out);
    if (strcmp(servq_jstr(servq_jget(doc, "options"), "period"), "none") == 0)
        goto dates;
    cJSON_ArrayForEach(g, servq_jget(doc, "groups"))
    {
        const cJSON *v = servq_jget(servq_jget(g, "key"), "period");
        if (!v)
            continue;
        if (!cJSON_IsString(v) ||
            (strcmp(v->valuestring, "none") != 0 && !parse_period(v->valuestring, &first, &last))) {
            out->known = 0;
            goto dates;
        }
        if (strcmp(v->valuestring, "none") == 0)
            continue;
        if (!out->known || first < out->first) {
            out->first = first;
            out->lo = v->valuestring;
        }
        if (!out->known || last > out->last) {
            out->last = last;
            out->hi = v->valuestring;
        }
        out->known = 1;
    }
    if (out->known)
        return;
dates:
    memset(out, 0, sizeof *out);
    if (doc_dates(doc, out) != 0)
        out->known = 0; /* refused when the document was parsed */
}

/* "2026-W45", or "2026-W44..2026-W47" with sep between the ends. */
static void period_text(const struct doc_period *p, const char *sep, char *out, size_t cap)
{
    if (strcmp(p->lo, p->hi) == 0)
        snprintf(out, cap, "%s", p->lo);
    else
        snprintf(out, cap, "%s%s%s", p->lo, sep, p->hi);
}

/* Orders periods by their last day, then their first: the last ends latest. */
static int period_cmp(const struct doc_period *a, const struct doc_period *b)
{
    if (a->last != b->last)
        return a->last < b->last ? -1 : 1;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return 0;
}

struct doc_rank {
    const struct doc_period *p;
    size_t i; /* in the order given */
};

static int cmp_rank(const void *x, const void *y)
{
    const struct doc_rank *a = x, *b = y;
    int c = period_cmp(a->p, b->p);

    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The source of document i (in the order given), or NULL. */
static const struct servq_report_source *source(const struct rp_model *m, size_t i)
{
    return m->o->sources ? &m->o->sources[i] : NULL;
}

/* Whether a source is standard input. */
static int is_stdin(const struct servq_report_source *src)
{
    return !src->path || strcmp(src->path, "-") == 0;
}

/*
 * How a message about document at (SIZE_MAX: about none) names document
 * i: "'w45.json'", "standard input", "'all.json' document 2 (line 120)",
 * or just "document 2 (line 120)" when both come from one input (the
 * message names it already).
 */
static void doc_name(const struct rp_model *m, size_t i, size_t at, char *out, size_t cap)
{
    const struct servq_report_source *src = source(m, i);
    const struct servq_report_source *other = at != SIZE_MAX ? source(m, at) : NULL;
    int k = 0;

    if (!src) {
        snprintf(out, cap, "document %zu", i + 1);
        return;
    }
    if (src->count > 1 && other &&
        (is_stdin(src) ? is_stdin(other) : !is_stdin(other) && strcmp(src->path, other->path) == 0))
        ;
    else if (is_stdin(src))
        k = snprintf(out, cap, "standard input%s", src->count > 1 ? " " : "");
    else
        k = snprintf(out, cap, "'%s'%s", src->path, src->count > 1 ? " " : "");
    if (src->count > 1 && k >= 0 && (size_t)k < cap)
        snprintf(out + k, cap - (size_t)k, "document %zu (line %llu)", src->index, src->line);
    else if (k == 0 && cap)
        out[0] = '\0';
}

/*
 * The start of an error about document i, which follows the name of its
 * input: "document 2 (line 120): " when the input holds several, else "".
 */
static void doc_prefix(const struct rp_model *m, size_t i, char *out, size_t cap)
{
    const struct servq_report_source *src = source(m, i);

    if (src && src->count > 1)
        snprintf(out, cap, "document %zu (line %llu): ", src->index, src->line);
    else
        snprintf(out, cap, "%s", "");
}

static void warn(const struct rp_model *m, const char *text)
{
    servq_say(&m->sink, SERVQ_LEVEL_WARNING, SERVQ_NOWHERE, "%s", text);
}

/*
 * How the error about input i (as given; the number of documents for the
 * import statistics) names it: "'w45.json'", "standard input", else
 * "document 2" or "the import statistics".
 */
static void input_name(const struct rp_model *m, size_t i, size_t n, char *out, size_t cap)
{
    const struct servq_report_source *src = i < n ? source(m, i) : NULL;
    const char *path = i < n ? (src ? src->path : NULL) : m->o->import_stats_path;

    if (i < n && !src)
        snprintf(out, cap, "document %zu", i + 1);
    else if (i >= n && !path)
        snprintf(out, cap, "the import statistics");
    else if (!path || strcmp(path, "-") == 0)
        snprintf(out, cap, "standard input");
    else
        snprintf(out, cap, "'%s'", path);
}

/* Says why input failed: its name, then the reason. */
static void say_failed(const struct rp_model *m, size_t failed, size_t n, const char *reason)
{
    char name[4200];

    input_name(m, failed, n, name, sizeof name);
    servq_say(&m->sink, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "%s: %s", name, reason);
}

/*
 * Warns of what the document reported on (document i as given) says of
 * its input: items on different scales averaged together, items nobody
 * answered. The report lists them under data quality too, but a report
 * made by cron is read by nobody before it is sent.
 */
static enum servq_status warn_input(const struct rp_model *m, const cJSON *doc, size_t i)
{
    struct servq_buf lines;
    enum servq_status st;
    char name[4200], *p, *end, *text;
    size_t cap;

    servq_buf_init(&lines);
    st = servq_input_warnings(doc, &lines);
    doc_name(m, i, SIZE_MAX, name, sizeof name);
    for (p = lines.data; st == SERVQ_OK && p && *p; p = end + 1) {
        end = strchr(p, '\n');
        *end = '\0';
        cap = strlen(name) + strlen(p) + 3;
        text = malloc(cap);
        if (!text) {
            st = SERVQ_ERR_NOMEM;
            break;
        }
        snprintf(text, cap, "%s: %s", name, p);
        warn(m, text);
        free(text);
    }
    servq_buf_release(&lines);
    return st;
}

/* The error about document i, b coming after a in period (or sharing it). */
static enum servq_status order_error(const struct rp_model *m, const struct doc_period *per,
                                     size_t a, size_t b, size_t unknown, char *err, size_t errlen)
{
    char pre[96], name[4200], pa[64], pb[64], nu[4200];

    if (!err || !errlen)
        return SERVQ_ERR_DATA;
    doc_prefix(m, b, pre, sizeof pre);
    doc_name(m, a, b, name, sizeof name);
    period_text(&per[a], "..", pa, sizeof pa);
    period_text(&per[b], "..", pb, sizeof pb);
    if (period_cmp(&per[a], &per[b]) == 0) {
        /* The same days by other names: a week, and the dates of its rows. */
        snprintf(err, errlen, "%sthe period %s again: %s has it too%s%s%s; give each period once",
                 pre, pb, name, strcmp(pa, pb) ? " (" : "", strcmp(pa, pb) ? pa : "",
                 strcmp(pa, pb) ? ")" : "");
        return SERVQ_ERR_DATA;
    }
    doc_name(m, unknown, b, nu, sizeof nu);
    snprintf(err, errlen,
             "%s%s is older than %s of %s, given before it, and %s records no dates to sort the "
             "documents by: give them oldest first",
             pre, pb, pa, name, nu);
    return SERVQ_ERR_DATA;
}

/* Where a document's dates come from, for the warnings about documents without. */
#define DATES_HINT "servq gap-analysis records them from the rows' date column"

/*
 * The order of the documents: *order[k] is the index (as given) of the
 * k-th oldest. With a period or dates on every document, they are sorted
 * by them and two of the same days are an error; otherwise they keep the
 * order given, and one warning says so.
 */
static enum servq_status order_docs(struct rp_model *m, const struct doc_period *per, size_t n,
                                    size_t *order, size_t *failed, char *err, size_t errlen)
{
    struct doc_rank *rank;
    size_t i, prev = n, unknown = n, nunknown = 0;
    char name[4200], text[4400];

    for (i = 0; i < n; i++) {
        order[i] = i;
        if (!per[i].known && nunknown++ == 0)
            unknown = i;
    }
    if (n < 2)
        return SERVQ_OK;
    if (nunknown == 0) {
        rank = malloc(n * sizeof *rank);
        if (!rank)
            return SERVQ_ERR_NOMEM;
        for (i = 0; i < n; i++) {
            rank[i].p = &per[i];
            rank[i].i = i;
        }
        qsort(rank, n, sizeof *rank, cmp_rank);
        for (i = 0; i < n; i++)
            order[i] = rank[i].i;
        free(rank);
        for (i = 1; i < n; i++)
            if (period_cmp(&per[order[i - 1]], &per[order[i]]) == 0) {
                *failed = order[i];
                return order_error(m, per, order[i - 1], order[i], n, err, errlen);
            }
        return SERVQ_OK;
    }
    /* Those that have a period or dates must be oldest first already. */
    for (i = 0; i < n; i++) {
        if (!per[i].known)
            continue;
        if (prev < n && period_cmp(&per[prev], &per[i]) >= 0) {
            *failed = i;
            return order_error(m, per, prev, i, unknown, err, errlen);
        }
        prev = i;
    }
    m->unordered = nunknown == n ? 1 : 2;
    if (nunknown == n) {
        warn(m, "the documents record no dates to sort them by (" DATES_HINT
                "): they are taken in the order given, oldest first");
        return SERVQ_OK;
    }
    doc_name(m, unknown, SIZE_MAX, name, sizeof name);
    if (nunknown == 1)
        snprintf(text, sizeof text,
                 "%s records no dates to sort it by (" DATES_HINT
                 "): the documents are taken in the order given, oldest first",
                 name);
    else
        snprintf(text, sizeof text,
                 "%s and %zu more record no dates to sort them by (" DATES_HINT
                 "): the documents are taken in the order given, oldest first",
                 name, nunknown - 1);
    warn(m, text);
    return SERVQ_OK;
}

/*
 * A label for document i (as given): its period or range of periods, else
 * its file's name ("gaps.json", "all.json #2" when the file holds several),
 * "standard input" ("standard input #2"), or "document 2".
 */
static char *doc_label(const struct rp_model *m, const struct doc_period *per, size_t i)
{
    const struct servq_report_source *src = source(m, i);
    char num[24], tmp[64];
    const char *args[2] = {num, NULL}, *tmpl;
    struct servq_buf b;

    if (per->known) {
        period_text(per, m->loc.ascii ? ".." : "\xE2\x80\x93", tmp, sizeof tmp);
        return servq_strdup(tmp);
    }
    snprintf(num, sizeof num, "%zu", src ? src->index : i + 1);
    if (!src)
        tmpl = servq_rp_tr(&m->loc, N_("document {1}"));
    else if (!is_stdin(src)) {
        /* The file's name without its folders: a label, not a path. */
        args[0] = strrchr(src->path, '/') && strrchr(src->path, '/')[1]
                      ? strrchr(src->path, '/') + 1
                      : src->path;
        args[1] = num;
        tmpl = src->count > 1 ? servq_rp_tr(&m->loc, N_("{1} #{2}")) : "{1}";
    } else
        tmpl = src->count > 1 ? servq_rp_tr(&m->loc, N_("standard input #{1}"))
                              : servq_rp_tr(&m->loc, N_("standard input"));
    servq_buf_init(&b);
    if (servq_rp_fill(&b, tmpl, args, 2) != SERVQ_OK) {
        servq_buf_release(&b);
        return NULL;
    }
    return b.data ? servq_buf_steal(&b) : servq_strdup("");
}

/* The everyone group of a document, or NULL. */
static const cJSON *everyone(const cJSON *doc)
{
    const cJSON *g = cJSON_GetArrayItem(servq_jget(doc, "groups"), 0);

    return cJSON_IsObject(g) ? g : NULL;
}

/* n, mean and sd of series s (0 index, 1 weighted when have_wsq, then dims) in a document. */
static void series_figures(const struct rp_model *m, const struct rp_series *s, size_t k,
                           const cJSON *doc, double *n, double *mean, double *sd)
{
    const cJSON *g = everyone(doc), *ov = servq_jget(g, "overall");

    *n = *mean = *sd = NAN;
    if (!g || servq_jtrue(g, "suppressed"))
        return;
    if (s->id) {
        const cJSON *d = servq_by_id(servq_jget(g, "dimensions"), s->id);
        *n = servq_jnum(d, "n");
        *mean = servq_jnum(d, "gap");
        *sd = servq_jnum(d, "sd_gap");
    } else if (k == 1 && m->have_wsq) {
        const cJSON *w = servq_jget(ov, "wsq");
        *n = servq_jnum(w, "n");
        *mean = servq_jnum(w, "mean");
        *sd = servq_jnum(w, "sd");
    } else {
        *n = servq_jnum(ov, "n");
        *mean = servq_jnum(ov, "sq");
        if (!isfinite(*mean))
            *mean = servq_jnum(ov, "gap");
        *sd = servq_jnum(ov, "sd_gap");
    }
}

static enum servq_status build_series(struct rp_model *m)
{
    const cJSON *dims = servq_jget(servq_jget(m->doc, "instrument"), "dimensions"), *d;
    size_t k, p, nd = (size_t)cJSON_GetArraySize(dims);
    enum servq_status st = SERVQ_OK;

    m->have_wsq = cJSON_IsObject(servq_jget(m->overall, "wsq"));
    m->nseries = 1 + (size_t)m->have_wsq + nd;
    m->series = calloc(m->nseries, sizeof *m->series);
    if (!m->series)
        return SERVQ_ERR_NOMEM;
    k = 0;
    m->series[k++].label = servq_rp_tr(&m->loc, N_("SERVQUAL index"));
    if (m->have_wsq)
        m->series[k++].label = servq_rp_tr(&m->loc, N_("Weighted SERVQUAL index"));
    cJSON_ArrayForEach(d, dims)
    {
        if (k >= m->nseries)
            break;
        m->series[k].id = servq_jstr(d, "id");
        m->series[k].label = servq_localized(servq_jget(d, "name"), m->loc.code, m->series[k].id);
        k++;
    }
    m->nseries = k;
    for (k = 0; k < m->nseries; k++) {
        struct rp_series *s = &m->series[k];
        double n0, m0, s0, n1, m1, s1;
        s->v = malloc(m->ndocs * sizeof *s->v);
        if (!s->v)
            return SERVQ_ERR_NOMEM;
        for (p = 0; p < m->ndocs; p++) {
            series_figures(m, s, k, m->docs[p], &n0, &m0, &s0);
            s->v[p] = m0;
        }
        if (m->ndocs < 2)
            continue;
        series_figures(m, s, k, m->docs[m->ndocs - 1], &n1, &m1, &s1);
        series_figures(m, s, k, m->docs[m->ndocs - 2], &n0, &m0, &s0);
        s->change.p = NAN;
        if (isfinite(m1) && isfinite(m0)) {
            struct servq_welch_result w;
            s->change.have = 1;
            s->change.diff = m1 - m0;
            st = servq_welch(n1, m1, s1, n0, m0, s0, &w);
            if (st != SERVQ_OK)
                return st;
            s->change.p = w.p;
            s->change.significant = isfinite(w.p) && w.p < m->sig;
        }
    }
    return st;
}

/* Pointers into one array: equal keys keep the instrument order. */
static int cmp_order(const struct rp_item *a, const struct rp_item *b)
{
    return (a > b) - (a < b);
}

static int cmp_prio(const void *x, const void *y)
{
    const struct rp_item *a = *(const struct rp_item *const *)x;
    const struct rp_item *b = *(const struct rp_item *const *)y;

    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    if (a->gap != b->gap)
        return a->gap < b->gap ? -1 : 1;
    return cmp_order(a, b);
}

static int cmp_strong(const void *x, const void *y)
{
    const struct rp_item *a = *(const struct rp_item *const *)x;
    const struct rp_item *b = *(const struct rp_item *const *)y;

    if (a->gap != b->gap)
        return a->gap > b->gap ? -1 : 1;
    return cmp_order(a, b);
}

static enum servq_status build_items(struct rp_model *m)
{
    const cJSON *items = servq_jget(m->all, "items"), *e;
    size_t n = (size_t)cJSON_GetArraySize(items), i = 0, nimp = 0;
    double imp_sum = 0, imp_mean;

    m->items = calloc(n ? n : 1, sizeof *m->items);
    m->prio = calloc(n ? n : 1, sizeof *m->prio);
    m->strong = calloc(n ? n : 1, sizeof *m->strong);
    if (!m->items || !m->prio || !m->strong)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, items)
    {
        struct rp_item *it = &m->items[i++];
        it->j = e;
        it->id = servq_jstr(e, "id");
        it->label = servq_item_label(m->doc, it->id, m->loc.code);
        it->dim = servq_jstr(e, "dimension");
        it->dim_name = servq_dim_name(m->doc, it->dim, m->loc.code);
        it->gap = servq_jnum(e, "gap");
        it->p = servq_jnum(e, "p_adj");
        if (!isfinite(it->p))
            it->p = servq_jnum(e, "p_t");
        it->significant = isfinite(it->p) && it->p < m->sig;
        it->importance = servq_jnum(e, "importance");
        if (isfinite(it->importance)) {
            imp_sum += it->importance;
            nimp++;
        }
        if (cJSON_IsString(servq_jget(e, "zot")))
            m->have_zot = 1;
    }
    m->nitems = i;
    imp_mean = nimp ? imp_sum / (double)nimp : 1;
    for (i = 0; i < m->nitems; i++) {
        struct rp_item *it = &m->items[i];
        it->score = it->gap * (isfinite(it->importance) ? it->importance : imp_mean);
        /* One rule for both lists: a significant gap, below or above. */
        if (isfinite(it->gap) && it->gap < 0 && it->significant)
            m->prio[m->nprio++] = it;
        if (isfinite(it->gap) && it->gap > 0 && it->significant)
            m->strong[m->nstrong++] = it;
        if (isfinite(it->gap))
            m->have_gaps = 1;
    }
    if (m->nstrong == 0) {
        /*
         * None above: those whose test finds no significant gap come
         * closest; never a priority, nor an item without a test.
         */
        m->strong_closest = 1;
        for (i = 0; i < m->nitems; i++)
            if (isfinite(m->items[i].gap) && isfinite(m->items[i].p) && !m->items[i].significant)
                m->strong[m->nstrong++] = &m->items[i];
    }
    qsort(m->prio, m->nprio, sizeof *m->prio, cmp_prio);
    qsort(m->strong, m->nstrong, sizeof *m->strong, cmp_strong);
    if (m->nprio > m->top)
        m->nprio = m->top;
    if (m->nstrong > (m->strong_closest ? (m->top < 3 ? m->top : 3) : m->top))
        m->nstrong = m->strong_closest ? (m->top < 3 ? m->top : 3) : m->top;
    return SERVQ_OK;
}

static int has_segment_key(const cJSON *g)
{
    const cJSON *e;

    cJSON_ArrayForEach(e, servq_jget(g, "key"))
    {
        if (e->string && strcmp(e->string, "period") != 0)
            return 1;
    }
    return 0;
}

static int cmp_seg(const void *x, const void *y)
{
    const struct rp_seg *a = x, *b = y;
    int fa = a->suppressed ? 2 : isfinite(a->gap) ? 0 : 1;
    int fb = b->suppressed ? 2 : isfinite(b->gap) ? 0 : 1;

    if (fa != fb)
        return fa - fb;
    if (fa == 0 && a->gap != b->gap)
        return a->gap < b->gap ? -1 : 1;
    return strcmp(a->name, b->name);
}

static enum servq_status build_segments(struct rp_model *m)
{
    const cJSON *groups = servq_jget(m->doc, "groups"), *g, *e;
    const char *latest = NULL, *first = NULL;
    int several = 0;
    size_t cap = (size_t)cJSON_GetArraySize(groups);
    struct servq_buf b;
    enum servq_status st = SERVQ_OK;

    /* With several periods in the document, the table shows the latest. */
    cJSON_ArrayForEach(g, groups)
    {
        const cJSON *v = servq_jget(servq_jget(g, "key"), "period");
        if (!has_segment_key(g) || !cJSON_IsString(v) || strcmp(v->valuestring, "none") == 0)
            continue;
        if (!first)
            first = v->valuestring;
        else if (strcmp(first, v->valuestring) != 0)
            several = 1;
        if (!latest || strcmp(v->valuestring, latest) > 0)
            latest = v->valuestring;
    }
    m->seg_period = several ? latest : NULL;
    m->segs = calloc(cap ? cap : 1, sizeof *m->segs);
    if (!m->segs)
        return SERVQ_ERR_NOMEM;
    servq_buf_init(&b);
    cJSON_ArrayForEach(g, groups)
    {
        struct rp_seg *s;
        if (g == m->all || !has_segment_key(g))
            continue;
        if (m->seg_period && strcmp(servq_jstr(servq_jget(g, "key"), "period"), m->seg_period))
            continue;
        s = &m->segs[m->nsegs];
        servq_buf_clear(&b);
        SERVQ_TRY(servq_rp_group_name(&m->loc, &b, g, 0));
        s->name = servq_strdup(b.data ? b.data : "");
        if (!s->name) {
            st = SERVQ_ERR_NOMEM;
            goto cleanup;
        }
        m->nsegs++;
        s->g = g;
        s->n = servq_jnum(g, "n");
        s->gap = servq_jnum(servq_jget(g, "overall"), "gap");
        s->suppressed = servq_jtrue(g, "suppressed");
        s->low_base = servq_jtrue(g, "low_base");
    }
    qsort(m->segs, m->nsegs, sizeof *m->segs, cmp_seg);
    /* The --by columns, for the heading. */
    servq_buf_clear(&b);
    cJSON_ArrayForEach(e, servq_jget(servq_jget(m->doc, "options"), "by"))
    {
        if (cJSON_IsString(e))
            SERVQ_TRY(servq_buf_printf(&b, "%s%s", b.len ? ", " : "", e->valuestring));
    }
    m->seg_by = servq_strdup(b.data ? b.data : "");
    if (!m->seg_by)
        st = SERVQ_ERR_NOMEM;
cleanup:
    servq_buf_release(&b);
    return st;
}

static enum servq_status add_note(struct rp_note **arr, size_t *n, size_t *cap, const char *where,
                                  const char *text, const cJSON *g)
{
    struct rp_note *p;

    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        p = realloc(*arr, c * sizeof *p);
        if (!p)
            return SERVQ_ERR_NOMEM;
        *arr = p;
        *cap = c;
    }
    (*arr)[*n].where = servq_strdup(where);
    (*arr)[*n].text = text ? servq_strdup(text) : NULL;
    (*arr)[*n].g = g;
    if (!(*arr)[*n].where || (text && !(*arr)[*n].text)) {
        free((*arr)[*n].where);
        free((*arr)[*n].text);
        return SERVQ_ERR_NOMEM;
    }
    (*n)++;
    return SERVQ_OK;
}

/* One scale's weak alphas (E, P, gap), as sentences in the report's language. */
static enum servq_status scale_alpha_notes(struct rp_model *m, const cJSON *scale,
                                           const char *scale_name, const char *where,
                                           const cJSON *g, size_t *cap)
{
    static const char *const keys[] = {"alpha_e", "alpha_p", "alpha_gap"};
    static const char *const kinds[] = {N_("expectations (E)"), N_("perceptions (P)"),
                                        N_("gaps (P-E)")};
    char value[32], bound[32];
    struct servq_buf b;
    enum servq_status st = SERVQ_OK;
    size_t k;

    servq_buf_init(&b);
    servq_rp_num(&m->loc, bound, sizeof bound, SERVQ_ALPHA_WARN, 2);
    for (k = 0; k < sizeof keys / sizeof *keys; k++) {
        double raw = servq_jnum(servq_jget(scale, keys[k]), "raw");
        const char *args[4];
        if (!isfinite(raw) || raw >= SERVQ_ALPHA_WARN)
            continue;
        servq_rp_num(&m->loc, value, sizeof value, raw, 2);
        args[0] = servq_rp_tr(&m->loc, kinds[k]);
        args[1] = scale_name;
        args[2] = value;
        args[3] = bound;
        servq_buf_clear(&b);
        SERVQ_TRY(servq_rp_fill(&b,
                                raw < 0
                                    ? servq_rp_tr(&m->loc, N_("Cronbach's alpha of the {1} for {2} "
                                                              "is negative ({3}): a reverse-worded "
                                                              "item may not have been recoded."))
                                    : servq_rp_tr(&m->loc, N_("Cronbach's alpha of the {1} for {2} "
                                                              "is {3}, below {4}.")),
                                args, 4));
        SERVQ_TRY(add_note(&m->warnings, &m->nwarnings, cap, where, b.data ? b.data : "", g));
    }
cleanup:
    servq_buf_release(&b);
    return st;
}

/*
 * The document's warnings are English sentences; the reliability ones are
 * made again here from the figures, so they read in the report's language.
 */
static enum servq_status alpha_notes(struct rp_model *m, const cJSON *g, const char *where,
                                     size_t *cap)
{
    const cJSON *d;
    enum servq_status st;

    cJSON_ArrayForEach(d, servq_jget(g, "dimensions"))
    {
        const char *name = servq_dim_name(m->doc, servq_jstr(d, "id"), m->loc.code);
        if ((st = scale_alpha_notes(m, d, name, where, g, cap)) != SERVQ_OK)
            return st;
    }
    return scale_alpha_notes(m, servq_jget(g, "overall"),
                             servq_rp_tr(&m->loc, N_("the whole instrument")), where, g, cap);
}

/* Whether a warning of the document is a reliability one (lib/analysis/reliability.c). */
static int is_alpha_warning(const char *text)
{
    return strncmp(text, "alpha of ", 9) == 0;
}

static enum servq_status build_quality(struct rp_model *m)
{
    const cJSON *g, *w;
    size_t capw = 0, capl = 0;
    struct servq_buf b;
    enum servq_status st = SERVQ_OK;

    servq_buf_init(&b);
    cJSON_ArrayForEach(g, servq_jget(m->doc, "groups"))
    {
        servq_buf_clear(&b);
        if (g == m->all)
            SERVQ_TRY(servq_buf_adds(&b, servq_rp_tr(&m->loc, N_("All respondents"))));
        else
            SERVQ_TRY(servq_rp_group_name(&m->loc, &b, g, 1));
        if (!b.data)
            SERVQ_TRY(servq_buf_adds(&b, ""));
        SERVQ_TRY(alpha_notes(m, g, b.data, &capw));
        cJSON_ArrayForEach(w, servq_jget(g, "warnings"))
        {
            if (cJSON_IsString(w) && !is_alpha_warning(w->valuestring))
                SERVQ_TRY(add_note(&m->warnings, &m->nwarnings, &capw, b.data, w->valuestring, g));
        }
        if (servq_jtrue(g, "suppressed"))
            m->nsuppressed++;
        else if (servq_jtrue(g, "low_base"))
            SERVQ_TRY(add_note(&m->lowbase, &m->nlowbase, &capl, b.data, NULL, g));
    }
cleanup:
    servq_buf_release(&b);
    return st;
}

/*
 * What import's counts must add up to: "read" = the sum of these (a row
 * read is imported or rejected, docs/canonical-responses.md). A new kind
 * of row is one more line here.
 */
static const char *const import_parts[] = {
    "imported",
    "rejected",
};

#define N_IMPORT_PARTS (sizeof import_parts / sizeof *import_parts)

static enum servq_status parse_import_stats(struct rp_model *m, char *err, size_t errlen)
{
    const struct servq_report_options *o = m->o;
    double read, sum = 0, v;
    char parts[512];
    struct servq_json j;
    enum servq_status st;
    size_t i, used = 0;

    /* Keys are not checked: a newer servq import may add some. */
    st = servq_json_load(&j, o->import_stats, o->import_stats_len, 0, err, errlen);
    if (st == SERVQ_OK)
        m->import_stats = servq_json_steal(&j);
    servq_json_release(&j);
    if (st != SERVQ_OK)
        return st;
    if (strcmp(servq_jstr(m->import_stats, "schema"), SCHEMA_IMPORT_STATS) != 0) {
        servq_schema_error(m->import_stats, SCHEMA_IMPORT_STATS, err, errlen);
        return SERVQ_ERR_SCHEMA;
    }
    /* Counts below 2^53, so that sums of them are exact. */
    read = servq_jnum(m->import_stats, "read");
    if (!(read >= 0 && read < 0x1p53) || read != floor(read))
        goto bad;
    for (i = 0; i < N_IMPORT_PARTS; i++) {
        v = servq_jnum(m->import_stats, import_parts[i]);
        if (!(v >= 0 && v < 0x1p53) || v != floor(v))
            goto bad;
        sum += v;
        if (used < sizeof parts)
            used += (size_t)snprintf(parts + used, sizeof parts - used, "%s%s %.0f", i ? " + " : "",
                                     import_parts[i], v);
    }
    if (sum != read) {
        if (err && errlen)
            snprintf(err, errlen, "the counts do not add up: read %.0f, but %s = %.0f", read, parts,
                     sum);
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
bad:
    /* "read", "imported" and "rejected" must be counts */
    used = (size_t)snprintf(parts, sizeof parts, "\"read\"");
    for (i = 0; i < N_IMPORT_PARTS && used < sizeof parts; i++)
        used += (size_t)snprintf(parts + used, sizeof parts - used, "%s\"%s\"",
                                 i + 1 < N_IMPORT_PARTS ? ", " : " and ", import_parts[i]);
    if (err && errlen)
        snprintf(err, errlen, "%s must be counts", parts);
    return SERVQ_ERR_SCHEMA;
}

void servq_rp_model_release(struct rp_model *m)
{
    size_t i;

    for (i = 0; i < m->ndocs; i++) {
        cJSON_Delete(m->docs[i]);
        if (m->period)
            free(m->period[i]);
    }
    free(m->docs);
    free(m->period);
    free(m->dated);
    free(m->items);
    free(m->prio);
    free(m->strong);
    for (i = 0; i < m->nseries; i++)
        free(m->series[i].v);
    free(m->series);
    for (i = 0; i < m->nsegs; i++)
        free(m->segs[i].name);
    free(m->segs);
    free(m->seg_by);
    cJSON_Delete(m->import_stats);
    for (i = 0; i < m->nwarnings; i++) {
        free(m->warnings[i].where);
        free(m->warnings[i].text);
    }
    free(m->warnings);
    for (i = 0; i < m->nlowbase; i++)
        free(m->lowbase[i].where);
    free(m->lowbase);
}

/* Parses document i (as given) into m->docs[i]. */
static enum servq_status parse_doc(struct rp_model *m, size_t i, const char *text, size_t len,
                                   char *err, size_t errlen)
{
    const struct servq_report_source *src = source(m, i);
    struct doc_period dates;
    char pre[96], msg[512];
    enum servq_status st;

    memset(&dates, 0, sizeof dates);
    if (!text)
        return SERVQ_ERR_ARG;
    st = servq_gaps_parse_at(text, len, src && src->line ? src->line : 1,
                             src && src->column ? src->column : 1, &m->docs[i], msg, sizeof msg);
    if (st == SERVQ_OK && !everyone(m->docs[i])) {
        snprintf(msg, sizeof msg, "the document has no group of everyone");
        st = SERVQ_ERR_SCHEMA;
    } else if (st == SERVQ_OK && doc_dates(m->docs[i], &dates) != 0) {
        snprintf(msg, sizeof msg, "%s", SERVQ_DATES_EXPECTED);
        st = SERVQ_ERR_SCHEMA;
    }
    if (st != SERVQ_OK && m->docs[i]) {
        cJSON_Delete(m->docs[i]);
        m->docs[i] = NULL;
    }
    if (st != SERVQ_OK && err && errlen) {
        /* A JSON error names its line in the input already. */
        doc_prefix(m, i, pre, sizeof pre);
        snprintf(err, errlen, "%s%s", strncmp(msg, "line ", 5) == 0 ? "" : pre, msg);
    }
    return st;
}

enum servq_status servq_rp_model_build(struct rp_model *m, const char *const *docs,
                                       const size_t *lens, size_t n,
                                       const struct servq_report_options *o)
{
    char err[16384] = "";
    const size_t errlen = sizeof err;
    const cJSON *t, *ins;
    const char *fp0 = NULL;
    struct doc_period *per = NULL;
    size_t *order = NULL;
    cJSON **given = NULL;
    enum servq_status st = SERVQ_OK;
    double sig;
    size_t i, failed = SIZE_MAX;

    memset(m, 0, sizeof *m);
    m->o = o;
    m->sink.fn = o->message;
    m->sink.user = o->message_user;
    m->loc.lang = servq_lang_parse(o->lang);
    m->loc.code = servq_lang_code(m->loc.lang);
    m->loc.mark = m->loc.lang == SERVQ_LANG_EN ? '.' : ',';
    m->loc.ascii = o->ascii != 0;
    m->color = o->color != 0;
    m->top = o->top ? o->top : 5;
    m->docs = calloc(n, sizeof *m->docs);
    m->period = calloc(n, sizeof *m->period);
    m->dated = calloc(n, sizeof *m->dated);
    per = calloc(n, sizeof *per);
    order = calloc(n, sizeof *order);
    given = calloc(n, sizeof *given);
    if (!m->docs || !m->period || !m->dated || !per || !order || !given) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        st = parse_doc(m, i, docs[i], lens[i], err, errlen);
        if (st != SERVQ_OK) {
            failed = i;
            goto cleanup;
        }
        m->ndocs++;
        doc_period(m->docs[i], &per[i]);
    }
    if (o->import_stats) {
        st = parse_import_stats(m, err, errlen);
        if (st != SERVQ_OK) {
            failed = n;
            goto cleanup;
        }
    }
    SERVQ_TRY(order_docs(m, per, n, order, &failed, err, errlen));
    /* Oldest first from here on; labels follow their documents. */
    memcpy(given, m->docs, n * sizeof *given);
    for (i = 0; i < n; i++) {
        m->docs[i] = given[order[i]];
        m->dated[i] = per[order[i]].known;
        m->period[i] = doc_label(m, &per[order[i]], order[i]);
        if (!m->period[i]) {
            st = SERVQ_ERR_NOMEM;
            goto cleanup;
        }
    }
    m->doc = m->docs[n - 1];
    SERVQ_TRY(warn_input(m, m->doc, order[n - 1]));
    m->all = everyone(m->doc);
    m->overall = servq_jget(m->all, "overall");
    m->suppressed = servq_jtrue(m->all, "suppressed");
    /* A perception-only document has no gaps (docs/gap-analysis-json.md). */
    m->perf_only = !m->suppressed && !servq_jget(m->overall, "gap") &&
                   cJSON_IsNumber(servq_jget(m->overall, "mean_p"));
    ins = servq_jget(m->doc, "instrument");
    m->title = servq_localized(servq_jget(ins, "name"), m->loc.code, servq_jstr(ins, "id"));
    sig = servq_jnum(servq_jget(m->doc, "options"), "significance");
    m->sig = sig > 0 && sig < 1 ? sig : 0.05;
    for (i = 0; i < n; i++) {
        const char *fp = servq_jstr(servq_jget(m->docs[i], "instrument"), "fingerprint");
        if (!fp0)
            fp0 = fp;
        else if (strcmp(fp0, fp) != 0)
            m->mixed_instruments = 1;
    }
    m->targets = servq_jget(m->doc, "targets");
    if (!cJSON_IsArray(m->targets))
        m->targets = NULL;
    cJSON_ArrayForEach(t, m->targets)
    {
        m->ntargets++;
        if (cJSON_IsFalse(servq_jget(t, "met")))
            m->nmissed++;
    }
    m->roles = servq_jget(m->doc, "roles");
    if (!cJSON_IsObject(m->roles))
        m->roles = NULL;
    SERVQ_TRY(build_items(m));
    SERVQ_TRY(build_series(m));
    SERVQ_TRY(build_segments(m));
    SERVQ_TRY(build_quality(m));
cleanup:
    if (st != SERVQ_OK && failed != SIZE_MAX && o->result)
        o->result->failed_input = failed;
    if ((st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA || st == SERVQ_ERR_DATA) &&
        failed != SIZE_MAX)
        say_failed(m, failed, n, err);
    free(per);
    free(order);
    free(given);
    return st;
}
