/*
 * The report as one self-contained HTML file: inline CSS (screen, phone,
 * A4 print), inline SVG charts, no JavaScript and no external assets (a
 * Content-Security-Policy says so to the browser). Every piece of data
 * text goes through servq_rp_add_html().
 */
#include "render/report-backend-priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TR(s) servq_rp_tr(&w->m->loc, N_(s))

static const char css[] =
    ":root{--ink:#1d2330;--muted:#5b6472;--line:#dde1e7;--bad:#b8430b;--good:#00795a;"
    "--bg:#f4f5f7}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"DejaVu Sans\","
    "sans-serif}\n"
    "main{max-width:62rem;margin:0 auto;padding:1.2rem 1.4rem 2rem;background:#fff}\n"
    "h1{font-size:1.45rem;line-height:1.2;margin:.2rem 0 .3rem}\n"
    "h2{font-size:1.12rem;margin:1.8rem 0 .6rem;padding-bottom:.25rem;"
    "border-bottom:2px solid var(--line)}\n"
    "p{margin:.5rem 0}\n"
    ".sub{color:var(--muted);margin:0 0 1rem}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 .8rem;font-size:.92rem;"
    "font-variant-numeric:tabular-nums}\n"
    "th,td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top;white-space:nowrap}\n"
    "td.text{white-space:normal;min-width:9rem}\n"
    "th{font-weight:600;color:var(--muted);white-space:nowrap}\n"
    ".num{text-align:right;white-space:nowrap}\n"
    ".mono{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;white-space:pre}\n"
    ".bad{color:var(--bad);font-weight:600}\n"
    ".good{color:var(--good);font-weight:600}\n"
    ".strong{font-weight:700}\n"
    ".muted{color:var(--muted)}\n"
    "p.muted{font-size:.9rem}\n"
    "section.alert{border-left:5px solid var(--bad);padding:.1rem 0 .1rem .9rem;"
    "background:#fff6f2}\n"
    "section.alert h2{color:var(--bad)}\n"
    "ul{margin:.4rem 0;padding-left:1.3rem}\n"
    "svg{display:block;width:100%;height:auto;max-width:44rem;margin:.6rem 0 1rem}\n"
    "footer{margin-top:2.2rem;color:var(--muted);font-size:.8rem}\n"
    "@media (max-width:40rem){body{font-size:14px}main{padding:.8rem .7rem}"
    "th,td{padding:.25rem .3rem}h1{font-size:1.25rem}div.chart svg{min-width:36rem}}\n"
    "@media print{@page{size:A4;margin:14mm 12mm}"
    "body{background:#fff;font-size:9.5pt}main{max-width:none;padding:0}"
    "section{break-inside:avoid-page}h2{break-after:avoid}table,svg{break-inside:avoid}"
    "svg{max-width:100%;max-height:110mm}.scroll{overflow:visible}"
    "section.alert{background:none}}\n";

/* ---- a tiny formatter for markup: %f a coordinate ('.' always, one
 * decimal), %s raw text, %e escaped text, %z a size_t, %% a percent ---- */

static enum servq_status out(struct rp_w *w, const char *fmt, ...)
{
    va_list ap;
    enum servq_status st = SERVQ_OK;
    char num[64];

    va_start(ap, fmt);
    for (; *fmt && st == SERVQ_OK; fmt++) {
        if (*fmt != '%' || !fmt[1]) {
            st = servq_buf_addc(w->b, *fmt);
            continue;
        }
        switch (*++fmt) {
        case 'f':
            servq_fmt_num(num, sizeof num, va_arg(ap, double), 1, '.');
            st = servq_buf_adds(w->b, num);
            break;
        case 's':
            st = servq_buf_adds(w->b, va_arg(ap, const char *));
            break;
        case 'e':
            st = servq_rp_add_html(w->b, va_arg(ap, const char *));
            break;
        case 'z':
            st = servq_buf_printf(w->b, "%zu", va_arg(ap, size_t));
            break;
        default:
            st = servq_buf_addc(w->b, *fmt);
        }
    }
    va_end(ap);
    return st;
}

static const char *tone_class(enum rp_tone tone)
{
    switch (tone) {
    case RP_BAD:
        return "bad";
    case RP_GOOD:
        return "good";
    case RP_STRONG:
        return "strong";
    case RP_MUTED:
        return "muted";
    default:
        return "";
    }
}

static enum servq_status html_begin(struct rp_w *w, const char *title, const char *sub)
{
    const char *code = w->m->loc.code;
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(out(w,
                  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"generator\" content=\"servq report\">\n"
                  "<title>%e</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
                  "<header>\n<h1>%e</h1>\n<p class=\"sub\">%e</p>\n</header>\n",
                  strcmp(code, "pt") == 0 ? "pt-BR" : code, title, css, title, sub));
cleanup:
    return st;
}

static enum servq_status close_section(struct rp_w *w)
{
    if (!w->open)
        return SERVQ_OK;
    w->open = 0;
    return servq_buf_adds(w->b, "</section>\n");
}

static enum servq_status html_heading(struct rp_w *w, const char *id, const char *text,
                                      enum rp_tone tone)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(close_section(w));
    SERVQ_TRY(out(w, "<section id=\"%s\"%s>\n<h2>%e</h2>\n", id,
                  tone == RP_BAD ? " class=\"alert\"" : "", text));
    w->open = 1;
cleanup:
    return st;
}

static enum servq_status html_para(struct rp_w *w, const char *text, enum rp_tone tone)
{
    if (tone == RP_PLAIN)
        return out(w, "<p>%e</p>\n", text);
    return out(w, "<p class=\"%s\">%e</p>\n", tone_class(tone), text);
}

static enum servq_status html_list(struct rp_w *w, char *const *items, size_t n)
{
    enum servq_status st = SERVQ_OK;
    size_t i;

    SERVQ_TRY(servq_buf_adds(w->b, "<ul>\n"));
    for (i = 0; i < n; i++)
        SERVQ_TRY(out(w, "<li>%e</li>\n", items[i]));
    SERVQ_TRY(servq_buf_adds(w->b, "</ul>\n"));
cleanup:
    return st;
}

/*
 * class="num bad" and so on, or nothing. Cells don't wrap, except those of
 * wide text columns (names, labels: "text"); a table too wide for a phone
 * scrolls sideways.
 */
static enum servq_status cell_class(struct rp_w *w, const struct rp_col *col, int header,
                                    enum rp_tone tone)
{
    const char *t = tone_class(tone);
    const char *kind = col->right                    ? "num"
                       : col->code                   ? "mono"
                       : !header && col->width >= 22 ? "text"
                                                     : "";

    if (!kind[0] && !t[0])
        return SERVQ_OK;
    return out(w, " class=\"%s%s%s\"", kind, kind[0] && t[0] ? " " : "", t);
}

static enum servq_status html_table(struct rp_w *w, const struct rp_table *t)
{
    size_t r, c, rows = servq_rp_table_rows(t);
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(servq_buf_adds(w->b, "<div class=\"scroll\"><table>\n<thead><tr>"));
    for (c = 0; c < t->ncols; c++) {
        if (!servq_rp_shown(t->cols[c].only, w->be->caps))
            continue;
        SERVQ_TRY(servq_buf_adds(w->b, "<th"));
        SERVQ_TRY(cell_class(w, &t->cols[c], 1, RP_PLAIN));
        SERVQ_TRY(out(w, " scope=\"col\">%e</th>", t->cols[c].head));
    }
    SERVQ_TRY(servq_buf_adds(w->b, "</tr></thead>\n<tbody>\n"));
    for (r = 0; r < rows; r++) {
        SERVQ_TRY(servq_buf_adds(w->b, "<tr>"));
        for (c = 0; c < t->ncols; c++) {
            const struct servq_rp_cell *cell = &t->cells[r * t->ncols + c];
            if (!servq_rp_shown(t->cols[c].only, w->be->caps))
                continue;
            SERVQ_TRY(servq_buf_adds(w->b, "<td"));
            SERVQ_TRY(cell_class(w, &t->cols[c], 0, cell->tone));
            SERVQ_TRY(out(w, ">%e</td>", cell->s));
        }
        SERVQ_TRY(servq_buf_adds(w->b, "</tr>\n"));
    }
    SERVQ_TRY(servq_buf_adds(w->b, "</tbody></table></div>\n"));
cleanup:
    return st;
}

static enum servq_status html_end(struct rp_w *w)
{
    enum servq_status st = SERVQ_OK;

    SERVQ_TRY(close_section(w));
    SERVQ_TRY(out(w, "<footer>%e</footer>\n</main>\n</body>\n</html>\n",
                  TR("Made by servq report from gap-analysis documents.")));
cleanup:
    return st;
}

/* ---- SVG charts ---- */

#define SVG_W 640.0

static const char *level_color(const char *level)
{
    if (strcmp(level, "below") == 0)
        return "#d55e00";
    if (strcmp(level, "exceeding") == 0)
        return "#009e73";
    if (strcmp(level, "inspiring") == 0)
        return "#0072b2";
    return "#8a94a6";
}

/* A label cut to max code points, with an ellipsis, in b. */
static const char *short_label(struct servq_buf *b, const char *s, size_t max)
{
    servq_buf_clear(b);
    if (servq_text_cols(s, strlen(s)) <= max)
        return s;
    if (servq_buf_add_padded(b, s, max, "\xE2\x80\xA6") != SERVQ_OK || !b->data)
        return s;
    return b->data;
}

/* A step of 1, 2, 2.5 or 5 times a power of ten near span / n. */
static double nice_step(double span, int n)
{
    double raw = span / n, p, f;

    if (!(raw > 0) || !isfinite(raw))
        return 1;
    p = pow(10, floor(log10(raw)));
    f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/* Decimals that show every multiple of step exactly (2.5 needs one). */
static int tick_decimals(double step)
{
    int dec = 0;

    while (dec < 4 && fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-9)
        dec++;
    return dec;
}

/* A chart: scrolls sideways on a phone rather than shrink its text away. */
static enum servq_status svg_open(struct rp_w *w, double h, const char *label)
{
    return out(w,
               "<div class=\"chart scroll\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 "
               "0 %f %f\" role=\"img\" "
               "aria-label=\"%e\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n",
               SVG_W, h, label);
}

struct bar_row {
    const char *label;
    double gap, lo, hi;
    const char *level;
};

/* Horizontal gap bars from zero with 95% CI whiskers. */
static enum servq_status gap_bars(struct rp_w *w, const struct bar_row *rows, size_t n,
                                  const char *label)
{
    const struct rp_model *m = w->m;
    const double left = 200, right = 64, top = 22, rowh = 26;
    double lo = 0, hi = 0, span, step, v, h, x0;
    struct servq_buf sl;
    char num[32], ci_lo[32], ci_hi[32];
    enum servq_status st = SERVQ_OK;
    size_t i;

    servq_buf_init(&sl);
    for (i = 0; i < n; i++) {
        if (isfinite(rows[i].gap)) {
            lo = fmin(lo, rows[i].gap);
            hi = fmax(hi, rows[i].gap);
        }
        if (isfinite(rows[i].lo))
            lo = fmin(lo, rows[i].lo);
        if (isfinite(rows[i].hi))
            hi = fmax(hi, rows[i].hi);
    }
    if (hi - lo < 1e-9) {
        lo -= 1;
        hi += 1;
    }
    span = hi - lo;
    lo -= span * 0.04;
    hi += span * 0.04;
    span = hi - lo;
#define X(val) (left + ((val)-lo) / span * (SVG_W - left - right))
    h = top + (double)n * rowh + 30;
    SERVQ_TRY(svg_open(w, h, label));
    step = nice_step(span, 5);
    for (v = ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
        servq_rp_num(&m->loc, num, sizeof num, fabs(v) < 1e-12 ? 0 : v, tick_decimals(step));
        SERVQ_TRY(out(w,
                      "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#e3e6ea\"/>"
                      "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\" fill=\"#5b6472\">%e</text>\n",
                      X(v), top - 4, X(v), top + (double)n * rowh, X(v), top - 8, num));
    }
    x0 = X(0);
    for (i = 0; i < n; i++) {
        const struct bar_row *r = &rows[i];
        double y = top + (double)i * rowh;
        SERVQ_TRY(out(w, "<g><title>%e", r->label));
        if (isfinite(r->gap)) {
            servq_rp_signed(&m->loc, num, sizeof num, r->gap, 2);
            servq_rp_num(&m->loc, ci_lo, sizeof ci_lo, r->lo, 2);
            servq_rp_num(&m->loc, ci_hi, sizeof ci_hi, r->hi, 2);
            SERVQ_TRY(out(w, ": %e (95%% CI %e%e %e)", num, ci_lo, m->loc.mark == ',' ? ";" : ",",
                          ci_hi));
        }
        SERVQ_TRY(out(w, "</title>\n<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%e</text>\n",
                      left - 8, y + 17, short_label(&sl, r->label, 30)));
        if (!isfinite(r->gap)) {
            SERVQ_TRY(servq_buf_adds(w->b, "</g>\n"));
            continue;
        }
        SERVQ_TRY(out(w, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"14\" fill=\"%s\"/>\n",
                      fmin(x0, X(r->gap)), y + 6, fabs(X(r->gap) - x0), level_color(r->level)));
        if (isfinite(r->lo) && isfinite(r->hi))
            SERVQ_TRY(out(w,
                          "<path d=\"M%f %fH%fM%f %fV%fM%f %fV%f\" stroke=\"#1d2330\" "
                          "stroke-width=\"1.3\" fill=\"none\"/>\n",
                          X(r->lo), y + 13, X(r->hi), X(r->lo), y + 8, y + 18, X(r->hi), y + 8,
                          y + 18));
        servq_rp_signed(&m->loc, num, sizeof num, r->gap, 2);
        SERVQ_TRY(out(w, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%e</text>\n</g>\n", SVG_W - 4,
                      y + 17, num));
    }
    SERVQ_TRY(out(w, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#1d2330\"/>\n", x0,
                  top - 2, x0, top + (double)n * rowh));
    /* The legend: the four levels. */
    {
        static const char *const levels[4] = {"below", "expected", "exceeding", "inspiring"};
        double x = 8, y = top + (double)n * rowh + 14;
        for (i = 0; i < 4; i++) {
            const char *name = servq_rp_level(&m->loc, levels[i]);
            SERVQ_TRY(out(w,
                          "<rect x=\"%f\" y=\"%f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                          "<text x=\"%f\" y=\"%f\" fill=\"#5b6472\" font-size=\"11\">%e</text>\n",
                          x, y, level_color(levels[i]), x + 14, y + 9, name));
            x += 26 + 6 * (double)servq_text_cols(name, strlen(name));
        }
    }
#undef X
    SERVQ_TRY(servq_buf_adds(w->b, "</svg></div>\n"));
cleanup:
    servq_buf_release(&sl);
    return st;
}

static double ci_end(const cJSON *o, int k)
{
    const cJSON *ci = servq_jget(o, "ci");
    const cJSON *v = cJSON_IsArray(ci) ? cJSON_GetArrayItem(ci, k) : NULL;

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static enum servq_status chart_gaps(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    const cJSON *dims = servq_jget(m->all, "dimensions"), *d;
    size_t n = 0, cap = (size_t)cJSON_GetArraySize(dims);
    struct bar_row *rows;
    enum servq_status st;

    if (cap == 0)
        return SERVQ_OK;
    rows = calloc(cap, sizeof *rows);
    if (!rows)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(d, dims)
    {
        if (n >= cap)
            break;
        rows[n].label = servq_dim_name(m->doc, servq_jstr(d, "id"), m->loc.code);
        rows[n].gap = servq_jnum(d, "gap");
        rows[n].lo = ci_end(d, 0);
        rows[n].hi = ci_end(d, 1);
        rows[n].level = servq_jstr(d, "level");
        n++;
    }
    /* xgettext:no-c-format */
    st = gap_bars(w, rows, n, TR("Gap by dimension with 95% confidence intervals"));
    free(rows);
    return st;
}

static enum servq_status chart_segments(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    struct bar_row *rows;
    size_t i, n = 0;
    enum servq_status st;

    rows = calloc(m->nsegs ? m->nsegs : 1, sizeof *rows);
    if (!rows)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < m->nsegs; i++) {
        const cJSON *ov = servq_jget(m->segs[i].g, "overall");
        if (m->segs[i].suppressed)
            continue;
        rows[n].label = m->segs[i].name;
        rows[n].gap = m->segs[i].gap;
        rows[n].lo = ci_end(ov, 0);
        rows[n].hi = ci_end(ov, 1);
        rows[n].level = servq_jstr(ov, "level");
        n++;
    }
    /* xgettext:no-c-format */
    st = n ? gap_bars(w, rows, n, TR("SERVQUAL index by segment with 95% confidence intervals"))
           : SERVQ_OK;
    free(rows);
    return st;
}

static const char *quadrant_color(const char *q)
{
    if (strcmp(q, "concentrate_here") == 0)
        return "#d55e00";
    if (strcmp(q, "keep_up_the_good_work") == 0)
        return "#009e73";
    if (strcmp(q, "possible_overkill") == 0)
        return "#0072b2";
    return "#8a94a6";
}

/* Axis ticks along one side of a plot. */
static enum servq_status ticks(struct rp_w *w, double lo, double hi, int vertical, double a0,
                               double a1, double p0, double p1)
{
    double step = nice_step(hi - lo, 5), v;
    char num[32];
    enum servq_status st = SERVQ_OK;
    int dec = tick_decimals(step);

    for (v = ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
        double t = a0 + (v - lo) / (hi - lo) * (a1 - a0);
        servq_rp_num(&w->m->loc, num, sizeof num, fabs(v) < 1e-12 ? 0 : v, dec);
        if (vertical)
            SERVQ_TRY(out(w,
                          "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#e3e6ea\"/>"
                          "<text x=\"%f\" y=\"%f\" text-anchor=\"end\" fill=\"#5b6472\">%e"
                          "</text>\n",
                          p0, t, p1, t, p0 - 6, t + 4, num));
        else
            SERVQ_TRY(out(w,
                          "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#e3e6ea\"/>"
                          "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\" fill=\"#5b6472\">%e"
                          "</text>\n",
                          t, p0, t, p1, t, p1 + 16, num));
    }
cleanup:
    return st;
}

static enum servq_status chart_ipa(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    const cJSON *cross = servq_jget(servq_jget(m->all, "ipa"), "crosshairs");
    const double L = 64, R = SVG_W - 16, T = 16, B = 372, H = 420;
    double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY, cx = NAN, cy = NAN, s;
    enum servq_status st = SERVQ_OK;
    size_t i;

    if (cJSON_IsArray(cross) && cJSON_GetArraySize(cross) == 2) {
        cx = cJSON_GetArrayItem(cross, 0)->valuedouble;
        cy = cJSON_GetArrayItem(cross, 1)->valuedouble;
    }
    for (i = 0; i < m->nitems; i++) {
        double x = m->items[i].importance, y = servq_jnum(m->items[i].j, "mean_p");
        if (!isfinite(x) || !isfinite(y))
            continue;
        xl = fmin(xl, x);
        xh = fmax(xh, x);
        yl = fmin(yl, y);
        yh = fmax(yh, y);
    }
    if (!isfinite(xl))
        return SERVQ_OK;
    if (isfinite(cx) && isfinite(cy)) {
        xl = fmin(xl, cx);
        xh = fmax(xh, cx);
        yl = fmin(yl, cy);
        yh = fmax(yh, cy);
    }
    s = xh - xl > 1e-9 ? xh - xl : 1;
    xl -= s * 0.08;
    xh += s * 0.08;
    s = yh - yl > 1e-9 ? yh - yl : 1;
    yl -= s * 0.08;
    yh += s * 0.08;
#define PX(v) (L + ((v)-xl) / (xh - xl) * (R - L))
#define PY(v) (B - ((v)-yl) / (yh - yl) * (B - T))
    SERVQ_TRY(svg_open(w, H, TR("Importance-performance map of the items")));
    SERVQ_TRY(ticks(w, yl, yh, 1, B, T, L, R));
    SERVQ_TRY(ticks(w, xl, xh, 0, L, R, T, B));
    SERVQ_TRY(out(w,
                  "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"none\" "
                  "stroke=\"#c4c9d1\"/>\n",
                  L, T, R - L, B - T));
    if (isfinite(cx) && isfinite(cy))
        SERVQ_TRY(out(w,
                      "<path d=\"M%f %fV%fM%f %fH%f\" stroke=\"#1d2330\" stroke-dasharray=\"5 4\" "
                      "fill=\"none\"/>\n",
                      PX(cx), T, B, L, PY(cy), R));
    /* Quadrant names in the corners. */
    SERVQ_TRY(out(w,
                  "<g fill=\"#5b6472\" font-size=\"11\">"
                  "<text x=\"%f\" y=\"%f\">%e</text>"
                  "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%e</text>"
                  "<text x=\"%f\" y=\"%f\">%e</text>"
                  "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%e</text></g>\n",
                  L + 6, T + 14, servq_rp_quadrant(&m->loc, "possible_overkill"), R - 6, T + 14,
                  servq_rp_quadrant(&m->loc, "keep_up_the_good_work"), L + 6, B - 8,
                  servq_rp_quadrant(&m->loc, "low_priority"), R - 6, B - 8,
                  servq_rp_quadrant(&m->loc, "concentrate_here")));
    for (i = 0; i < m->nitems; i++) {
        const struct rp_item *it = &m->items[i];
        double x = it->importance, y = servq_jnum(it->j, "mean_p");
        if (!isfinite(x) || !isfinite(y))
            continue;
        SERVQ_TRY(out(w,
                      "<g><title>%e: %e</title><circle cx=\"%f\" cy=\"%f\" r=\"5\" fill=\"%s\" "
                      "fill-opacity=\".85\"/><text x=\"%f\" y=\"%f\" font-size=\"10\">%e</text>"
                      "</g>\n",
                      it->id, it->label, PX(x), PY(y), quadrant_color(servq_jstr(it->j, "ipa")),
                      PX(x) + 7, PY(y) + 3.5, it->id));
    }
    SERVQ_TRY(out(w,
                  "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\">%e</text>"
                  "<text x=\"14\" y=\"%f\" text-anchor=\"middle\" "
                  "transform=\"rotate(-90 14 %f)\">%e</text>\n</svg></div>\n",
                  (L + R) / 2, H - 8, TR("Importance"), (T + B) / 2, (T + B) / 2,
                  TR("Performance (mean P)")));
#undef PX
#undef PY
cleanup:
    return st;
}

static enum servq_status chart_zot(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    const double left = 220, right = 16, top = 24, rowh = 22;
    double lo = INFINITY, hi = -INFINITY, h, v;
    const cJSON *items = servq_jget(servq_jget(m->doc, "instrument"), "items"), *it;
    struct servq_buf sl;
    char num[32];
    enum servq_status st = SERVQ_OK;
    size_t i, n = 0, row = 0;

    servq_buf_init(&sl);
    cJSON_ArrayForEach(it, items)
    {
        const cJSON *sc = servq_jget(it, "scale");
        if (isfinite(servq_jnum(sc, "min")) && isfinite(servq_jnum(sc, "max"))) {
            lo = fmin(lo, servq_jnum(sc, "min"));
            hi = fmax(hi, servq_jnum(sc, "max"));
        }
    }
    if (!(hi > lo)) {
        lo = 1;
        hi = 7;
    }
    for (i = 0; i < m->nitems; i++)
        if (isfinite(servq_jnum(m->items[i].j, "mean_a")) &&
            isfinite(servq_jnum(m->items[i].j, "mean_d")))
            n++;
    if (!n)
        goto cleanup;
#define X(val) (left + ((val)-lo) / (hi - lo) * (SVG_W - left - right))
    h = top + (double)n * rowh + 12;
    SERVQ_TRY(svg_open(w, h, TR("Zone of tolerance of each item")));
    for (v = lo; v <= hi + 1e-9; v += 1) {
        servq_rp_num(&m->loc, num, sizeof num, v, 0);
        SERVQ_TRY(out(w,
                      "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#e3e6ea\"/>"
                      "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\" fill=\"#5b6472\">%e</text>\n",
                      X(v), top - 4, X(v), top + (double)n * rowh, X(v), top - 8, num));
    }
    for (i = 0; i < m->nitems; i++) {
        const struct rp_item *r = &m->items[i];
        double a = servq_jnum(r->j, "mean_a"), d = servq_jnum(r->j, "mean_d");
        double p = servq_jnum(r->j, "mean_p"), y = top + (double)row * rowh;
        const char *zot = servq_jstr(r->j, "zot");
        if (!isfinite(a) || !isfinite(d))
            continue;
        row++;
        SERVQ_TRY(out(w,
                      "<g><title>%e: %e</title>"
                      "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%e</text>"
                      "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"12\" rx=\"3\" "
                      "fill=\"#cfe3f5\" stroke=\"#6a9fce\"/>",
                      r->label, servq_rp_zot(&m->loc, zot), left - 8, y + 15,
                      short_label(&sl, r->label, 32), X(fmin(a, d)), y + 5, fabs(X(d) - X(a))));
        if (isfinite(p))
            SERVQ_TRY(out(w, "<circle cx=\"%f\" cy=\"%f\" r=\"5\" fill=\"%s\"/>", X(p), y + 11,
                          strcmp(zot, "below") == 0   ? "#d55e00"
                          : strcmp(zot, "above") == 0 ? "#009e73"
                                                      : "#1d2330"));
        SERVQ_TRY(servq_buf_adds(w->b, "</g>\n"));
    }
#undef X
    SERVQ_TRY(servq_buf_adds(w->b, "</svg></div>\n"));
cleanup:
    servq_buf_release(&sl);
    return st;
}

static const char *const palette[] = {
    "#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7", "#999933", "#882255",
};

static enum servq_status chart_trend(struct rp_w *w)
{
    const struct rp_model *m = w->m;
    const double L = 56, R = SVG_W - 185, T = 14, B = 250, H = 290;
    double lo = INFINITY, hi = -INFINITY, s;
    struct servq_buf sl;
    enum servq_status st = SERVQ_OK;
    size_t i, k, every;

    servq_buf_init(&sl);
    for (i = 0; i < m->nseries; i++)
        for (k = 0; k < m->ndocs; k++)
            if (isfinite(m->series[i].v[k])) {
                lo = fmin(lo, m->series[i].v[k]);
                hi = fmax(hi, m->series[i].v[k]);
            }
    if (!isfinite(lo))
        goto cleanup;
    s = hi - lo > 1e-9 ? hi - lo : 1;
    lo -= s * 0.08;
    hi += s * 0.08;
#define PX(k) (L + (m->ndocs > 1 ? (double)(k) / (double)(m->ndocs - 1) : 0.5) * (R - L))
#define PY(v) (B - ((v)-lo) / (hi - lo) * (B - T))
    SERVQ_TRY(svg_open(w, H, TR("Trend of the SERVQUAL index and of each dimension")));
    SERVQ_TRY(ticks(w, lo, hi, 1, B, T, L, R));
    if (lo < 0 && hi > 0)
        SERVQ_TRY(out(w, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#1d2330\"/>\n", L,
                      PY(0.0), R, PY(0.0)));
    every = (m->ndocs + 7) / 8;
    for (k = 0; k < m->ndocs; k++)
        if (k % every == 0 || k == m->ndocs - 1)
            SERVQ_TRY(out(w,
                          "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\" fill=\"#5b6472\" "
                          "font-size=\"11\">%e</text>\n",
                          PX(k), B + 18, short_label(&sl, m->period[k], 18)));
    /* Dimensions first, then the indexes on top. */
    for (i = m->nseries; i-- > 0;) {
        const struct rp_series *se = &m->series[i];
        const char *color = i == 0   ? "#1d2330"
                            : se->id ? palette[(i - 1) % (sizeof palette / sizeof *palette)]
                                     : "#5b6472";
        int pen = 0;
        SERVQ_TRY(out(w, "<g><title>%e</title><path d=\"", se->label));
        for (k = 0; k < m->ndocs; k++) {
            if (!isfinite(se->v[k])) {
                pen = 0;
                continue;
            }
            SERVQ_TRY(out(w, "%s%f %f", pen ? "L" : "M", PX(k), PY(se->v[k])));
            pen = 1;
        }
        SERVQ_TRY(out(w, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>", color,
                      i == 0 ? "3" : "1.8",
                      se->id ? ""
                      : i    ? " stroke-dasharray=\"6 4\""
                             : ""));
        for (k = 0; k < m->ndocs; k++)
            if (isfinite(se->v[k]))
                SERVQ_TRY(out(w, "<circle cx=\"%f\" cy=\"%f\" r=\"%s\" fill=\"%s\"/>", PX(k),
                              PY(se->v[k]), i == 0 ? "3.5" : "2.5", color));
        SERVQ_TRY(out(w,
                      "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\" "
                      "stroke-width=\"3\"/><text x=\"%f\" y=\"%f\">%e</text></g>\n",
                      R + 14, T + 6 + 18.0 * (double)i, R + 34, T + 6 + 18.0 * (double)i, color,
                      R + 40, T + 10 + 18.0 * (double)i, short_label(&sl, se->label, 23)));
    }
#undef PX
#undef PY
    SERVQ_TRY(servq_buf_adds(w->b, "</svg></div>\n"));
cleanup:
    servq_buf_release(&sl);
    return st;
}

static enum servq_status html_chart(struct rp_w *w, enum rp_chart chart)
{
    switch (chart) {
    case RP_CHART_GAPS:
        return chart_gaps(w);
    case RP_CHART_SEGMENTS:
        return chart_segments(w);
    case RP_CHART_IPA:
        return chart_ipa(w);
    case RP_CHART_ZOT:
        return chart_zot(w);
    case RP_CHART_TREND:
        return chart_trend(w);
    }
    return SERVQ_OK;
}

const struct rp_backend servq_rp_html_backend = {
    .caps = RP_WIDE | RP_DRAWN,
    .spark_max = 0,
    .begin = html_begin,
    .heading = html_heading,
    .para = html_para,
    .list = html_list,
    .table = html_table,
    .chart = html_chart,
    .end = html_end,
};
