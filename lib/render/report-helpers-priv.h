/*
 * The report's words and numbers (report-helpers.c), used by the model
 * and by every backend: text in the report's language, numbers with its
 * decimal mark, localized names, glyph charts and escapers. They take the
 * locale, never the model, so they sit below both.
 */
#ifndef SERVQ_REPORT_HELPERS_PRIV_H
#define SERVQ_REPORT_HELPERS_PRIV_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "render/report-common-priv.h"
#include "render/report-i18n-priv.h"
#include "servq/common.h"
#include "common/util-priv.h"

/* How the report writes: its language, decimal mark and glyphs. */
struct rp_locale {
    enum servq_lang lang;
    const char *code; /* "en", "es", "pt", "ru": for names in the instrument */
    char mark;        /* decimal mark */
    int ascii;        /* ASCII instead of Unicode glyphs */
};

/* Text in the report's language. */
const char *servq_rp_tr(const struct rp_locale *l, const char *msgid);

/*
 * Appends tmpl with "{1}", "{2}"... replaced by args[0], args[1]... as
 * plain text (the caller escapes the result for its format).
 */
enum servq_status servq_rp_fill(struct servq_buf *b, const char *tmpl, const char *const *args,
                                size_t nargs);

/* Numbers with the report's decimal mark; see servq_fmt_num and friends. */
void servq_rp_num(const struct rp_locale *l, char *out, size_t cap, double v, int decimals);
void servq_rp_signed(const struct rp_locale *l, char *out, size_t cap, double v, int decimals);
void servq_rp_p(const struct rp_locale *l, char *out, size_t cap, double p);
void servq_rp_ci(const struct rp_locale *l, char *out, size_t cap, const cJSON *o);
/* "45%" or "45 %" as the language writes it. */
void servq_rp_percent(const struct rp_locale *l, char *out, size_t cap, double pct, int decimals);

/* Translated names of a service level, an IPA quadrant, a zone position. */
const char *servq_rp_level(const struct rp_locale *l, const char *level);
const char *servq_rp_quadrant(const struct rp_locale *l, const char *ipa);
const char *servq_rp_zot(const struct rp_locale *l, const char *zot);
/* What target t of document doc is about: "SERVQUAL index", a dimension's or an item's name. */
const char *servq_rp_target_name(const struct rp_locale *l, const cJSON *doc, const cJSON *t);

/* A group's key values joined, with or without the period; "" for everyone. */
enum servq_status servq_rp_group_name(const struct rp_locale *l, struct servq_buf *b,
                                      const cJSON *g, int with_period);

/* NPS (points, and the shares in percent) and CSAT (percent) of a group; NaN when absent. */
double servq_rp_nps(const cJSON *g, double *promoters, double *passives, double *detractors);
double servq_rp_csat(const cJSON *g);

/* A sparkline of v[0..n) (NaN: a gap), Unicode blocks or ASCII. */
enum servq_status servq_rp_spark(const struct rp_locale *l, struct servq_buf *b, const double *v,
                                 size_t n);
/* A bar of frac (0..1) of width columns, in eighths (Unicode) or '#'. */
enum servq_status servq_rp_bar(const struct rp_locale *l, struct servq_buf *b, double frac,
                               size_t width);

/* Escapers: HTML text and attributes; Markdown inline text. */
enum servq_status servq_rp_add_html(struct servq_buf *b, const char *s);
enum servq_status servq_rp_add_md(struct servq_buf *b, const char *s);

#endif
