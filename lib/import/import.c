/*
 * Import: maps an export's columns onto the instrument and writes
 * canonical responses. Every data record ends as one row or one reject.
 *
 * Records arrive one by one. The first few are held back until the
 * dialect is known (detection looks at three records), then the header
 * rows are turned into column names (dialect.c) and mapped, by a map's
 * rules or by the generic naming conventions; held-back records that were
 * not header rows are then imported like any later record.
 */
#include "servq/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/message-priv.h"
#include "input/dialect-priv.h"
#include "model/instrument-priv.h"
#include "import/labels-priv.h"
#include "import/map-priv.h"
#include "model/responses-priv.h"
#include "common/util-priv.h"

enum src_kind {
    SRC_SEGMENT = 0,
    SRC_ID,
    SRC_DATE,
    SRC_WEIGHT,
    SRC_ROLE,
    SRC_MEASURE,
    SRC_IMPORTANCE,
    SRC_EXTRA,
    SRC_IGNORE, /* a column a map leaves out */
    SRC_DROP    /* a column a map's "ignore" names */
};

struct src_col {
    enum src_kind kind;
    size_t target;
    enum servq_measure measure;
    long next;        /* the next column of an expanded group, or -1 */
    const char *name; /* output name of a segment; borrowed from the header or map */
};

/*
 * The built-in answer words one rating column gave, to check that they come
 * from a scale of the item's size (see check_label_scale()).
 */
struct label_use {
    unsigned levels;        /* bit k: an answer at point k of the 7-point agreement scale */
    char text[8][96];       /* the first answer seen at each point, as shown */
    uint64_t checked[8];    /* hashes of the distinct answers already checked */
    size_t n_checked;
};

/* The points of the 7-point agreement scale that the two 5-point sets use. */
#define LEVELS_5 ((1u << 1) | (1u << 2) | (1u << 4) | (1u << 6) | (1u << 7))
#define LEVELS_5_SOMEWHAT ((1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 7))
/* Answers no 5-point set has together: so they are from a 7-point scale. */
#define SEVEN_POINTS(l) (((l) & ~LEVELS_5) && ((l) & ~LEVELS_5_SOMEWHAT))

struct servq_importer {
    const struct servq_instrument *ins;
    struct servq_import_options opt;
    const struct servq_map *map;
    servq_emit_fn emit;
    servq_reject_fn reject;
    void *user;
    struct servq_sink sink;

    /* Header phase: records held back until the dialect and header are known. */
    enum servq_dialect dialect;
    unsigned header_rows, skip_left;
    struct servq_saved_record saved[SERVQ_MAX_HEADER_ROWS];
    size_t n_saved;
    struct servq_header header;
    const char *date_format; /* from --date-format or the map, or NULL */
    int date_formats_auto;   /* try the Google Forms formats */

    int have_header;
    struct src_col *cols;
    size_t n_cols;
    long *alike; /* while the header is checked: look-alike columns per rating */
    long id_col, date_col, weight_col, role_col;
    long *measure_col; /* n_items x measures: source field, or -1 */
    long *importance_col;
    long *extra_col;
    /* Canonical names ("E_q1", "I_tangibles", "X_nps") for messages, made
       once rather than per cell: measures, then importance, then extras. */
    char (*cell_names)[SERVQ_MAX_ID_LEN + 3];
    int digit_na; /* the map has a one-digit N/A code */
    int emit_measure[SERVQ_MEASURE_COUNT];
    size_t *emitted;  /* item x measure slots written, in output order */
    size_t n_emitted;
    int emit_importance;

    struct servq_labels *labels; /* Likert answer texts */
    /* Per rating (items x measures, then extras): built-in answer words seen. */
    struct label_use **label_use;
    size_t n_slots;
    unsigned long long line; /* of the data record being imported, for messages */

    /*
     * Hashes of the respondent ids seen, for duplicate detection. While
     * ids only ascend (shorter first, then byte by byte: 1, 2, ... 10 or
     * R0001, R0002, ...), a new id cannot repeat an old one, so its hash is
     * only appended to seen_log: no probe into a table that outgrew the
     * cache. The first id out of that order builds the table from the log.
     */
    uint64_t *seen; /* open addressing, 0 = empty */
    size_t seen_cap, seen_used;
    uint64_t *seen_log;
    size_t seen_log_n, seen_log_cap;
    struct servq_buf seen_last; /* the greatest id so far, while ascending */
    int seen_unordered;

    struct servq_buf row;
    size_t cells; /* cells in row so far */
    char reason[512];
    const char *reason_fmt; /* the template of reason: its kind */
    /* Rejects by kind of reason, for servq_importer_top_reject(). */
    struct reason_kind {
        const char *fmt;
        unsigned long long n, line;
        char *text; /* the first reason of the kind, or NULL when out of memory */
    } kinds[16];
    size_t n_kinds;
    struct servq_import_counts counts;
};

static void message(struct servq_importer *imp, enum servq_level level, unsigned long long line,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void message(struct servq_importer *imp, enum servq_level level, unsigned long long line,
                    const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(&imp->sink, level, SERVQ_AT_LINE(line), fmt, ap);
    va_end(ap);
}

void servq_import_options_init(struct servq_import_options *o)
{
    memset(o, 0, sizeof *o);
    o->decimal_mark = '.';
    o->dialect = SERVQ_DIALECT_AUTO;
}

/* Adds the map's answer labels to the importer's table. */
static enum servq_status add_map_labels(struct servq_importer *imp)
{
    const struct servq_map *m = imp->map;
    size_t i;

    for (i = 0; m && i < m->n_labels; i++) {
        const struct servq_map_label *l = &m->labels[i];
        if (servq_labels_add(imp->labels, l->text, strlen(l->text), l->points,
                             l->missing ? SERVQ_LABEL_MISSING : SERVQ_LABEL_VALUE, l->value) != 0)
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

static void name_cells(struct servq_importer *imp)
{
    const struct servq_instrument *ins = imp->ins;
    size_t i, m, n = 0;

    for (i = 0; i < ins->n_items; i++)
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++)
            snprintf(imp->cell_names[n++], sizeof *imp->cell_names, "%s_%s",
                     servq_measure_name((enum servq_measure)m), ins->items[i].id);
    for (i = 0; i < ins->n_dims; i++)
        snprintf(imp->cell_names[n++], sizeof *imp->cell_names, "I_%s", ins->dims[i].id);
    for (i = 0; i < ins->n_extras; i++)
        snprintf(imp->cell_names[n++], sizeof *imp->cell_names, "X_%s", ins->extras[i].id);
}

enum servq_status servq_importer_new(const struct servq_instrument *ins,
                                     const struct servq_import_options *o, servq_emit_fn emit,
                                     servq_reject_fn reject, void *user,
                                     struct servq_importer **out)
{
    struct servq_importer *imp;
    size_t i, n_measure;

    if (!ins || !emit || !out)
        return SERVQ_ERR_ARG;
    n_measure = ins->n_items * SERVQ_MEASURE_COUNT;
    imp = calloc(1, sizeof *imp);
    if (!imp)
        return SERVQ_ERR_NOMEM;
    imp->ins = ins;
    if (o)
        imp->opt = *o;
    else
        servq_import_options_init(&imp->opt);
    if (imp->opt.spss) {
        /* An SPSS file has its own framing; a CSV map's must not apply. */
        imp->opt.dialect = SERVQ_DIALECT_GENERIC;
        imp->opt.header_rows = 1;
        imp->opt.decimal_mark = '.';
    }
    imp->map = imp->opt.map;
    imp->emit = emit;
    imp->reject = reject;
    imp->user = user;
    imp->measure_col = malloc(n_measure * sizeof *imp->measure_col);
    imp->importance_col = malloc(ins->n_dims * sizeof *imp->importance_col);
    imp->extra_col = malloc((ins->n_extras ? ins->n_extras : 1) * sizeof *imp->extra_col);
    imp->emitted = malloc(n_measure * sizeof *imp->emitted);
    imp->cell_names = malloc((n_measure + ins->n_dims + ins->n_extras) * sizeof *imp->cell_names);
    imp->labels = servq_labels_new();
    imp->n_slots = n_measure + ins->n_extras;
    imp->label_use = calloc(imp->n_slots ? imp->n_slots : 1, sizeof *imp->label_use);
    if (!imp->label_use || !imp->measure_col || !imp->importance_col || !imp->extra_col || !imp->cell_names || !imp->emitted ||
        !imp->labels || add_map_labels(imp) != SERVQ_OK) {
        servq_importer_free(imp);
        return SERVQ_ERR_NOMEM;
    }
    for (i = 0; i < n_measure; i++)
        imp->measure_col[i] = -1;
    for (i = 0; i < ins->n_dims; i++)
        imp->importance_col[i] = -1;
    for (i = 0; i < ins->n_extras; i++)
        imp->extra_col[i] = -1;
    name_cells(imp);
    for (i = 0; imp->map && i < imp->map->n_na; i++)
        if (imp->map->na[i][0] >= '0' && imp->map->na[i][0] <= '9' && !imp->map->na[i][1])
            imp->digit_na = 1;
    imp->id_col = imp->date_col = imp->weight_col = imp->role_col = -1;
    /* The command line wins over the map, the map over detection. */
    imp->dialect = imp->opt.dialect;
    if (imp->dialect == SERVQ_DIALECT_AUTO && imp->map)
        imp->dialect = imp->map->dialect;
    imp->header_rows = imp->opt.header_rows;
    if (!imp->header_rows && imp->map)
        imp->header_rows = imp->map->header_rows;
    if (imp->header_rows > SERVQ_MAX_HEADER_ROWS)
        imp->header_rows = SERVQ_MAX_HEADER_ROWS;
    imp->skip_left = imp->map && !imp->opt.spss ? imp->map->skip_rows : 0;
    servq_buf_init(&imp->row);
    *out = imp;
    return SERVQ_OK;
}

void servq_importer_set_message_fn(struct servq_importer *imp, servq_message_fn fn, void *user)
{
    imp->sink.fn = fn;
    imp->sink.user = user;
}

void servq_importer_free(struct servq_importer *imp)
{
    size_t i;

    if (!imp)
        return;
    for (i = 0; i < imp->n_saved; i++)
        servq_saved_record_release(&imp->saved[i]);
    servq_header_release(&imp->header);
    free(imp->cols);
    free(imp->alike);
    free(imp->measure_col);
    free(imp->importance_col);
    free(imp->extra_col);
    free(imp->cell_names);
    free(imp->emitted);
    free(imp->seen);
    free(imp->seen_log);
    servq_buf_release(&imp->seen_last);
    servq_labels_free(imp->labels);
    for (i = 0; imp->label_use && i < imp->n_slots; i++)
        free(imp->label_use[i]);
    free(imp->label_use);
    servq_buf_release(&imp->row);
    for (i = 0; i < imp->n_kinds; i++)
        free(imp->kinds[i].text);
    free(imp);
}

void servq_importer_counts(const struct servq_importer *imp, struct servq_import_counts *c)
{
    *c = imp->counts;
}

int servq_importer_header_done(const struct servq_importer *imp)
{
    return imp->have_header;
}

enum servq_dialect servq_importer_dialect(const struct servq_importer *imp)
{
    return imp->have_header ? imp->dialect : SERVQ_DIALECT_AUTO;
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

static const char *const id_names[] = {"respondent_id", "id",          "responseid", "respondentid",
                                       "respondent id", "response id", NULL};
static const char *const date_names[] = {"date", "submitted_at", "timestamp", NULL};

static int measure_letter(char c, enum servq_measure *m)
{
    switch (c) {
    case 'E':
    case 'e':
        *m = SERVQ_MEASURE_E;
        return 1;
    case 'P':
    case 'p':
        *m = SERVQ_MEASURE_P;
        return 1;
    case 'A':
    case 'a':
        *m = SERVQ_MEASURE_A;
        return 1;
    case 'D':
    case 'd':
        *m = SERVQ_MEASURE_D;
        return 1;
    default:
        return 0;
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

static const char *col_name(const struct servq_importer *imp, size_t i)
{
    return imp->header.cols[i].key;
}

/* Points a target's slot at column i; a second column for it is an error. */
static enum servq_status claim(struct servq_importer *imp, long *slot, size_t i, int expanded,
                               const char *what, unsigned long long line)
{
    long k;

    if (*slot >= 0 && !expanded) {
        message(imp, SERVQ_LEVEL_ERROR, line,
                "columns %ld ('%.80s') and %zu ('%.80s') both map to '%s'", *slot + 1,
                col_name(imp, (size_t)*slot), i + 1, col_name(imp, i), what);
        return SERVQ_ERR_DATA;
    }
    if (*slot < 0) {
        *slot = (long)i;
        return SERVQ_OK;
    }
    for (k = *slot; imp->cols[k].next >= 0; k = imp->cols[k].next)
        ;
    imp->cols[k].next = (long)i;
    return SERVQ_OK;
}

static enum servq_status set_measure(struct servq_importer *imp, size_t i, size_t item,
                                     enum servq_measure m, int expanded, unsigned long long line)
{
    const struct servq_instrument *ins = imp->ins;
    char what[SERVQ_MAX_ID_LEN + 3];

    if (!ins->measures[m]) {
        message(imp, SERVQ_LEVEL_ERROR, line,
                "column '%.80s': instrument '%s' has no %s (%s) measure", col_name(imp, i), ins->id,
                servq_measure_name(m), m == SERVQ_MEASURE_A ? "adequate" : "desired");
        return SERVQ_ERR_DATA;
    }
    imp->cols[i].kind = SRC_MEASURE;
    imp->cols[i].target = item;
    imp->cols[i].measure = m;
    imp->emit_measure[m] = 1;
    snprintf(what, sizeof what, "%s_%s", servq_measure_name(m), ins->items[item].id);
    return claim(imp, &imp->measure_col[item * SERVQ_MEASURE_COUNT + m], i, expanded, what, line);
}

static enum servq_status map_rating_name(struct servq_importer *imp, size_t i, const char *name,
                                         int only_free, unsigned long long line, int *done);

static enum servq_status map_column(struct servq_importer *imp, size_t i, const char *name,
                                    unsigned long long line)
{
    const struct servq_instrument *ins = imp->ins;
    struct src_col *c = &imp->cols[i];
    enum servq_status st;
    enum servq_measure m;
    int done;

    c->name = name;
    if (is_any(name, id_names)) {
        c->kind = SRC_ID;
        return claim(imp, &imp->id_col, i, 0, "respondent_id", line);
    }
    if (is_any(name, date_names)) {
        c->kind = SRC_DATE;
        return claim(imp, &imp->date_col, i, 0, "date", line);
    }
    if (ieq(name, "weight")) {
        c->kind = SRC_WEIGHT;
        return claim(imp, &imp->weight_col, i, 0, "weight", line);
    }
    if (ieq(name, "role")) {
        c->kind = SRC_ROLE;
        return claim(imp, &imp->role_col, i, 0, "role", line);
    }
    if (measure_item(ins, name, &m) == -2) {
        message(imp, SERVQ_LEVEL_ERROR, line,
                "column '%s' names item %s, but instrument '%s' has %zu items", name,
                name + 1 + (name[1] == '_'), ins->id, ins->n_items);
        return SERVQ_ERR_DATA;
    }
    st = map_rating_name(imp, i, name, 0, line, &done);
    if (!done)
        c->kind = SRC_SEGMENT;
    return st;
}

/*
 * Maps column i by the names of ratings (E1, E01, E_1, E_q1), importance
 * points (I_<dimension>) and extras (<id>, X_<id>). With only_free, a
 * target some column has already is left alone (a map's rule won);
 * without, a second column for it is an error.
 * @returns SERVQ_OK, with *done 1 when the name is one of those
 */
static enum servq_status map_rating_name(struct servq_importer *imp, size_t i, const char *name,
                                         int only_free, unsigned long long line, int *done)
{
    const struct servq_instrument *ins = imp->ins;
    struct src_col *c = &imp->cols[i];
    enum servq_measure m;
    long t;

    *done = 1;
    if ((t = measure_item(ins, name, &m)) >= 0) {
        if (only_free && (!ins->measures[m] ||
                          imp->measure_col[(size_t)t * SERVQ_MEASURE_COUNT + m] >= 0))
            return SERVQ_OK;
        c->name = name;
        return set_measure(imp, i, (size_t)t, m, 0, line);
    }
    if ((name[0] == 'I' || name[0] == 'i') && name[1] == '_' &&
        (t = servq_instrument_find_dimension(ins, name + 2)) >= 0) {
        if (only_free && imp->importance_col[t] >= 0)
            return SERVQ_OK;
        c->kind = SRC_IMPORTANCE;
        c->target = (size_t)t;
        c->name = name;
        imp->emit_importance = 1;
        return claim(imp, &imp->importance_col[t], i, 0, name, line);
    }
    if ((t = servq_instrument_find_extra(ins, name)) >= 0 ||
        ((name[0] == 'X' || name[0] == 'x') && name[1] == '_' &&
         (t = servq_instrument_find_extra(ins, name + 2)) >= 0)) {
        if (only_free && imp->extra_col[t] >= 0)
            return SERVQ_OK;
        c->kind = SRC_EXTRA;
        c->target = (size_t)t;
        c->name = name;
        return claim(imp, &imp->extra_col[t], i, 0, name, line);
    }
    *done = 0;
    return SERVQ_OK;
}

/* The column a dialect dates its responses by, or -1. */
static long dialect_date_column(const struct servq_importer *imp)
{
    static const char *const qualtrics[] = {"RecordedDate", "EndDate", NULL};
    static const char *const limesurvey[] = {"submitdate", NULL};
    const char *const *names = imp->dialect == SERVQ_DIALECT_QUALTRICS    ? qualtrics
                               : imp->dialect == SERVQ_DIALECT_LIMESURVEY ? limesurvey
                                                                          : NULL;
    size_t i;

    for (; names && *names; names++)
        for (i = 0; i < imp->header.n; i++)
            if (ieq(imp->header.cols[i].key, *names))
                return (long)i;
    return -1;
}

static enum servq_status map_by_name(struct servq_importer *imp, unsigned long long line)
{
    enum servq_status st;
    long date = dialect_date_column(imp);
    size_t i;

    for (i = 0; i < imp->n_cols; i++) {
        const char *name = imp->header.cols[i].key;
        if (!name[0] && imp->dialect != SERVQ_DIALECT_GENERIC) {
            /* A trailing separator (Qualtrics Legacy) makes a nameless column. */
            imp->cols[i].kind = SRC_IGNORE;
            continue;
        }
        if (!name[0]) {
            message(imp, SERVQ_LEVEL_ERROR, line, "column %zu has an empty name", i + 1);
            return SERVQ_ERR_DATA;
        }
        if ((long)i == date) {
            imp->cols[i].kind = SRC_DATE;
            imp->cols[i].name = name;
            st = claim(imp, &imp->date_col, i, 0, "date", line);
        } else if (date >= 0 && is_any(name, date_names)) {
            imp->cols[i].kind = SRC_SEGMENT;
            imp->cols[i].name = name;
            st = SERVQ_OK;
        } else {
            st = map_column(imp, i, name, line);
        }
        if (st != SERVQ_OK)
            return st;
    }
    if ((imp->ins->measures[SERVQ_MEASURE_E] && !imp->emit_measure[SERVQ_MEASURE_E]) ||
        !imp->emit_measure[SERVQ_MEASURE_P]) {
        if (imp->ins->measures[SERVQ_MEASURE_E])
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "no expectation and perception columns (E1..E%zu, P1..P%zu) for "
                    "instrument '%s'; rename the columns as servq-import(1) describes, or "
                    "write a map (--map; --suggest-map prints a starter)",
                    imp->ins->n_items, imp->ins->n_items, imp->ins->id);
        else
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "no perception columns (P1..P%zu) for instrument '%s'; rename the columns "
                    "as servq-import(1) describes, or write a map (--map; --suggest-map "
                    "prints a starter)",
                    imp->ins->n_items, imp->ins->id);
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}

/* ---- header mapping (a map's rules) ---- */

/* Expands "$1".."$9" in tmpl with the groups of m matched in s. */
static int expand_template(const char *tmpl, const char *s, const regmatch_t *m, size_t nm,
                           char *out, size_t cap)
{
    size_t o = 0;

    for (; *tmpl; tmpl++) {
        const char *src = tmpl;
        size_t len = 1;
        if (*tmpl == '$' && tmpl[1] >= '1' && tmpl[1] <= '9') {
            size_t g = (size_t)(tmpl[1] - '0');
            if (!m || g >= nm || m[g].rm_so < 0)
                return -1;
            src = s + m[g].rm_so;
            len = (size_t)(m[g].rm_eo - m[g].rm_so);
            tmpl++;
        }
        if (o + len >= cap)
            return -1;
        memcpy(out + o, src, len);
        o += len;
    }
    out[o] = '\0';
    return 0;
}

/*
 * Whether rule r selects column i; the string it matched (key, text or
 * raw header) and its groups are returned for "$n" templates.
 */
static int rule_matches(const struct servq_map_rule *r, const struct servq_column *c, regmatch_t *m,
                        size_t nm, const char **matched)
{
    const char *cand[3];
    size_t k;

    cand[0] = c->key;
    cand[1] = c->text;
    cand[2] = c->raw;
    for (k = 0; k < 3; k++) {
        if (!cand[k][0])
            continue;
        if (r->column ? strcmp(r->column, cand[k]) == 0 : regexec(&r->re, cand[k], nm, m, 0) == 0) {
            *matched = cand[k];
            return 1;
        }
    }
    return 0;
}

/* One message listing the columns the file has, so a map can be fixed. */
static void list_columns(struct servq_importer *imp, unsigned long long line)
{
    struct servq_buf b;
    size_t i;
    int ok = 1;

    servq_buf_init(&b);
    ok = servq_buf_adds(&b, "the file has these columns:") == SERVQ_OK;
    for (i = 0; ok && i < imp->header.n; i++) {
        const struct servq_column *c = &imp->header.cols[i];
        ok = servq_buf_printf(&b, " %zu '%.200s'", i + 1, c->key) == SERVQ_OK;
        if (ok && strcmp(c->text, c->key) != 0)
            ok = servq_buf_printf(&b, " (%.120s)", c->text) == SERVQ_OK;
        if (ok && i + 1 < imp->header.n)
            ok = servq_buf_addc(&b, ',') == SERVQ_OK;
    }
    if (ok)
        servq_say(&imp->sink, SERVQ_LEVEL_ERROR, SERVQ_AT_LINE(line), "%s", b.data);
    servq_buf_release(&b);
}

static enum servq_status apply_target(struct servq_importer *imp, const struct servq_map_rule *r,
                                      size_t i, const char *matched, const regmatch_t *m, size_t nm,
                                      unsigned long long line)
{
    const struct servq_instrument *ins = imp->ins;
    struct src_col *c = &imp->cols[i];
    char id[SERVQ_MAX_ID_LEN + 1];
    long t;

    c->name = imp->header.cols[i].key;
    switch (r->target) {
    case SERVQ_MAP_ID:
        c->kind = SRC_ID;
        return claim(imp, &imp->id_col, i, 0, "respondent_id", line);
    case SERVQ_MAP_DATE:
        c->kind = SRC_DATE;
        return claim(imp, &imp->date_col, i, 0, "date", line);
    case SERVQ_MAP_WEIGHT:
        c->kind = SRC_WEIGHT;
        return claim(imp, &imp->weight_col, i, 0, "weight", line);
    case SERVQ_MAP_ROLE:
        c->kind = SRC_ROLE;
        return claim(imp, &imp->role_col, i, 0, "role", line);
    case SERVQ_MAP_SEGMENT:
        c->kind = SRC_SEGMENT;
        if (r->as)
            c->name = r->as;
        return SERVQ_OK;
    case SERVQ_MAP_IGNORE:
        c->kind = SRC_DROP;
        return SERVQ_OK;
    case SERVQ_MAP_MEASURE:
    case SERVQ_MAP_IMPORTANCE:
    case SERVQ_MAP_EXTRA:
        break;
    }
    if (expand_template(r->target_id, matched, r->pattern ? m : NULL, nm, id, sizeof id) != 0) {
        message(imp, SERVQ_LEVEL_ERROR, line,
                "map rule %zu: cannot make an id from '%s' for "
                "column '%.80s'",
                r->index + 1, r->target_id, col_name(imp, i));
        return SERVQ_ERR_DATA;
    }
    if (r->target == SERVQ_MAP_MEASURE) {
        if ((t = servq_instrument_find_item(ins, id)) < 0) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "column '%.80s' maps to item '%s', which "
                    "instrument '%s' does not have",
                    col_name(imp, i), id, ins->id);
            return SERVQ_ERR_DATA;
        }
        return set_measure(imp, i, (size_t)t, r->measure, r->expanded, line);
    }
    if (r->target == SERVQ_MAP_IMPORTANCE) {
        if ((t = servq_instrument_find_dimension(ins, id)) < 0) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "column '%.80s' maps to the importance of "
                    "dimension '%s', which instrument '%s' does not have",
                    col_name(imp, i), id, ins->id);
            return SERVQ_ERR_DATA;
        }
        c->kind = SRC_IMPORTANCE;
        c->target = (size_t)t;
        imp->emit_importance = 1;
        return claim(imp, &imp->importance_col[t], i, r->expanded, id, line);
    }
    if ((t = servq_instrument_find_extra(ins, id)) < 0) {
        message(imp, SERVQ_LEVEL_ERROR, line,
                "column '%.80s' maps to extra item '%s', which "
                "instrument '%s' does not have",
                col_name(imp, i), id, ins->id);
        return SERVQ_ERR_DATA;
    }
    c->kind = SRC_EXTRA;
    c->target = (size_t)t;
    return claim(imp, &imp->extra_col[t], i, r->expanded, id, line);
}

/*
 * A column no rule of the map claimed, but named as servq-import(1) names
 * a rating, importance points or an extra (E5, P_q5, I_tangibles, csat,
 * X_csat): mapped so when the map maps nothing else there, since leaving
 * it out would make that figure n = 0 with nothing said.
 */
static enum servq_status map_by_name_default(struct servq_importer *imp, size_t i,
                                             unsigned long long line)
{
    int done;

    return map_rating_name(imp, i, col_name(imp, i), 1, line, &done);
}

/*
 * Columns start ignored; each rule, in map order, claims the columns it
 * selects; then ratings and extras named by the conventions fill what the
 * rules left (map_by_name_default()).
 */
static enum servq_status map_by_rules(struct servq_importer *imp, unsigned long long line)
{
    const struct servq_map *map = imp->map;
    regmatch_t m[10];
    enum servq_status st;
    size_t r, i, any_rating = 0;

    for (i = 0; i < imp->n_cols; i++)
        imp->cols[i].kind = SRC_IGNORE;
    for (r = 0; r < map->n_rules; r++) {
        const struct servq_map_rule *rule = &map->rules[r];
        size_t hits = 0;
        for (i = 0; i < imp->n_cols; i++) {
            const char *matched;
            if (imp->cols[i].kind != SRC_IGNORE ||
                !rule_matches(rule, &imp->header.cols[i], m, 10, &matched))
                continue;
            hits++;
            if ((st = apply_target(imp, rule, i, matched, m, 10, line)) != SERVQ_OK)
                return st;
        }
        if (hits == 0 && !rule->optional) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "the map names column %s'%.200s', which "
                    "the file does not have",
                    rule->column ? "" : "/", rule->column ? rule->column : rule->pattern);
            list_columns(imp, line);
            return SERVQ_ERR_DATA;
        }
    }
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_IGNORE && (st = map_by_name_default(imp, i, line)) != SERVQ_OK)
            return st;
    for (i = 0; i < imp->n_cols; i++)
        any_rating += imp->cols[i].kind == SRC_MEASURE;
    if (!any_rating) {
        message(imp, SERVQ_LEVEL_ERROR, line, "the map maps no column to a rating");
        return SERVQ_ERR_DATA;
    }
    return SERVQ_OK;
}

/* Segment names come from the export, so they are neutralised as cells are. */
static enum servq_status add_name(struct servq_buf *b, int *first, const char *prefix,
                                  const char *name, size_t len, int raw)
{
    if (!*first && servq_buf_addc(b, ',') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    *first = 0;
    if (!prefix)
        return servq_buf_add_csv_cell_any(b, name, len, raw);
    if (servq_buf_printf(b, "%s%s", prefix, name) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

/* Writes the canonical header: reserved, segments, ratings, importance, extras. */
static enum servq_status emit_header(struct servq_importer *imp)
{
    const struct servq_instrument *ins = imp->ins;
    struct servq_buf *b = &imp->row;
    int first = 1, m, raw = imp->opt.raw_csv;
    size_t i;
    char prefix[4];

    servq_buf_clear(b);
    imp->n_emitted = 0;
    if (add_name(b, &first, NULL, "respondent_id", 13, raw) != SERVQ_OK ||
        (imp->date_col >= 0 && add_name(b, &first, NULL, "date", 4, raw) != SERVQ_OK) ||
        (imp->weight_col >= 0 && add_name(b, &first, NULL, "weight", 6, raw) != SERVQ_OK) ||
        (imp->role_col >= 0 && add_name(b, &first, NULL, "role", 4, raw) != SERVQ_OK))
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_SEGMENT &&
            add_name(b, &first, NULL, imp->cols[i].name, strlen(imp->cols[i].name), raw) !=
                SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_items; i++)
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++) {
            if (!imp->emit_measure[m])
                continue;
            imp->emitted[imp->n_emitted++] = i * SERVQ_MEASURE_COUNT + (size_t)m;
            snprintf(prefix, sizeof prefix, "%s_", servq_measure_name((enum servq_measure)m));
            if (add_name(b, &first, prefix, ins->items[i].id, 0, raw) != SERVQ_OK)
                return SERVQ_ERR_NOMEM;
        }
    for (i = 0; imp->emit_importance && i < ins->n_dims; i++)
        if (add_name(b, &first, "I_", ins->dims[i].id, 0, raw) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    for (i = 0; i < ins->n_extras; i++)
        if (imp->extra_col[i] >= 0 &&
            add_name(b, &first, "X_", ins->extras[i].id, 0, raw) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    if (servq_buf_addc(b, '\n') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return imp->emit(b->data, b->len, imp->user) == SERVQ_CB_OK ? SERVQ_OK : SERVQ_ERR_ABORTED;
}

/* Builds the columns from the header rows saved[0..header_rows) and maps them. */
/* Whether canonical responses would read a column of this name as data. */
static int reserved_name(const struct servq_instrument *ins, const char *name)
{
    static const char *const reserved[] = {"respondent_id", "date", "weight", "role"};
    size_t i;

    for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(name, reserved[i]) == 0)
            return 1;
    if (name[0] && name[1] == '_') {
        if (strchr("EPAD", name[0]) && servq_instrument_find_item(ins, name + 2) >= 0)
            return 1;
        if (name[0] == 'I' && servq_instrument_find_dimension(ins, name + 2) >= 0)
            return 1;
        if (name[0] == 'X' && servq_instrument_find_extra(ins, name + 2) >= 0)
            return 1;
    }
    return 0;
}

/*
 * Segments are carried by name, so two of the same name, or one named like
 * a column servq writes itself, would make canonical responses that no
 * later command can read: refuse them here, where the fix is clear.
 */
static enum servq_status check_segments(struct servq_importer *imp, unsigned long long line)
{
    const char **names = calloc(imp->n_cols ? imp->n_cols : 1, sizeof *names);
    size_t i, first = 0, second = (size_t)-1;
    enum servq_status st = SERVQ_OK;
    int dup;

    if (!names)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < imp->n_cols; i++)
        names[i] = imp->cols[i].kind == SRC_SEGMENT ? imp->cols[i].name : NULL;
    dup = servq_find_duplicate(names, imp->n_cols, &first, &second);
    free(names);
    if (dup < 0)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < imp->n_cols && st == SERVQ_OK; i++) {
        if (imp->cols[i].kind != SRC_SEGMENT)
            continue;
        if (reserved_name(imp->ins, imp->cols[i].name)) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "column %zu is named '%s', which servq uses for its own data; rename it "
                    "or map it",
                    i + 1, imp->cols[i].name);
            st = SERVQ_ERR_DATA;
        } else if (dup && i == second) {
            message(imp, SERVQ_LEVEL_ERROR, line,
                    "columns %zu and %zu are both named '%s'; rename one", first + 1, i + 1,
                    imp->cols[i].name);
            st = SERVQ_ERR_DATA;
        }
    }
    return st;
}

/* ---- ratings, importance and extras the export has no column for ---- */

static const char *measure_word(enum servq_measure m)
{
    static const char *const words[] = {"expectation", "perception", "adequate", "desired"};

    return (unsigned)m < sizeof words / sizeof words[0] ? words[m] : "?";
}

/* "E5, E05, E_5 or E_q5": the names by which a column maps to item i's measure m. */
static void item_names(const struct servq_importer *imp, size_t i, enum servq_measure m,
                       char *out, size_t cap)
{
    const char *l = servq_measure_name(m), *id = imp->ins->items[i].id;
    char num[24];

    snprintf(num, sizeof num, "%zu", i + 1);
    if (i + 1 < 10)
        snprintf(out, cap, "%s%s, %s0%s, %s_%s", l, num, l, num, l, num);
    else
        snprintf(out, cap, "%s%s, %s_%s", l, num, l, num);
    if (strcmp(id, num) != 0) {
        size_t k = strlen(out);
        snprintf(out + k, cap - k, " or %s_%s", l, id);
    } else {
        char *comma = strrchr(out, ',');
        if (comma) {
            memmove(comma + 3, comma + 1, strlen(comma + 1) + 1);
            memcpy(comma, " or", 3);
        }
    }
}

/* The item a look-alike column names: by its id ("q7"), else by its number; or -1. */
static long lookalike_item(const struct servq_instrument *ins, const struct servq_lookalike *la)
{
    long t = la->id[0] ? servq_instrument_find_item(ins, la->id) : -1;

    if (t < 0 && la->number >= 1 && (unsigned long)la->number <= ins->n_items)
        t = la->number - 1;
    return t;
}

/*
 * For each rating, the first unmapped column that looks like it, or -1,
 * in imp->alike (items x measures); one pass over the columns.
 * @returns SERVQ_OK or SERVQ_ERR_NOMEM
 */
static enum servq_status find_lookalikes(struct servq_importer *imp)
{
    const struct servq_instrument *ins = imp->ins;
    size_t i, n = ins->n_items * SERVQ_MEASURE_COUNT;
    struct servq_lookalike la;
    long t, *slot;

    imp->alike = malloc((n ? n : 1) * sizeof *imp->alike);
    if (!imp->alike)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < n; i++)
        imp->alike[i] = -1;
    for (i = 0; i < imp->n_cols; i++) {
        if ((imp->cols[i].kind != SRC_SEGMENT && imp->cols[i].kind != SRC_IGNORE) ||
            !servq_column_lookalike(col_name(imp, i), &la))
            continue;
        if ((t = lookalike_item(ins, &la)) < 0)
            continue;
        slot = &imp->alike[(size_t)t * SERVQ_MEASURE_COUNT + la.measure];
        if (*slot < 0)
            *slot = (long)i;
    }
    return SERVQ_OK;
}

static long find_lookalike(const struct servq_importer *imp, size_t item, enum servq_measure m)
{
    return imp->alike ? imp->alike[item * SERVQ_MEASURE_COUNT + m] : -1;
}

/* One warning for a rating without a column, naming a look-alike column. */
static void warn_item(struct servq_importer *imp, size_t i, enum servq_measure m)
{
    char names[160], hint[400] = "";
    long alike = find_lookalike(imp, i, m);

    item_names(imp, i, m, names, sizeof names);
    if (alike >= 0)
        snprintf(hint, sizeof hint, "; did you mean column '%.80s'? %s", col_name(imp, alike),
                 imp->map ? "map it in the map's \"columns\""
                          : "rename it, or map it with --map");
    if (imp->map)
        message(imp, SERVQ_LEVEL_WARNING, 0,
                "no column for item %s (%s): the map maps none, and none is named %s%s",
                imp->ins->items[i].id, servq_measure_name(m), names, hint);
    else
        message(imp, SERVQ_LEVEL_WARNING, 0, "no column for item %s (%s); expected %s%s",
                imp->ins->items[i].id, servq_measure_name(m), names, hint);
}

/* One warning for more than three items without a column for measure m. */
static void warn_items(struct servq_importer *imp, enum servq_measure m, size_t missing)
{
    const struct servq_instrument *ins = imp->ins;
    const char *l = servq_measure_name(m);
    struct servq_buf b;
    size_t i, listed = 0, alikes = 0;
    long a;
    int ok;

    servq_buf_init(&b);
    ok = servq_buf_printf(&b, "no %s (%s) column for %zu items: ", measure_word(m), l, missing) ==
         SERVQ_OK;
    for (i = 0; ok && i < ins->n_items; i++) {
        if (imp->measure_col[i * SERVQ_MEASURE_COUNT + m] >= 0)
            continue;
        a = find_lookalike(imp, i, m);
        alikes += a >= 0;
        if (listed++ >= 12)
            continue;
        ok = servq_buf_printf(&b, "%s%s", listed > 1 ? ", " : "", ins->items[i].id) == SERVQ_OK;
        if (ok && a >= 0)
            ok = servq_buf_printf(&b, " (column '%.60s'?)", col_name(imp, (size_t)a)) == SERVQ_OK;
    }
    if (ok && listed > 12)
        ok = servq_buf_printf(&b, " and %zu more", listed - 12) == SERVQ_OK;
    if (ok && imp->map)
        ok = servq_buf_printf(&b, "; the map maps none, and none is named %s<n> or %s_<item>", l,
                              l) == SERVQ_OK;
    else if (ok)
        ok = servq_buf_printf(&b, "; expected %s<n>, %s0<n>, %s_<n> or %s_<item>", l, l, l, l) ==
             SERVQ_OK;
    if (ok && alikes)
        ok = servq_buf_adds(&b, imp->map ? "; map the columns named in the map's \"columns\""
                                         : "; rename the columns named, or map them with --map") ==
             SERVQ_OK;
    if (ok)
        message(imp, SERVQ_LEVEL_WARNING, 0, "%s", b.data);
    servq_buf_release(&b);
}

/*
 * Why a column that looks like a rating (la) is not one: "the E of item
 * q5 is column 'E05'" or "instrument 'servqual22' has 22 items"; empty when
 * the warnings of ratings without a column name it already.
 */
static void lookalike_why(const struct servq_importer *imp, const struct servq_lookalike *la,
                          char *out, size_t cap)
{
    const struct servq_instrument *ins = imp->ins;
    long t = lookalike_item(ins, la), col;

    out[0] = '\0';
    if (t < 0) {
        snprintf(out, cap, "instrument '%s' has %zu items", ins->id, ins->n_items);
        return;
    }
    col = imp->measure_col[(size_t)t * SERVQ_MEASURE_COUNT + la->measure];
    if (col < 0)
        return; /* named in the warning of the rating without a column */
    snprintf(out, cap, "the %s of item %s is column '%.60s'", servq_measure_name(la->measure),
             ins->items[t].id, col_name(imp, (size_t)col));
}

/*
 * Warns of columns that look like a rating but are carried along as
 * segments, and that no warning of a rating without a column named: a
 * second column for a rating ("E5_new" beside "E5"), or one for an item
 * the instrument does not have ("Perception23"). One line each, or one
 * for all of them when there are more than three. Under a map, columns it
 * leaves out are left out on purpose.
 * @returns SERVQ_OK or SERVQ_ERR_NOMEM
 */
static enum servq_status warn_lookalikes(struct servq_importer *imp)
{
    const struct servq_instrument *ins = imp->ins;
    struct servq_lookalike la;
    struct servq_buf b;
    char why[200];
    size_t i, n = 0, listed = 0;
    enum servq_status st = SERVQ_OK;

    if (imp->map)
        return SERVQ_OK;
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_SEGMENT && servq_column_lookalike(col_name(imp, i), &la) &&
            ins->measures[la.measure] && (lookalike_why(imp, &la, why, sizeof why), why[0]))
            n++;
    if (n == 0)
        return SERVQ_OK;
    servq_buf_init(&b);
    if (n > 3)
        st = servq_buf_printf(&b, "%zu columns look like ratings but are carried along as "
                                  "segments: ", n);
    for (i = 0; st == SERVQ_OK && i < imp->n_cols; i++) {
        if (imp->cols[i].kind != SRC_SEGMENT || !servq_column_lookalike(col_name(imp, i), &la) ||
            !ins->measures[la.measure])
            continue;
        lookalike_why(imp, &la, why, sizeof why);
        if (!why[0])
            continue;
        if (n <= 3) {
            message(imp, SERVQ_LEVEL_WARNING, 0,
                    "column '%.80s' looks like a rating, but %s, so it is carried along as a "
                    "segment: rename it, or map the columns with --map",
                    col_name(imp, i), why);
            continue;
        }
        if (listed++ < 12)
            st = servq_buf_printf(&b, "%s'%.60s' (%s)", listed > 1 ? ", " : "", col_name(imp, i),
                                  why);
    }
    if (st == SERVQ_OK && n > 3) {
        if (listed > 12)
            st = servq_buf_printf(&b, " and %zu more", listed - 12);
        if (st == SERVQ_OK)
            st = servq_buf_adds(&b, "; rename them, or map the columns with --map");
        if (st == SERVQ_OK)
            message(imp, SERVQ_LEVEL_WARNING, 0, "%s", b.data);
    }
    servq_buf_release(&b);
    return st;
}

/*
 * Warns of every rating, importance and extra of the instrument that no
 * column maps to: their figures would be n = 0 with nothing said. When
 * most ratings are missing, the export is likely for another instrument:
 * then one line says so instead of one per rating.
 */
static enum servq_status check_missing(struct servq_importer *imp)
{
    const struct servq_instrument *ins = imp->ins;
    size_t i, expected = 0, missing = 0, alikes = 0;
    long first_alike = -1;
    int m;

    if (find_lookalikes(imp) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    for (m = 0; m < SERVQ_MEASURE_COUNT; m++)
        for (i = 0; ins->measures[m] && i < ins->n_items; i++) {
            expected++;
            if (imp->measure_col[i * SERVQ_MEASURE_COUNT + (size_t)m] >= 0)
                continue;
            missing++;
            if (find_lookalike(imp, i, (enum servq_measure)m) >= 0) {
                alikes++;
                if (first_alike < 0)
                    first_alike = find_lookalike(imp, i, (enum servq_measure)m);
            }
        }
    if (missing * 2 > expected && missing > 2) {
        char alike[200] = "";
        if (alikes)
            snprintf(alike, sizeof alike, "; %zu column%s look%s like ratings (such as '%.80s')",
                     alikes, alikes == 1 ? "" : "s", alikes == 1 ? "s" : "",
                     col_name(imp, (size_t)first_alike));
        message(imp, SERVQ_LEVEL_WARNING, 0,
                "%s %zu of the %zu ratings of instrument '%s' (%zu items): is the export made "
                "for another instrument? name it with -i, or map the columns with --map "
                "(--suggest-map prints a starter)%s",
                imp->map ? "the map maps columns to only" : "the export has columns for only",
                expected - missing, expected, ins->id, ins->n_items, alike);
    } else {
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++) {
            size_t have = 0;
            for (i = 0; ins->measures[m] && i < ins->n_items; i++)
                have += imp->measure_col[i * SERVQ_MEASURE_COUNT + (size_t)m] >= 0;
            if (!ins->measures[m] || have == ins->n_items)
                continue;
            if (have == 0 && ins->n_items > 2) {
                message(imp, SERVQ_LEVEL_WARNING, 0,
                        "no %s (%s) column for any item of instrument '%s'; expected %s1..%s%zu "
                        "or %s_<item>",
                        measure_word((enum servq_measure)m),
                        servq_measure_name((enum servq_measure)m), ins->id,
                        servq_measure_name((enum servq_measure)m),
                        servq_measure_name((enum servq_measure)m), ins->n_items,
                        servq_measure_name((enum servq_measure)m));
                continue;
            }
            if (ins->n_items - have > 3) {
                warn_items(imp, (enum servq_measure)m, ins->n_items - have);
                continue;
            }
            for (i = 0; i < ins->n_items; i++)
                if (imp->measure_col[i * SERVQ_MEASURE_COUNT + (size_t)m] < 0)
                    warn_item(imp, i, (enum servq_measure)m);
        }
    }
    /* Under the line for another instrument, look-alikes would be noise. */
    if (!(missing * 2 > expected && missing > 2) && warn_lookalikes(imp) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (imp->emit_importance) {
        size_t have = 0;
        for (i = 0; i < ins->n_dims; i++)
            have += imp->importance_col[i] >= 0;
        /* Without any, the weighted figures are simply not made (and say so). */
        for (i = 0; have && i < ins->n_dims; i++)
            if (imp->importance_col[i] < 0)
                message(imp, SERVQ_LEVEL_WARNING, 0,
                        "no column for the importance of dimension %s; expected I_%s",
                        ins->dims[i].id, ins->dims[i].id);
    }
    for (i = 0; i < ins->n_extras; i++)
        if (imp->extra_col[i] < 0)
            message(imp, SERVQ_LEVEL_WARNING, 0,
                    imp->map ? "no column for extra item %s: the map maps none, and leaves no "
                               "column named %s or X_%s"
                             : "no column for extra item %s; expected %s or X_%s",
                    ins->extras[i].id, ins->extras[i].id, ins->extras[i].id);
    free(imp->alike);
    imp->alike = NULL;
    return SERVQ_OK;
}

static enum servq_status take_header(struct servq_importer *imp)
{
    unsigned long long line = imp->saved[0].line;
    enum servq_status st;
    size_t i;

    if ((st = servq_header_build(&imp->header, imp->dialect, imp->saved, imp->header_rows)) !=
        SERVQ_OK)
        return st;
    imp->cols = calloc(imp->header.n ? imp->header.n : 1, sizeof *imp->cols);
    if (!imp->cols)
        return SERVQ_ERR_NOMEM;
    imp->n_cols = imp->header.n;
    for (i = 0; i < imp->n_cols; i++)
        imp->cols[i].next = -1;
    if (imp->opt.headers_only) {
        imp->have_header = 1;
        return SERVQ_OK;
    }
    st = imp->map ? map_by_rules(imp, line) : map_by_name(imp, line);
    if (st != SERVQ_OK)
        return st;
    for (i = 0; imp->map && i < imp->map->n_rules; i++)
        if (imp->map->rules[i].target == SERVQ_MAP_DATE)
            imp->date_format = imp->map->rules[i].format;
    if (imp->opt.date_format)
        imp->date_format = imp->opt.date_format;
    imp->date_formats_auto = !imp->date_format && imp->dialect == SERVQ_DIALECT_GOOGLEFORMS;
    if ((st = check_segments(imp, line)) != SERVQ_OK)
        return st;
    if ((st = check_missing(imp)) != SERVQ_OK)
        return st;
    imp->have_header = 1;
    return emit_header(imp);
}

/* ---- data rows ---- */

static int set_reason(struct servq_importer *imp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Reasons are one line, whatever a cell, a column name or an id holds:
 * line breaks, tabs and other control bytes become spaces.
 */
static int set_reason(struct servq_importer *imp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(imp->reason, sizeof imp->reason, fmt, ap);
    va_end(ap);
    servq_one_line(imp->reason);
    imp->reason_fmt = fmt;
    return -1;
}

/* The cell's text trimmed, shortened and made printable for a message. */
static const char *shown(const struct servq_field *f, char *out, size_t cap)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);

    return servq_show_cell(s, n, 40, out, cap);
}

/* The map's N/A codes ("-1", "-99") are missing values, never numbers. */
static int is_na_code(const struct servq_importer *imp, const char *s, size_t n)
{
    size_t i;

    for (i = 0; imp->map && i < imp->map->n_na; i++)
        if (strlen(imp->map->na[i]) == n && memcmp(imp->map->na[i], s, n) == 0)
            return 1;
    return 0;
}

/* A rating on the scale, reversed when the item is reverse-worded. */
static int check_rating(struct servq_importer *imp, const char *col, int min, int max, int reverse,
                        long *v)
{
    if (*v < min || *v > max)
        return set_reason(imp, "column '%s': %ld is outside the scale %d to %d", col, *v, min, max);
    if (reverse)
        *v = min + max - *v;
    return 0;
}

/* What rating slot (items x measures, then extras) is, "item q5, E", and its column. */
static void slot_names(const struct servq_importer *imp, size_t slot, char *what, size_t cap,
                       const char **column)
{
    const struct servq_instrument *ins = imp->ins;
    size_t n_measure = ins->n_items * SERVQ_MEASURE_COUNT;
    long col;

    if (slot < n_measure) {
        snprintf(what, cap, "item %s, %s", ins->items[slot / SERVQ_MEASURE_COUNT].id,
                 servq_measure_name((enum servq_measure)(slot % SERVQ_MEASURE_COUNT)));
        col = imp->measure_col[slot];
    } else {
        snprintf(what, cap, "extra item %s", ins->extras[slot - n_measure].id);
        col = imp->extra_col[slot - n_measure];
    }
    *column = col >= 0 ? col_name(imp, (size_t)col) : "?";
}

/* The scale of rating slot: *min and *max. */
static void slot_scale(const struct servq_importer *imp, size_t slot, int *min, int *max)
{
    const struct servq_instrument *ins = imp->ins;
    size_t n_measure = ins->n_items * SERVQ_MEASURE_COUNT;

    if (slot < n_measure) {
        *min = ins->items[slot / SERVQ_MEASURE_COUNT].min;
        *max = ins->items[slot / SERVQ_MEASURE_COUNT].max;
    } else {
        *min = ins->extras[slot - n_measure].min;
        *max = ins->extras[slot - n_measure].max;
    }
}

/* "'Disagree', 'Somewhat disagree' and 'Agree'": the answers seen, by their point. */
static void list_levels(const struct label_use *u, char *out, size_t cap)
{
    size_t k, o = 0, left = 0;

    for (k = 1; k <= 7; k++)
        left += (u->levels >> k) & 1;
    out[0] = '\0';
    for (k = 1; k <= 7 && o < cap; k++) {
        if (!((u->levels >> k) & 1))
            continue;
        left--;
        o += (size_t)snprintf(out + o, cap - o, "'%s'%s", u->text[k],
                              left == 0 ? "" : left == 1 ? " and " : ", ");
    }
}

/* What the five points of a 5-point agreement set become on 1 to 7. */
static const char *five_on_seven(unsigned levels)
{
    return levels == LEVELS_5 ? "1, 2, 4, 6 and 7" : "1, 3, 4, 5 and 7";
}

/*
 * A word of the built-in dictionaries in the column of a rating slot, as
 * its rows come (see docs/warnings.md, "Answer words and the scale"):
 * - on a scale of a size no dictionary with the word has (a satisfaction
 *   word on 1 to 7, an agreement word on 1 to 4 or 0 to 10), the answers
 *   cannot be the item's numbers: an error;
 * - on a 5-point scale, once the column has answers that no 5-point set
 *   has together ("Somewhat agree" and "Agree"), they are from a 7-point
 *   questionnaire and would merge: an error.
 * The agreement words of 7-point columns are kept for
 * check_label_scales(), at the end. Each distinct answer of a column is
 * looked at once.
 * @returns 0, -2 when out of memory, -3 after reporting an error
 */
static int check_label_scale(struct servq_importer *imp, size_t slot, const struct servq_field *f,
                             int min, int max)
{
    struct label_use *u = imp->label_use[slot];
    struct servq_label_fit fit;
    size_t n = f->len, i;
    const char *s = servq_trim(f->data, &n), *column;
    uint64_t h = servq_hash64(s, n, 0x1abe1);
    int points = max - min + 1;
    char what[SERVQ_MAX_ID_LEN + 16], show[64], seen[640];

    for (i = 0; u && i < u->n_checked; i++)
        if (u->checked[i] == h)
            return 0;
    if (!servq_labels_fit(imp->labels, f->data, f->len, &fit))
        return 0;
    if (!u && !(u = imp->label_use[slot] = calloc(1, sizeof *u)))
        return -2;
    if (u->n_checked < sizeof u->checked / sizeof u->checked[0])
        u->checked[u->n_checked++] = h;
    slot_names(imp, slot, what, sizeof what, &column);
    if (!((points == 5 && fit.on5) || (points == 7 && fit.on7))) {
        message(imp, SERVQ_LEVEL_ERROR, imp->line,
                "column '%.80s' (%s): '%s' is %s, but the item's scale has %d points (%d to %d), "
                "so its answers cannot be read as the item's numbers: give the item a %s scale "
                "in the instrument, or the answers' values in a map (\"labels\")",
                column, what, shown(f, show, sizeof show),
                fit.on7 ? "an answer of 5- and 7-point agreement scales"
                        : "an answer of 5-point scales only",
                points, min, max, fit.on7 ? "5- or 7-point" : "5-point");
        return -3;
    }
    if (!fit.level7 || ((u->levels >> fit.level7) & 1))
        return 0;
    u->levels |= 1u << fit.level7;
    servq_show_cell(s, n, 80, u->text[fit.level7], sizeof u->text[fit.level7]);
    if (points == 5 && SEVEN_POINTS(u->levels)) {
        list_levels(u, seen, sizeof seen);
        message(imp, SERVQ_LEVEL_ERROR, imp->line,
                "column '%.80s' (%s): the answers %s are points of a 7-point agreement scale "
                "that no 5-point scale has together, but the item's scale has 5 points (%d to "
                "%d), where some of them would be one number: give the item a 7-point scale in "
                "the instrument, or the answers' values in a map (\"labels\")",
                column, what, seen, min, max);
        return -3;
    }
    return 0;
}

/*
 * "item a", "items q1 and q2", "items q1, q2, q3, q4 and 18 more": the
 * items and extras of the 7-point slots that had agreement words.
 */
static enum servq_status list_items(const struct servq_importer *imp, struct servq_buf *b)
{
    const struct servq_instrument *ins = imp->ins;
    size_t n_measure = ins->n_items * SERVQ_MEASURE_COUNT, slot, items = 0, last = (size_t)-1, i;
    const char *ids[4];
    int min, max;

    for (slot = 0; slot < imp->n_slots; slot++) {
        const struct label_use *u = imp->label_use[slot];
        size_t item = slot < n_measure ? slot / SERVQ_MEASURE_COUNT : slot;
        slot_scale(imp, slot, &min, &max);
        if (!u || !u->levels || max - min + 1 != 7 || item == last)
            continue;
        last = item;
        if (items < 4)
            ids[items] = slot < n_measure ? ins->items[item].id : ins->extras[slot - n_measure].id;
        items++;
    }
    if (servq_buf_adds(b, items == 1 ? "item " : "items ") != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < items && i < 4; i++)
        if (servq_buf_printf(b, "%s%s",
                             i == 0                       ? ""
                             : i + 1 == items && items <= 4 ? " and "
                                                          : ", ",
                             ids[i]) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    if (items > 4 && servq_buf_printf(b, " and %zu more", items - 4) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

/*
 * At the end of the input, the agreement words of all columns on 7-point
 * scales together, as a questionnaire uses one set of answers:
 * - some answers are points no 5-point set has together: they are from a
 *   7-point scale, as the instrument says; but a column whose answers
 *   are exactly the five points of a 5-point set gets a warning;
 * - they are exactly the five points of a 5-point set, none of the two a
 *   7-point scale adds: the questionnaire had 5 points, and the numbers
 *   (1, 2, 4, 6, 7) are wrong: an error;
 * - fewer, which fit both sizes: a warning, as they are right only if it
 *   had 7.
 * @returns SERVQ_OK, SERVQ_ERR_DATA after reporting, or SERVQ_ERR_NOMEM
 */
static enum servq_status check_label_scales(struct servq_importer *imp)
{
    struct label_use all;
    struct servq_buf b;
    size_t slot, cols = 0, k;
    const char *column;
    char what[SERVQ_MAX_ID_LEN + 16], seen[640];
    enum servq_status st = SERVQ_OK;
    int min, max;

    memset(&all, 0, sizeof all);
    for (slot = 0; slot < imp->n_slots; slot++) {
        const struct label_use *u = imp->label_use[slot];
        slot_scale(imp, slot, &min, &max);
        if (!u || !u->levels || max - min + 1 != 7)
            continue;
        for (k = 1; k <= 7; k++)
            if (((u->levels >> k) & 1) && !((all.levels >> k) & 1)) {
                all.levels |= 1u << k;
                memcpy(all.text[k], u->text[k], sizeof all.text[k]);
            }
        cols++;
    }
    if (!cols)
        return SERVQ_OK;
    if (SEVEN_POINTS(all.levels)) {
        for (slot = 0; slot < imp->n_slots; slot++) {
            const struct label_use *u = imp->label_use[slot];
            slot_scale(imp, slot, &min, &max);
            if (!u || max - min + 1 != 7 || (u->levels != LEVELS_5 && u->levels != LEVELS_5_SOMEWHAT))
                continue;
            slot_names(imp, slot, what, sizeof what, &column);
            list_levels(u, seen, sizeof seen);
            message(imp, SERVQ_LEVEL_WARNING, 0,
                    "column '%.80s' (%s): its answers %s are the five points of a 5-point "
                    "agreement scale, though other columns have answers only 7-point scales "
                    "have; they were read as %s of 7: if this question had 5 points, give the "
                    "item a 5-point scale in the instrument, or the answers' values in a map "
                    "(\"labels\")",
                    column, what, seen, five_on_seven(u->levels));
        }
        return SERVQ_OK;
    }
    servq_buf_init(&b);
    if (list_items(imp, &b) != SERVQ_OK) {
        servq_buf_release(&b);
        return SERVQ_ERR_NOMEM;
    }
    list_levels(&all, seen, sizeof seen);
    if (all.levels == LEVELS_5 || all.levels == LEVELS_5_SOMEWHAT) {
        message(imp, SERVQ_LEVEL_ERROR, 0,
                "the agreement answers of %zu column%s on 7-point scales (%s) are %s: "
                "the five points of a 5-point scale, without the two a 7-point scale adds, so "
                "the questionnaire had 5 points, and read on 1 to 7 they became %s: give the "
                "items a 5-point scale in the instrument, or the answers' values in a map "
                "(\"labels\")",
                cols, cols == 1 ? "" : "s", b.data, seen, five_on_seven(all.levels));
        st = SERVQ_ERR_DATA;
    } else {
        message(imp, SERVQ_LEVEL_WARNING, 0,
                "the agreement answers of %zu column%s on 7-point scales (%s) are only "
                "%s, which 5-point scales have too, so they do not show the questionnaire's "
                "scale; they were read as points of 7: if it had 5, give the items a 5-point "
                "scale in the instrument, or the answers' values in a map (\"labels\")",
                cols, cols == 1 ? "" : "s", b.data, seen);
    }
    servq_buf_release(&b);
    return st;
}

/* Parses a rating into *v (SERVQ_NA when empty); -1 with the reason set, -3 after an error. */
static int convert_rating(struct servq_importer *imp, const struct servq_field *f, const char *col,
                          size_t slot, int min, int max, int reverse, long *v)
{
    size_t n = f->len;
    const char *s = servq_trim(f->data, &n);
    char tmp[64], show[64];

    if (n == 0 || is_na_code(imp, s, n)) {
        *v = SERVQ_NA;
        return 0;
    }
    if (n == 1 && s[0] >= '0' && s[0] <= '9') { /* the usual one-digit answer */
        *v = s[0] - '0';
        return check_rating(imp, col, min, max, reverse, v);
    }
    if (n < sizeof tmp && imp->opt.decimal_mark == ',') {
        size_t i;
        for (i = 0; i < n; i++)
            tmp[i] = s[i] == ',' ? '.' : s[i];
        s = tmp;
    }
    if (servq_parse_int(s, n, v) != 0) {
        int value, r = check_label_scale(imp, slot, f, min, max);
        if (r != 0)
            return r;
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
    return check_rating(imp, col, min, max, reverse, v);
}

static int convert_number(struct servq_importer *imp, const struct servq_field *f, const char *col,
                          int positive, double *v)
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
    if (v >= 0 && v <= 9) { /* nearly every rating */
        tmp[0] = (char)('0' + v);
        return add_cell(imp, tmp, 1);
    }
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

/* Dates written by a format (the map's, or those Google Forms uses) become ISO. */
static int convert_date(struct servq_importer *imp, const struct servq_field *f, const char *s,
                        size_t n)
{
    static const char *const gforms[] = {"%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S",
                                         "%Y/%m/%d %I:%M:%S %p %Z", "%d.%m.%Y %H:%M:%S", NULL};
    const char *one[2] = {imp->date_format, NULL};
    const char *const *fmt = imp->date_format ? one : gforms;
    char iso[32], show[64];
    int y, m, d;

    for (; *fmt; fmt++)
        if (servq_date_convert(s, n, *fmt, iso, sizeof iso) == 0)
            return add_cell(imp, iso, strlen(iso)) == SERVQ_OK ? 0 : -2;
    if (!imp->date_format && servq_parse_date(s, n, &y, &m, &d) == 0)
        return add_cell(imp, s, n) == SERVQ_OK ? 0 : -2;
    if (!imp->date_format)
        return set_reason(imp,
                          "column 'date': '%s' is not a date in the formats tried, %s, %s, %s, "
                          "%s and %%Y-%%m-%%d; name the export's format with --date-format",
                          shown(f, show, sizeof show), gforms[0], gforms[1], gforms[2], gforms[3]);
    return set_reason(imp, "column 'date': '%s' does not match the date format '%s'%s",
                      shown(f, show, sizeof show), imp->date_format,
                      imp->opt.date_format ? " of --date-format"
                                           : " of the map; --date-format overrides it");
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
        if (n && (imp->date_format || imp->date_formats_auto)) {
            int r = convert_date(imp, f, s, n);
            if (r != 0)
                return r;
        } else if (n && servq_parse_date(s, n, &y, &m, &d) != 0)
            return set_reason(imp,
                              "column 'date': '%s' is not a date in the format tried, "
                              "%%Y-%%m-%%d (ISO 8601, a time may follow); name the export's "
                              "format with --date-format, such as '%%m/%%d/%%Y' or '%%d.%%m.%%Y'",
                              shown(f, show, sizeof show));
        else if (add_cell(imp, s, n) != SERVQ_OK)
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

/*
 * The cell to read for a target whose columns start at col: the column
 * itself, or in an expanded group (one column per answer option) the one
 * cell that is not empty. *f is NULL when every cell is empty.
 */
static int pick_cell(struct servq_importer *imp, const struct servq_record *rec, long col,
                     const char *name, const struct servq_field **f)
{
    char a[64], b[64];
    long k;

    *f = NULL;
    if (imp->cols[col].next < 0) {
        *f = &rec->fields[col];
        return 0;
    }
    for (k = col; k >= 0; k = imp->cols[k].next) {
        size_t n = rec->fields[k].len;
        servq_trim(rec->fields[k].data, &n);
        if (n == 0)
            continue;
        if (*f)
            return set_reason(imp, "column '%s': more than one answer ('%s' and '%s')", name,
                              shown(*f, a, sizeof a), shown(&rec->fields[k], b, sizeof b));
        *f = &rec->fields[k];
    }
    return 0;
}

/*
 * The usual cell: one source column holding one digit on the item's scale.
 * Writes it and returns 1; 0 leaves the cell to the general path (N/A
 * codes, labels, several source columns, spaces, messages).
 */
static int fast_rating(struct servq_importer *imp, const struct servq_field *f,
                       const struct servq_item *it)
{
    struct servq_buf *b = &imp->row;
    int v;

    if (f->len != 1 || f->data[0] < '0' || f->data[0] > '9' || imp->digit_na)
        return 0;
    v = f->data[0] - '0';
    if (v < it->min || v > it->max || b->cap - b->len < 3)
        return 0;
    if (it->reverse)
        v = it->min + it->max - v;
    if (imp->cells++)
        b->data[b->len++] = ',';
    b->data[b->len++] = (char)('0' + v);
    b->data[b->len] = '\0';
    return 1;
}

/* Builds the canonical row in imp->row; -1 rejects it, -2 is out of memory. */
static int convert_row(struct servq_importer *imp, const struct servq_record *rec)
{
    const struct servq_instrument *ins = imp->ins;
    const struct servq_field *f;
    size_t i, k;
    int r;
    long v;
    double x;

    servq_buf_clear(&imp->row);
    imp->cells = 0;
    if (rec->n_fields != imp->n_cols)
        return set_reason(imp, "%zu fields, but the header has %zu", rec->n_fields, imp->n_cols);
    /* Later commands read cells as C strings, which a NUL would cut short. */
    if (rec->raw && memchr(rec->raw, '\0', rec->raw_len))
        for (i = 0; i < rec->n_fields; i++)
            if (memchr(rec->fields[i].data, '\0', rec->fields[i].len)) {
                char show[200];
                return set_reason(imp, "column '%s': '%s' holds a NUL byte", col_name(imp, i),
                                  shown(&rec->fields[i], show, sizeof show));
            }
    if ((r = convert_reserved(imp, rec)) != 0)
        return r;
    for (i = 0; i < imp->n_cols; i++)
        if (imp->cols[i].kind == SRC_SEGMENT && add_text_cell(imp, &rec->fields[i]) != SERVQ_OK)
            return -2;
    for (k = 0; k < imp->n_emitted; k++) {
        size_t slot = imp->emitted[k];
        const struct servq_item *it = &ins->items[slot / SERVQ_MEASURE_COUNT];
        long col = imp->measure_col[slot];
        const char *name = imp->cell_names[slot];
        if (col >= 0 && imp->cols[col].next < 0 && fast_rating(imp, &rec->fields[col], it))
            continue;
        v = SERVQ_NA;
        f = NULL;
        if (col >= 0 && (r = pick_cell(imp, rec, col, name, &f)) != 0)
            return r;
        if (f && (r = convert_rating(imp, f, name, slot, it->min, it->max, it->reverse, &v)) != 0)
            return r;
        if (col >= 0 && v == SERVQ_NA && imp->map && imp->map->complete)
            return set_reason(imp,
                              "column '%s': no answer, and the map asks for complete "
                              "rows",
                              name);
        if (add_long_cell(imp, v) != SERVQ_OK)
            return -2;
    }
    for (i = 0; imp->emit_importance && i < ins->n_dims; i++) {
        const char *name = imp->cell_names[ins->n_items * SERVQ_MEASURE_COUNT + i];
        long col = imp->importance_col[i];
        x = -1;
        f = NULL;
        if (col >= 0 && (r = pick_cell(imp, rec, col, name, &f)) != 0)
            return r;
        if (col >= 0 && f && convert_number(imp, f, name, 0, &x) != 0)
            return -1;
        if (add_double_cell(imp, x) != SERVQ_OK)
            return -2;
    }
    for (i = 0; i < ins->n_extras; i++) {
        long col = imp->extra_col[i];
        const char *name = imp->cell_names[ins->n_items * SERVQ_MEASURE_COUNT + ins->n_dims + i];
        if (col < 0)
            continue;
        if (ins->extras[i].kind == SERVQ_EXTRA_TEXT) {
            if (add_text_cell(imp, &rec->fields[col]) != SERVQ_OK)
                return -2;
            continue;
        }
        if ((r = convert_rating(imp, &rec->fields[col], name,
                                ins->n_items * SERVQ_MEASURE_COUNT + i, ins->extras[i].min,
                                ins->extras[i].max, 0, &v)) != 0)
            return r;
        if (add_long_cell(imp, v) != SERVQ_OK)
            return -2;
    }
    return 0;
}

/* A row's respondent id, trimmed, and its hash. */
struct row_id {
    const char *s;
    size_t n;
    uint64_t h;
};

static void get_row_id(const struct servq_importer *imp, const struct servq_record *rec,
                       struct row_id *id)
{
    const struct servq_field *f = &rec->fields[imp->id_col];

    id->n = f->len;
    id->s = servq_trim(f->data, &id->n);
    id->h = servq_hash64(id->s, id->n, 0x5e4d);
}

static int id_ascends(const struct servq_importer *imp, const struct row_id *id)
{
    const struct servq_buf *last = &imp->seen_last;

    if (imp->seen_unordered)
        return 0;
    if (imp->seen_log_n == 0)
        return 1;
    return id->n > last->len || (id->n == last->len && memcmp(id->s, last->data, id->n) > 0);
}

/* @returns 0, or -2 when out of memory. */
static int seen_log_add(struct servq_importer *imp, const struct row_id *id)
{
    if (imp->seen_log_n == imp->seen_log_cap) {
        size_t cap = imp->seen_log_cap ? imp->seen_log_cap * 2 : 1024;
        uint64_t *log = realloc(imp->seen_log, cap * sizeof *log);
        if (!log)
            return -2;
        imp->seen_log = log;
        imp->seen_log_cap = cap;
    }
    imp->seen_log[imp->seen_log_n++] = id->h;
    servq_buf_clear(&imp->seen_last);
    return servq_buf_add(&imp->seen_last, id->s, id->n) == SERVQ_OK ? 0 : -2;
}

/* Moves the log into the table, for ids out of order from now on. */
static int seen_unorder(struct servq_importer *imp)
{
    size_t i;

    for (i = 0; i < imp->seen_log_n; i++)
        if (seen_insert(imp, imp->seen_log[i]) == -2)
            return -2;
    free(imp->seen_log);
    imp->seen_log = NULL;
    imp->seen_log_n = imp->seen_log_cap = 0;
    servq_buf_release(&imp->seen_last);
    imp->seen_unordered = 1;
    return 0;
}

static int check_duplicate(struct servq_importer *imp, const struct row_id *id)
{
    int r;

    if (id_ascends(imp, id))
        return seen_log_add(imp, id);
    if (!imp->seen_unordered && seen_unorder(imp) != 0)
        return -2;
    r = seen_insert(imp, id->h);
    if (r == -1)
        return set_reason(imp, "duplicate respondent id '%.*s'; the first occurrence is kept",
                          (int)(id->n > 64 ? 64 : id->n), id->s);
    return r;
}

/* Counts the reject by the template of its reason; kinds past the first 16 are not kept. */
static void tally_reason(struct servq_importer *imp, unsigned long long line)
{
    struct reason_kind *k;
    size_t i;

    for (i = 0; i < imp->n_kinds; i++)
        if (imp->kinds[i].fmt == imp->reason_fmt) {
            imp->kinds[i].n++;
            return;
        }
    if (imp->n_kinds == sizeof imp->kinds / sizeof imp->kinds[0])
        return;
    k = &imp->kinds[imp->n_kinds++];
    k->fmt = imp->reason_fmt;
    k->n = 1;
    k->line = line;
    k->text = servq_strdup(imp->reason);
}

int servq_importer_top_reject(const struct servq_importer *imp, struct servq_reject_summary *out)
{
    const struct reason_kind *best = NULL;
    size_t i;

    for (i = 0; i < imp->n_kinds; i++)
        if (imp->kinds[i].text && (!best || imp->kinds[i].n > best->n))
            best = &imp->kinds[i];
    if (!best)
        return 0;
    out->count = best->n;
    out->line = best->line;
    out->reason = best->text;
    return 1;
}

static enum servq_status reject_row(struct servq_importer *imp, const struct servq_record *rec)
{
    struct servq_reject rej;

    imp->counts.rejected++;
    tally_reason(imp, rec->line);
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

static enum servq_status add_data(struct servq_importer *imp, const struct servq_record *rec)
{
    struct row_id id;
    int r;

    imp->counts.read++;
    imp->line = rec->line;
    if (imp->id_col >= 0 && (size_t)imp->id_col < rec->n_fields) {
        get_row_id(imp, rec, &id);
        /* The table's slot is likely a cache miss: fetch it while the row converts. */
        if (imp->seen_unordered && imp->seen_cap)
            __builtin_prefetch(&imp->seen[(size_t)(id.h ? id.h : 1) & (imp->seen_cap - 1)]);
    }
    r = convert_row(imp, rec);
    if (r == 0 && imp->id_col >= 0)
        r = check_duplicate(imp, &id);
    if (r == -2)
        return SERVQ_ERR_NOMEM;
    if (r == -3) {
        /* An error about the export, not the row: the row is not counted. */
        imp->counts.read--;
        return SERVQ_ERR_DATA;
    }
    if (r == -1)
        return reject_row(imp, rec);
    if (servq_buf_addc(&imp->row, '\n') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    imp->counts.imported++;
    if (imp->emit(imp->row.data, imp->row.len, imp->user) != SERVQ_CB_OK)
        return SERVQ_ERR_ABORTED;
    return SERVQ_OK;
}

/* Imports a held-back record that turned out not to be a header row. */
static enum servq_status replay(struct servq_importer *imp, const struct servq_saved_record *s)
{
    struct servq_field *fields = calloc(s->n ? s->n : 1, sizeof *fields);
    struct servq_record rec;
    enum servq_status st;
    size_t i;

    if (!fields)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < s->n; i++) {
        fields[i].data = s->cells[i];
        fields[i].len = s->lens[i];
    }
    rec.fields = fields;
    rec.n_fields = s->n;
    rec.line = s->line;
    rec.number = 0;
    rec.raw = s->raw;
    rec.raw_len = s->raw_len;
    st = add_data(imp, &rec);
    free(fields);
    return st;
}

/* Header records a dialect needs before anything can be decided. */
static size_t rows_needed(const struct servq_importer *imp)
{
    size_t need;

    if (imp->dialect == SERVQ_DIALECT_AUTO)
        need = SERVQ_DETECT_ROWS;
    else if (imp->header_rows)
        need = imp->header_rows;
    else
        need = servq_dialect_default_rows(imp->dialect, imp->n_saved ? &imp->saved[0] : NULL);
    return need > imp->header_rows ? need : imp->header_rows;
}

/*
 * Decides the dialect and the header rows from the held-back records,
 * takes the header, then imports the held-back records that are data.
 */
static enum servq_status settle(struct servq_importer *imp)
{
    enum servq_status st = SERVQ_OK;
    const char *why;
    unsigned rows;
    size_t i;

    if (imp->dialect == SERVQ_DIALECT_AUTO) {
        imp->dialect = servq_dialect_detect(imp->saved, imp->n_saved, &rows, &why);
        if (!imp->header_rows)
            imp->header_rows = rows;
        if (imp->dialect != SERVQ_DIALECT_GENERIC)
            message(imp, SERVQ_LEVEL_INFO, 0, "dialect: %s (%s)", servq_dialect_name(imp->dialect),
                    why);
    } else if (!imp->header_rows) {
        imp->header_rows = servq_dialect_default_rows(imp->dialect, &imp->saved[0]);
    }
    if (imp->n_saved < imp->header_rows) {
        message(imp, SERVQ_LEVEL_ERROR, 0,
                "the input ends inside the header: %zu of %u "
                "header rows",
                imp->n_saved, imp->header_rows);
        return SERVQ_ERR_DATA;
    }
    for (i = 0; i < imp->header_rows; i++)
        if (memchr(imp->saved[i].raw, '\0', imp->saved[i].raw_len)) {
            message(imp, SERVQ_LEVEL_ERROR, imp->saved[i].line,
                    "the header holds a NUL byte; if the file is in an encoding such as "
                    "UTF-16 or UTF-32, name it with --encoding");
            st = SERVQ_ERR_DATA;
            goto cleanup;
        }
    SERVQ_TRY(take_header(imp));
    for (i = imp->header_rows; i < imp->n_saved && !imp->opt.headers_only; i++)
        SERVQ_TRY(replay(imp, &imp->saved[i]));
cleanup:
    for (i = 0; i < imp->n_saved; i++)
        servq_saved_record_release(&imp->saved[i]);
    imp->n_saved = 0;
    return st;
}

enum servq_status servq_importer_add(struct servq_importer *imp, const struct servq_record *rec)
{
    enum servq_status st;

    if (imp->have_header)
        return imp->opt.headers_only ? SERVQ_OK : add_data(imp, rec);
    if (imp->skip_left) {
        /* Lines before the header (a title, a note) that the map skips. */
        imp->skip_left--;
        return SERVQ_OK;
    }
    if (imp->n_saved >= SERVQ_MAX_HEADER_ROWS)
        return SERVQ_ERR_ARG;
    if ((st = servq_saved_record_copy(&imp->saved[imp->n_saved], rec)) != SERVQ_OK)
        return st;
    imp->n_saved++;
    if (imp->n_saved < rows_needed(imp))
        return SERVQ_OK;
    return settle(imp);
}

enum servq_status servq_importer_finish(struct servq_importer *imp)
{
    enum servq_status st;

    if (!imp->have_header && imp->n_saved && (st = settle(imp)) != SERVQ_OK)
        return st;
    if (!imp->have_header) {
        message(imp, SERVQ_LEVEL_ERROR, 0, "the input is empty: no header row");
        return SERVQ_ERR_DATA;
    }
    return check_label_scales(imp);
}

enum servq_status servq_importer_suggest_map(const struct servq_importer *imp, char **json)
{
    if (!imp->have_header)
        return SERVQ_ERR_DATA;
    return servq_map_suggest(&imp->header, imp->dialect, json);
}
