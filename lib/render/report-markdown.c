/*
 * The report's backend for Markdown: GitHub-flavoured tables and lists,
 * every piece of data text escaped (servq_rp_add_md()), tones as bold or
 * italics.
 */
#include "render/report-backend-priv.h"

#include <string.h>

/* s in bold (bad, strong) or italics (muted). */
static enum servq_status md_text(struct rp_w *w, const char *s, enum rp_tone tone)
{
    const char *mark = tone == RP_BAD || tone == RP_STRONG ? "**" : tone == RP_MUTED ? "*" : "";
    enum servq_status st = SERVQ_OK;

    if (!s[0])
        return SERVQ_OK;
    SERVQ_TRY(servq_buf_adds(w->b, mark));
    SERVQ_TRY(servq_rp_add_md(w->b, s));
    SERVQ_TRY(servq_buf_adds(w->b, mark));
cleanup:
    return st;
}

static enum servq_status md_begin(struct rp_w *w, const char *title, const char *sub)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(servq_buf_adds(w->b, "# "));
    SERVQ_TRY(servq_rp_add_md(w->b, title));
    SERVQ_TRY(servq_buf_adds(w->b, "\n\n"));
    SERVQ_TRY(servq_rp_add_md(w->b, sub));
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
cleanup:
    return st;
}

static enum servq_status md_heading(struct rp_w *w, const char *id, const char *text,
                                    enum rp_tone tone)
{
    enum servq_status st = SERVQ_OK;

    (void)id;
    (void)tone;
    SERVQ_TRY(servq_buf_adds(w->b, "\n## "));
    SERVQ_TRY(servq_rp_add_md(w->b, text));
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
cleanup:
    return st;
}

static enum servq_status md_para(struct rp_w *w, const char *text, enum rp_tone tone)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    SERVQ_TRY(md_text(w, text, tone));
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
cleanup:
    return st;
}

static enum servq_status md_list(struct rp_w *w, char *const *items, size_t n)
{
    enum servq_status st = SERVQ_OK;
    size_t i;

    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    for (i = 0; i < n; i++) {
        SERVQ_TRY(servq_buf_adds(w->b, "- "));
        SERVQ_TRY(servq_rp_add_md(w->b, items[i]));
        SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    }
cleanup:
    return st;
}

static enum servq_status md_table(struct rp_w *w, const struct rp_table *t)
{
    size_t r, c, rows = servq_rp_table_rows(t);
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(servq_buf_adds(w->b, "\n|"));
    for (c = 0; c < t->ncols; c++) {
        if (!servq_rp_shown(t->cols[c].only, w->be->caps))
            continue;
        SERVQ_TRY(servq_buf_addc(w->b, ' '));
        SERVQ_TRY(servq_rp_add_md(w->b, t->cols[c].head));
        SERVQ_TRY(servq_buf_adds(w->b, " |"));
    }
    SERVQ_TRY(servq_buf_adds(w->b, "\n|"));
    for (c = 0; c < t->ncols; c++) {
        if (!servq_rp_shown(t->cols[c].only, w->be->caps))
            continue;
        SERVQ_TRY(servq_buf_adds(w->b, t->cols[c].right ? " ---: |" : " --- |"));
    }
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    for (r = 0; r < rows; r++) {
        SERVQ_TRY(servq_buf_addc(w->b, '|'));
        for (c = 0; c < t->ncols; c++) {
            const struct servq_rp_cell *cell = &t->cells[r * t->ncols + c];
            if (!servq_rp_shown(t->cols[c].only, w->be->caps))
                continue;
            SERVQ_TRY(servq_buf_addc(w->b, ' '));
            if (t->cols[c].code && cell->s[0]) {
                size_t len = strlen(cell->s);
                while (len > 0 && cell->s[len - 1] == ' ')
                    len--;
                SERVQ_TRY(servq_buf_printf(w->b, "`%.*s`", (int)len, cell->s));
            } else
                SERVQ_TRY(md_text(w, cell->s, cell->tone));
            SERVQ_TRY(servq_buf_adds(w->b, " |"));
        }
        SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    }
cleanup:
    return st;
}

/* Markdown has no charts of its own: the glyph charts are in the tables. */
static enum servq_status md_chart(struct rp_w *w, enum rp_chart chart)
{
    (void)w;
    (void)chart;
    return SERVQ_OK;
}

static enum servq_status md_end(struct rp_w *w)
{
    (void)w;
    return SERVQ_OK;
}

const struct rp_backend servq_rp_markdown_backend = {
    .caps = RP_WIDE | RP_GLYPHS | RP_ASCII,
    .spark_max = 0,
    .begin = md_begin,
    .heading = md_heading,
    .para = md_para,
    .list = md_list,
    .table = md_table,
    .chart = md_chart,
    .end = md_end,
};
