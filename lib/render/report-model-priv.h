/*
 * The report's model (report-model.c): the gap-analysis documents read
 * once into what the report says (rankings, changes, trends, targets,
 * notes), in the order of the periods. The model knows nothing of the
 * layout or the formats; the layout and the backends only read it.
 */
#ifndef SERVQ_REPORT_MODEL_PRIV_H
#define SERVQ_REPORT_MODEL_PRIV_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "render/report-helpers-priv.h"
#include "common/message-priv.h"
#include "servq/analysis.h"
#include "servq/report.h"

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
    struct servq_sink sink; /* options.message */
    struct rp_locale loc;   /* language, decimal mark, glyphs */
    int color;              /* ANSI colours (options.color) */
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

/*
 * Reads docs[0..n) (texts of lens bytes) into m, which it zeroes first,
 * with the options o (not NULL; borrowed while m lives). Warnings, and on
 * a failure of the input the reason, go to o->message;
 * o->result->failed_input says which input failed. Release m with
 * servq_rp_model_release() whatever the result.
 */
enum servq_status servq_rp_model_build(struct rp_model *m, const char *const *docs,
                                       const size_t *lens, size_t n,
                                       const struct servq_report_options *o);

/* Frees what m holds; a zeroed m is fine. */
void servq_rp_model_release(struct rp_model *m);

#endif
