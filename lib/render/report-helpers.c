/*
 * The words and numbers of the report, shared by the model and the
 * backends: translations, templates, numbers with the language's decimal
 * mark, localized names of levels, quadrants and zones, group names,
 * glyph charts (sparklines, bars) and the escapers of HTML and Markdown.
 * They know the language, never the model or the format.
 */
#include "render/report-helpers-priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *servq_rp_tr(const struct rp_locale *l, const char *msgid)
{
    return servq_tr(l->lang, msgid);
}

enum servq_status servq_rp_fill(struct servq_buf *b, const char *tmpl, const char *const *args,
                                size_t nargs)
{
    const char *p = tmpl;
    enum servq_status st = SERVQ_OK;

    while (*p && st == SERVQ_OK) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            if (k < nargs && args[k])
                st = servq_buf_adds(b, args[k]);
            p += 3;
        } else {
            st = servq_buf_addc(b, *p++);
        }
    }
    return st;
}

void servq_rp_num(const struct rp_locale *l, char *out, size_t cap, double v, int decimals)
{
    servq_fmt_num(out, cap, v, decimals, l->mark);
}

void servq_rp_signed(const struct rp_locale *l, char *out, size_t cap, double v, int decimals)
{
    servq_fmt_signed(out, cap, v, decimals, l->mark);
}

void servq_rp_p(const struct rp_locale *l, char *out, size_t cap, double p)
{
    servq_fmt_p(out, cap, p, l->mark);
}

void servq_rp_ci(const struct rp_locale *l, char *out, size_t cap, const cJSON *o)
{
    servq_fmt_ci(out, cap, o, l->mark);
}

void servq_rp_percent(const struct rp_locale *l, char *out, size_t cap, double pct, int decimals)
{
    char num[32];
    const char *args[1] = {num};
    struct servq_buf b;

    servq_rp_num(l, num, sizeof num, pct, decimals);
    servq_buf_init(&b);
    if (isfinite(pct) && servq_rp_fill(&b, servq_rp_tr(l, N_("{1}%")), args, 1) == SERVQ_OK &&
        b.data)
        snprintf(out, cap, "%s", b.data);
    else
        snprintf(out, cap, "%s", num);
    servq_buf_release(&b);
}

const char *servq_rp_level(const struct rp_locale *l, const char *level)
{
    if (strcmp(level, "below") == 0)
        return servq_rp_tr(l, N_("below expectations"));
    if (strcmp(level, "expected") == 0)
        return servq_rp_tr(l, N_("meets expectations"));
    if (strcmp(level, "exceeding") == 0)
        return servq_rp_tr(l, N_("exceeds expectations"));
    if (strcmp(level, "inspiring") == 0)
        return servq_rp_tr(l, N_("inspiring"));
    return level[0] ? level : "-";
}

const char *servq_rp_quadrant(const struct rp_locale *l, const char *ipa)
{
    if (strcmp(ipa, "concentrate_here") == 0)
        return servq_rp_tr(l, N_("Concentrate here"));
    if (strcmp(ipa, "keep_up_the_good_work") == 0)
        return servq_rp_tr(l, N_("Keep up the good work"));
    if (strcmp(ipa, "low_priority") == 0)
        return servq_rp_tr(l, N_("Low priority"));
    if (strcmp(ipa, "possible_overkill") == 0)
        return servq_rp_tr(l, N_("Possible overkill"));
    return ipa;
}

const char *servq_rp_zot(const struct rp_locale *l, const char *zot)
{
    if (strcmp(zot, "below") == 0)
        return servq_rp_tr(l, N_("below the zone"));
    if (strcmp(zot, "inside") == 0)
        return servq_rp_tr(l, N_("inside the zone"));
    if (strcmp(zot, "above") == 0)
        return servq_rp_tr(l, N_("above the zone"));
    return zot[0] ? zot : "-";
}

const char *servq_rp_target_name(const struct rp_locale *l, const cJSON *doc, const cJSON *t)
{
    const char *scope = servq_jstr(t, "scope"), *id = servq_jstr(t, "id");

    if (strcmp(scope, "dimension") == 0 && id[0])
        return servq_dim_name(doc, id, l->code);
    if (strcmp(scope, "item") == 0 && id[0])
        return servq_item_label(doc, id, l->code);
    if (strcmp(scope, "wsq") == 0 || strcmp(id, "wsq") == 0)
        return servq_rp_tr(l, N_("Weighted SERVQUAL index"));
    if (strcmp(scope, "nps") == 0)
        return servq_rp_tr(l, N_("Net Promoter Score"));
    if (strcmp(scope, "csat") == 0)
        return servq_rp_tr(l, N_("Customer satisfaction (CSAT)"));
    if (strcmp(scope, "overall") == 0 || strcmp(scope, "sq") == 0 || strcmp(scope, "index") == 0)
        return servq_rp_tr(l, N_("SERVQUAL index"));
    return id[0] ? id : scope;
}

enum servq_status servq_rp_group_name(const struct rp_locale *l, struct servq_buf *b,
                                      const cJSON *g, int with_period)
{
    const cJSON *key = servq_jget(g, "key"), *e;
    const char *sep = l->ascii ? " / " : " \xC2\xB7 ";
    enum servq_status st = SERVQ_OK;
    int first = 1;

    if (!cJSON_IsObject(key))
        return SERVQ_OK;
    cJSON_ArrayForEach(e, key)
    {
        const char *v = cJSON_IsString(e) ? e->valuestring : "";
        if (!with_period && e->string && strcmp(e->string, "period") == 0)
            continue;
        if (!first)
            st = servq_buf_adds(b, sep);
        if (st == SERVQ_OK)
            st = servq_buf_adds(b, v[0] ? v : servq_rp_tr(l, N_("(empty)")));
        if (st != SERVQ_OK)
            return st;
        first = 0;
    }
    return st;
}

double servq_rp_nps(const cJSON *g, double *promoters, double *passives, double *detractors)
{
    const cJSON *o = servq_jget(g, "nps");

    /* Percentages (0 to 100) and a score in points (docs/gap-analysis-json.md). */
    *promoters = servq_jnum(o, "promoters");
    *passives = servq_jnum(o, "passives");
    *detractors = servq_jnum(o, "detractors");
    return servq_jnum(o, "score");
}

double servq_rp_csat(const cJSON *g)
{
    return servq_jnum(servq_jget(g, "csat"), "score");
}

enum servq_status servq_rp_spark(const struct rp_locale *l, struct servq_buf *b, const double *v,
                                 size_t n)
{
    static const char *const blocks[8] = {
        "\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
        "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88",
    };
    static const char ascii[] = "_.:-=+*#";
    double lo = INFINITY, hi = -INFINITY;
    enum servq_status st = SERVQ_OK;
    size_t i;

    for (i = 0; i < n; i++)
        if (isfinite(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
        }
    for (i = 0; i < n && st == SERVQ_OK; i++) {
        int k;
        if (!isfinite(v[i])) {
            st = servq_buf_addc(b, ' ');
            continue;
        }
        k = hi > lo ? (int)lround((v[i] - lo) / (hi - lo) * 7) : 3;
        st = l->ascii ? servq_buf_addc(b, ascii[k]) : servq_buf_adds(b, blocks[k]);
    }
    return st;
}

enum servq_status servq_rp_bar(const struct rp_locale *l, struct servq_buf *b, double frac,
                               size_t width)
{
    static const char *const part[8] = {
        "",
        "\xE2\x96\x8F",
        "\xE2\x96\x8E",
        "\xE2\x96\x8D",
        "\xE2\x96\x8C",
        "\xE2\x96\x8B",
        "\xE2\x96\x8A",
        "\xE2\x96\x89",
    };
    enum servq_status st = SERVQ_OK;
    size_t cols = 0, i, eighths, full;

    if (!isfinite(frac) || frac < 0)
        frac = 0;
    if (frac > 1)
        frac = 1;
    eighths = (size_t)lround(frac * (double)width * 8);
    if (l->ascii) {
        full = (eighths + 4) / 8;
        for (i = 0; i < full && st == SERVQ_OK; i++, cols++)
            st = servq_buf_addc(b, '#');
    } else {
        full = eighths / 8;
        for (i = 0; i < full && st == SERVQ_OK; i++, cols++)
            st = servq_buf_adds(b, "\xE2\x96\x88");
        if (eighths % 8 && st == SERVQ_OK) {
            st = servq_buf_adds(b, part[eighths % 8]);
            cols++;
        }
    }
    for (; cols < width && st == SERVQ_OK; cols++)
        st = servq_buf_addc(b, ' ');
    return st;
}

enum servq_status servq_rp_add_html(struct servq_buf *b, const char *s)
{
    enum servq_status st = SERVQ_OK;

    for (; *s && st == SERVQ_OK; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            st = servq_buf_adds(b, "&amp;");
            break;
        case '<':
            st = servq_buf_adds(b, "&lt;");
            break;
        case '>':
            st = servq_buf_adds(b, "&gt;");
            break;
        case '"':
            st = servq_buf_adds(b, "&quot;");
            break;
        case '\'':
            st = servq_buf_adds(b, "&#39;");
            break;
        default:
            /* Control characters have no business in a name. */
            st = c < 0x20 || c == 0x7F ? servq_buf_addc(b, ' ') : servq_buf_addc(b, (char)c);
        }
    }
    return st;
}

enum servq_status servq_rp_add_md(struct servq_buf *b, const char *s)
{
    enum servq_status st = SERVQ_OK;

    for (; *s && st == SERVQ_OK; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&')
            st = servq_buf_adds(b, "&amp;");
        else if (c == '<')
            st = servq_buf_adds(b, "&lt;");
        else if (c == '>')
            st = servq_buf_adds(b, "&gt;");
        else if (c < 0x20 || c == 0x7F)
            st = servq_buf_addc(b, ' ');
        else if (strchr("\\`*_[]|~#", c)) {
            st = servq_buf_addc(b, '\\');
            if (st == SERVQ_OK)
                st = servq_buf_addc(b, (char)c);
        } else
            st = servq_buf_addc(b, (char)c);
    }
    return st;
}
