/*
 * Canonical responses: header layout and row parsing.
 */
#include "model/responses-priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util-priv.h"

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void servq_layout_free(struct servq_layout *l)
{
    size_t i;

    if (!l)
        return;
    for (i = 0; i < l->n_cols; i++)
        free(l->names[i]);
    free(l->names);
    free(l->cols);
    free(l->segment_cols);
    free(l->ratings);
    free(l->other_fields);
    free(l);
}

static int measure_from_letter(char c, enum servq_measure *m)
{
    switch (c) {
    case 'E': *m = SERVQ_MEASURE_E; return 1;
    case 'P': *m = SERVQ_MEASURE_P; return 1;
    case 'A': *m = SERVQ_MEASURE_A; return 1;
    case 'D': *m = SERVQ_MEASURE_D; return 1;
    default: return 0;
    }
}

/* Classifies one header name; returns 0, or -1 with err set. */
static int classify(struct servq_layout *l, size_t idx, const char *name, char *err,
                    size_t errlen)
{
    const struct servq_instrument *ins = l->ins;
    struct column *c = &l->cols[idx];
    enum servq_measure m;
    long t;

    if (strcmp(name, "respondent_id") == 0) {
        c->kind = COL_ID;
        l->id_col = (long)idx;
    } else if (strcmp(name, "date") == 0) {
        c->kind = COL_DATE;
        l->date_col = (long)idx;
    } else if (strcmp(name, "weight") == 0) {
        c->kind = COL_WEIGHT;
        l->weight_col = (long)idx;
    } else if (strcmp(name, "role") == 0) {
        c->kind = COL_ROLE;
        l->role_col = (long)idx;
    } else if (name[0] && name[1] == '_' && measure_from_letter(name[0], &m)) {
        t = servq_instrument_find_item(ins, name + 2);
        if (t < 0)
            goto segment;
        if (!ins->measures[m]) {
            set_err(err, errlen, "column '%s': instrument '%s' has no %s measure", name,
                    ins->id, servq_measure_name(m));
            return -1;
        }
        c->kind = COL_MEASURE;
        c->target = (size_t)t;
        c->measure = m;
        l->has_measure[m] = 1;
    } else if (strncmp(name, "I_", 2) == 0 && servq_instrument_find_dimension(ins, name + 2) >= 0) {
        c->kind = COL_IMPORTANCE;
        c->target = (size_t)servq_instrument_find_dimension(ins, name + 2);
        l->has_importance = 1;
    } else if (strncmp(name, "X_", 2) == 0 && servq_instrument_find_extra(ins, name + 2) >= 0) {
        c->kind = COL_EXTRA;
        c->target = (size_t)servq_instrument_find_extra(ins, name + 2);
    } else {
    segment:
        c->kind = COL_SEGMENT;
        c->target = l->n_segments;
        l->segment_cols[l->n_segments++] = idx;
    }
    return 0;
}

/* Whether a header name has the form of a rating column: E_, P_, A_ or D_ and an id. */
static int rating_form(const char *name)
{
    enum servq_measure m;

    return name[0] && name[1] == '_' && name[2] && measure_from_letter(name[0], &m);
}

/*
 * Says why l has none of the rating columns its instrument needs. Rating
 * columns of items the instrument does not have mean the responses were
 * imported for another instrument: name a few, so that the reader can tell
 * which, rather than ask whether this is servq import's output at all.
 */
static void no_ratings_error(const struct servq_layout *l, char *err, size_t errlen)
{
    const char *need = l->ins->measures[SERVQ_MEASURE_E] ? "E_<item> and P_<item>" : "P_<item>";
    char found[240];
    size_t i, n = 0, used = 0;

    found[0] = '\0';
    for (i = 0; i < l->n_cols; i++) {
        if (!rating_form(l->names[i]))
            continue;
        if (n++ < 4 && used < sizeof found - 1) {
            int w = snprintf(found + used, sizeof found - used, "%s'%.40s'", used ? ", " : "",
                             l->names[i]);
            used += w > 0 ? (size_t)w : 0;
            used = used < sizeof found ? used : sizeof found - 1;
        }
    }
    if (!n) {
        set_err(err, errlen,
                "no %s columns for instrument '%s', nor any rating column; is this the output "
                "of servq import?",
                need, l->ins->id);
        return;
    }
    set_err(err, errlen,
            "no %s columns for instrument '%s': the %zu rating column%s here (%s%s) %s for "
            "items it does not have, so the responses were imported for another instrument; "
            "give -i the one they were imported for (servq help instruments lists them)",
            need, l->ins->id, n, n > 1 ? "s" : "", found, n > 4 ? ", ..." : "",
            n > 1 ? "are" : "is");
}

enum servq_status servq_layout_new(const struct servq_instrument *ins,
                                   const struct servq_record *header,
                                   struct servq_layout **out, char *err, size_t errlen)
{
    struct servq_layout *l;
    enum servq_status st = SERVQ_OK;
    size_t i, n = header->n_fields, dup_first = 0, dup_second = (size_t)-1;
    int dup;

    l = calloc(1, sizeof *l);
    if (!l)
        return SERVQ_ERR_NOMEM;
    l->ins = ins;
    l->id_col = l->date_col = l->weight_col = l->role_col = -1;
    l->cols = calloc(n, sizeof *l->cols);
    l->names = calloc(n, sizeof *l->names);
    l->segment_cols = calloc(n, sizeof *l->segment_cols);
    l->ratings = calloc(n, sizeof *l->ratings);
    l->other_fields = calloc(n, sizeof *l->other_fields);
    if (!l->cols || !l->names || !l->segment_cols || !l->ratings || !l->other_fields) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        l->names[i] = servq_strndup(header->fields[i].data, header->fields[i].len);
        if (!l->names[i]) {
            st = SERVQ_ERR_NOMEM;
            goto cleanup;
        }
        l->n_cols = i + 1;
    }
    dup = servq_find_duplicate((const char *const *)l->names, n, &dup_first, &dup_second);
    if (dup < 0) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        if (dup && i == dup_second) {
            set_err(err, errlen, "column '%s' appears twice (fields %zu and %zu)", l->names[i],
                    dup_first + 1, i + 1);
            st = SERVQ_ERR_DATA;
            goto cleanup;
        }
        if (classify(l, i, l->names[i], err, errlen) != 0) {
            st = SERVQ_ERR_DATA;
            goto cleanup;
        }
        if (l->cols[i].kind == COL_MEASURE) {
            struct rating_col *rc = &l->ratings[l->n_ratings++];
            rc->field = i;
            rc->slot = servq_rating_slot(ins->n_items, l->cols[i].target, l->cols[i].measure);
            rc->min = ins->items[l->cols[i].target].min;
            rc->max = ins->items[l->cols[i].target].max;
        } else
            l->other_fields[l->n_others++] = i;
    }
    if ((ins->measures[SERVQ_MEASURE_E] && !l->has_measure[SERVQ_MEASURE_E]) ||
        !l->has_measure[SERVQ_MEASURE_P]) {
        no_ratings_error(l, err, errlen);
        st = SERVQ_ERR_DATA;
        goto cleanup;
    }
    *out = l;
    l = NULL;
cleanup:
    servq_layout_free(l);
    return st;
}

size_t servq_layout_segment_count(const struct servq_layout *l)
{
    return l->n_segments;
}

const char *servq_layout_segment_name(const struct servq_layout *l, size_t s)
{
    return l->names[l->segment_cols[s]];
}

int servq_layout_has_measure(const struct servq_layout *l, enum servq_measure m)
{
    return (unsigned)m < SERVQ_MEASURE_COUNT && l->has_measure[m];
}

int servq_layout_has_importance(const struct servq_layout *l)
{
    return l->has_importance;
}

long servq_layout_find_column(const struct servq_layout *l, const char *name)
{
    size_t i;

    for (i = 0; i < l->n_cols; i++)
        if (strcmp(l->names[i], name) == 0)
            return (long)i;
    return -1;
}

enum servq_status servq_response_init(struct servq_response *r, const struct servq_instrument *ins)
{
    memset(r, 0, sizeof *r);
    r->v = malloc(ins->n_items * SERVQ_MEASURE_COUNT * sizeof *r->v);
    r->n_items = ins->n_items;
    r->importance = malloc(ins->n_dims * sizeof *r->importance);
    r->extra = malloc((ins->n_extras ? ins->n_extras : 1) * sizeof *r->extra);
    if (!r->v || !r->importance || !r->extra) {
        servq_response_release(r);
        return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

void servq_response_release(struct servq_response *r)
{
    free(r->v);
    free(r->importance);
    free(r->extra);
    memset(r, 0, sizeof *r);
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

static int digits(const char *s, size_t n, int *v)
{
    size_t i;

    *v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int servq_parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    if (n < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (digits(s, 4, y) || digits(s + 5, 2, m) || digits(s + 8, 2, d))
        return -1;
    if (n > 10 && s[10] != 'T' && s[10] != ' ')
        return -1;
    if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
        return -1;
    return 0;
}

static int parse_role(const char *s, size_t n, enum servq_role *role)
{
    if (n == 0)
        *role = SERVQ_ROLE_NONE;
    else if (n == 8 && memcmp(s, "customer", 8) == 0)
        *role = SERVQ_ROLE_CUSTOMER;
    else if (n == 7 && memcmp(s, "manager", 7) == 0)
        *role = SERVQ_ROLE_MANAGER;
    else if (n == 5 && memcmp(s, "staff", 5) == 0)
        *role = SERVQ_ROLE_STAFF;
    else
        return -1;
    return 0;
}

static int parse_rating(const char *s, size_t n, int min, int max, int16_t *out)
{
    long v;

    if (n == 0) {
        *out = SERVQ_NA;
        return 0;
    }
    /* Nearly every rating is one digit: no need for the general parser. */
    if (n == 1 && s[0] >= '0' && s[0] <= '9')
        v = s[0] - '0';
    else if (servq_parse_int(s, n, &v) != 0)
        return -1;
    if (v < min || v > max)
        return -1;
    *out = (int16_t)v;
    return 0;
}

/* A cell as a message shows it: printable, at most 40 bytes. */
#define SHOW(f) servq_show_cell((f)->data, (f)->len, 40, shown, sizeof shown)

/* Parses field i into r; returns 0 or -1 with err set. */
static int parse_field(const struct servq_layout *l, size_t i, const struct servq_field *f,
                       struct servq_response *r, char *err, size_t errlen)
{
    const struct servq_instrument *ins = l->ins;
    const struct column *c = &l->cols[i];
    char shown[200];
    double x;

    switch (c->kind) {
    case COL_MEASURE: {
        const struct servq_item *it = &ins->items[c->target];
        if (parse_rating(f->data, f->len, it->min, it->max,
                         &r->v[servq_rating_slot(ins->n_items, c->target, c->measure)]) != 0) {
            set_err(err, errlen, "column '%s': '%s' is not a whole number from %d to %d",
                    l->names[i], SHOW(f), it->min, it->max);
            return -1;
        }
        return 0;
    }
    case COL_IMPORTANCE:
        if (f->len == 0) {
            r->importance[c->target] = -1;
            return 0;
        }
        if (servq_parse_double(f->data, f->len, '.', &x) != 0 || x < 0) {
            set_err(err, errlen, "column '%s': '%s' is not a non-negative number", l->names[i],
                    SHOW(f));
            return -1;
        }
        r->importance[c->target] = x;
        return 0;
    case COL_EXTRA: {
        const struct servq_extra *xt = &ins->extras[c->target];
        if (xt->kind == SERVQ_EXTRA_TEXT)
            return 0;
        if (parse_rating(f->data, f->len, xt->min, xt->max, &r->extra[c->target]) != 0) {
            set_err(err, errlen, "column '%s': '%s' is not a whole number from %d to %d",
                    l->names[i], SHOW(f), xt->min, xt->max);
            return -1;
        }
        return 0;
    }
    case COL_WEIGHT:
        if (servq_parse_double(f->data, f->len, '.', &x) != 0 || !(x > 0)) {
            set_err(err, errlen, "column 'weight': '%s' is not a positive number", SHOW(f));
            return -1;
        }
        r->weight = x;
        return 0;
    case COL_ROLE:
        if (parse_role(f->data, f->len, &r->role) != 0) {
            set_err(err, errlen, "column 'role': '%s' is not customer, manager or staff", SHOW(f));
            return -1;
        }
        return 0;
    case COL_DATE:
        if (f->len && servq_parse_date(f->data, f->len, &r->year, &r->month, &r->day) != 0) {
            set_err(err, errlen, "column 'date': '%s' is not a date as YYYY-MM-DD", SHOW(f));
            return -1;
        }
        return 0;
    case COL_ID:
    case COL_SEGMENT:
        return 0;
    }
    return 0;
}

/* The value of 1 to 4 digits, or -1. */
static int small_whole(const struct servq_field *f)
{
    int v = 0;
    size_t i;

    if (f->len == 0 || f->len > 4)
        return -1;
    for (i = 0; i < f->len; i++) {
        unsigned d = (unsigned char)f->data[i] - (unsigned)'0';
        if (d > 9)
            return -1;
        v = v * 10 + (int)d;
    }
    return v;
}

static enum servq_status bad_field(size_t *bad_col, size_t k)
{
    *bad_col = k;
    return SERVQ_ERR_DATA;
}

enum servq_status servq_response_parse(const struct servq_layout *l,
                                       const struct servq_record *rec,
                                       struct servq_response *r, size_t *bad_col, char *err,
                                       size_t errlen)
{
    const struct servq_instrument *ins = l->ins;
    size_t i;

    if (rec->n_fields != l->n_cols) {
        *bad_col = rec->n_fields < l->n_cols ? rec->n_fields : l->n_cols;
        set_err(err, errlen, "%zu fields, but the header has %zu", rec->n_fields, l->n_cols);
        return SERVQ_ERR_DATA;
    }
    for (i = 0; i < ins->n_items * SERVQ_MEASURE_COUNT; i++)
        r->v[i] = SERVQ_NA;
    for (i = 0; i < ins->n_dims; i++)
        r->importance[i] = -1;
    for (i = 0; i < ins->n_extras; i++)
        r->extra[i] = SERVQ_NA;
    r->weight = 1;
    r->role = SERVQ_ROLE_NONE;
    r->year = r->month = r->day = 0;
    r->fields = rec->fields;
    /* C strings end at a NUL: a cell holding one would be read as less. */
    if (rec->raw && memchr(rec->raw, '\0', rec->raw_len)) {
        char shown[200];
        for (i = 0; i < rec->n_fields && !memchr(rec->fields[i].data, '\0', rec->fields[i].len);
             i++)
            ;
        if (i < rec->n_fields) {
            *bad_col = i;
            set_err(err, errlen, "column '%s': '%s' holds a NUL byte", l->names[i],
                    SHOW(&rec->fields[i]));
            return SERVQ_ERR_DATA;
        }
    }
    for (i = 0; i < l->n_ratings; i++) {
        const struct rating_col *rc = &l->ratings[i];
        const struct servq_field *f = &rec->fields[rc->field];
        int d = f->len == 1 ? f->data[0] - '0' : -1;
        /* The usual one-digit answer on the scale, without the general parser. */
        if (d >= 0 && d <= 9 && d >= rc->min && d <= rc->max)
            r->v[rc->slot] = (int16_t)d;
        else if (parse_field(l, rc->field, f, r, err, errlen) != 0)
            return bad_field(bad_col, rc->field);
    }
    for (i = 0; i < l->n_others; i++) {
        size_t k = l->other_fields[i];
        const struct column *c = &l->cols[k];
        int whole;
        if (c->kind == COL_ID || c->kind == COL_SEGMENT)
            continue;
        /* Points are usually a small whole number, which needs no decimal parser. */
        if (c->kind == COL_IMPORTANCE && (whole = small_whole(&rec->fields[k])) >= 0) {
            r->importance[c->target] = whole;
            continue;
        }
        if (parse_field(l, k, &rec->fields[k], r, err, errlen) != 0)
            return bad_field(bad_col, k);
    }
    return SERVQ_OK;
}

void servq_response_dimension_sums(const struct servq_instrument *ins,
                                   const struct servq_response *r, size_t *m, int64_t *se,
                                   int64_t *sp)
{
    const int16_t *e = servq_ratings(r, SERVQ_MEASURE_E), *p = servq_ratings(r, SERVQ_MEASURE_P);
    /* Without E (SERVPERF) a dimension score is the mean of the P ratings. */
    int has_e = ins->measures[SERVQ_MEASURE_E];
    size_t i, d, run_m = 0;
    int64_t run_e = 0, run_p = 0;

    memset(m, 0, ins->n_dims * sizeof *m);
    memset(se, 0, ins->n_dims * sizeof *se);
    memset(sp, 0, ins->n_dims * sizeof *sp);
    /*
     * A dimension's items usually follow each other: their sums stay in
     * registers to the end of the run, rather than going through memory
     * item by item.
     */
    for (i = 0; i < ins->n_items; i++) {
        int16_t ei = has_e ? e[i] : 0;
        d = ins->items[i].dim;
        if (ei != SERVQ_NA && p[i] != SERVQ_NA) {
            run_m++;
            run_e += ei;
            run_p += p[i];
        }
        if (i + 1 == ins->n_items || ins->items[i + 1].dim != d) {
            m[d] += run_m;
            se[d] += run_e;
            sp[d] += run_p;
            run_m = 0;
            run_e = run_p = 0;
        }
    }
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* lcm(a, b), or -1 when it would pass SERVQ_MAX_SCALE. */
static int64_t lcm_bounded(int64_t a, int64_t b)
{
    int64_t g = gcd64(a, b), q = a / g;

    if (q > SERVQ_MAX_SCALE / b)
        return -1;
    return q * b;
}

static int64_t lcm_upto(size_t k)
{
    int64_t l = 1;
    size_t i;

    for (i = 2; i <= k && l > 0; i++)
        l = lcm_bounded(l, (int64_t)i);
    return l;
}

enum servq_status servq_score_scales(const struct servq_instrument *ins, int64_t *dim_scale,
                                     int64_t *all_scale)
{
    int64_t dims_lcm = 1;
    size_t i;

    for (i = 0; i < ins->n_dims; i++) {
        dim_scale[i] = lcm_upto(ins->dims[i].n_items);
        if (dim_scale[i] < 0)
            return SERVQ_ERR_LIMIT;
        dims_lcm = lcm_bounded(dims_lcm, dim_scale[i]);
        if (dims_lcm < 0)
            return SERVQ_ERR_LIMIT;
    }
    /*
     * An overall score is (1/k) sum(q_d / scale_d) for the k dimensions a
     * respondent has, so the scale must be a multiple of every k x scale_d.
     */
    *all_scale = lcm_upto(ins->n_dims);
    if (*all_scale < 0 || *all_scale > SERVQ_MAX_SCALE / dims_lcm)
        return SERVQ_ERR_LIMIT;
    *all_scale *= dims_lcm;
    /* Scores stay within +-(range x scale); keep that far from int64 limits. */
    for (i = 0; i < ins->n_items; i++)
        if ((int64_t)(ins->items[i].max - ins->items[i].min + 1) > SERVQ_MAX_SCALE / *all_scale)
            return SERVQ_ERR_LIMIT;
    return SERVQ_OK;
}
