/*
 * Reading gap-analysis documents for people: the helpers that both the
 * gap-analysis --format text table (render.c) and the report (report*.c)
 * use: the schema check, JSON look-ups, localized names, display columns
 * and number formatting that never depends on the process locale.
 */
#ifndef SERVQ_REPORT_COMMON_PRIV_H
#define SERVQ_REPORT_COMMON_PRIV_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "servq/common.h"
#include "common/util-priv.h"

#define SERVQ_GAPS_SCHEMA "servq.gap-analysis/1"

/*
 * Parses a gap-analysis document and checks its schema, "groups" and
 * "instrument". On success *out is the tree (cJSON_Delete()); on failure
 * err (when not NULL) says why, with the line and column of JSON that is
 * broken or that servq refuses (see servq_json_load()). Keys it doesn't
 * know are allowed, as a newer servq may add some.
 * Returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA or SERVQ_ERR_NOMEM.
 */
enum servq_status servq_gaps_parse(const char *json, size_t len, cJSON **out, char *err,
                                   size_t errlen);

/*
 * servq_gaps_parse() of a document that starts at line line0, column
 * column0 of its input, whose lines and columns a JSON error names. Text
 * that is not JSON but the CSV or text table of a servq command, or other
 * CSV, is named as such, and so are the documents of servq's other schemas
 * (states, import statistics), with what to do instead.
 */
enum servq_status servq_gaps_parse_at(const char *json, size_t len, unsigned long long line0,
                                      unsigned long column0, cJSON **out, char *err, size_t errlen);

/* o[name], or NULL; o may be NULL. */
const cJSON *servq_jget(const cJSON *o, const char *name);
/* o[name] as a number, or NaN when absent, null or not a number. */
double servq_jnum(const cJSON *o, const char *name);
/* o[name] as a string, or "" when absent or not a string. */
const char *servq_jstr(const cJSON *o, const char *name);
/* True when o[name] is true. */
int servq_jtrue(const cJSON *o, const char *name);

/* A name in lang ("es", "pt_BR"...) from {"en": ..., "es": ...}, else English, else fallback. */
const char *servq_localized(const cJSON *names, const char *lang, const char *fallback);
/* The element of an array of objects whose "id" is id, or NULL. */
const cJSON *servq_by_id(const cJSON *arr, const char *id);
/* An item's label and a dimension's name from the document's instrument; the id when unknown. */
const char *servq_item_label(const cJSON *doc, const char *id, const char *lang);
const char *servq_dim_name(const cJSON *doc, const char *id, const char *lang);

/* Display columns of s[0..n): one per UTF-8 code point. */
size_t servq_text_cols(const char *s, size_t n);

/*
 * Appends s padded with spaces, or cut, to width display columns; a cut
 * string ends with ellipsis ("\xE2\x80\xA6" or "."), which takes one column.
 */
enum servq_status servq_buf_add_padded(struct servq_buf *b, const char *s, size_t width,
                                       const char *ellipsis);
/* Appends s right-aligned in width columns (never cut). */
enum servq_status servq_buf_add_right(struct servq_buf *b, const char *s, size_t width);

/*
 * Formats v with a fixed number of decimals and the decimal mark ('.' or
 * ','), whatever LC_NUMERIC says; "-" when v is not finite; never "-0.00".
 */
void servq_fmt_num(char *out, size_t cap, double v, int decimals, char mark);
/* Like servq_fmt_num, with a sign on positive values: "+0.25". */
void servq_fmt_signed(char *out, size_t cap, double v, int decimals, char mark);
/* A p-value: "0.012", "<0.001", or "-" when not finite. */
void servq_fmt_p(char *out, size_t cap, double p, char mark);
/*
 * The heading of the items' adjusted p-values (p_adj) in a gap-analysis
 * document: "p(Holm)", "p(BH)", or "p" when options.adjust is "none".
 */
const char *servq_p_adj_heading(const cJSON *doc);
/*
 * The "ci" array of o as "[lo, hi]" ("[lo; hi]" with a decimal comma), or
 * "-" when o has none.
 */
void servq_fmt_ci(char *out, size_t cap, const cJSON *o, char mark);

#endif
