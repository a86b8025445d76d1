/*
 * The report's backend for plain text: 80 columns, optional ANSI colours,
 * Unicode or ASCII glyphs.
 */
#include "render/report-backend-priv.h"

#include <string.h>

#define WIDTH 80

static const char *ellipsis(const struct rp_w *w)
{
    return w->m->loc.ascii ? "." : "\xE2\x80\xA6";
}

static const char *tone_on(const struct rp_w *w, enum rp_tone tone)
{
    if (!w->m->color)
        return "";
    switch (tone) {
    case RP_BAD:
        return "\033[31m";
    case RP_GOOD:
        return "\033[32m";
    case RP_STRONG:
        return "\033[1m";
    case RP_MUTED:
        return "\033[2m";
    default:
        return "";
    }
}

static const char *tone_off(const struct rp_w *w, enum rp_tone tone)
{
    return w->m->color && tone != RP_PLAIN ? "\033[0m" : "";
}

/* Appends line without trailing spaces, then a newline. */
static enum servq_status add_line(struct servq_buf *b, const char *line, size_t n)
{
    while (n > 0 && line[n - 1] == ' ')
        n--;
    if (servq_buf_add(b, line, n) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return servq_buf_addc(b, '\n');
}

/*
 * Appends text wrapped at WIDTH columns: the first line after first_indent
 * spaces, the others after indent spaces. A word wider than a line is cut
 * into pieces.
 */
static enum servq_status wrap(struct rp_w *w, const char *text, size_t first_indent, size_t indent,
                              enum rp_tone tone)
{
    struct servq_buf line;
    const char *p = text;
    size_t cols, lead = first_indent, avail;
    enum servq_status st = SERVQ_OK;

    servq_buf_init(&line);
    while (*p == ' ')
        p++;
    do {
        servq_buf_clear(&line);
        SERVQ_TRY(servq_buf_printf(&line, "%*s%s", (int)lead, "", tone_on(w, tone)));
        cols = lead;
        avail = WIDTH > lead ? WIDTH - lead : 1;
        while (*p) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            size_t wc = servq_text_cols(p, n);
            size_t sep = cols > lead ? 1 : 0;
            if (cols + sep + wc > WIDTH) {
                if (cols > lead)
                    break;
                /* A single word wider than the line: cut it. */
                {
                    size_t i = 0, c = 0;
                    while (i < n && c < avail) {
                        unsigned char ch = (unsigned char)p[i];
                        i += ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
                        c++;
                    }
                    if (i > n)
                        i = n;
                    SERVQ_TRY(servq_buf_add(&line, p, i));
                    cols += c;
                    p += i;
                    break;
                }
            }
            if (sep)
                SERVQ_TRY(servq_buf_addc(&line, ' '));
            SERVQ_TRY(servq_buf_add(&line, p, n));
            cols += sep + wc;
            p += n;
            while (*p == ' ')
                p++;
        }
        SERVQ_TRY(servq_buf_adds(&line, tone_off(w, tone)));
        SERVQ_TRY(add_line(w->b, line.data, line.len));
        lead = indent;
    } while (*p);
cleanup:
    servq_buf_release(&line);
    return st;
}

/* ---- primitives ---- */

static enum servq_status text_begin(struct rp_w *w, const char *title, const char *sub)
{
    enum servq_status st = SERVQ_OK;
    size_t n, i;

    SERVQ_TRY(wrap(w, title, 0, 0, RP_STRONG));
    SERVQ_TRY(wrap(w, sub, 0, 0, RP_PLAIN));
    n = servq_text_cols(title, strlen(title));
    if (servq_text_cols(sub, strlen(sub)) > n)
        n = servq_text_cols(sub, strlen(sub));
    if (n > WIDTH)
        n = WIDTH;
    for (i = 0; i < n; i++)
        SERVQ_TRY(servq_buf_adds(w->b, w->m->loc.ascii ? "=" : "\xE2\x95\x90"));
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
cleanup:
    return st;
}

static enum servq_status text_heading(struct rp_w *w, const char *id, const char *text,
                                      enum rp_tone tone)
{
    enum servq_status st = SERVQ_OK;
    size_t n, i;

    (void)id;
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    SERVQ_TRY(wrap(w, text, 0, 0, tone == RP_PLAIN ? RP_STRONG : tone));
    n = servq_text_cols(text, strlen(text));
    if (n > WIDTH)
        n = WIDTH;
    for (i = 0; i < n; i++)
        SERVQ_TRY(servq_buf_adds(w->b, w->m->loc.ascii ? "-" : "\xE2\x94\x80"));
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
cleanup:
    return st;
}

static enum servq_status text_para(struct rp_w *w, const char *text, enum rp_tone tone)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    SERVQ_TRY(wrap(w, text, 2, 2, tone));
cleanup:
    return st;
}

static enum servq_status text_list(struct rp_w *w, char *const *items, size_t n)
{
    enum servq_status st = SERVQ_OK;
    struct servq_buf line;
    size_t i;

    servq_buf_init(&line);
    for (i = 0; i < n; i++) {
        servq_buf_clear(&line);
        SERVQ_TRY(servq_buf_printf(&line, "- %s", items[i]));
        SERVQ_TRY(wrap(w, line.data, 2, 4, RP_PLAIN));
    }
cleanup:
    servq_buf_release(&line);
    return st;
}

/* One text table row: cells padded or cut to their columns, within WIDTH. */
static enum servq_status text_row(struct rp_w *w, const struct rp_table *t,
                                  const struct servq_rp_cell *cells, int header)
{
    struct servq_buf line;
    size_t c, used = 2, first = 1;
    enum servq_status st = SERVQ_OK;

    servq_buf_init(&line);
    SERVQ_TRY(servq_buf_adds(&line, "  "));
    for (c = 0; c < t->ncols; c++) {
        const struct rp_col *col = &t->cols[c];
        const char *s = header ? col->head : cells[c].s;
        enum rp_tone tone = header ? RP_STRONG : cells[c].tone;
        size_t width = col->width, cols = servq_text_cols(s, strlen(s));
        if (!servq_rp_shown(col->only, w->be->caps))
            continue;
        if (!first) {
            SERVQ_TRY(servq_buf_addc(&line, ' '));
            used++;
        }
        first = 0;
        if (width == 0)
            width = used < WIDTH ? WIDTH - used : 1;
        SERVQ_TRY(servq_buf_adds(&line, tone_on(w, tone)));
        if (col->right && cols <= width)
            SERVQ_TRY(servq_buf_add_right(&line, s, width));
        else
            SERVQ_TRY(servq_buf_add_padded(&line, s, width, ellipsis(w)));
        SERVQ_TRY(servq_buf_adds(&line, tone_off(w, tone)));
        used += width;
    }
    SERVQ_TRY(add_line(w->b, line.data, line.len));
cleanup:
    servq_buf_release(&line);
    return st;
}

static enum servq_status text_table(struct rp_w *w, const struct rp_table *t)
{
    size_t r, c, rows = servq_rp_table_rows(t);
    int header = 0;
    enum servq_status st = SERVQ_OK;

    for (c = 0; c < t->ncols; c++)
        if (servq_rp_shown(t->cols[c].only, w->be->caps) && t->cols[c].head[0])
            header = 1;
    SERVQ_TRY(servq_buf_addc(w->b, '\n'));
    if (header)
        SERVQ_TRY(text_row(w, t, NULL, 1));
    for (r = 0; r < rows; r++)
        SERVQ_TRY(text_row(w, t, &t->cells[r * t->ncols], 0));
cleanup:
    return st;
}

/* Text has no charts of its own: the glyph charts are in the tables. */
static enum servq_status text_chart(struct rp_w *w, enum rp_chart chart)
{
    (void)w;
    (void)chart;
    return SERVQ_OK;
}

static enum servq_status text_end(struct rp_w *w)
{
    (void)w;
    return SERVQ_OK;
}

/* Sparklines show the last periods that fit the trend's 12 columns. */
const struct rp_backend servq_rp_text_backend = {
    .caps = RP_GLYPHS | RP_ASCII,
    .spark_max = 12,
    .begin = text_begin,
    .heading = text_heading,
    .para = text_para,
    .list = text_list,
    .table = text_table,
    .chart = text_chart,
    .end = text_end,
};
