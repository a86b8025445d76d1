/*
 * Import: maps an export's columns onto the instrument and writes
 * canonical responses. Every data record ends as one row or one reject.
 */
#include "servq/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument-priv.h"
#include "labels-priv.h"
#include "responses-priv.h"
#include "util-priv.h"

enum src_kind {
    SRC_SEGMENT = 0,
    SRC_ID,
    SRC_DATE,
    SRC_WEIGHT,
    SRC_ROLE,
    SRC_MEASURE,
    SRC_IMPORTANCE,
    SRC_EXTRA
};

struct src_col {
    enum src_kind kind;
    size_t target;
    enum servq_measure measure;
};

struct servq_importer {
    const struct servq_instrument *ins;
    struct servq_import_options opt;
    servq_emit_fn emit;
    servq_reject_fn reject;
    void *user;
    servq_message_fn msg_fn;
    void *msg_user;

    int have_header;
    struct src_col *cols;
    size_t n_cols;
    long id_col, date_col, weight_col, role_col;
    long *measure_col;   /* n_items x measures: source field, or -1 */
    long *importance_col;
    long *extra_col;
    int emit_measure[SERVQ_MEASURE_COUNT];
    int emit_importance;

    struct servq_labels *labels; /* Likert answer texts */

    /* Hashes of the respondent ids seen, for duplicate detection. */
    uint64_t *seen;
    size_t seen_cap, seen_used;

    struct servq_buf row;
    size_t cells; /* cells in row so far */
    char reason[512];
    struct servq_import_counts counts;
};

static void message(struct servq_importer *imp, enum servq_level level,
                    unsigned long long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void message(struct servq_importer *imp, enum servq_level level,
                    unsigned long long line, const char *fmt, ...)
{
    struct servq_message m;
    char text[1024];
    va_list ap;

    if (!imp->msg_fn)
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    m.level = level;
    m.line = line;
    m.column = 0;
    m.text = text;
    imp->msg_fn(&m, imp->msg_user);
}

void servq_import_options_init(struct servq_import_options *o)
{
    memset(o, 0, sizeof *o);
    o->decimal_mark = '.';
}

enum servq_status servq_importer_new(const struct servq_instrument *ins,
                                     const struct servq_import_options *o,
                                     servq_emit_fn emit, servq_reject_fn reject, void *user,
                                     struct servq_importer **out)
{
    struct servq_importer *imp;
    size_t i, n_measure = ins->n_items * SERVQ_MEASURE_COUNT;

    if (!emit || !out)
        return SERVQ_ERR_ARG;
    imp = calloc(1, sizeof *imp);
    if (!imp)
        return SERVQ_ERR_NOMEM;
    imp->ins = ins;
    if (o)
        imp->opt = *o;
    else
        servq_import_options_init(&imp->opt);
    imp->emit = emit;
    imp->reject = reject;
    imp->user = user;
    imp->measure_col = malloc(n_measure * sizeof *imp->measure_col);
    imp->importance_col = malloc(ins->n_dims * sizeof *imp->importance_col);
    imp->extra_col = malloc((ins->n_extras ? ins->n_extras : 1) * sizeof *imp->extra_col);
    imp->labels = servq_labels_new();
    if (!imp->measure_col || !imp->importance_col || !imp->extra_col || !imp->labels) {
        servq_importer_free(imp);
        return SERVQ_ERR_NOMEM;
    }
    for (i = 0; i < n_measure; i++)
        imp->measure_col[i] = -1;
    for (i = 0; i < ins->n_dims; i++)
        imp->importance_col[i] = -1;
    for (i = 0; i < ins->n_extras; i++)
        imp->extra_col[i] = -1;
    imp->id_col = imp->date_col = imp->weight_col = imp->role_col = -1;
    servq_buf_init(&imp->row);
    *out = imp;
    return SERVQ_OK;
}

void servq_importer_set_message_fn(struct servq_importer *imp, servq_message_fn fn, void *user)
{
    imp->msg_fn = fn;
    imp->msg_user = user;
}

void servq_importer_free(struct servq_importer *imp)
{
    if (!imp)
        return;
    free(imp->cols);
    free(imp->measure_col);
    free(imp->importance_col);
    free(imp->extra_col);
    free(imp->seen);
    servq_labels_free(imp->labels);
    servq_buf_release(&imp->row);
    free(imp);
}

void servq_importer_counts(const struct servq_importer *imp, struct servq_import_counts *c)
{
    *c = imp->counts;
}

/* ---- header mapping (generic dialect) ---- */

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int is_any(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (ieq(name, *names))
            return 1;
    return 0;
}

static const char *const id_names[] = {"respondent_id", "id", "responseid", "respondentid",
                                       NULL};
static const char *const date_names[] = {"date", "submitted_at", "timestamp", NULL};

static int measure_letter(char c, enum servq_measure *m)
{
    switch (c) {
    case 'E': case 'e': *m = SERVQ_MEASURE_E; return 1;
    case 'P': case 'p': *m = SERVQ_MEASURE_P; return 1;
    case 'A': case 'a': *m = SERVQ_MEASURE_A; return 1;
    case 'D': case 'd': *m = SERVQ_MEASURE_D; return 1;
    default: return 0;
    }
}

/*
 * E1, E01, E_1 name the first item's expectation; E_q1 names item q1.
 * @returns the item index, -1 when the name is not of that form, -2 when it
 * is but no such item exists.
 */
static long measure_item(const struct servq_instrument *ins, const char *name,
                         enum servq_measure *m)
{
    const char *p = name + 1;
    long n;
    long idx;

    if (!measure_letter(name[0], m) || !name[1])
        return -1;
    if (*p == '_' && (idx = servq_instrument_find_item(ins, p + 1)) >= 0)
        return idx;
    if (*p == '_')
        p++;
    if (servq_parse_int(p, strlen(p), &n) != 0 || *p == '-' || *p == '+' || strchr(p, '.'))
        return -1;
    if (n < 1 || (size_t)n > ins->n_items)
        return -2;
    return n - 1;
}

static enum servq_status map_column(struct servq_importer *imp, size_t i, const char *name,
                                    unsigned long long line)
{
    const struct servq_instrument *ins = imp->ins;
    struct src_col *c = &imp->cols[i];
    enum servq_measure m;
    long t;
    long *slot = NULL;

    if (is_any(name, id_names)) {
        c->kind = SRC_ID;
        slot = &imp->id_col;
    } else if (is_any(name, date_names)) {
        c->kind = SRC_DATE;
        slot = &imp->date_col;
    } else if (ieq(name, "weight")) {
        c->kind = SRC_WEIGHT;
        slot = &imp->weight_col;
    } else if (ieq(name, "role")) {
        c->kind = SRC_ROLE;
        slot = &imp->role_col;
    } else if ((t = measure_item(ins, name, &m)) >= 0 || t == -2) {
        if (t == -2) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "column '%s' names item %s, but instrument '%s' has %zu items", name,
                    name + 1 + (name[1] == '_'), ins->id, ins->n_items);
            return SERVQ_ERR_DATA;
        }
        if (!ins->measures[m]) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "column '%s': instrument '%s' has no %s (%s) measure", name, ins->id,
                    servq_measure_name(m), m == SERVQ_MEASURE_A ? "adequate" : "desired");
            return SERVQ_ERR_DATA;
        }
        c->kind = SRC_MEASURE;
        c->target = (size_t)t;
        c->measure = m;
        slot = &imp->measure_col[(size_t)t * SERVQ_MEASURE_COUNT + m];
        imp->emit_measure[m] = 1;
    } else if ((name[0] == 'I' || name[0] == 'i') && name[1] == '_' &&
               (t = servq_instrument_find_dimension(ins, name + 2)) >= 0) {
        c->kind = SRC_IMPORTANCE;
        c->target = (size_t)t;
        slot = &imp->importance_col[t];
        imp->emit_importance = 1;
    } else if ((t = servq_instrument_find_extra(ins, name)) >= 0 ||
               ((name[0] == 'X' || name[0] == 'x') && name[1] == '_' &&
                (t = servq_instrument_find_extra(ins, name + 2)) >= 0)) {
        c->kind = SRC_EXTRA;
        c->target = (size_t)t;
        slot = &imp->extra_col[t];
    } else {
        c->kind = SRC_SEGMENT;
    }
    if (slot && *slot >= 0) {
        message(imp, SERVQ_LEVEL_ERROR, line, "columns %ld and %zu both map to '%s'", *slot + 1,
                i + 1, name);
        return SERVQ_ERR_DATA;
    }
    if (slot)
        *slot = (long)i;
    return SERVQ_OK;
}

static enum servq_status add_name(struct servq_buf *b, int *first, const char *prefix,
                                  const char *name, size_t len)
{
    if (!*first && servq_buf_addc(b, ',') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    *first = 0;
    if (!prefix)
        return servq_buf_add_csv_field(b, name, len);
    if (servq_buf_printf(b, "%s%s", prefix, name) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

/* Writes the canonical header: reserved, segments, ratings, importance, extras. */
static enum servq_status emit_header(struct servq_importer *imp, const struct servq_record *rec)
{
    const struct servq_instrument *ins = imp->ins;
    struct servq_buf *b = &imp->row;
    int first = 1, m;
    size_t i;
    char prefix[4];

    servq_buf_clear(b);
    if (add_name(b, &first, NULL, "respondent_id", 13) != SERVQ_OK ||
        (imp->date_col >= 0 && add_name(b, &first, NULL, "date", 4) != SERVQ_OK) ||
        (imp->weight_col >= 0 && add_name(b, &first, NULL, "weight", 6) != SERVQ_OK) ||
        (imp->role_col >= 0 && add_name(b, &first, NULL, "role", 4) != SERVQ_OK))
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_SEGMENT &&
            add_name(b, &first, NULL, rec->fields[i].data, rec->fields[i].len) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_items; i++)
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++) {
            if (!imp->emit_measure[m])
                continue;
            snprintf(prefix, sizeof prefix, "%s_", servq_measure_name((enum servq_measure)m));
            if (add_name(b, &first, prefix, ins->items[i].id, 0) != SERVQ_OK)
                return SERVQ_ERR_NOMEM;
        }
    for (i = 0; imp->emit_importance && i < ins->n_dims; i++)
        if (add_name(b, &first, "I_", ins->dims[i].id, 0) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_extras; i++)
        if (imp->extra_col[i] >= 0 && add_name(b, &first, "X_", ins->extras[i].id, 0) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    if (servq_buf_addc(b, '\n') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return imp->emit(b->data, b->len, imp->user) == SERVQ_CB_OK ? SERVQ_OK : SERVQ_ERR_ABORTED;
}

static enum servq_status take_header(struct servq_importer *imp, const struct servq_record *rec)
{
    enum servq_status st;
    size_t i;

    imp->cols = calloc(rec->n_fields ? rec->n_fields : 1, sizeof *imp->cols);
    if (!imp->cols)
        return SERVQ_ERR_NOMEM;
    imp->n_cols = rec->n_fields;
    for (i = 0; i < rec->n_fields; i++) {
        if (rec->fields[i].len == 0) {
            message(imp, SERVQ_LEVEL_ERROR, rec->line, "column %zu has an empty name", i + 1);
            return SERVQ_ERR_DATA;
        }
        if ((st = map_column(imp, i, rec->fields[i].data, rec->line)) != SERVQ_OK)
            return st;
    }
    if (!imp->emit_measure[SERVQ_MEASURE_E] || !imp->emit_measure[SERVQ_MEASURE_P]) {
        message(imp, SERVQ_LEVEL_ERROR, rec->line,
                "no expectation and perception columns (E1..E%zu, P1..P%zu) for instrument "
                "'%s'; rename the columns as servq-import(1) describes",
                imp->ins->n_items, imp->ins->n_items, imp->ins->id);
        return SERVQ_ERR_DATA;
    }
    imp->have_header = 1;
    return emit_header(imp, rec);
}

/* ---- data rows ---- */

static int set_reason(struct servq_importer *imp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int set_reason(struct servq_importer *imp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(imp->reason, sizeof imp->reason, fmt, ap);
    va_end(ap);
    return -1;
}

/* The cell's text trimmed, shortened for a message. */
static const char *shown(const struct servq_field *f, char *out, size_t cap)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);

    snprintf(out, cap, "%.*s%s", (int)(n > 40 ? 40 : n), s, n > 40 ? "..." : "");
    return out;
}

/* Parses a rating into *v (SERVQ_NA when empty); -1 with the reason set. */
static int convert_rating(struct servq_importer *imp, const struct servq_field *f,
                          const char *col, int min, int max, int reverse, long *v)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);
    char tmp[64], show[64];

    if (n == 0) {
        *v = SERVQ_NA;
        return 0;
    }
    if (n < sizeof tmp && imp->opt.decimal_mark == ',') {
        size_t i;
        for (i = 0; i < n; i++)
            tmp[i] = s[i] == ',' ? '.' : s[i];
        s = tmp;
    }
    if (servq_parse_int(s, n, v) != 0) {
        int value;
        switch (servq_labels_lookup(imp->labels, f->data, f->len, max - min + 1, min, &value)) {
        case SERVQ_LABEL_MISSING:
            *v = SERVQ_NA;
            return 0;
        case SERVQ_LABEL_VALUE:
            *v = value;
            break;
        case SERVQ_LABEL_UNKNOWN:
            return set_reason(imp, "column '%s': '%s' is neither a whole number nor a known answer",
                              col, shown(f, show, sizeof show));
        }
    }
    if (*v < min || *v > max)
        return set_reason(imp, "column '%s': %ld is outside the scale %d to %d", col, *v, min,
                          max);
    if (reverse)
        *v = min + max - *v;
    return 0;
}

static int convert_number(struct servq_importer *imp, const struct servq_field *f,
                          const char *col, int positive, double *v)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);
    char show[64];

    if (n == 0) {
        *v = -1;
        return 0;
    }
    if (servq_parse_double(s, n, imp->opt.decimal_mark, v) != 0)
        return set_reason(imp, "column '%s': '%s' is not a number", col,
                          shown(f, show, sizeof show));
    if (positive ? !(*v > 0) : *v < 0)
        return set_reason(imp, "column '%s': %s must be %s", col, shown(f, show, sizeof show),
                          positive ? "positive" : "zero or more");
    return 0;
}

static int seen_insert(struct servq_importer *imp, uint64_t h)
{
    size_t i;

    if (h == 0)
        h = 1; /* 0 marks an empty slot */
    if ((imp->seen_used + 1) * 2 > imp->seen_cap) {
        size_t cap = imp->seen_cap ? imp->seen_cap * 2 : 1024, k;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return -2;
        for (k = 0; k < imp->seen_cap; k++) {
            if (!imp->seen[k])
                continue;
            i = (size_t)imp->seen[k] & (cap - 1);
            while (t[i])
                i = (i + 1) & (cap - 1);
            t[i] = imp->seen[k];
        }
        free(imp->seen);
        imp->seen = t;
        imp->seen_cap = cap;
    }
    i = (size_t)h & (imp->seen_cap - 1);
    while (imp->seen[i]) {
        if (imp->seen[i] == h)
            return -1;
        i = (i + 1) & (imp->seen_cap - 1);
    }
    imp->seen[i] = h;
    imp->seen_used++;
    return 0;
}

static enum servq_status add_cell(struct servq_importer *imp, const char *s, size_t n)
{
    if (imp->cells++ && servq_buf_addc(&imp->row, ',') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return servq_buf_add_csv_cell(&imp->row, s, n, imp->opt.raw_csv);
}

static enum servq_status add_text_cell(struct servq_importer *imp, const struct servq_field *f)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);

    return add_cell(imp, s, n);
}

static enum servq_status add_long_cell(struct servq_importer *imp, long v)
{
    char tmp[32];

    if (v == SERVQ_NA)
        return add_cell(imp, "", 0);
    snprintf(tmp, sizeof tmp, "%ld", v);
    return add_cell(imp, tmp, strlen(tmp));
}

static enum servq_status add_double_cell(struct servq_importer *imp, double v)
{
    char tmp[40];

    if (v < 0)
        return add_cell(imp, "", 0);
    servq_format_double(tmp, sizeof tmp, v);
    return add_cell(imp, tmp, strlen(tmp));
}

/* Converts the reserved columns: id, date, weight, role. -1 rejects the row. */
static int convert_reserved(struct servq_importer *imp, const struct servq_record *rec)
{
    const struct servq_field *f;
    char idbuf[32], show[64];
    double w;
    int y, m, d;

    if (imp->id_col >= 0) {
        size_t n;
        const char *s;
        f = &rec->fields[imp->id_col];
        n = f->len;
        s = servq_trim(f->data, &n);
        if (n == 0)
            return set_reason(imp, "empty respondent id");
        if (add_cell(imp, s, n) != SERVQ_OK)
            return -2;
    } else {
        /* No id column: the line number identifies the row in the source. */
        snprintf(idbuf, sizeof idbuf, "L%llu", rec->line);
        if (add_cell(imp, idbuf, strlen(idbuf)) != SERVQ_OK)
            return -2;
    }
    if (imp->date_col >= 0) {
        size_t n;
        const char *s;
        f = &rec->fields[imp->date_col];
        n = f->len;
        s = servq_trim(f->data, &n);
        if (n && servq_parse_date(s, n, &y, &m, &d) != 0)
            return set_reason(imp, "column 'date': '%s' is not a date as YYYY-MM-DD",
                              shown(f, show, sizeof show));
        if (add_cell(imp, s, n) != SERVQ_OK)
            return -2;
    }
    if (imp->weight_col >= 0) {
        f = &rec->fields[imp->weight_col];
        if (convert_number(imp, f, "weight", 1, &w) != 0)
            return -1;
        if (w < 0)
            return set_reason(imp, "empty weight");
        if (add_double_cell(imp, w) != SERVQ_OK)
            return -2;
    }
    if (imp->role_col >= 0) {
        size_t n;
        const char *s;
        f = &rec->fields[imp->role_col];
        n = f->len;
        s = servq_trim(f->data, &n);
        if (n && !(n == 8 && !memcmp(s, "customer", 8)) && !(n == 7 && !memcmp(s, "manager", 7)) &&
            !(n == 5 && !memcmp(s, "staff", 5)))
            return set_reason(imp, "column 'role': '%s' is not customer, manager or staff",
                              shown(f, show, sizeof show));
        if (add_cell(imp, s, n) != SERVQ_OK)
            return -2;
    }
    return 0;
}

/* Builds the canonical row in imp->row; -1 rejects it, -2 is out of memory. */
static int convert_row(struct servq_importer *imp, const struct servq_record *rec)
{
    const struct servq_instrument *ins = imp->ins;
    size_t i;
    int m, r;
    long v;
    double x;

    servq_buf_clear(&imp->row);
    imp->cells = 0;
    if (rec->n_fields != imp->n_cols)
        return set_reason(imp, "%zu fields, but the header has %zu", rec->n_fields,
                          imp->n_cols);
    if ((r = convert_reserved(imp, rec)) != 0)
        return r;
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_SEGMENT && add_text_cell(imp, &rec->fields[i]) != SERVQ_OK)
            return -2;
    for (i = 0; i < ins->n_items; i++)
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++) {
            long col = imp->measure_col[i * SERVQ_MEASURE_COUNT + (size_t)m];
            char name[SERVQ_MAX_ID_LEN + 3];
            if (!imp->emit_measure[m])
                continue;
            v = SERVQ_NA;
            snprintf(name, sizeof name, "%s_%s", servq_measure_name((enum servq_measure)m),
                     ins->items[i].id);
            if (col >= 0 && convert_rating(imp, &rec->fields[col], name, ins->items[i].min,
                                           ins->items[i].max, ins->items[i].reverse, &v) != 0)
                return -1;
            if (add_long_cell(imp, v) != SERVQ_OK)
                return -2;
        }
    for (i = 0; imp->emit_importance && i < ins->n_dims; i++) {
        char name[SERVQ_MAX_ID_LEN + 3];
        long col = imp->importance_col[i];
        x = -1;
        snprintf(name, sizeof name, "I_%s", ins->dims[i].id);
        if (col >= 0 && convert_number(imp, &rec->fields[col], name, 0, &x) != 0)
            return -1;
        if (add_double_cell(imp, x) != SERVQ_OK)
            return -2;
    }
    for (i = 0; i < ins->n_extras; i++) {
        long col = imp->extra_col[i];
        char name[SERVQ_MAX_ID_LEN + 3];
        if (col < 0)
            continue;
        snprintf(name, sizeof name, "X_%s", ins->extras[i].id);
        if (ins->extras[i].kind == SERVQ_EXTRA_TEXT) {
            if (add_text_cell(imp, &rec->fields[col]) != SERVQ_OK)
                return -2;
            continue;
        }
        if (convert_rating(imp, &rec->fields[col], name, ins->extras[i].min,
                           ins->extras[i].max, 0, &v) != 0)
            return -1;
        if (add_long_cell(imp, v) != SERVQ_OK)
            return -2;
    }
    return 0;
}

static int check_duplicate(struct servq_importer *imp, const struct servq_record *rec)
{
    const struct servq_field *f;
    size_t n;
    const char *s;
    int r;

    if (imp->id_col < 0)
        return 0;
    f = &rec->fields[imp->id_col];
    n = f->len;
    s = servq_trim(f->data, &n);
    r = seen_insert(imp, servq_hash64(s, n, 0x5e4d));
    if (r == -1)
        return set_reason(imp, "duplicate respondent id '%.*s'; the first occurrence is kept",
                          (int)(n > 64 ? 64 : n), s);
    return r;
}

static enum servq_status reject_row(struct servq_importer *imp, const struct servq_record *rec)
{
    struct servq_reject rej;

    imp->counts.rejected++;
    if (!imp->reject)
        return SERVQ_OK;
    rej.line = rec->line;
    rej.reason = imp->reason;
    rej.raw = rec->raw;
    rej.raw_len = rec->raw_len;
    servq_buf_clear(&imp->row);
    if (servq_buf_printf(&imp->row, "%llu,", rec->line) != SERVQ_OK ||
        servq_buf_add_csv_field(&imp->row, imp->reason, strlen(imp->reason)) != SERVQ_OK ||
        servq_buf_addc(&imp->row, ',') != SERVQ_OK ||
        servq_buf_add_csv_cell(&imp->row, rec->raw, rec->raw_len, imp->opt.raw_csv) != SERVQ_OK ||
        servq_buf_addc(&imp->row, '\n') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    rej.csv = imp->row.data;
    rej.csv_len = imp->row.len;
    return imp->reject(&rej, imp->user) == SERVQ_CB_OK ? SERVQ_OK : SERVQ_ERR_ABORTED;
}

enum servq_status servq_importer_add(struct servq_importer *imp, const struct servq_record *rec)
{
    int r;

    if (!imp->have_header)
        return take_header(imp, rec);
    imp->counts.read++;
    r = convert_row(imp, rec);
    if (r == 0)
        r = check_duplicate(imp, rec);
    if (r == -2)
        return SERVQ_ERR_NOMEM;
    if (r == -1)
        return reject_row(imp, rec);
    if (servq_buf_addc(&imp->row, '\n') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    imp->counts.imported++;
    if (imp->emit(imp->row.data, imp->row.len, imp->user) != SERVQ_CB_OK)
        return SERVQ_ERR_ABORTED;
    return SERVQ_OK;
}

enum servq_status servq_importer_finish(struct servq_importer *imp)
{
    if (!imp->have_header) {
        message(imp, SERVQ_LEVEL_ERROR, 0, "the input is empty: no header row");
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}
