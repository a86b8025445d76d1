/*
 * Text renderings of gap-analysis documents: the --format text table and
 * the plain-text report. Both read the JSON document, so a report can be
 * made later, elsewhere, from what gap-analysis wrote.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/analysis.h"
#include "servq/report.h"
#include "util-priv.h"

#define SCHEMA_GAPS "servq.gap-analysis/1"

static enum servq_status parse_doc(const char *json, size_t len, cJSON **out)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *schema;

    if (!root)
        return SERVQ_ERR_JSON;
    schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, SCHEMA_GAPS) != 0 ||
        !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "groups")) ||
        !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "instrument"))) {
        cJSON_Delete(root);
        return SERVQ_ERR_SCHEMA;
    }
    *out = root;
    return SERVQ_OK;
}

static double num(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsString(v) ? v->valuestring : "";
}

/* A name in lang from {"en": ..., "es": ...}, else English, else fallback. */
static const char *localized(const cJSON *names, const char *lang, const char *fallback)
{
    const cJSON *v = NULL;
    char code[3] = "en";

    if (lang && lang[0] && lang[1]) {
        code[0] = lang[0];
        code[1] = lang[1];
        v = cJSON_GetObjectItemCaseSensitive(names, code);
    }
    if (!cJSON_IsString(v))
        v = cJSON_GetObjectItemCaseSensitive(names, "en");
    return cJSON_IsString(v) ? v->valuestring : fallback;
}

/* Finds the element of an array of objects whose "id" is id. */
static const cJSON *by_id(const cJSON *arr, const char *id)
{
    const cJSON *e;

    cJSON_ArrayForEach(e, arr)
    {
        if (strcmp(str(e, "id"), id) == 0)
            return e;
    }
    return NULL;
}

static const char *item_label(const cJSON *doc, const char *id, const char *lang)
{
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    const cJSON *it = by_id(cJSON_GetObjectItemCaseSensitive(ins, "items"), id);

    return it ? localized(cJSON_GetObjectItemCaseSensitive(it, "label"), lang, id) : id;
}

static const char *dim_name(const cJSON *doc, const char *id, const char *lang)
{
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    const cJSON *d = by_id(cJSON_GetObjectItemCaseSensitive(ins, "dimensions"), id);

    return d ? localized(cJSON_GetObjectItemCaseSensitive(d, "name"), lang, id) : id;
}

/* Appends s padded or cut to width display columns (one per code point). */
static enum servq_status add_padded(struct servq_buf *b, const char *s, size_t width)
{
    size_t cols = 0, i = 0, n = strlen(s), keep = 0;

    while (i < n) {
        size_t step = 1;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xF0)
            step = 4;
        else if (c >= 0xE0)
            step = 3;
        else if (c >= 0xC0)
            step = 2;
        if (i + step > n)
            break;
        if (cols + 1 == width && i + step < n) {
            /* Too long: keep room for an ellipsis. */
            break;
        }
        i += step;
        cols++;
        keep = i;
    }
    if (servq_buf_add(b, s, keep) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (keep < n) {
        if (servq_buf_adds(b, "\xE2\x80\xA6") != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        cols++;
    }
    for (; cols < width; cols++)
        if (servq_buf_addc(b, ' ') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

static void fmt_num(char *out, size_t cap, double v, int decimals)
{
    if (isfinite(v))
        snprintf(out, cap, "%.*f", decimals, v + 0.0);
    else
        snprintf(out, cap, "-");
    /* Avoid printing "-0.00". */
    if (strcmp(out, "-0.00") == 0)
        snprintf(out, cap, "0.00");
}

static void fmt_p(char *out, size_t cap, double p)
{
    if (!isfinite(p))
        snprintf(out, cap, "-");
    else if (p < 0.001)
        snprintf(out, cap, "<0.001");
    else
        snprintf(out, cap, "%.3f", p);
}

static void fmt_ci(char *out, size_t cap, const cJSON *o)
{
    const cJSON *ci = cJSON_GetObjectItemCaseSensitive(o, "ci");
    char lo[16], hi[16];

    if (!cJSON_IsArray(ci) || cJSON_GetArraySize(ci) != 2) {
        snprintf(out, cap, "-");
        return;
    }
    fmt_num(lo, sizeof lo, cJSON_GetArrayItem(ci, 0)->valuedouble, 2);
    fmt_num(hi, sizeof hi, cJSON_GetArrayItem(ci, 1)->valuedouble, 2);
    snprintf(out, cap, "[%s, %s]", lo, hi);
}

/* "branch=Centro, period=2026-W44", or "all respondents". */
static enum servq_status add_group_title(struct servq_buf *b, const cJSON *g)
{
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(g, "key"), *e;
    int first = 1;

    if (!key || !key->child)
        return servq_buf_adds(b, "all respondents");
    cJSON_ArrayForEach(e, key)
    {
        if (servq_buf_printf(b, "%s%s=%s", first ? "" : ", ", e->string,
                             cJSON_IsString(e) ? e->valuestring : "") != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        first = 0;
    }
    return SERVQ_OK;
}

/* One table row: a name column, then figures. */
static enum servq_status add_row(struct servq_buf *b, const char *name, size_t width,
                                 const cJSON *o)
{
    char n[24], e[16], p[16], gap[16], ci[48], pv[16];

    snprintf(n, sizeof n, "%.0f", num(o, "n"));
    fmt_num(e, sizeof e, num(o, "mean_e"), 2);
    fmt_num(p, sizeof p, num(o, "mean_p"), 2);
    fmt_num(gap, sizeof gap, num(o, "gap"), 2);
    fmt_ci(ci, sizeof ci, o);
    fmt_p(pv, sizeof pv, num(o, "p_t"));
    if (add_padded(b, name, width) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return servq_buf_printf(b, " %5s %5s %5s %6s %-16s %6s\n", n, e, p, gap, ci, pv);
}

static enum servq_status text_group(struct servq_buf *b, const cJSON *doc, const cJSON *g,
                                    const char *lang)
{
    const cJSON *e, *overall = cJSON_GetObjectItemCaseSensitive(g, "overall");
    char label[512], ci[40], sq[16], pv[16];

    if (servq_buf_adds(b, "\n== ") != SERVQ_OK || add_group_title(b, g) != SERVQ_OK ||
        servq_buf_printf(b, " (n = %.0f%s) ==\n", num(g, "n"),
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "low_base"))
                             ? ", low base"
                             : "") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return servq_buf_printf(b, "suppressed: fewer than %.0f respondents\n",
                                num(cJSON_GetObjectItemCaseSensitive(doc, "options"), "min_n"));
    fmt_num(sq, sizeof sq, num(overall, "sq"), 2);
    fmt_ci(ci, sizeof ci, overall);
    fmt_p(pv, sizeof pv, num(overall, "p_t"));
    if (servq_buf_printf(b, "SERVQUAL index (P - E): %s  95%% CI %s  p %s%s\n\n", sq, ci,
                         pv[0] == '<' ? "" : "= ", pv) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (servq_buf_printf(b, "%-28s %5s %5s %5s %6s %-16s %6s\n", "Dimension", "n", "E", "P",
                         "Gap", "95% CI", "p") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
    {
        if (add_row(b, dim_name(doc, str(e, "id"), lang), 28, e) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    if (servq_buf_printf(b, "\n%-28s %5s %5s %5s %6s %-16s %6s\n", "Item", "n", "E", "P", "Gap",
                         "95% CI", "p") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "items"))
    {
        snprintf(label, sizeof label, "%s %s", str(e, "id"), item_label(doc, str(e, "id"), lang));
        if (add_row(b, label, 28, e) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

enum servq_status servq_gaps_render_text(const char *json, size_t len, const char *lang,
                                         char **out)
{
    cJSON *doc = NULL;
    const cJSON *g, *ins;
    struct servq_buf b;
    enum servq_status st;

    servq_buf_init(&b);
    if ((st = parse_doc(json, len, &doc)) != SERVQ_OK)
        return st;
    ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    st = servq_buf_printf(&b, "servq gap analysis: %s (%s), %.0f respondents\n",
                          localized(cJSON_GetObjectItemCaseSensitive(ins, "name"), lang,
                                    str(ins, "id")),
                          str(ins, "id"), num(doc, "rows"));
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(doc, "groups"))
    {
        if (st == SERVQ_OK)
            st = text_group(&b, doc, g, lang);
    }
    cJSON_Delete(doc);
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return st;
    }
    *out = servq_buf_steal(&b);
    return SERVQ_OK;
}

/* ---- the report ---- */

void servq_report_options_init(struct servq_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = SERVQ_REPORT_TEXT;
    o->lang = "en";
    o->top = 5;
}

static const char *verdict(double gap, double p)
{
    if (!isfinite(gap))
        return "not enough data to judge";
    if (isfinite(p) && p < 0.05)
        return gap < 0 ? "service falls short of what customers expect"
                       : "service exceeds what customers expect";
    return "service meets what customers expect (no significant gap)";
}

struct ranked {
    const cJSON *item;
    double gap;
};

static int cmp_gap(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;

    return (a->gap > b->gap) - (a->gap < b->gap);
}

static enum servq_status report_priorities(struct servq_buf *b, const cJSON *doc,
                                           const cJSON *g, const char *lang, size_t top)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(g, "items"), *e;
    size_t n = 0, i, k = (size_t)cJSON_GetArraySize(items);
    struct ranked *r = calloc(k ? k : 1, sizeof *r);
    enum servq_status st = SERVQ_OK;
    char gap[16], pv[16];

    if (!r)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, items)
    {
        double v = num(e, "gap");
        if (isfinite(v) && v < 0) {
            r[n].item = e;
            r[n].gap = v;
            n++;
        }
    }
    qsort(r, n, sizeof *r, cmp_gap);
    st = servq_buf_printf(b, "\nPriorities: the %zu largest negative gaps\n", n < top ? n : top);
    for (i = 0; i < n && i < top && st == SERVQ_OK; i++) {
        const char *id = str(r[i].item, "id");
        fmt_num(gap, sizeof gap, r[i].gap, 2);
        fmt_p(pv, sizeof pv, num(r[i].item, "p_t"));
        st = servq_buf_printf(b, "  %zu. ", i + 1);
        if (st == SERVQ_OK)
            st = add_padded(b, item_label(doc, id, lang), 40);
        if (st == SERVQ_OK)
            st = servq_buf_printf(b, " %6s  p %-6s  %s\n", gap, pv,
                                  dim_name(doc, str(r[i].item, "dimension"), lang));
    }
    if (n == 0 && st == SERVQ_OK)
        st = servq_buf_adds(b, "  none: no item falls below expectations\n");
    free(r);
    return st;
}

static enum servq_status report_text(struct servq_buf *b, const cJSON *doc, const char *lang,
                                     size_t top)
{
    const cJSON *g = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "groups"), 0);
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument"), *e;
    const cJSON *overall = cJSON_GetObjectItemCaseSensitive(g, "overall");
    char sq[16], ci[40], pv[16], gap[16], e_s[16], p_s[16];
    enum servq_status st;

    st = servq_buf_printf(b, "servq quality report: %s\nRespondents: %.0f\n",
                          localized(cJSON_GetObjectItemCaseSensitive(ins, "name"), lang,
                                    str(ins, "id")),
                          num(g, "n"));
    if (st != SERVQ_OK)
        return st;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return servq_buf_adds(b, "\nToo few respondents to report figures.\n");
    fmt_num(sq, sizeof sq, num(overall, "sq"), 2);
    fmt_ci(ci, sizeof ci, overall);
    fmt_p(pv, sizeof pv, num(overall, "p_t"));
    st = servq_buf_printf(b, "\nSERVQUAL index (P - E): %s, 95%% CI %s, p %s\n%s.\n", sq, ci, pv,
                          verdict(num(overall, "sq"), num(overall, "p_t")));
    if (st == SERVQ_OK)
        st = servq_buf_printf(b, "\n%-28s %5s %5s %6s %-16s\n", "Dimension", "E", "P", "Gap",
                              "95% CI");
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
    {
        if (st != SERVQ_OK)
            break;
        fmt_num(e_s, sizeof e_s, num(e, "mean_e"), 2);
        fmt_num(p_s, sizeof p_s, num(e, "mean_p"), 2);
        fmt_num(gap, sizeof gap, num(e, "gap"), 2);
        fmt_ci(ci, sizeof ci, e);
        st = add_padded(b, dim_name(doc, str(e, "id"), lang), 28);
        if (st == SERVQ_OK)
            st = servq_buf_printf(b, " %5s %5s %6s %-16s\n", e_s, p_s, gap, ci);
    }
    if (st == SERVQ_OK)
        st = report_priorities(b, doc, g, lang, top);
    return st;
}

enum servq_status servq_report_render(const char *const *docs, const size_t *lens, size_t n,
                                      const struct servq_report_options *o, char **out,
                                      char *err, size_t errlen)
{
    struct servq_report_options defaults;
    cJSON *doc = NULL;
    struct servq_buf b;
    enum servq_status st;

    if (!o) {
        servq_report_options_init(&defaults);
        o = &defaults;
    }
    if (n == 0 || !docs || !lens)
        return SERVQ_ERR_ARG;
    servq_buf_init(&b);
    st = parse_doc(docs[n - 1], lens[n - 1], &doc);
    if (st != SERVQ_OK) {
        if (err && errlen)
            snprintf(err, errlen, "%s",
                     st == SERVQ_ERR_JSON ? "malformed JSON"
                                          : "not a gap-analysis document (schema " SCHEMA_GAPS
                                            ")");
        return st;
    }
    st = report_text(&b, doc, o->lang, o->top ? o->top : 5);
    cJSON_Delete(doc);
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return st;
    }
    *out = servq_buf_steal(&b);
    return SERVQ_OK;
}

/* ---- the flat CSV for spreadsheets ---- */

/* Figures written for each row, in this order; absent ones stay empty. */
static const char *const csv_fields[] = {
    "n",     "mean_e",  "mean_p",     "gap",          "sd_gap",     "ci_low", "ci_high",
    "t",     "df",      "p_t",        "dz",           "v",          "p_wilcoxon",
    "p_adj", "p_adj_wilcoxon", "median_e", "median_p", "top_box_p", "top_two_box_p",
    "importance_share", "ipa", "level", "note",
};

static enum servq_status csv_cell(struct servq_buf *b, const char *s, int raw)
{
    if (servq_buf_addc(b, ',') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return servq_buf_add_csv_cell(b, s, strlen(s), raw);
}

static enum servq_status csv_value(struct servq_buf *b, const cJSON *o, const char *field,
                                   int raw)
{
    const cJSON *v;
    char tmp[40];
    int hi = 0;

    if (strcmp(field, "ci_low") == 0 || strcmp(field, "ci_high") == 0) {
        hi = field[3] == 'h';
        v = cJSON_GetObjectItemCaseSensitive(o, "ci");
        v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, hi) : NULL;
    } else {
        v = cJSON_GetObjectItemCaseSensitive(o, field);
    }
    if (cJSON_IsNumber(v)) {
        servq_format_double(tmp, sizeof tmp, v->valuedouble);
        return csv_cell(b, tmp, 1);
    }
    if (cJSON_IsString(v))
        return csv_cell(b, v->valuestring, raw);
    if (cJSON_IsBool(v))
        return csv_cell(b, cJSON_IsTrue(v) ? "true" : "false", 1);
    return csv_cell(b, "", 1);
}

/* One row: key values, scope (item, dimension...), id, dimension, figures. */
static enum servq_status csv_row(struct servq_buf *b, const cJSON *keys, const cJSON *g,
                                 const char *level, const cJSON *o, int raw)
{
    const cJSON *k, *key = cJSON_GetObjectItemCaseSensitive(g, "key");
    enum servq_status st = SERVQ_OK;
    size_t i, first = 1;

    cJSON_ArrayForEach(k, keys)
    {
        /* Everyone's group has no key values; name it so filters can find it. */
        const char *v = key && key->child ? str(key, k->valuestring) : "(all)";
        if (first)
            st = servq_buf_add_csv_cell(b, v, strlen(v), raw);
        else
            st = csv_cell(b, v, raw);
        first = 0;
        if (st != SERVQ_OK)
            return st;
    }
    if ((st = first ? servq_buf_adds(b, level) : csv_cell(b, level, 1)) != SERVQ_OK ||
        (st = csv_cell(b, str(o, "id"), raw)) != SERVQ_OK ||
        (st = csv_cell(b, str(o, "dimension"), raw)) != SERVQ_OK)
        return st;
    for (i = 0; i < sizeof csv_fields / sizeof csv_fields[0]; i++)
        if ((st = csv_value(b, o, csv_fields[i], raw)) != SERVQ_OK)
            return st;
    return servq_buf_addc(b, '\n');
}

/* The key columns: --by columns, then period. */
static cJSON *csv_keys(const cJSON *doc)
{
    const cJSON *opt = cJSON_GetObjectItemCaseSensitive(doc, "options"), *e;
    cJSON *keys = cJSON_CreateArray();

    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(opt, "by"))
    {
        if (cJSON_IsString(e))
            cJSON_AddItemToArray(keys, cJSON_CreateString(e->valuestring));
    }
    if (strcmp(str(opt, "period"), "none") != 0 && str(opt, "period")[0])
        cJSON_AddItemToArray(keys, cJSON_CreateString("period"));
    return keys;
}

static enum servq_status csv_group(struct servq_buf *b, const cJSON *keys, const cJSON *g,
                                   int raw)
{
    const cJSON *e;
    enum servq_status st;

    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return csv_row(b, keys, g, "suppressed", g, raw);
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "items"))
    {
        if ((st = csv_row(b, keys, g, "item", e, raw)) != SERVQ_OK)
            return st;
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
    {
        if ((st = csv_row(b, keys, g, "dimension", e, raw)) != SERVQ_OK)
            return st;
    }
    return csv_row(b, keys, g, "overall", cJSON_GetObjectItemCaseSensitive(g, "overall"), raw);
}

enum servq_status servq_gaps_render_csv(const char *json, size_t len, int raw, char **out)
{
    cJSON *doc = NULL, *keys = NULL;
    const cJSON *g, *k;
    struct servq_buf b;
    enum servq_status st;
    size_t i;

    servq_buf_init(&b);
    if ((st = parse_doc(json, len, &doc)) != SERVQ_OK)
        return st;
    keys = csv_keys(doc);
    cJSON_ArrayForEach(k, keys)
    {
        if (st == SERVQ_OK)
            st = servq_buf_add_csv_cell(&b, k->valuestring, strlen(k->valuestring), raw);
        if (st == SERVQ_OK)
            st = servq_buf_addc(&b, ',');
    }
    if (st == SERVQ_OK)
        st = servq_buf_adds(&b, "scope,id,dimension");
    for (i = 0; i < sizeof csv_fields / sizeof csv_fields[0] && st == SERVQ_OK; i++)
        st = servq_buf_printf(&b, ",%s", csv_fields[i]);
    if (st == SERVQ_OK)
        st = servq_buf_addc(&b, '\n');
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(doc, "groups"))
    {
        if (st == SERVQ_OK)
            st = csv_group(&b, keys, g, raw);
    }
    cJSON_Delete(keys);
    cJSON_Delete(doc);
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return st;
    }
    *out = servq_buf_steal(&b);
    return SERVQ_OK;
}
