/*
 * Per-respondent scores, streamed.
 */
#include "servq/score.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/instrument-priv.h"
#include "model/responses-priv.h"
#include "common/util-priv.h"

struct servq_scorer {
    const struct servq_instrument *ins;
    struct servq_score_options opt;
    servq_emit_fn emit;
    void *user;
    servq_message_fn msg_fn;
    void *msg_user;
    struct servq_layout *layout;
    struct servq_response resp;
    struct servq_buf out;
    size_t cells;
    int64_t *dim_scale, all_scale; /* see servq_score_scales() */
};

void servq_score_options_init(struct servq_score_options *o)
{
    memset(o, 0, sizeof *o);
}

enum servq_status servq_scorer_new(const struct servq_instrument *ins,
                                   const struct servq_score_options *o, servq_emit_fn emit,
                                   void *user, struct servq_scorer **out)
{
    struct servq_scorer *s;

    if (!emit || !out)
        return SERVQ_ERR_ARG;
    s = calloc(1, sizeof *s);
    if (!s)
        return SERVQ_ERR_NOMEM;
    s->ins = ins;
    if (o)
        s->opt = *o;
    s->emit = emit;
    s->user = user;
    servq_buf_init(&s->out);
    s->dim_scale = malloc(ins->n_dims * sizeof *s->dim_scale);
    if (!s->dim_scale || servq_response_init(&s->resp, ins) != SERVQ_OK) {
        free(s->dim_scale);
        free(s);
        return SERVQ_ERR_NOMEM;
    }
    if (servq_score_scales(ins, s->dim_scale, &s->all_scale) != SERVQ_OK) {
        servq_scorer_free(s);
        return SERVQ_ERR_LIMIT;
    }
    *out = s;
    return SERVQ_OK;
}

void servq_scorer_set_message_fn(struct servq_scorer *s, servq_message_fn fn, void *user)
{
    s->msg_fn = fn;
    s->msg_user = user;
}

void servq_scorer_free(struct servq_scorer *s)
{
    if (!s)
        return;
    servq_layout_free(s->layout);
    servq_response_release(&s->resp);
    servq_buf_release(&s->out);
    free(s->dim_scale);
    free(s);
}

static void message(struct servq_scorer *s, unsigned long long line, unsigned long column,
                    const char *text)
{
    struct servq_message m;

    if (!s->msg_fn)
        return;
    m.level = SERVQ_LEVEL_ERROR;
    m.line = line;
    m.column = column;
    m.text = text;
    m.limit = SERVQ_LIMIT_NONE;
    s->msg_fn(&m, s->msg_user);
}

static enum servq_status add_json_string(struct servq_buf *b, const char *p, size_t n);

/* Starts a cell: a separator, and in JSON Lines the key (a segment's name
   is the user's, so it is escaped like any string). */
static enum servq_status begin_cell(struct servq_scorer *s, const char *key)
{
    if (s->opt.format == SERVQ_SCORE_JSONL) {
        if (servq_buf_addc(&s->out, s->cells++ ? ',' : '{') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        if (add_json_string(&s->out, key, strlen(key)) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        return servq_buf_addc(&s->out, ':');
    }
    return s->cells++ ? servq_buf_addc(&s->out, ',') : SERVQ_OK;
}

static enum servq_status add_json_string(struct servq_buf *b, const char *p, size_t n)
{
    size_t i;

    if (servq_buf_addc(b, '"') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        enum servq_status st;
        if (c == '"' || c == '\\')
            st = servq_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            st = servq_buf_printf(b, "\\u%04x", c);
        else
            st = servq_buf_addc(b, (char)c);
        if (st != SERVQ_OK)
            return st;
    }
    return servq_buf_addc(b, '"');
}

static enum servq_status text_cell(struct servq_scorer *s, const char *key, const char *p,
                                   size_t n)
{
    enum servq_status st = begin_cell(s, key);

    if (st != SERVQ_OK)
        return st;
    if (s->opt.format == SERVQ_SCORE_JSONL)
        return add_json_string(&s->out, p, n);
    return servq_buf_add_csv_cell(&s->out, p, n, s->opt.raw_csv);
}

static enum servq_status number_cell(struct servq_scorer *s, const char *key, double v)
{
    char tmp[40];
    enum servq_status st = begin_cell(s, key);

    if (st != SERVQ_OK)
        return st;
    if (!isfinite(v))
        return s->opt.format == SERVQ_SCORE_JSONL ? servq_buf_adds(&s->out, "null") : SERVQ_OK;
    /* Shortest text that reads back as the same double, as import writes. */
    servq_format_double(tmp, sizeof tmp, v);
    return servq_buf_adds(&s->out, tmp);
}

static enum servq_status end_line(struct servq_scorer *s)
{
    enum servq_status st = SERVQ_OK;

    if (s->opt.format == SERVQ_SCORE_JSONL)
        st = servq_buf_addc(&s->out, '}');
    if (st == SERVQ_OK)
        st = servq_buf_addc(&s->out, '\n');
    if (st != SERVQ_OK)
        return st;
    st = s->emit(s->out.data, s->out.len, s->user) == SERVQ_CB_OK ? SERVQ_OK : SERVQ_ERR_ABORTED;
    servq_buf_clear(&s->out);
    s->cells = 0;
    return st;
}

static int has_date(const struct servq_scorer *s)
{
    return s->layout->date_col >= 0;
}

/* Segment names come from the data, so the header is neutralised as cells are. */
static enum servq_status header_cell(struct servq_scorer *s, const char *name)
{
    enum servq_status st = s->cells++ ? servq_buf_addc(&s->out, ',') : SERVQ_OK;

    return st == SERVQ_OK ? servq_buf_add_csv_cell_any(&s->out, name, strlen(name), s->opt.raw_csv)
                          : st;
}

static int has_tolerance(const struct servq_scorer *s)
{
    return s->layout->has_measure[SERVQ_MEASURE_A] && s->layout->has_measure[SERVQ_MEASURE_D];
}

/* The first NPS item the responses carry, or -1. */
static long nps_extra(const struct servq_scorer *s)
{
    size_t x, c;

    for (x = 0; x < s->ins->n_extras; x++) {
        if (s->ins->extras[x].kind != SERVQ_EXTRA_NPS)
            continue;
        for (c = 0; c < s->layout->n_cols; c++)
            if (s->layout->cols[c].kind == COL_EXTRA && s->layout->cols[c].target == x)
                return (long)x;
    }
    return -1;
}

static const char *nps_class(int v)
{
    if (v == SERVQ_NA)
        return "";
    return v >= 9 ? "promoter" : v >= 7 ? "passive" : "detractor";
}

/* A respondent's mean of P - other over the dimension's items with both. */
static double tolerance_mean(const struct servq_instrument *ins, const struct servq_response *r,
                             size_t d, enum servq_measure other)
{
    long sum = 0, n = 0;
    size_t i;

    for (i = 0; i < ins->n_items; i++) {
        int16_t p = servq_rating(r, i, SERVQ_MEASURE_P), x = servq_rating(r, i, other);
        if (ins->items[i].dim != d || p == SERVQ_NA || x == SERVQ_NA)
            continue;
        sum += p - x;
        n++;
    }
    return n ? (double)sum / (double)n : NAN;
}

static enum servq_status emit_header(struct servq_scorer *s)
{
    const struct servq_instrument *ins = s->ins;
    enum servq_status st = SERVQ_OK;
    char name[SERVQ_MAX_ID_LEN + 8];
    size_t i;

    if (s->opt.format == SERVQ_SCORE_JSONL)
        return SERVQ_OK;
    SERVQ_TRY(header_cell(s, "respondent_id"));
    if (has_date(s))
        SERVQ_TRY(header_cell(s, "date"));
    for (i = 0; i < s->layout->n_segments; i++)
        SERVQ_TRY(header_cell(s, servq_layout_segment_name(s->layout, i)));
    for (i = 0; i < ins->n_dims; i++) {
        snprintf(name, sizeof name, "%s_E", ins->dims[i].id);
        SERVQ_TRY(header_cell(s, name));
        snprintf(name, sizeof name, "%s_P", ins->dims[i].id);
        SERVQ_TRY(header_cell(s, name));
        snprintf(name, sizeof name, "%s_gap", ins->dims[i].id);
        SERVQ_TRY(header_cell(s, name));
    }
    for (i = 0; has_tolerance(s) && i < ins->n_dims; i++) {
        snprintf(name, sizeof name, "%s_msa", ins->dims[i].id);
        SERVQ_TRY(header_cell(s, name));
        snprintf(name, sizeof name, "%s_mss", ins->dims[i].id);
        SERVQ_TRY(header_cell(s, name));
    }
    SERVQ_TRY(header_cell(s, "sq_E"));
    SERVQ_TRY(header_cell(s, "sq_P"));
    SERVQ_TRY(header_cell(s, "sq"));
    if (s->layout->has_importance)
        SERVQ_TRY(header_cell(s, "wsq"));
    if (nps_extra(s) >= 0)
        SERVQ_TRY(header_cell(s, "nps_class"));
    st = end_line(s);
cleanup:
    return st;
}

/*
 * The weighted score uses the dimensions the respondent both rated and gave
 * points to, with the points renormalised over those dimensions.
 */
static double weighted_score(const struct servq_instrument *ins,
                             const struct servq_response *r, const double *dim_gap,
                             const size_t *m)
{
    double num = 0, den = 0;
    size_t d;

    for (d = 0; d < ins->n_dims; d++) {
        if (!m[d] || r->importance[d] < 0)
            continue;
        num += r->importance[d] * dim_gap[d];
        den += r->importance[d];
    }
    return den > 0 ? num / den : NAN;
}

static enum servq_status emit_row(struct servq_scorer *s, const struct servq_record *rec)
{
    const struct servq_instrument *ins = s->ins;
    const struct servq_layout *l = s->layout;
    int64_t se[SERVQ_MAX_DIMENSIONS], sp[SERVQ_MAX_DIMENSIONS];
    size_t m[SERVQ_MAX_DIMENSIONS], d, i, have = 0, have_gap;
    double gap[SERVQ_MAX_DIMENSIONS];
    int64_t all_e = 0, all_p = 0, all_gap = 0;
    char key[SERVQ_MAX_ID_LEN + 8];
    enum servq_status st = SERVQ_OK;
    char idbuf[32];

    servq_response_dimension_sums(ins, &s->resp, m, se, sp);
    if (l->id_col >= 0) {
        SERVQ_TRY(text_cell(s, "respondent_id", rec->fields[l->id_col].data,
                            rec->fields[l->id_col].len));
    } else {
        snprintf(idbuf, sizeof idbuf, "L%llu", rec->line);
        SERVQ_TRY(text_cell(s, "respondent_id", idbuf, strlen(idbuf)));
    }
    if (has_date(s))
        SERVQ_TRY(text_cell(s, "date", rec->fields[l->date_col].data,
                            rec->fields[l->date_col].len));
    for (i = 0; i < l->n_segments; i++) {
        const struct servq_field *f = &rec->fields[l->segment_cols[i]];
        SERVQ_TRY(text_cell(s, servq_layout_segment_name(l, i), f->data, f->len));
    }
    for (d = 0; d < ins->n_dims; d++) {
        int has_e = ins->measures[SERVQ_MEASURE_E];
        double e = m[d] && has_e ? (double)se[d] / (double)m[d] : NAN;
        double p = m[d] ? (double)sp[d] / (double)m[d] : NAN;
        gap[d] = m[d] && has_e ? (double)(sp[d] - se[d]) / (double)m[d] : NAN;
        snprintf(key, sizeof key, "%s_E", ins->dims[d].id);
        SERVQ_TRY(number_cell(s, key, e));
        snprintf(key, sizeof key, "%s_P", ins->dims[d].id);
        SERVQ_TRY(number_cell(s, key, p));
        snprintf(key, sizeof key, "%s_gap", ins->dims[d].id);
        SERVQ_TRY(number_cell(s, key, gap[d]));
        have += m[d] > 0;
    }
    have_gap = have;
    /* Overall scores as exact scaled integers, so they print as 6.56, not
       as a sum of rounded dimension means. */
    for (d = 0; d < ins->n_dims && have; d++) {
        int64_t f;
        if (!m[d])
            continue;
        f = (s->dim_scale[d] / (int64_t)m[d]) * (s->all_scale / ((int64_t)have * s->dim_scale[d]));
        all_e += se[d] * f;
        all_p += sp[d] * f;
        all_gap += (sp[d] - se[d]) * f;
    }
    for (d = 0; has_tolerance(s) && d < ins->n_dims; d++) {
        snprintf(key, sizeof key, "%s_msa", ins->dims[d].id);
        SERVQ_TRY(number_cell(s, key, tolerance_mean(ins, &s->resp, d, SERVQ_MEASURE_A)));
        snprintf(key, sizeof key, "%s_mss", ins->dims[d].id);
        SERVQ_TRY(number_cell(s, key, tolerance_mean(ins, &s->resp, d, SERVQ_MEASURE_D)));
    }
    if (!ins->measures[SERVQ_MEASURE_E])
        have_gap = 0;
    SERVQ_TRY(number_cell(s, "sq_E", have_gap ? (double)all_e / (double)s->all_scale : NAN));
    SERVQ_TRY(number_cell(s, "sq_P", have ? (double)all_p / (double)s->all_scale : NAN));
    /* SERVPERF: without E the quality score is the perception score. */
    SERVQ_TRY(number_cell(s, "sq",
                          have_gap ? (double)all_gap / (double)s->all_scale
                          : have && !ins->measures[SERVQ_MEASURE_E]
                              ? (double)all_p / (double)s->all_scale
                              : NAN));
    if (l->has_importance)
        SERVQ_TRY(number_cell(s, "wsq", weighted_score(ins, &s->resp, gap, m)));
    if (nps_extra(s) >= 0) {
        const char *c = nps_class(s->resp.extra[nps_extra(s)]);
        SERVQ_TRY(text_cell(s, "nps_class", c, strlen(c)));
    }
    st = end_line(s);
cleanup:
    return st;
}

/*
 * JSON Lines carries text only as UTF-8; a respondent id, date or segment
 * value in another encoding would make the line invalid JSON, so the row
 * is refused instead (CSV output passes any bytes through).
 */
static enum servq_status check_json_column(struct servq_scorer *s, const struct servq_record *rec,
                                           long col)
{
    const struct servq_field *f;

    if (col < 0)
        return SERVQ_OK;
    f = &rec->fields[col];
    if (servq_utf8_valid(f->data, f->len))
        return SERVQ_OK;
    message(s, rec->line, (unsigned long)col + 1,
            "not UTF-8, and JSON Lines carries only UTF-8 text; re-import the export (servq "
            "import converts it) or use --format csv");
    return SERVQ_ERR_DATA;
}

static enum servq_status check_json_text(struct servq_scorer *s, const struct servq_record *rec)
{
    const struct servq_layout *l = s->layout;
    enum servq_status st = SERVQ_OK;
    size_t i;

    SERVQ_TRY(check_json_column(s, rec, l->id_col));
    if (has_date(s))
        SERVQ_TRY(check_json_column(s, rec, l->date_col));
    for (i = 0; i < l->n_segments; i++)
        SERVQ_TRY(check_json_column(s, rec, (long)l->segment_cols[i]));
cleanup:
    return st;
}

enum servq_status servq_scorer_add(struct servq_scorer *s, const struct servq_record *rec)
{
    char err[512];
    size_t bad_col = 0;
    enum servq_status st;

    if (!s->layout) {
        st = servq_layout_new(s->ins, rec, &s->layout, err, sizeof err);
        if (st == SERVQ_ERR_DATA)
            message(s, rec->line, 0, err);
        return st == SERVQ_OK ? emit_header(s) : st;
    }
    st = servq_response_parse(s->layout, rec, &s->resp, &bad_col, err, sizeof err);
    if (st == SERVQ_ERR_DATA)
        message(s, rec->line, (unsigned long)bad_col + 1, err);
    if (st != SERVQ_OK)
        return st;
    if (s->opt.format == SERVQ_SCORE_JSONL && (st = check_json_text(s, rec)) != SERVQ_OK)
        return st;
    return emit_row(s, rec);
}

enum servq_status servq_scorer_finish(struct servq_scorer *s)
{
    if (!s->layout) {
        message(s, 0, 0, "no header row: the input is empty");
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}
