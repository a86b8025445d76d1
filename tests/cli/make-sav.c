/*
 * make-sav: writes an SPSS system file from a CSV export with ReadStat's
 * writer, and the CSV that holds exactly what the SPSS file means, so
 * tests can check that importing either gives the same canonical
 * responses. Built for the tests, never installed.
 *
 * Usage: make-sav [--zsav] [--rows N] SRC.csv OUT.sav [OUT.csv]
 *
 * Each column of SRC becomes a variable of the same name:
 * - date: numeric, DATE11 format;
 * - E<n>, P<n>, A<n>, D<n>, E_<id>...: ratings, numeric F1.0 with the
 *   7-point agreement labels and 9 = "No answer" declared missing; an
 *   empty cell is written as 9 or as system-missing in turn, so both
 *   kinds of missing value are exercised;
 * - I_<dimension>, weight: numeric F8.2, empty as system-missing;
 * - anything else (respondent_id, branch...): a string.
 * A row that SPSS cannot hold (a wrong number of fields, text in a
 * numeric column) is left out, with a note on standard error. A rating of
 * 9 in SRC is an error, as 9 is the missing code.
 *
 * Exit status: 0, 1 on any failure, 2 on a usage error.
 */
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/responses-priv.h"
#include "servq/servq.h"
#include "common/util-priv.h"

#include "../spss-dates.h"

#define MISSING_CODE 9.0

enum col_kind { KIND_STRING, KIND_DATE, KIND_RATING, KIND_NUMBER };

struct table {
    char **cells; /* rows x cols, row 0 the header */
    size_t rows, cols, cap;
    unsigned long long *lines; /* each row's line in SRC */
    const char *src;
    int failed;
};

static int take_record(const struct servq_record *rec, void *user)
{
    struct table *t = user;
    size_t i;

    if (t->rows == 0)
        t->cols = rec->n_fields;
    if (rec->n_fields != t->cols) {
        fprintf(stderr, "make-sav: %s: line %llu: %zu fields, not %zu; the row is left out\n",
                t->src, rec->line, rec->n_fields, t->cols);
        return SERVQ_CB_OK;
    }
    if (t->rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **cells = realloc(t->cells, cap * t->cols * sizeof *cells);
        unsigned long long *lines;
        if (!cells)
            goto nomem;
        t->cells = cells;
        lines = realloc(t->lines, cap * sizeof *lines);
        if (!lines)
            goto nomem;
        t->lines = lines;
        t->cap = cap;
    }
    for (i = 0; i < t->cols; i++) {
        t->cells[t->rows * t->cols + i] = servq_strndup(rec->fields[i].data, rec->fields[i].len);
        if (!t->cells[t->rows * t->cols + i])
            goto nomem;
    }
    t->lines[t->rows++] = rec->line;
    return SERVQ_CB_OK;
nomem:
    fprintf(stderr, "make-sav: out of memory\n");
    t->failed = 1;
    return SERVQ_CB_ABORT;
}

static int read_table(const char *path, struct table *t)
{
    struct servq_reader *r = NULL;
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    size_t got;
    int ret = -1;

    t->src = path;
    if (!f) {
        fprintf(stderr, "make-sav: cannot open '%s'\n", path);
        return -1;
    }
    if (servq_reader_new(NULL, take_record, t, &r) != SERVQ_OK)
        goto out;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (servq_reader_feed(r, buf, got) != SERVQ_OK)
            goto out;
    if (ferror(f) || servq_reader_finish(r) != SERVQ_OK || t->failed || t->rows == 0)
        goto out;
    ret = 0;
out:
    if (ret != 0 && !t->failed)
        fprintf(stderr, "make-sav: cannot read '%s' as CSV\n", path);
    servq_reader_free(r);
    fclose(f);
    return ret;
}

static enum col_kind kind_of(const char *name)
{
    size_t i;

    if (strcmp(name, "date") == 0)
        return KIND_DATE;
    if (strncmp(name, "I_", 2) == 0 || strcmp(name, "weight") == 0)
        return KIND_NUMBER;
    if (strchr("EPAD", name[0]) && name[0] && name[1]) {
        if (name[1] == '_')
            return KIND_RATING;
        for (i = 1; name[i] >= '0' && name[i] <= '9'; i++)
            ;
        if (!name[i])
            return KIND_RATING;
    }
    return KIND_STRING;
}

/* One value as the SPSS file will hold it; *missing: 0 no, 1 system, 2 user. */
struct value {
    double x;
    int missing;
};

/*
 * Converts a cell of a numeric column. @returns 0, 1 when the row is left
 * out (with a note), -1 on an error.
 */
static int convert(const struct table *t, size_t row, size_t col, enum col_kind kind,
                   struct value *v)
{
    const char *s = t->cells[row * t->cols + col];
    const char *name = t->cells[col];
    size_t n = strlen(s);
    int y, m, d;

    v->x = 0;
    v->missing = 0;
    if (n == 0) {
        /* Ratings alternate between the two kinds of missing value. */
        v->missing = kind == KIND_RATING && (row + col) % 2 ? 2 : 1;
        if (v->missing == 2)
            v->x = MISSING_CODE;
        return 0;
    }
    if (kind == KIND_DATE) {
        if (n != 10 || servq_parse_date(s, n, &y, &m, &d) != 0)
            goto leave_out;
        v->x = (double)(days_from_civil(y, (unsigned)m, (unsigned)d) + 141428) * 86400.0;
        return 0;
    }
    if (servq_parse_double(s, n, '.', &v->x) != 0)
        goto leave_out;
    if (kind == KIND_RATING && v->x == MISSING_CODE) {
        fprintf(stderr, "make-sav: %s: line %llu: column '%s' is 9, the missing code\n", t->src,
                t->lines[row], name);
        return -1;
    }
    return 0;
leave_out:
    fprintf(stderr, "make-sav: %s: line %llu: column '%s': '%s' is not a %s; the row is left out\n",
            t->src, t->lines[row], name, s, kind == KIND_DATE ? "date" : "number");
    return 1;
}

static ssize_t write_file(const void *p, size_t n, void *user)
{
    return fwrite(p, 1, n, user) == n ? (ssize_t)n : -1;
}

/* The companion CSV cell of a value: empty when missing, a date as it came. */
static void add_csv_value(struct servq_buf *b, enum col_kind kind, const struct value *v,
                          const char *src)
{
    char tmp[48];

    if (v->missing)
        return;
    if (kind == KIND_DATE) {
        servq_buf_adds(b, src);
        return;
    }
    servq_format_double(tmp, sizeof tmp, v->x);
    servq_buf_adds(b, tmp);
}

static readstat_error_t define(readstat_writer_t *w, const struct table *t, enum col_kind *kinds,
                               readstat_variable_t **vars)
{
    static const char *const agree[] = {"Strongly disagree", "Disagree", "Somewhat disagree",
                                        "Neither agree nor disagree", "Somewhat agree", "Agree",
                                        "Strongly agree"};
    readstat_label_set_t *likert = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "agree7");
    size_t c, r;
    int i;

    for (i = 0; i < 7; i++)
        readstat_label_double_value(likert, i + 1, agree[i]);
    readstat_label_double_value(likert, MISSING_CODE, "No answer");
    for (c = 0; c < t->cols; c++) {
        const char *name = t->cells[c];
        size_t width = 1;
        kinds[c] = kind_of(name);
        if (kinds[c] == KIND_STRING) {
            for (r = 1; r < t->rows; r++)
                if (strlen(t->cells[r * t->cols + c]) > width)
                    width = strlen(t->cells[r * t->cols + c]);
            vars[c] = readstat_add_variable(w, name, READSTAT_TYPE_STRING, width);
            continue;
        }
        vars[c] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
        if (!vars[c])
            return READSTAT_ERROR_MALLOC;
        if (kinds[c] == KIND_DATE) {
            readstat_variable_set_format(vars[c], "DATE11");
        } else if (kinds[c] == KIND_RATING) {
            readstat_variable_set_format(vars[c], "F1.0");
            readstat_variable_set_label_set(vars[c], likert);
            readstat_variable_set_measure(vars[c], READSTAT_MEASURE_ORDINAL);
            if (readstat_variable_add_missing_double_value(vars[c], MISSING_CODE) != READSTAT_OK)
                return READSTAT_ERROR_MALLOC;
        } else {
            readstat_variable_set_format(vars[c], "F8.2");
        }
    }
    return READSTAT_OK;
}

/* Writes row r as a case, and as a line of the companion CSV in b. */
static readstat_error_t write_case(readstat_writer_t *w, const struct table *t, size_t r,
                                   const enum col_kind *kinds, readstat_variable_t **vars,
                                   const struct value *values, struct servq_buf *b)
{
    readstat_error_t e = readstat_begin_row(w);
    size_t c;

    for (c = 0; c < t->cols && e == READSTAT_OK; c++) {
        const char *s = t->cells[r * t->cols + c];
        if (c)
            servq_buf_addc(b, ',');
        if (kinds[c] == KIND_STRING) {
            e = readstat_insert_string_value(w, vars[c], s);
            servq_buf_add_csv_field(b, s, strlen(s));
        } else {
            if (values[c].missing == 1)
                e = readstat_insert_missing_value(w, vars[c]);
            else
                e = readstat_insert_double_value(w, vars[c], values[c].x);
            add_csv_value(b, kinds[c], &values[c], s);
        }
    }
    servq_buf_addc(b, '\n');
    return e == READSTAT_OK ? readstat_end_row(w) : e;
}

/* Decides which rows go in, converting their numeric cells into values. */
static int choose_rows(const struct table *t, const enum col_kind *kinds, size_t max_rows,
                       struct value *values, size_t *keep, size_t *n_keep)
{
    size_t r, c;
    int res;

    *n_keep = 0;
    for (r = 1; r < t->rows && *n_keep < max_rows; r++) {
        int out = 0;
        for (c = 0; c < t->cols && !out; c++) {
            if (kinds[c] == KIND_STRING)
                continue;
            res = convert(t, r, c, kinds[c], &values[r * t->cols + c]);
            if (res < 0)
                return -1;
            out = res;
        }
        if (!out)
            keep[(*n_keep)++] = r;
    }
    return 0;
}

static int make(const struct table *t, size_t max_rows, int zsav, FILE *sav, struct servq_buf *b)
{
    enum col_kind *kinds = calloc(t->cols, sizeof *kinds);
    readstat_variable_t **vars = calloc(t->cols, sizeof *vars);
    struct value *values = calloc(t->rows * t->cols, sizeof *values);
    size_t *keep = calloc(t->rows, sizeof *keep), n_keep = 0, i, c;
    readstat_writer_t *w = readstat_writer_init();
    readstat_error_t e = READSTAT_ERROR_MALLOC;
    int ret = -1;

    if (!kinds || !vars || !values || !keep || !w)
        goto out;
    readstat_set_data_writer(w, write_file);
    if (zsav)
        readstat_writer_set_compression(w, READSTAT_COMPRESS_BINARY);
    readstat_writer_set_file_label(w, "servq test fixture");
    /* A fixed timestamp, so the same input makes the same bytes. */
    readstat_writer_set_file_timestamp(w, 1793000000);
    if ((e = define(w, t, kinds, vars)) != READSTAT_OK)
        goto out;
    if (choose_rows(t, kinds, max_rows, values, keep, &n_keep) != 0)
        goto out;
    for (c = 0; c < t->cols; c++) {
        if (c)
            servq_buf_addc(b, ',');
        servq_buf_add_csv_field(b, t->cells[c], strlen(t->cells[c]));
    }
    servq_buf_addc(b, '\n');
    e = readstat_begin_writing_sav(w, sav, (long)n_keep);
    for (i = 0; i < n_keep && e == READSTAT_OK; i++)
        e = write_case(w, t, keep[i], kinds, vars, values + keep[i] * t->cols, b);
    if (e == READSTAT_OK)
        e = readstat_end_writing(w);
    ret = e == READSTAT_OK ? 0 : -1;
out:
    if (ret != 0)
        fprintf(stderr, "make-sav: cannot write the SPSS file: %s\n",
                e == READSTAT_OK ? "bad input" : readstat_error_message(e));
    readstat_writer_free(w);
    free(kinds);
    free(vars);
    free(values);
    free(keep);
    return ret;
}

static int usage(void)
{
    fprintf(stderr, "usage: make-sav [--zsav] [--rows N] SRC.csv OUT.sav [OUT.csv]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct table t;
    struct servq_buf csv;
    size_t max_rows = (size_t)-1, i;
    int zsav = 0, a = 1, ret = 1;
    FILE *sav = NULL, *out = NULL;

    for (; a < argc && argv[a][0] == '-' && argv[a][1] == '-'; a++) {
        if (strcmp(argv[a], "--zsav") == 0)
            zsav = 1;
        else if (strcmp(argv[a], "--rows") == 0 && a + 1 < argc)
            max_rows = (size_t)strtoul(argv[++a], NULL, 10);
        else
            return usage();
    }
    if (argc - a < 2 || argc - a > 3)
        return usage();
    memset(&t, 0, sizeof t);
    servq_buf_init(&csv);
    if (read_table(argv[a], &t) != 0)
        goto out;
    sav = fopen(argv[a + 1], "wb");
    if (!sav) {
        fprintf(stderr, "make-sav: cannot create '%s'\n", argv[a + 1]);
        goto out;
    }
    if (make(&t, max_rows, zsav, sav, &csv) != 0)
        goto out;
    if (fclose(sav) != 0) {
        sav = NULL;
        fprintf(stderr, "make-sav: cannot write '%s'\n", argv[a + 1]);
        goto out;
    }
    sav = NULL;
    if (argc - a == 3) {
        int bad;
        out = fopen(argv[a + 2], "wb");
        if (!out) {
            fprintf(stderr, "make-sav: cannot create '%s'\n", argv[a + 2]);
            goto out;
        }
        bad = fwrite(csv.data, 1, csv.len, out) != csv.len;
        if (fclose(out) != 0 || bad) {
            fprintf(stderr, "make-sav: cannot write '%s'\n", argv[a + 2]);
            goto out;
        }
    }
    ret = 0;
out:
    if (sav)
        fclose(sav);
    for (i = 0; i < t.rows * t.cols; i++)
        free(t.cells[i]);
    free(t.cells);
    free(t.lines);
    servq_buf_release(&csv);
    return ret;
}
