/*
 * The report, inside the library. report.c reads the documents once into a
 * model (what to say: rankings, changes, trends, targets); report-text.c
 * (text and Markdown) and report-html.c (HTML and SVG) only lay it out.
 * Everything the renderers print goes through the helpers below, so data
 * text is escaped for the format and numbers follow the language.
 */
#ifndef SERVQ_REPORT_PRIV_H
#define SERVQ_REPORT_PRIV_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "render/report-common-priv.h"
#include "render/report-i18n-priv.h"
#include "servq/analysis.h"
#include "servq/report.h"
#include "common/util-priv.h"

/* An item as the report ranks it (the last document's everyone group). */
struct rp_item {
    const cJSON *j;                   /* the item object */
    const char *id, *label;           /* label in the report's language */
    const char *dim, *dim_name;       /* dimension id and name */
    double gap, p, importance, score; /* p: p_adj, else p_t; score: gap x importance */
    int significant;                  /* p < significance */
};

/* The last period against the one before, by Welch's t from n, mean, sd. */
struct rp_change {
    int have;    /* both periods have the figure */
    double diff; /* last - previous */
    double p;    /* Welch two-sided p; NaN without a test */
    int significant;
};

/* One line of the trend: a figure across the documents. */
struct rp_series {
    const char *label; /* localized */
    const char *id;    /* dimension id; NULL for the indexes */
    double *v;         /* one per document, NaN where missing */
    struct rp_change change;
};

/* A row of the segment league table. */
struct rp_seg {
    const cJSON *g;
    char *name; /* the group's non-period key values, plain text */
    double n, gap;
    int suppressed, low_base;
};

/* A line of the data-quality section: where (plain text), what, which group. */
struct rp_note {
    char *where;
    char *text; /* in the report's language; NULL for low-base notes */
    const cJSON *g;
};

struct rp_model {
    const struct servq_report_options *o;
    enum servq_lang lang;
    const char *code; /* "en", "es", "pt", "ru": for names in the instrument */
    char mark;        /* decimal mark */
    int ascii, color;
    size_t top;
    double sig; /* options.significance of the last document */

    cJSON **docs; /* every document, parsed */
    size_t ndocs;
    char **period;                    /* a label per document */
    int *dated;                       /* per document: its label is its period or dates */
    int unordered;                    /* kept in the order given: 1 no document has a
                                         period, 2 some have none */
    const cJSON *doc, *all, *overall; /* the last document and its everyone group */
    const char *title;                /* the instrument's name */
    int suppressed;                   /* everyone's group is suppressed */
    int perf_only;                    /* a perception-only instrument: no gaps */
    int mixed_instruments;            /* documents with different fingerprints */

    struct rp_item *items; /* every item of the everyone group, instrument order */
    size_t nitems;
    struct rp_item **prio; /* significant shortfalls, worst gap x importance first */
    size_t nprio;
    struct rp_item **strong; /* significant positive gaps, largest first, or else the closest
                                among those with no significant gap */
    size_t nstrong;
    int strong_closest; /* no significant positive gap: strong lists the closest */
    int have_gaps;      /* some item has a gap */
    int have_zot;       /* some item has a zone of tolerance */

    struct rp_series *series; /* index, weighted index when present, dimensions */
    size_t nseries;
    int have_wsq;

    struct rp_seg *segs; /* worst gap first, suppressed last */
    size_t nsegs;
    char *seg_by;           /* the --by columns, "branch, channel" */
    const char *seg_period; /* the period the table shows, or NULL */

    const cJSON *targets; /* the last document's targets array, or NULL */
    size_t ntargets, nmissed;

    cJSON *import_stats; /* parsed, or NULL */
    const cJSON *roles;  /* the last document's roles object, or NULL */

    struct rp_note *warnings; /* reliability and other analysis warnings */
    size_t nwarnings;
    struct rp_note *lowbase; /* low-base groups (where = name, text unused) */
    size_t nlowbase;
    size_t nsuppressed; /* suppressed groups in the last document */
};

/* Text in the report's language. */
const char *servq_rp_tr(const struct rp_model *m, const char *msgid);

/*
 * Appends tmpl with "{1}", "{2}"... replaced by args[0], args[1]... as
 * plain text (the caller escapes the result for its format).
 */
enum servq_status servq_rp_fill(struct servq_buf *b, const char *tmpl, const char *const *args,
                                size_t nargs);

/* Numbers with the report's decimal mark; see servq_fmt_num and friends. */
void servq_rp_num(const struct rp_model *m, char *out, size_t cap, double v, int decimals);
void servq_rp_signed(const struct rp_model *m, char *out, size_t cap, double v, int decimals);
void servq_rp_p(const struct rp_model *m, char *out, size_t cap, double p);
void servq_rp_ci(const struct rp_model *m, char *out, size_t cap, const cJSON *o);
/* "45%" or "45 %" as the language writes it. */
void servq_rp_percent(const struct rp_model *m, char *out, size_t cap, double pct, int decimals);

/* Translated names of a service level, an IPA quadrant, a zone position. */
const char *servq_rp_level(const struct rp_model *m, const char *level);
const char *servq_rp_quadrant(const struct rp_model *m, const char *ipa);
const char *servq_rp_zot(const struct rp_model *m, const char *zot);
/* What a target is about: "SERVQUAL index", a dimension's or an item's name. */
const char *servq_rp_target_name(const struct rp_model *m, const cJSON *t);

/* A group's key values joined, with or without the period; "" for everyone. */
enum servq_status servq_rp_group_name(const struct rp_model *m, struct servq_buf *b, const cJSON *g,
                                      int with_period);

/* NPS (points, and the shares in percent) and CSAT (percent) of a group; NaN when absent. */
double servq_rp_nps(const cJSON *g, double *promoters, double *passives, double *detractors);
double servq_rp_csat(const cJSON *g);

/* A sparkline of v[0..n) (NaN: a gap), Unicode blocks or ASCII. */
enum servq_status servq_rp_spark(const struct rp_model *m, struct servq_buf *b, const double *v,
                                 size_t n);
/* A bar of frac (0..1) of width columns, in eighths (Unicode) or '#'. */
enum servq_status servq_rp_bar(const struct rp_model *m, struct servq_buf *b, double frac,
                               size_t width);

/* Escapers: HTML text and attributes; Markdown inline text. */
enum servq_status servq_rp_add_html(struct servq_buf *b, const char *s);
enum servq_status servq_rp_add_md(struct servq_buf *b, const char *s);

/*
 * Layout. report-layout.c writes the sections once, through these
 * primitives; report-text.c implements them for text and Markdown,
 * report-html.c for HTML (where charts are SVG).
 */
enum rp_tone { RP_PLAIN = 0, RP_BAD, RP_GOOD, RP_STRONG, RP_MUTED };

enum rp_chart { RP_CHART_GAPS, RP_CHART_SEGMENTS, RP_CHART_IPA, RP_CHART_ZOT, RP_CHART_TREND };

/* Which formats show a column or a table: a mask of these; 0 is all. */
#define RP_IN_TEXT (1u << SERVQ_REPORT_TEXT)
#define RP_IN_MARKDOWN (1u << SERVQ_REPORT_MARKDOWN)
#define RP_IN_HTML (1u << SERVQ_REPORT_HTML)

struct rp_col {
    const char *head; /* plain text */
    size_t width;     /* text: display columns; 0 for the rest of the line */
    int right;        /* right-aligned (numbers) */
    int code;         /* glyphs (bars, sparklines): monospace, never escaped */
    unsigned only;    /* RP_IN_* mask, 0 for every format */
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
    unsigned only; /* RP_IN_* mask, 0 for every format */
};

struct rp_w {
    const struct rp_model *m;
    struct servq_buf *b;
    enum servq_report_format fmt;
    int open; /* html: a <section> is open */
};

void servq_rp_table_init(struct rp_table *t, const struct rp_col *cols, size_t ncols);
void servq_rp_table_release(struct rp_table *t);
/* Appends the next cell (row-major); fmt is printf's, the result plain text. */
enum servq_status servq_rp_cell(struct rp_table *t, enum rp_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t servq_rp_table_rows(const struct rp_table *t);
/* True when format f shows what has this mask. */
int servq_rp_shown(unsigned only, enum servq_report_format f);

/* Writes the whole report through w. */
enum servq_status servq_rp_layout(struct rp_w *w);

/* Primitives, per format: text (and Markdown) in report-text.c. */
enum servq_status servq_rp_text_begin(struct rp_w *w, const char *title, const char *sub);
enum servq_status servq_rp_text_heading(struct rp_w *w, const char *text, enum rp_tone tone);
enum servq_status servq_rp_text_para(struct rp_w *w, const char *text, enum rp_tone tone);
enum servq_status servq_rp_text_list(struct rp_w *w, char *const *items, size_t n);
enum servq_status servq_rp_text_table(struct rp_w *w, const struct rp_table *t);
enum servq_status servq_rp_text_end(struct rp_w *w);

/* HTML in report-html.c; id names the section (an anchor). */
enum servq_status servq_rp_html_begin(struct rp_w *w, const char *title, const char *sub);
enum servq_status servq_rp_html_heading(struct rp_w *w, const char *id, const char *text,
                                        enum rp_tone tone);
enum servq_status servq_rp_html_para(struct rp_w *w, const char *text, enum rp_tone tone);
enum servq_status servq_rp_html_list(struct rp_w *w, char *const *items, size_t n);
enum servq_status servq_rp_html_table(struct rp_w *w, const struct rp_table *t);
enum servq_status servq_rp_html_chart(struct rp_w *w, enum rp_chart chart);
enum servq_status servq_rp_html_end(struct rp_w *w);

#endif
