/*
 * What the layout writes through: the backend table. The layout
 * (report-layout.c) says what to write (a heading, a paragraph, a table,
 * a chart) by calling these functions of a struct rp_backend; each backend
 * (report-text.c, report-markdown.c, report-html.c) writes it in its
 * format. The tables the layout builds and hands over are in here too
 * (report-table.c), so that backends need nothing from the layout.
 */
#ifndef SERVQ_REPORT_BACKEND_PRIV_H
#define SERVQ_REPORT_BACKEND_PRIV_H

#include <stddef.h>

#include "render/report-helpers-priv.h"
#include "render/report-model-priv.h"

enum rp_tone { RP_PLAIN = 0, RP_BAD, RP_GOOD, RP_STRONG, RP_MUTED };

enum rp_chart { RP_CHART_GAPS, RP_CHART_SEGMENTS, RP_CHART_IPA, RP_CHART_ZOT, RP_CHART_TREND };

/*
 * What a backend can show, and a mask of them on a column or a table that
 * only some backends show (0: every backend).
 */
#define RP_WIDE (1u << 0)   /* not bound to 80 columns */
#define RP_GLYPHS (1u << 1) /* draws charts with glyphs in table cells */
#define RP_DRAWN (1u << 2)  /* draws charts of its own (chart()) */
#define RP_ASCII (1u << 3)  /* writes ASCII marks (arrows, separators) under --ascii */

struct rp_col {
    const char *head; /* plain text */
    size_t width;     /* text: display columns; 0 for the rest of the line */
    int right;        /* right-aligned (numbers) */
    int code;         /* glyphs (bars, sparklines): monospace, never escaped */
    unsigned only;    /* RP_WIDE, RP_GLYPHS, RP_DRAWN mask, 0 for every backend */
};

struct servq_rp_cell {
    char *s; /* plain text, owned */
    enum rp_tone tone;
};

struct rp_table {
    const struct rp_col *cols;
    size_t ncols;
    struct servq_rp_cell *cells; /* row-major */
    size_t ncells, cap;
    unsigned only; /* as rp_col.only */
};

void servq_rp_table_init(struct rp_table *t, const struct rp_col *cols, size_t ncols);
void servq_rp_table_release(struct rp_table *t);
/* Appends the next cell (row-major); fmt is printf's, the result plain text. */
enum servq_status servq_rp_cell(struct rp_table *t, enum rp_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t servq_rp_table_rows(const struct rp_table *t);
/* True when a backend that can do caps shows what has the mask only. */
int servq_rp_shown(unsigned only, unsigned caps);

struct rp_backend;

/* One report being written: the model it shows, the backend, the output. */
struct rp_w {
    const struct rp_backend *be;
    const struct rp_model *m;
    struct servq_buf *b;
    int open; /* html: a <section> is open */
};

/*
 * A backend. The layout calls begin once, then the others in the order of
 * the report, then end; every text is plain (the backend escapes it). A
 * table comes with at least one row and is shown by the backend only when
 * its mask allows (servq_rp_shown()). id names a section (an anchor).
 */
struct rp_backend {
    unsigned caps;    /* RP_WIDE, RP_GLYPHS, RP_DRAWN, RP_ASCII */
    size_t spark_max; /* a sparkline shows at most this many periods; 0: all */
    enum servq_status (*begin)(struct rp_w *w, const char *title, const char *sub);
    enum servq_status (*heading)(struct rp_w *w, const char *id, const char *text,
                                 enum rp_tone tone);
    enum servq_status (*para)(struct rp_w *w, const char *text, enum rp_tone tone);
    enum servq_status (*list)(struct rp_w *w, char *const *items, size_t n);
    enum servq_status (*table)(struct rp_w *w, const struct rp_table *t);
    enum servq_status (*chart)(struct rp_w *w, enum rp_chart chart);
    enum servq_status (*end)(struct rp_w *w);
};

extern const struct rp_backend servq_rp_text_backend;
extern const struct rp_backend servq_rp_markdown_backend;
extern const struct rp_backend servq_rp_html_backend;

#endif
