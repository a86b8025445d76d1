/*
 * The report's sections, in order, written once for every format through
 * the backend table (report-backend-priv.h): missed targets, headline, priorities,
 * strengths, dimensions, importance-performance, zone of tolerance,
 * segments, trend, the gaps model views, data quality.
 */
#include "render/report-priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the backend ---- */

static enum servq_status heading(struct rp_w *w, const char *id, const char *text,
                                 enum rp_tone tone)
{
    return w->be->heading(w, id, text, tone);
}

static enum servq_status para(struct rp_w *w, const char *text, enum rp_tone tone)
{
    return w->be->para(w, text, tone);
}

static enum servq_status list(struct rp_w *w, char *const *items, size_t n)
{
    return w->be->list(w, items, n);
}

/* A table without rows, or one the backend doesn't show, is left out. */
static enum servq_status table(struct rp_w *w, const struct rp_table *t)
{
    if (!servq_rp_shown(t->only, w->be->caps) || servq_rp_table_rows(t) == 0)
        return SERVQ_OK;
    return w->be->table(w, t);
}

static enum servq_status chart(struct rp_w *w, enum rp_chart c)
{
    return w->be->chart(w, c);
}

/* Whether marks (arrows, separators) are ASCII: --ascii, where the backend honours it. */
static int ascii_marks(const struct rp_w *w)
{
    return w->m->loc.ascii && (w->be->caps & RP_ASCII) != 0;
}

/* A template filled into b (cleared first); returns the text. */
static const char *fill(struct servq_buf *b, const char *tmpl, const char *a1, const char *a2,
                        const char *a3)
{
    const char *args[3] = {a1, a2, a3};

    servq_buf_clear(b);
    if (servq_rp_fill(b, tmpl, args, 3) != SERVQ_OK || !b->data)
        return "";
    return b->data;
}

#define TR(s) servq_rp_tr(&m->loc, N_(s))

static enum rp_tone level_tone(const char *level)
{
    if (strcmp(level, "below") == 0)
        return RP_BAD;
    if (strcmp(level, "exceeding") == 0 || strcmp(level, "inspiring") == 0)
        return RP_GOOD;
    return RP_PLAIN;
}

/* An arrow for a significant change, by the sign of the change. */
static const char *arrow(const struct rp_w *w, const struct rp_change *c)
{
    if (!c->have || !c->significant)
        return " ";
    if (c->diff > 0)
        return ascii_marks(w) ? "^" : "\xE2\x96\xB2";
    return ascii_marks(w) ? "v" : "\xE2\x96\xBC";
}

static enum rp_tone change_tone(const struct rp_change *c)
{
    if (!c->have || !c->significant)
        return RP_PLAIN;
    return c->diff > 0 ? RP_GOOD : RP_BAD;
}

/* ---- sections ---- */

static enum servq_status sec_title(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    struct servq_buf t, s, tmp;
    char num[24];
    enum servq_status st = SERVQ_OK;

    servq_buf_init(&t);
    servq_buf_init(&s);
    servq_buf_init(&tmp);
    SERVQ_TRY(
        servq_buf_adds(&t, fill(&tmp, TR("servq quality report: {1}"), m->title, NULL, NULL)));
    /* A document without a period or dates is named by its file. */
    SERVQ_TRY(servq_buf_adds(
        &s, fill(&tmp, m->dated[m->ndocs - 1] ? TR("Period: {1}") : TR("Document: {1}"),
                 m->period[m->ndocs - 1], NULL, NULL)));
    if (m->ndocs > 1) {
        snprintf(num, sizeof num, "%zu", m->ndocs);
        SERVQ_TRY(servq_buf_adds(&s, ascii_marks(w) ? " / " : " \xC2\xB7 "));
        SERVQ_TRY(servq_buf_adds(
            &s,
            fill(&tmp, m->unordered ? TR("documents compared: {1}") : TR("periods compared: {1}"),
                 num, NULL, NULL)));
    }
    st = w->be->begin(w, t.data, s.data);
cleanup:
    servq_buf_release(&t);
    servq_buf_release(&s);
    servq_buf_release(&tmp);
    return st;
}

/* Gaps with two decimals and a sign; NPS and CSAT, in points, with none. */
static void fmt_target_value(const struct rp_model *m, const cJSON *t, char *out, size_t cap,
                             double v)
{
    const char *scope = servq_jstr(t, "scope");

    if (strcmp(scope, "nps") == 0)
        servq_rp_signed(&m->loc, out, cap, v, 0);
    else if (strcmp(scope, "csat") == 0)
        servq_rp_num(&m->loc, out, cap, v, 0);
    else
        servq_rp_signed(&m->loc, out, cap, v, 2);
}

/* Column heads in the report's language. */
static void localize_cols(const struct rp_model *m, const struct rp_col *in, struct rp_col *out,
                          size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        out[i] = in[i];
        out[i].head = in[i].head[0] ? servq_rp_tr(&m->loc, in[i].head) : "";
    }
}

static enum servq_status sec_targets(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Target"), 39, 0, 0, 0},
        {N_("Value"), 8, 1, 0, 0},
        {N_("Minimum"), 8, 1, 0, 0},
        {N_("Status"), 0, 0, 0, 0},
    };
    struct rp_col lc[4];
    struct rp_table t;
    struct servq_buf tmp;
    const cJSON *e;
    char a[24], b2[24], v[32], mn[32];
    enum servq_status st = SERVQ_OK;
    int pass;

    if (!m->targets || m->ntargets == 0)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 4);
    servq_rp_table_init(&t, lc, 4);
    servq_buf_init(&tmp);
    SERVQ_TRY(heading(w, "targets", m->nmissed ? TR("Missed targets") : TR("Targets"),
                      m->nmissed ? RP_BAD : RP_PLAIN));
    snprintf(a, sizeof a, "%zu", m->nmissed);
    snprintf(b2, sizeof b2, "%zu", m->ntargets);
    SERVQ_TRY(para(w, fill(&tmp, TR("{1} of {2} quality targets missed."), a, b2, NULL),
                   m->nmissed ? RP_BAD : RP_GOOD));
    /* Missed ones first. */
    for (pass = 0; pass < 2; pass++) {
        cJSON_ArrayForEach(e, m->targets)
        {
            int missed = cJSON_IsFalse(servq_jget(e, "met"));
            if (missed != (pass == 0))
                continue;
            fmt_target_value(m, e, v, sizeof v, servq_jnum(e, "value"));
            fmt_target_value(m, e, mn, sizeof mn, servq_jnum(e, "min"));
            SERVQ_TRY(servq_rp_cell(&t, missed ? RP_BAD : RP_PLAIN, "%s",
                                    servq_rp_target_name(&m->loc, m->doc, e)));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", mn));
            SERVQ_TRY(servq_rp_cell(&t, missed ? RP_BAD : RP_GOOD, "%s",
                                    missed                               ? TR("missed")
                                    : cJSON_IsTrue(servq_jget(e, "met")) ? TR("met")
                                                                         : "-"));
        }
    }
    SERVQ_TRY(table(w, &t));
cleanup:
    servq_rp_table_release(&t);
    servq_buf_release(&tmp);
    return st;
}

static enum servq_status change_row(struct rp_w *w, struct rp_table *t, const char *label,
                                    const struct rp_change *c)
{
    const struct rp_model *m = w->m;
    char d[32], p[32];
    struct servq_buf tmp;
    enum servq_status st = SERVQ_OK;

    servq_buf_init(&tmp);
    servq_rp_signed(&m->loc, d, sizeof d, c->have ? c->diff : NAN, 2);
    servq_rp_p(&m->loc, p, sizeof p, c->p);
    SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", label));
    if (c->have && c->significant)
        SERVQ_TRY(servq_rp_cell(t, change_tone(c), "%s %s", arrow(w, c), d));
    else
        SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", d));
    if (!c->have)
        SERVQ_TRY(servq_rp_cell(t, RP_MUTED, "%s", TR("no figure for one of the periods")));
    else if (!isfinite(c->p))
        SERVQ_TRY(servq_rp_cell(t, RP_MUTED, "%s", TR("no test")));
    else
        SERVQ_TRY(servq_rp_cell(t, c->significant ? change_tone(c) : RP_MUTED, "%s",
                                fill(&tmp,
                                     c->significant ? TR("Welch p {1}, significant")
                                                    : TR("Welch p {1}, not significant"),
                                     p, NULL, NULL)));
cleanup:
    servq_buf_release(&tmp);
    return st;
}

/* The widest the headline's first column grows, leaving the rest of 80 columns to the others. */
#define MEASURE_MAX 36

static enum servq_status sec_headline(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Measure"), 28, 0, 0, 0},
        {N_("Value"), 8, 1, 0, 0},
        {N_("Detail"), 0, 0, 0, 0},
    };
    struct rp_col lc[3];
    struct rp_table t;
    struct servq_buf tmp, tmp2;
    const cJSON *wsq = servq_jget(m->overall, "wsq");
    char v[32], ci[64], n[32], a[32], b[32], c[32];
    double pr, pa, de, s;
    enum servq_status st = SERVQ_OK;
    const char *level, *since = NULL;
    size_t k;

    localize_cols(m, cols, lc, 3);
    servq_buf_init(&tmp);
    servq_buf_init(&tmp2);
    if (m->ndocs > 1) {
        /* The row of the change names the period before: widen to show it (a date range). */
        since = fill(&tmp2, TR("Change since {1}"), m->period[m->ndocs - 2], NULL, NULL);
        k = servq_text_cols(since, strlen(since));
        if (k > lc[0].width)
            lc[0].width = k < MEASURE_MAX ? k : MEASURE_MAX;
    }
    servq_rp_table_init(&t, lc, 3);
    SERVQ_TRY(heading(w, "headline", TR("Headline"), RP_PLAIN));
    if (m->suppressed) {
        servq_rp_num(&m->loc, a, sizeof a, servq_jnum(m->all, "n"), 0);
        servq_rp_num(&m->loc, b, sizeof b, servq_jnum(servq_jget(m->doc, "options"), "min_n"), 0);
        SERVQ_TRY(para(w,
                       fill(&tmp,
                            TR("Too few respondents to report figures: {1} (the minimum "
                               "is {2})."),
                            a, b, NULL),
                       RP_BAD));
        goto cleanup;
    }
    if (m->perf_only)
        servq_rp_num(&m->loc, v, sizeof v, servq_jnum(m->overall, "sq"), 2);
    else
        servq_rp_signed(&m->loc, v, sizeof v, servq_jnum(m->overall, "sq"), 2);
    servq_rp_ci(&m->loc, ci, sizeof ci, m->overall);
    SERVQ_TRY(
        servq_rp_cell(&t, RP_STRONG, "%s",
                      m->perf_only ? TR("SERVPERF index (mean P)") : TR("SERVQUAL index (P - E)")));
    SERVQ_TRY(servq_rp_cell(&t, level_tone(servq_jstr(m->overall, "level")), "%s", v));
    /* xgettext:no-c-format */
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", fill(&tmp, TR("95% CI {1}"), ci, NULL, NULL)));
    if (cJSON_IsObject(wsq)) {
        servq_rp_signed(&m->loc, v, sizeof v, servq_jnum(wsq, "mean"), 2);
        servq_rp_ci(&m->loc, ci, sizeof ci, wsq);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Weighted SERVQUAL index")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
        /* xgettext:no-c-format */
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", fill(&tmp, TR("95% CI {1}"), ci, NULL, NULL)));
    }
    if (m->ndocs > 1) {
        SERVQ_TRY(change_row(w, &t, since, &m->series[0].change));
        if (m->have_wsq)
            SERVQ_TRY(change_row(w, &t, TR("Change in the weighted index"), &m->series[1].change));
    }
    servq_rp_num(&m->loc, n, sizeof n, servq_jnum(m->all, "n"), 0);
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Respondents")));
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", n));
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", ""));
    s = servq_rp_nps(m->all, &pr, &pa, &de);
    if (cJSON_IsObject(servq_jget(m->all, "nps"))) {
        servq_rp_signed(&m->loc, v, sizeof v, s, 0);
        servq_rp_percent(&m->loc, a, sizeof a, pr, 0);
        servq_rp_percent(&m->loc, c, sizeof c, de, 0);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Net Promoter Score")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
        servq_rp_num(&m->loc, n, sizeof n, servq_jnum(servq_jget(m->all, "nps"), "n"), 0);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s",
                                fill(&tmp, TR("promoters {1}, detractors {2}; n = {3}"), a, c, n)));
    }
    if (cJSON_IsObject(servq_jget(m->all, "csat"))) {
        servq_rp_percent(&m->loc, v, sizeof v, servq_rp_csat(m->all), 0);
        servq_rp_num(&m->loc, n, sizeof n, servq_jnum(servq_jget(m->all, "csat"), "n"), 0);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Customer satisfaction (CSAT)")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
        SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", fill(&tmp, TR("n = {1}"), n, NULL, NULL)));
    }
    SERVQ_TRY(table(w, &t));
    level = servq_jstr(m->overall, "level");
    if (m->perf_only)
        ;
    else if (strcmp(level, "below") == 0)
        SERVQ_TRY(para(w, TR("Service falls short of what customers expect."), RP_BAD));
    else if (strcmp(level, "exceeding") == 0 || strcmp(level, "inspiring") == 0)
        SERVQ_TRY(para(w, TR("Service exceeds what customers expect."), RP_GOOD));
    else if (strcmp(level, "expected") == 0)
        SERVQ_TRY(
            para(w, TR("Service meets what customers expect: no significant gap."), RP_PLAIN));
    else
        SERVQ_TRY(para(w, TR("Not enough data to judge the service."), RP_MUTED));
cleanup:
    servq_rp_table_release(&t);
    servq_buf_release(&tmp);
    servq_buf_release(&tmp2);
    return st;
}

static enum servq_status sec_priorities(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("#"), 2, 1, 0, 0},    {N_("Item"), 37, 0, 0, 0},     {N_("Gap"), 6, 1, 0, 0},
        {N_("Imp."), 6, 1, 0, 0}, {N_("Dimension"), 0, 0, 0, 0},
    };
    static const struct rp_col scols[] = {
        {N_("#"), 2, 1, 0, 0}, {N_("Item"), 37, 0, 0, 0},     {N_("Gap"), 6, 1, 0, 0},
        {N_("p"), 7, 1, 0, 0}, {N_("Dimension"), 0, 0, 0, 0},
    };
    struct rp_col lc[5];
    struct rp_table t;
    char g[32], v[32];
    enum servq_status st = SERVQ_OK;
    size_t i;

    if (m->suppressed)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 5);
    servq_rp_table_init(&t, lc, 5);
    SERVQ_TRY(heading(w, "priorities", TR("Priorities: what to fix first"), RP_PLAIN));
    if (m->perf_only) {
        SERVQ_TRY(para(w,
                       TR("The instrument measures perceptions only: there are no gaps to "
                          "rank."),
                       RP_MUTED));
        goto cleanup;
    }
    if (m->nprio == 0) {
        SERVQ_TRY(para(w, TR("No item falls significantly below expectations."), RP_GOOD));
    } else {
        SERVQ_TRY(para(w,
                       TR("Items significantly below expectations, largest gap times "
                          "importance first."),
                       RP_MUTED));
        for (i = 0; i < m->nprio; i++) {
            const struct rp_item *it = m->prio[i];
            servq_rp_signed(&m->loc, g, sizeof g, it->gap, 2);
            servq_rp_num(&m->loc, v, sizeof v, it->importance, 2);
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%zu", i + 1));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->label));
            SERVQ_TRY(servq_rp_cell(&t, RP_BAD, "%s", g));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->dim_name));
        }
        SERVQ_TRY(table(w, &t));
    }
    servq_rp_table_release(&t);
    localize_cols(m, scols, lc, 5);
    lc[3].head = servq_p_adj_heading(m->doc); /* the items' adjusted p, named */
    servq_rp_table_init(&t, lc, 5);
    SERVQ_TRY(heading(w, "strengths", TR("Strengths"), RP_PLAIN));
    if (m->nstrong == 0) {
        SERVQ_TRY(para(w,
                       m->have_gaps ? TR("No item is significantly above expectations.")
                                    : TR("No item has figures."),
                       RP_MUTED));
        goto cleanup;
    }
    if (m->strong_closest)
        SERVQ_TRY(para(w,
                       TR("No item is significantly above expectations; of those with no "
                          "significant gap, these come closest."),
                       RP_MUTED));
    else
        SERVQ_TRY(
            para(w, TR("Items significantly above expectations, largest gap first."), RP_MUTED));
    for (i = 0; i < m->nstrong; i++) {
        const struct rp_item *it = m->strong[i];
        servq_rp_signed(&m->loc, g, sizeof g, it->gap, 2);
        servq_rp_p(&m->loc, v, sizeof v, it->p);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%zu", i + 1));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->label));
        SERVQ_TRY(servq_rp_cell(&t, it->gap > 0 && it->significant ? RP_GOOD : RP_PLAIN, "%s", g));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", v));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->dim_name));
    }
    SERVQ_TRY(table(w, &t));
cleanup:
    servq_rp_table_release(&t);
    return st;
}

static int any_alpha(const cJSON *dims)
{
    const cJSON *d;

    cJSON_ArrayForEach(d, dims)
    {
        if (cJSON_IsObject(servq_jget(d, "alpha_e")) || cJSON_IsObject(servq_jget(d, "alpha_p")) ||
            cJSON_IsObject(servq_jget(d, "alpha_gap")))
            return 1;
    }
    return 0;
}

static enum servq_status alpha_cell(const struct rp_model *m, struct rp_table *t, const cJSON *d,
                                    const char *name)
{
    double a = servq_jnum(servq_jget(d, name), "raw");
    char v[32];

    servq_rp_num(&m->loc, v, sizeof v, a, 2);
    return servq_rp_cell(t, isfinite(a) && a < 0.70 ? RP_BAD : RP_PLAIN, "%s", v);
}

/* The largest |gap| of the objects in arr, for the scale of text bars. */
static double gap_scale(const cJSON *arr)
{
    const cJSON *e;
    double mx = 0;

    cJSON_ArrayForEach(e, arr)
    {
        double g = servq_jnum(e, "gap");
        if (isfinite(g))
            mx = fmax(mx, fabs(g));
    }
    return mx > 0 ? mx : 1;
}

static enum servq_status sec_dimensions(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Dimension"), 14, 0, 0, 0},
        {N_("E"), 5, 1, 0, 0},
        {N_("P"), 5, 1, 0, 0},
        {N_("Gap"), 6, 1, 0, 0},
        /* xgettext:no-c-format */
        {N_("95% CI"), 14, 0, 0, 0},
        {N_("Level"), 0, 0, 0, RP_DRAWN},
        {N_("Alpha E"), 9, 1, 0, 0},
        {N_("Alpha P"), 9, 1, 0, 0},
        {N_("Alpha P-E"), 9, 1, 0, 0},
    };
    static const struct rp_col bcols[] = {
        {N_("Dimension"), 18, 0, 0, 0},
        {N_("Gap"), 6, 1, 0, 0},
        {"", 28, 0, 1, 0},
        {N_("Level"), 0, 0, 0, 0},
    };
    struct rp_col lc[9];
    struct rp_table t, bars;
    const cJSON *dims = servq_jget(m->all, "dimensions"), *d;
    int alpha = any_alpha(dims);
    double scale = gap_scale(dims);
    char e[32], p[32], g[32], ci[64];
    struct servq_buf bar;
    enum servq_status st = SERVQ_OK;

    if (m->suppressed)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 9);
    servq_rp_table_init(&t, lc, alpha ? 9 : 6);
    servq_rp_table_init(&bars, NULL, 0);
    servq_buf_init(&bar);
    SERVQ_TRY(heading(w, "dimensions", TR("Dimensions"), RP_PLAIN));
    cJSON_ArrayForEach(d, dims)
    {
        const char *level = servq_jstr(d, "level");
        servq_rp_num(&m->loc, e, sizeof e, servq_jnum(d, "mean_e"), 2);
        servq_rp_num(&m->loc, p, sizeof p, servq_jnum(d, "mean_p"), 2);
        servq_rp_signed(&m->loc, g, sizeof g, servq_jnum(d, "gap"), 2);
        servq_rp_ci(&m->loc, ci, sizeof ci, d);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s",
                                servq_dim_name(m->doc, servq_jstr(d, "id"), m->loc.code)));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", e));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", p));
        SERVQ_TRY(servq_rp_cell(&t, level_tone(level), "%s", g));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", ci));
        SERVQ_TRY(servq_rp_cell(&t, level_tone(level), "%s", servq_rp_level(&m->loc, level)));
        if (alpha) {
            SERVQ_TRY(alpha_cell(m, &t, d, "alpha_e"));
            SERVQ_TRY(alpha_cell(m, &t, d, "alpha_p"));
            SERVQ_TRY(alpha_cell(m, &t, d, "alpha_gap"));
        }
    }
    SERVQ_TRY(table(w, &t));
    if (alpha)
        SERVQ_TRY(para(w,
                       TR("Alpha: Cronbach's alpha (raw) of the dimension's E, P and "
                          "gap (P-E) scores; below 0.70 is weak."),
                       RP_MUTED));
    SERVQ_TRY(chart(w, RP_CHART_GAPS));
    /* Text and Markdown draw the gaps as bars. */
    if (!m->perf_only) {
        struct rp_col blc[4];
        localize_cols(m, bcols, blc, 4);
        servq_rp_table_init(&bars, blc, 4);
        bars.only = RP_GLYPHS;
        cJSON_ArrayForEach(d, dims)
        {
            const char *level = servq_jstr(d, "level");
            double gv = servq_jnum(d, "gap");
            servq_rp_signed(&m->loc, g, sizeof g, gv, 2);
            servq_buf_clear(&bar);
            SERVQ_TRY(servq_rp_bar(&m->loc, &bar, isfinite(gv) ? fabs(gv) / scale : 0, 28));
            SERVQ_TRY(servq_rp_cell(&bars, RP_PLAIN, "%s",
                                    servq_dim_name(m->doc, servq_jstr(d, "id"), m->loc.code)));
            SERVQ_TRY(servq_rp_cell(&bars, level_tone(level), "%s", g));
            SERVQ_TRY(servq_rp_cell(&bars, level_tone(level), "%s", bar.data ? bar.data : ""));
            SERVQ_TRY(
                servq_rp_cell(&bars, level_tone(level), "%s", servq_rp_level(&m->loc, level)));
        }
        SERVQ_TRY(table(w, &bars));
    }
cleanup:
    servq_rp_table_release(&t);
    servq_rp_table_release(&bars);
    servq_buf_release(&bar);
    return st;
}

static const char *const quadrants[] = {
    "concentrate_here",
    "keep_up_the_good_work",
    "low_priority",
    "possible_overkill",
};

static enum servq_status sec_ipa(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    const cJSON *ipa = servq_jget(m->all, "ipa");
    const cJSON *cross = servq_jget(ipa, "crosshairs");
    struct rp_col lc[3] = {
        {"", 50, 0, 0, 0},
        {N_("Imp."), 6, 1, 0, 0},
        {N_("P"), 6, 1, 0, 0},
    };
    struct rp_table t;
    struct servq_buf tmp;
    char a[32], b[32];
    enum servq_status st = SERVQ_OK;
    size_t q, i, any = 0;

    if (m->suppressed)
        return SERVQ_OK;
    for (i = 0; i < m->nitems; i++)
        if (cJSON_IsString(servq_jget(m->items[i].j, "ipa")))
            any++;
    if (!any)
        return SERVQ_OK;
    lc[1].head = TR("Imp.");
    lc[2].head = TR("P");
    servq_rp_table_init(&t, lc, 3);
    servq_buf_init(&tmp);
    SERVQ_TRY(heading(w, "ipa", TR("Importance and performance"), RP_PLAIN));
    snprintf(a, sizeof a, "-");
    if (cJSON_IsArray(cross) && cJSON_IsNumber(cJSON_GetArrayItem(cross, 0)))
        servq_rp_num(&m->loc, a, sizeof a, cJSON_GetArrayItem(cross, 0)->valuedouble, 2);
    if (cJSON_IsArray(cross) && cJSON_IsNumber(cJSON_GetArrayItem(cross, 1)))
        servq_rp_num(&m->loc, b, sizeof b, cJSON_GetArrayItem(cross, 1)->valuedouble, 2);
    else
        snprintf(b, sizeof b, "-");
    SERVQ_TRY(para(w,
                   fill(&tmp,
                        strcmp(servq_jstr(ipa, "importance"), "stated") == 0
                            ? TR("Importance (Imp.) is the stated importance share of the "
                                 "item's dimension, performance the mean P. The quadrants "
                                 "meet at importance {1} and performance {2}.")
                            : TR("Importance (Imp.) is the mean expectation E, performance "
                                 "the mean P. The quadrants meet at importance {1} and "
                                 "performance {2}."),
                        a, b, NULL),
                   RP_MUTED));
    SERVQ_TRY(chart(w, RP_CHART_IPA));
    for (q = 0; q < 4; q++) {
        servq_rp_table_release(&t);
        lc[0].head = servq_rp_quadrant(&m->loc, quadrants[q]);
        servq_rp_table_init(&t, lc, 3);
        for (i = 0; i < m->nitems; i++) {
            const struct rp_item *it = &m->items[i];
            if (strcmp(servq_jstr(it->j, "ipa"), quadrants[q]) != 0)
                continue;
            servq_rp_num(&m->loc, a, sizeof a, it->importance, 2);
            servq_rp_num(&m->loc, b, sizeof b, servq_jnum(it->j, "mean_p"), 2);
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->label));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", a));
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", b));
        }
        SERVQ_TRY(table(w, &t));
    }
cleanup:
    servq_rp_table_release(&t);
    servq_buf_release(&tmp);
    return st;
}

/* The item's scale from the instrument: [lo, hi]. */
static void item_scale(const struct rp_model *m, const char *id, double *lo, double *hi)
{
    const cJSON *it = servq_by_id(servq_jget(servq_jget(m->doc, "instrument"), "items"), id);
    const cJSON *sc = servq_jget(it, "scale");

    *lo = servq_jnum(sc, "min");
    *hi = servq_jnum(sc, "max");
    if (!isfinite(*lo) || !isfinite(*hi) || *hi <= *lo) {
        *lo = 1;
        *hi = 7;
    }
}

/* 13 cells across the item's scale: the band from A to D, and P on it. */
static enum servq_status zot_band(const struct rp_model *m, struct servq_buf *b, double a, double p,
                                  double d, double lo, double hi)
{
    const int cells = 13;
    int c, pc = -1;
    enum servq_status st = SERVQ_OK;

    if (isfinite(p))
        pc = (int)lround((p - lo) / (hi - lo) * (cells - 1));
    for (c = 0; c < cells && st == SERVQ_OK; c++) {
        double x = lo + (hi - lo) * c / (cells - 1);
        if (c == pc)
            st = servq_buf_adds(b, m->loc.ascii ? "o" : "\xE2\x97\x8F");
        else if (isfinite(a) && isfinite(d) && x >= a - 1e-9 && x <= d + 1e-9)
            st = servq_buf_adds(b, m->loc.ascii ? "=" : "\xE2\x94\x81");
        else
            st = servq_buf_adds(b, m->loc.ascii ? "." : "\xC2\xB7");
    }
    return st;
}

static enum servq_status sec_zot(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Item"), 26, 0, 0, 0}, {N_("A"), 5, 1, 0, 0},         {N_("P"), 5, 1, 0, 0},
        {N_("D"), 5, 1, 0, 0},     {N_("MSA"), 6, 1, 0, RP_WIDE}, {N_("MSS"), 6, 1, 0, RP_WIDE},
        {"", 13, 0, 1, RP_GLYPHS}, {N_("Position"), 0, 0, 0, 0},
    };
    struct rp_col lc[8];
    struct rp_table t;
    struct servq_buf band;
    char a[32], p[32], d[32], msa[32], mss[32];
    enum servq_status st = SERVQ_OK;
    size_t i;

    if (m->suppressed || !m->have_zot)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 8);
    servq_rp_table_init(&t, lc, 8);
    servq_buf_init(&band);
    SERVQ_TRY(heading(w, "zot", TR("Zone of tolerance"), RP_PLAIN));
    SERVQ_TRY(para(w,
                   TR("Between adequate (A) and desired (D) service customers tolerate "
                      "the service; P is what they perceived. MSA = P - A, MSS = P - D."),
                   RP_MUTED));
    SERVQ_TRY(chart(w, RP_CHART_ZOT));
    for (i = 0; i < m->nitems; i++) {
        const struct rp_item *it = &m->items[i];
        const char *zot = servq_jstr(it->j, "zot");
        double va = servq_jnum(it->j, "mean_a"), vp = servq_jnum(it->j, "mean_p");
        double vd = servq_jnum(it->j, "mean_d"), lo, hi;
        enum rp_tone tone = strcmp(zot, "below") == 0   ? RP_BAD
                            : strcmp(zot, "above") == 0 ? RP_GOOD
                                                        : RP_PLAIN;
        if (!zot[0] && !isfinite(va) && !isfinite(vd))
            continue;
        item_scale(m, it->id, &lo, &hi);
        servq_rp_num(&m->loc, a, sizeof a, va, 2);
        servq_rp_num(&m->loc, p, sizeof p, vp, 2);
        servq_rp_num(&m->loc, d, sizeof d, vd, 2);
        servq_rp_signed(&m->loc, msa, sizeof msa, servq_jnum(it->j, "msa"), 2);
        servq_rp_signed(&m->loc, mss, sizeof mss, servq_jnum(it->j, "mss"), 2);
        servq_buf_clear(&band);
        SERVQ_TRY(zot_band(m, &band, va, vp, vd, lo, hi));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", it->label));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", a));
        SERVQ_TRY(servq_rp_cell(&t, tone, "%s", p));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", d));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", msa));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", mss));
        SERVQ_TRY(servq_rp_cell(&t, tone, "%s", band.data ? band.data : ""));
        SERVQ_TRY(servq_rp_cell(&t, tone, "%s", servq_rp_zot(&m->loc, zot)));
    }
    SERVQ_TRY(table(w, &t));
cleanup:
    servq_rp_table_release(&t);
    servq_buf_release(&band);
    return st;
}

static enum servq_status sec_segments(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("#"), 2, 1, 0, 0},
        {N_("Segment"), 22, 0, 0, 0},
        {N_("n"), 6, 1, 0, 0},
        {N_("Gap"), 6, 1, 0, 0},
        /* xgettext:no-c-format */
        {N_("95% CI"), 14, 0, 0, 0},
        {N_("Level"), 0, 0, 0, 0},
    };
    struct rp_col lc[6];
    struct rp_table t;
    struct servq_buf tmp, tmp2;
    char n[32], g[32], ci[64], mn[32];
    enum servq_status st = SERVQ_OK;
    size_t i, rank = 0;

    if (m->nsegs == 0)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 6);
    servq_rp_table_init(&t, lc, 6);
    servq_buf_init(&tmp);
    servq_buf_init(&tmp2);
    if (m->seg_by[0] && m->seg_period)
        fill(&tmp, TR("Segments by {1}, {2}"), m->seg_by, m->seg_period, NULL);
    else if (m->seg_by[0])
        fill(&tmp, TR("Segments by {1}"), m->seg_by, NULL, NULL);
    else
        fill(&tmp, TR("Segments"), NULL, NULL, NULL);
    SERVQ_TRY(heading(w, "segments", tmp.data ? tmp.data : "", RP_PLAIN));
    SERVQ_TRY(
        para(w, TR("Worst gap first. * marks a low base: fewer than 30 respondents."), RP_MUTED));
    SERVQ_TRY(chart(w, RP_CHART_SEGMENTS));
    servq_rp_num(&m->loc, mn, sizeof mn, servq_jnum(servq_jget(m->doc, "options"), "min_n"), 0);
    for (i = 0; i < m->nsegs; i++) {
        const struct rp_seg *s = &m->segs[i];
        const cJSON *ov = servq_jget(s->g, "overall");
        const char *level = servq_jstr(ov, "level");
        servq_rp_num(&m->loc, n, sizeof n, s->n, 0);
        if (s->suppressed) {
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", "-"));
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", s->name));
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s%s", n, s->low_base ? "*" : ""));
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", ""));
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", ""));
            SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s",
                                    fill(&tmp2, TR("suppressed (n < {1})"), mn, NULL, NULL)));
            continue;
        }
        servq_rp_signed(&m->loc, g, sizeof g, s->gap, 2);
        servq_rp_ci(&m->loc, ci, sizeof ci, ov);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%zu", ++rank));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", s->name));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s%s", n, s->low_base ? "*" : ""));
        SERVQ_TRY(servq_rp_cell(&t, level_tone(level), "%s", g));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", ci));
        SERVQ_TRY(servq_rp_cell(&t, level_tone(level), "%s", servq_rp_level(&m->loc, level)));
    }
    SERVQ_TRY(table(w, &t));
cleanup:
    servq_rp_table_release(&t);
    servq_buf_release(&tmp);
    servq_buf_release(&tmp2);
    return st;
}

/* The trend column's width in 80 columns, where the text backend shows as many periods. */
#define SPARK_COLS 12

static enum servq_status sec_trend(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Measure"), 24, 0, 0, 0}, {N_("Trend"), SPARK_COLS, 0, 1, 0}, {N_("First"), 6, 1, 0, 0},
        {N_("Last"), 6, 1, 0, 0},     {N_("Change"), 8, 1, 0, 0},         {N_("p"), 8, 1, 0, 0},
    };
    struct rp_col lc[6];
    struct rp_col *pc = NULL;
    struct rp_table t, all;
    struct servq_buf tmp, sp;
    char f[32], l[32], c[32], p[32];
    enum servq_status st = SERVQ_OK;
    size_t i, k, from, nshow;

    if (m->ndocs < 2)
        return SERVQ_OK;
    localize_cols(m, cols, lc, 6);
    servq_rp_table_init(&t, lc, 6);
    servq_rp_table_init(&all, NULL, 0);
    servq_buf_init(&tmp);
    servq_buf_init(&sp);
    SERVQ_TRY(heading(w, "trend", TR("Trend"), RP_PLAIN));
    SERVQ_TRY(para(w,
                   fill(&tmp,
                        TR("From {1} to {2}. Change: the last period against the one "
                           "before; an arrow marks a significant change (Welch's t)."),
                        m->period[0], m->period[m->ndocs - 1], NULL),
                   RP_MUTED));
    SERVQ_TRY(chart(w, RP_CHART_TREND));
    from = w->be->spark_max && m->ndocs > w->be->spark_max ? m->ndocs - w->be->spark_max : 0;
    for (i = 0; i < m->nseries; i++) {
        const struct rp_series *s = &m->series[i];
        servq_buf_clear(&sp);
        SERVQ_TRY(servq_rp_spark(&m->loc, &sp, s->v + from, m->ndocs - from));
        servq_rp_signed(&m->loc, f, sizeof f, s->v[0], 2);
        servq_rp_signed(&m->loc, l, sizeof l, s->v[m->ndocs - 1], 2);
        servq_rp_signed(&m->loc, c, sizeof c, s->change.have ? s->change.diff : NAN, 2);
        servq_rp_p(&m->loc, p, sizeof p, s->change.p);
        SERVQ_TRY(servq_rp_cell(&t, i == 0 ? RP_STRONG : RP_PLAIN, "%s", s->label));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", sp.data ? sp.data : ""));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", f));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", l));
        if (s->change.have && s->change.significant)
            SERVQ_TRY(servq_rp_cell(&t, change_tone(&s->change), "%s %s", arrow(w, &s->change), c));
        else
            SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", c));
        SERVQ_TRY(servq_rp_cell(&t, RP_MUTED, "%s", p));
    }
    SERVQ_TRY(table(w, &t));
    /* Markdown and HTML also give every value, for the last 12 periods. */
    nshow = m->ndocs > 12 ? 12 : m->ndocs;
    pc = calloc(nshow + 1, sizeof *pc);
    if (!pc) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    pc[0].head = TR("Measure");
    for (k = 0; k < nshow; k++) {
        pc[k + 1].head = m->period[m->ndocs - nshow + k];
        pc[k + 1].width = 6;
        pc[k + 1].right = 1;
    }
    servq_rp_table_init(&all, pc, nshow + 1);
    all.only = RP_WIDE;
    for (i = 0; i < m->nseries; i++) {
        SERVQ_TRY(servq_rp_cell(&all, RP_PLAIN, "%s", m->series[i].label));
        for (k = 0; k < nshow; k++) {
            servq_rp_signed(&m->loc, f, sizeof f, m->series[i].v[m->ndocs - nshow + k], 2);
            SERVQ_TRY(servq_rp_cell(&all, RP_PLAIN, "%s", f));
        }
    }
    SERVQ_TRY(table(w, &all));
cleanup:
    servq_rp_table_release(&t);
    servq_rp_table_release(&all);
    free(pc);
    servq_buf_release(&tmp);
    servq_buf_release(&sp);
    return st;
}

static enum servq_status role_row(const struct rp_model *m, struct rp_table *t, const char *name,
                                  const cJSON *r)
{
    char a[32], b[32], d[32], p[32], pw[32];
    double pt = servq_jnum(r, "p_t");
    int sig = isfinite(pt) && pt < m->sig;
    enum servq_status st = SERVQ_OK;

    servq_rp_num(&m->loc, a, sizeof a, servq_jnum(r, "mean_a"), 2);
    servq_rp_num(&m->loc, b, sizeof b, servq_jnum(r, "mean_b"), 2);
    servq_rp_signed(&m->loc, d, sizeof d, servq_jnum(r, "diff"), 2);
    servq_rp_p(&m->loc, p, sizeof p, pt);
    servq_rp_p(&m->loc, pw, sizeof pw, servq_jnum(r, "p_mw"));
    SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", name));
    SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", a));
    SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", b));
    SERVQ_TRY(servq_rp_cell(t, sig ? RP_BAD : RP_PLAIN, "%s", d));
    SERVQ_TRY(servq_rp_cell(t, sig ? RP_BAD : RP_PLAIN, "%s", p));
    SERVQ_TRY(servq_rp_cell(t, RP_PLAIN, "%s", pw));
cleanup:
    return st;
}

static enum servq_status sec_roles(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const char *const keys[2] = {"gap1", "internal"};
    struct rp_col lc[6] = {
        {"", 28, 0, 0, 0}, {"", 10, 1, 0, 0}, {"", 10, 1, 0, 0},
        {"", 6, 1, 0, 0},  {"", 8, 1, 0, 0},  {"", 8, 1, 0, 0},
    };
    struct rp_table t;
    const cJSON *e;
    enum servq_status st = SERVQ_OK;
    size_t k, nsig;

    if (!m->roles)
        return SERVQ_OK;
    servq_rp_table_init(&t, lc, 6);
    for (k = 0; k < 2; k++) {
        const cJSON *v = servq_jget(m->roles, keys[k]);
        if (!cJSON_IsObject(v))
            continue;
        servq_rp_table_release(&t);
        lc[0].head = TR("Dimension or item");
        lc[1].head = k == 0 ? TR("Managers") : TR("Staff");
        lc[2].head = TR("Customers");
        lc[3].head = TR("Diff.");
        lc[4].head = TR("p (t)");
        lc[5].head = TR("p (M-W)");
        servq_rp_table_init(&t, lc, 6);
        if (k == 0) {
            SERVQ_TRY(heading(w, "gap1", TR("Gap 1: what management believes customers expect"),
                              RP_PLAIN));
            SERVQ_TRY(para(w,
                           TR("Managers' beliefs about what customers expect, against "
                              "customers' expectations (E)."),
                           RP_MUTED));
        } else {
            SERVQ_TRY(heading(w, "internal", TR("Internal view: what staff believe they deliver"),
                              RP_PLAIN));
            SERVQ_TRY(para(w,
                           TR("Staff's view of the service, against customers' "
                              "perception (P)."),
                           RP_MUTED));
        }
        cJSON_ArrayForEach(e, servq_jget(v, "dimensions"))
        {
            SERVQ_TRY(role_row(m, &t, servq_dim_name(m->doc, servq_jstr(e, "id"), m->loc.code), e));
        }
        nsig = 0;
        cJSON_ArrayForEach(e, servq_jget(v, "items"))
        {
            double pt = servq_jnum(e, "p_t");
            if (!(isfinite(pt) && pt < m->sig))
                continue;
            nsig++;
            SERVQ_TRY(
                role_row(m, &t, servq_item_label(m->doc, servq_jstr(e, "id"), m->loc.code), e));
        }
        SERVQ_TRY(table(w, &t));
        SERVQ_TRY(para(w,
                       nsig ? TR("Items are listed when their difference is significant "
                                 "(Welch's t; M-W: Mann-Whitney).")
                            : TR("No item differs significantly."),
                       RP_MUTED));
    }
cleanup:
    servq_rp_table_release(&t);
    return st;
}

#define MAX_LISTED 20

static enum servq_status sec_quality(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    static const struct rp_col cols[] = {
        {N_("Measure"), 44, 0, 0, 0},
        {N_("Value"), 16, 1, 0, 0},
    };
    struct rp_col lc[2];
    struct rp_table t;
    struct servq_buf tmp, line;
    char **items = NULL;
    char a[32], b[32];
    enum servq_status st = SERVQ_OK;
    size_t i, k, nitems = 0, nlist;
    const cJSON *is = m->import_stats;
    const cJSON *counts = servq_jget(m->roles, "counts");

    localize_cols(m, cols, lc, 2);
    servq_rp_table_init(&t, lc, 2);
    servq_buf_init(&tmp);
    servq_buf_init(&line);
    nlist = (m->nwarnings > m->nlowbase ? m->nwarnings : m->nlowbase) + 1;
    items = calloc(nlist, sizeof *items);
    if (!items) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    SERVQ_TRY(heading(w, "quality", TR("Data quality"), RP_PLAIN));
    servq_rp_num(&m->loc, a, sizeof a, servq_jnum(m->doc, "rows"), 0);
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Rows analysed")));
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", a));
    if (is) {
        double read = servq_jnum(is, "read"), rej = servq_jnum(is, "rejected");
        servq_rp_num(&m->loc, a, sizeof a, read, 0);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Rows read by import")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", a));
        servq_rp_num(&m->loc, a, sizeof a, servq_jnum(is, "imported"), 0);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Rows imported")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", a));
        servq_rp_num(&m->loc, a, sizeof a, rej, 0);
        servq_rp_percent(&m->loc, b, sizeof b, read > 0 ? 100 * rej / read : NAN, 1);
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", TR("Rows rejected")));
        SERVQ_TRY(servq_rp_cell(&t, rej > 0 ? RP_BAD : RP_PLAIN, "%s (%s)", a, b));
    }
    if (cJSON_IsObject(counts)) {
        char c[32];
        servq_rp_num(&m->loc, a, sizeof a, servq_jnum(counts, "customer"), 0);
        servq_rp_num(&m->loc, b, sizeof b, servq_jnum(counts, "manager"), 0);
        servq_rp_num(&m->loc, c, sizeof c, servq_jnum(counts, "staff"), 0);
        SERVQ_TRY(
            servq_rp_cell(&t, RP_PLAIN, "%s", TR("Rows by role: customers / managers / staff")));
        SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s / %s / %s", a, b, c));
    }
    SERVQ_TRY(table(w, &t));
    if (m->nwarnings) {
        SERVQ_TRY(para(w, TR("Warnings from the analysis:"), RP_BAD));
        for (i = 0; i < m->nwarnings && i < MAX_LISTED; i++) {
            servq_buf_clear(&line);
            SERVQ_TRY(servq_buf_printf(&line, "%s: %s", m->warnings[i].where, m->warnings[i].text));
            items[nitems++] = servq_buf_steal(&line);
        }
        if (m->nwarnings > MAX_LISTED) {
            snprintf(a, sizeof a, "%zu", m->nwarnings - MAX_LISTED);
            items[nitems] = servq_strdup(fill(&tmp, TR("and {1} more"), a, NULL, NULL));
            if (!items[nitems]) {
                st = SERVQ_ERR_NOMEM;
                goto cleanup;
            }
            nitems++;
        }
        SERVQ_TRY(list(w, items, nitems));
        for (k = 0; k < nitems; k++)
            free(items[k]);
        nitems = 0;
    }
    if (m->nlowbase) {
        SERVQ_TRY(para(w,
                       TR("Low base, fewer than 30 respondents: read these figures with "
                          "care."),
                       RP_PLAIN));
        for (i = 0; i < m->nlowbase && i < MAX_LISTED; i++) {
            servq_rp_num(&m->loc, a, sizeof a, servq_jnum(m->lowbase[i].g, "n"), 0);
            servq_buf_clear(&line);
            SERVQ_TRY(servq_buf_printf(&line, "%s (n = %s)", m->lowbase[i].where, a));
            items[nitems++] = servq_buf_steal(&line);
        }
        if (m->nlowbase > MAX_LISTED) {
            snprintf(a, sizeof a, "%zu", m->nlowbase - MAX_LISTED);
            items[nitems] = servq_strdup(fill(&tmp, TR("and {1} more"), a, NULL, NULL));
            if (!items[nitems]) {
                st = SERVQ_ERR_NOMEM;
                goto cleanup;
            }
            nitems++;
        }
        SERVQ_TRY(list(w, items, nitems));
    }
    if (m->nsuppressed) {
        servq_rp_num(&m->loc, a, sizeof a, servq_jnum(servq_jget(m->doc, "options"), "min_n"), 0);
        snprintf(b, sizeof b, "%zu", m->nsuppressed);
        SERVQ_TRY(para(w,
                       fill(&tmp,
                            TR("Groups suppressed because they have fewer than {1} "
                               "respondents: {2}."),
                            a, b, NULL),
                       RP_PLAIN));
    }
    if (m->mixed_instruments)
        SERVQ_TRY(para(w,
                       TR("The documents use different instruments: the trend compares "
                          "dimensions by id."),
                       RP_BAD));
    if (m->unordered)
        SERVQ_TRY(para(w,
                       m->unordered == 1 ? TR("The documents record no dates: the report takes "
                                              "them in the order given, oldest first.")
                                         : TR("Some documents record no dates: the report takes "
                                              "them in the order given, oldest first."),
                       RP_BAD));
    if (!m->nwarnings && !m->nlowbase && !m->nsuppressed && !m->mixed_instruments && !m->unordered)
        SERVQ_TRY(para(w, TR("No warnings."), RP_PLAIN));
cleanup:
    if (items) {
        for (k = 0; k < nitems; k++)
            free(items[k]);
        free(items);
    }
    servq_rp_table_release(&t);
    servq_buf_release(&tmp);
    servq_buf_release(&line);
    return st;
}

enum servq_status servq_rp_layout(struct rp_w *w)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(sec_title(w));
    SERVQ_TRY(sec_targets(w));
    SERVQ_TRY(sec_headline(w));
    SERVQ_TRY(sec_priorities(w));
    SERVQ_TRY(sec_dimensions(w));
    SERVQ_TRY(sec_ipa(w));
    SERVQ_TRY(sec_zot(w));
    SERVQ_TRY(sec_segments(w));
    SERVQ_TRY(sec_trend(w));
    SERVQ_TRY(sec_roles(w));
    SERVQ_TRY(sec_quality(w));
    st = w->be->end(w);
cleanup:
    return st;
}
