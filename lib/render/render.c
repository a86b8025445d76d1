/*
 * Renderings of gap-analysis documents for gap-analysis --format text|csv.
 * Both read the JSON document. The report is in report*.c; the helpers
 * both use (look-ups, names, number formatting) are in report-common.c.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/analysis.h"
#include "analysis/analysis-priv.h"
#include "render/report-common-priv.h"
#include "common/util-priv.h"

/* "branch=Centro, period=2026-W44", or "all respondents". */
static enum servq_status add_group_title(struct servq_buf *b, const cJSON *g)
{
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(g, "key"), *e;
    int first = 1;

    if (!key || !key->child)
        return servq_buf_adds(b, "all respondents");
    cJSON_ArrayForEach(e, key)
    {
        /* A key that is an array, not an object, has values without names. */
        if (servq_buf_printf(b, "%s%s%s%s", first ? "" : ", ", e->string ? e->string : "",
                             e->string ? "=" : "",
                             cJSON_IsString(e) ? e->valuestring : "") != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        first = 0;
    }
    return SERVQ_OK;
}

/*
 * One table row: a name column, then figures; the p column shows pfield
 * (p_t, or the items' p_adj) pwidth wide.
 */
static enum servq_status add_row(struct servq_buf *b, const char *name, size_t width,
                                 const cJSON *o, const char *pfield, int pwidth)
{
    char n[24], e[16], p[16], gap[16], ci[48], pv[16];

    snprintf(n, sizeof n, "%.0f", servq_jnum(o, "n"));
    servq_fmt_num(e, sizeof e, servq_jnum(o, "mean_e"), 2, '.');
    servq_fmt_num(p, sizeof p, servq_jnum(o, "mean_p"), 2, '.');
    servq_fmt_num(gap, sizeof gap, servq_jnum(o, "gap"), 2, '.');
    servq_fmt_ci(ci, sizeof ci, o, '.');
    servq_fmt_p(pv, sizeof pv, servq_jnum(o, pfield), '.');
    if (servq_buf_add_padded(b, name, width, "\xE2\x80\xA6") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return servq_buf_printf(b, " %5s %5s %5s %6s %-16s %*s\n", n, e, p, gap, ci, pwidth, pv);
}

static enum servq_status text_group(struct servq_buf *b, const cJSON *doc, const cJSON *g,
                                    const char *lang)
{
    const cJSON *e, *overall = cJSON_GetObjectItemCaseSensitive(g, "overall");
    char label[512], ci[40], sq[16], pv[16];

    if (servq_buf_adds(b, "\n== ") != SERVQ_OK || add_group_title(b, g) != SERVQ_OK ||
        servq_buf_printf(b, " (n = %.0f%s) ==\n", servq_jnum(g, "n"),
                         cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "low_base"))
                             ? ", low base"
                             : "") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return servq_buf_printf(b, "suppressed: fewer than %.0f respondents\n",
                                servq_jnum(servq_jget(doc, "options"), "min_n"));
    servq_fmt_num(sq, sizeof sq, servq_jnum(overall, "sq"), 2, '.');
    servq_fmt_ci(ci, sizeof ci, overall, '.');
    servq_fmt_p(pv, sizeof pv, servq_jnum(overall, "p_t"), '.');
    if (servq_buf_printf(b, "SERVQUAL index (P - E): %s  95%% CI %s  p %s%s\n\n", sq, ci,
                         pv[0] == '<' ? "" : "= ", pv) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (servq_buf_printf(b, "%-28s %5s %5s %5s %6s %-16s %6s\n", "Dimension", "n", "E", "P",
                         "Gap", "95% CI", "p") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
    {
        if (add_row(b, servq_dim_name(doc, servq_jstr(e, "id"), lang), 28, e, "p_t", 6) !=
            SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    /* Items show the p-value adjusted across them, and say how. */
    if (servq_buf_printf(b, "\n%-28s %5s %5s %5s %6s %-16s %7s\n", "Item", "n", "E", "P", "Gap",
                         "95% CI", servq_p_adj_heading(doc)) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "items"))
    {
        snprintf(label, sizeof label, "%s %s", servq_jstr(e, "id"),
                 servq_item_label(doc, servq_jstr(e, "id"), lang));
        if (add_row(b, label, 28, e, "p_adj", 7) != SERVQ_OK)
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
    if ((st = servq_gaps_parse(json, len, &doc, NULL, 0)) != SERVQ_OK)
        return st;
    ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    st = servq_buf_printf(&b, "servq gap analysis: %s (%s), %.0f respondents\n",
                          servq_localized(cJSON_GetObjectItemCaseSensitive(ins, "name"), lang,
                                    servq_jstr(ins, "id")),
                          servq_jstr(ins, "id"), servq_jnum(doc, "rows"));
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

/*
 * One row: key values, scope (item, dimension...), id, dimension, figures,
 * and on item rows adjust, the method behind p_adj and p_adj_wilcoxon.
 */
static enum servq_status csv_row(struct servq_buf *b, const cJSON *keys, const cJSON *g,
                                 const char *level, const cJSON *o, const char *adjust, int raw)
{
    const cJSON *k, *key = cJSON_GetObjectItemCaseSensitive(g, "key");
    enum servq_status st = SERVQ_OK;
    size_t i, first = 1;

    cJSON_ArrayForEach(k, keys)
    {
        /* Everyone's group has no key values; name it so filters can find it. */
        const char *v = key && key->child ? servq_jstr(key, k->valuestring) : "(all)";
        if (first)
            st = servq_buf_add_csv_cell(b, v, strlen(v), raw);
        else
            st = csv_cell(b, v, raw);
        first = 0;
        if (st != SERVQ_OK)
            return st;
    }
    if ((st = first ? servq_buf_adds(b, level) : csv_cell(b, level, 1)) != SERVQ_OK ||
        (st = csv_cell(b, servq_jstr(o, "id"), raw)) != SERVQ_OK ||
        (st = csv_cell(b, servq_jstr(o, "dimension"), raw)) != SERVQ_OK)
        return st;
    for (i = 0; i < sizeof csv_fields / sizeof csv_fields[0]; i++)
        if ((st = csv_value(b, o, csv_fields[i], raw)) != SERVQ_OK)
            return st;
    if ((st = csv_cell(b, strcmp(level, "item") == 0 ? adjust : "", 1)) != SERVQ_OK)
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
    if (strcmp(servq_jstr(opt, "period"), "none") != 0 && servq_jstr(opt, "period")[0])
        cJSON_AddItemToArray(keys, cJSON_CreateString("period"));
    return keys;
}

static enum servq_status csv_group(struct servq_buf *b, const cJSON *keys, const cJSON *g,
                                   const char *adjust, int raw)
{
    const cJSON *e;
    enum servq_status st;

    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return csv_row(b, keys, g, "suppressed", g, adjust, raw);
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "items"))
    {
        if ((st = csv_row(b, keys, g, "item", e, adjust, raw)) != SERVQ_OK)
            return st;
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
    {
        if ((st = csv_row(b, keys, g, "dimension", e, adjust, raw)) != SERVQ_OK)
            return st;
    }
    return csv_row(b, keys, g, "overall", cJSON_GetObjectItemCaseSensitive(g, "overall"), adjust,
                   raw);
}

enum servq_status servq_gaps_render_csv(const char *json, size_t len, int raw, char **out)
{
    cJSON *doc = NULL, *keys = NULL;
    const cJSON *g, *k;
    struct servq_buf b;
    enum servq_status st;
    size_t i;

    servq_buf_init(&b);
    if ((st = servq_gaps_parse(json, len, &doc, NULL, 0)) != SERVQ_OK)
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
        st = servq_buf_adds(&b, ",adjust\n");
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(doc, "groups"))
    {
        if (st == SERVQ_OK)
            st = csv_group(&b, keys, g, servq_jstr(servq_jget(doc, "options"), "adjust"), raw);
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

enum servq_status servq_gaps_warnings(const char *json, size_t len, char **out)
{
    cJSON *doc = NULL;
    struct servq_buf b;
    enum servq_status st;

    servq_buf_init(&b);
    if ((st = servq_gaps_parse(json, len, &doc, NULL, 0)) != SERVQ_OK)
        return st;
    st = servq_input_warnings(doc, &b);
    cJSON_Delete(doc);
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return st;
    }
    *out = servq_buf_steal(&b);
    return SERVQ_OK;
}
