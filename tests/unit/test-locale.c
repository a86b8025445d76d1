/*
 * Numbers never depend on the locale: every writer and reader of the
 * library gives the same bytes when the program has adopted a locale whose
 * decimal mark is a comma (setlocale(LC_ALL, "de_DE.UTF-8"), as a program
 * that calls setlocale(LC_ALL, "") under LANG=de_DE.UTF-8 does) as in the
 * C locale.
 *
 * Each run goes the whole way on data with numbers that are not whole
 * (in the German run, each stage reads what the C run's stage before it
 * wrote, so that each one is judged on its own):
 * an export with survey weights and importance points written with "." and
 * with "," (some of them 17 digits long or with an exponent, which take
 * strtod's path) imported to canonical responses; those analysed with and
 * without --weight (the document, its text and CSV renderings), written as
 * a state, reloaded and merged with itself; scored as CSV and JSON Lines;
 * and reported as text, Markdown and HTML in English. Then the number
 * helpers themselves on values of every shape.
 *
 * Skips (TAP) when de_DE.UTF-8 is not installed; scripts/install-deps
 * generates it.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"
#include "tap.h"
#include "testlib.h"
#include "common/util-priv.h"

/* ---- the data ---- */

/* Park and Miller's minimal standard generator. */
static uint64_t next(uint64_t *s)
{
    *s = *s * 16807 % 2147483647;
    return *s;
}

/* Weights and importance points of several shapes, "." decimals. */
static const char *const weights[] = {
    "0.7", "1.2345678901234567", "3e-2", "12.5", "2", "0.33333333333333331", "1.5E+1",
};
static const char *const points[][5] = {
    {"12.5", "37.5", "20", "20", "10"},
    {"33.333333333333336", "33.333333333333336", "33.333333333333329", "0", "0"},
    {"20", "20", "20", "20", "20"},
    {"2.5e1", "25", "15.5", "14.5", "20"},
};

/*
 * A generic export of 60 respondents for the built-in SERVQUAL-22 with a
 * branch, a weight and importance points; with comma, fields are
 * separated by ';' and decimals written with ','.
 */
static int make_export(struct text *out, int comma)
{
    char sep = comma ? ';' : ',', cell[160];
    const char *dims[] = {"tangibles", "reliability", "responsiveness", "assurance", "empathy"};
    uint64_t s = 20261208;
    int r, i, m;

    if (text_add(out, "respondent_id", 13) != 0)
        return -1;
    snprintf(cell, sizeof cell, "%cbranch%cweight", sep, sep);
    if (text_add(out, cell, strlen(cell)) != 0)
        return -1;
    for (m = 0; m < 2; m++)
        for (i = 1; i <= 22; i++) {
            snprintf(cell, sizeof cell, "%c%c_q%d", sep, m ? 'P' : 'E', i);
            if (text_add(out, cell, strlen(cell)) != 0)
                return -1;
        }
    for (i = 0; i < 5; i++) {
        snprintf(cell, sizeof cell, "%cI_%s", sep, dims[i]);
        if (text_add(out, cell, strlen(cell)) != 0)
            return -1;
    }
    for (r = 0; r < 60; r++) {
        char w[64], *p;
        snprintf(w, sizeof w, "%s", weights[r % 7]);
        if (comma && (p = strchr(w, '.')))
            *p = ',';
        snprintf(cell, sizeof cell, "\nR%03d%c%s%c%s", r, sep, r % 3 ? "Norte" : "Sur", sep, w);
        if (text_add(out, cell, strlen(cell)) != 0)
            return -1;
        for (m = 0; m < 2; m++)
            for (i = 0; i < 22; i++) {
                /* E leans high, P spreads: gaps of both signs. */
                int v = m ? (int)(next(&s) % 7) + 1 : (int)(next(&s) % 4) + 4;
                snprintf(cell, sizeof cell, "%c%d", sep, v);
                if (text_add(out, cell, strlen(cell)) != 0)
                    return -1;
            }
        for (i = 0; i < 5; i++) {
            snprintf(w, sizeof w, "%s", points[r % 4][i]);
            if (comma && (p = strchr(w, '.')))
                *p = ',';
            snprintf(cell, sizeof cell, "%c%s", sep, w);
            if (text_add(out, cell, strlen(cell)) != 0)
                return -1;
        }
    }
    return text_add(out, "\n", 1);
}

/* ---- the runs ---- */

static int collect(const char *buf, size_t len, void *user)
{
    return text_add(user, buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

struct import_ctx {
    struct servq_importer *imp;
    enum servq_status st;
};

static int import_record(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;

    c->st = servq_importer_add(c->imp, rec);
    return c->st == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/* Canonical responses from an export; NULL after a TAP comment. */
static char *import(const struct servq_instrument *ins, const struct text *export, int comma)
{
    struct servq_reader_options ro;
    struct servq_import_options io;
    struct servq_reader *r = NULL;
    struct import_ctx c = {NULL, SERVQ_OK};
    struct text out = {NULL, 0, 0};
    enum servq_status st;

    servq_reader_options_init(&ro);
    ro.delimiter = comma ? ';' : ',';
    servq_import_options_init(&io);
    io.decimal_mark = comma ? ',' : '.';
    st = servq_importer_new(ins, &io, collect, NULL, &out, &c.imp);
    if (st == SERVQ_OK)
        st = servq_reader_new(&ro, import_record, &c, &r);
    if (st == SERVQ_OK)
        st = servq_reader_feed(r, export->data, export->len);
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    if (st == SERVQ_OK)
        st = servq_importer_finish(c.imp);
    servq_reader_free(r);
    servq_importer_free(c.imp);
    if (st != SERVQ_OK || c.st != SERVQ_OK) {
        printf("# import: %s / %s\n", servq_strerror(st), servq_strerror(c.st));
        free(out.data);
        return NULL;
    }
    return out.data;
}

struct score_ctx {
    struct servq_scorer *s;
    enum servq_status st;
};

static int score_record(const struct servq_record *rec, void *user)
{
    struct score_ctx *c = user;

    c->st = servq_scorer_add(c->s, rec);
    return c->st == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static char *score(const struct servq_instrument *ins, const char *csv,
                   enum servq_score_format format)
{
    struct servq_score_options o;
    struct score_ctx c = {NULL, SERVQ_OK};
    struct text out = {NULL, 0, 0};
    enum servq_status st;

    servq_score_options_init(&o);
    o.format = format;
    st = servq_scorer_new(ins, &o, collect, &out, &c.s);
    if (st == SERVQ_OK)
        st = read_text(csv, strlen(csv), score_record, &c);
    if (st == SERVQ_OK)
        st = servq_scorer_finish(c.s);
    servq_scorer_free(c.s);
    if (st != SERVQ_OK) {
        printf("# score: %s / %s\n", servq_strerror(st), servq_strerror(c.st));
        free(out.data);
        return NULL;
    }
    return out.data;
}

/* Keeps the library's message in the 256-byte buffer user. */
static void keep_text(const struct servq_message *m, void *user)
{
    snprintf(user, 256, "%s", m->text);
}

/*
 * Writes the state of an analysis of csv into *state; then loads the state
 * given (the C run's, or NULL for *state itself) and returns its document,
 * and loads it again and merges it with itself for *merged.
 */
static char *state_round_trip(const struct servq_instrument *ins, const char *csv,
                              const struct servq_analysis_options *o, const char *given,
                              char **state, char **merged)
{
    struct analysis_ctx c = {NULL, SERVQ_OK};
    struct servq_instrument *ins2 = NULL;
    struct servq_analysis *a = NULL;
    char *doc = NULL, err[256] = "";
    enum servq_status st = servq_analysis_new(ins, o, &c.a);

    *state = *merged = NULL;
    if (st == SERVQ_OK)
        st = read_text(csv, strlen(csv), analysis_record, &c);
    if (st == SERVQ_OK)
        st = servq_analysis_state(c.a, state);
    if (st == SERVQ_OK && !given)
        given = *state;
    if (st == SERVQ_OK)
        st = servq_analysis_from_state(given, strlen(given), &ins2, &a, keep_text, err);
    if (st == SERVQ_OK)
        st = servq_analysis_result(a, &doc);
    servq_analysis_free(a);
    a = NULL;
    if (st == SERVQ_OK) {
        servq_instrument_free(ins2);
        ins2 = NULL;
        st = servq_analysis_from_state(given, strlen(given), &ins2, &a, keep_text, err);
    }
    if (st == SERVQ_OK)
        st = servq_analysis_merge_state(a, given, strlen(given));
    if (st == SERVQ_OK)
        st = servq_analysis_result(a, merged);
    if (st != SERVQ_OK)
        printf("# state: %s %s\n", servq_strerror(st), err);
    servq_analysis_free(a);
    servq_analysis_free(c.a);
    servq_instrument_free(ins2);
    return doc;
}

/* Keeps the report's error (its buffer holds 256 bytes). */
static void keep_error(const struct servq_message *msg, void *user)
{
    if (msg->level == SERVQ_LEVEL_ERROR)
        snprintf(user, 256, "%s", msg->text);
}

static char *report(const char *doc1, const char *doc2, enum servq_report_format format)
{
    struct servq_report_options o;
    const char *docs[2] = {doc1, doc2};
    size_t lens[2];
    char *out = NULL, err[256] = "";
    enum servq_status st;

    if (!doc1 || !doc2)
        return NULL;
    lens[0] = strlen(doc1);
    lens[1] = strlen(doc2);
    servq_report_options_init(&o);
    o.format = format;
    o.lang = "en";
    o.message = keep_error;
    o.message_user = err;
    st = servq_report_render(docs, lens, 2, &o, &out);
    if (st != SERVQ_OK) {
        printf("# report: %s %s\n", servq_strerror(st), err);
        return NULL;
    }
    return out;
}

static char *render(const char *doc, int csv)
{
    char *out = NULL;
    enum servq_status st;

    if (!doc)
        return NULL;
    st = csv ? servq_gaps_render_csv(doc, strlen(doc), 0, &out)
             : servq_gaps_render_text(doc, strlen(doc), "en", &out);
    return st == SERVQ_OK ? out : NULL;
}

/* The number helpers on values of every shape, one line each. */
static char *numbers(void)
{
    static const double values[] = {0.5,     -4.5,  0.1,     1.0 / 3,  2.0 / 3,   1e-300,
                                    1e300,   -0.0,  123456789012345678.0,  6.02214076e23,
                                    4.9e-324, 1e15, 0.30000000000000004, -1e-7, 99.999};
    static const char *const texts[] = {"4.5", "-0.25", "1.2345678901234567", "3e-2",
                                        "2.5E+1", "0.33333333333333331", "1e-100", "7,25",
                                        "123456789.123456789", "1e400", "4,5,6,5"};
    struct text out = {NULL, 0, 0};
    char buf[400], line[900];
    size_t i;
    double v;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        char fixed[400];
        servq_format_double(buf, sizeof buf, values[i]);
        servq_format_fixed(fixed, sizeof fixed, values[i], 3);
        snprintf(line, sizeof line, "%s %s\n", buf, fixed);
        if (text_add(&out, line, strlen(line)) != 0)
            break;
    }
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double vc = 0;
        uint64_t bits = 0, bits_c = 0;
        int dot = servq_parse_double(texts[i], strlen(texts[i]), '.', &v);
        int comma = servq_parse_double(texts[i], strlen(texts[i]), ',', &vc);
        /* The bits, not printf's "%a", whose point is the locale's too. */
        if (dot == 0)
            memcpy(&bits, &v, sizeof bits);
        if (comma == 0)
            memcpy(&bits_c, &vc, sizeof bits_c);
        snprintf(line, sizeof line, "%s: %d %016llx %d %016llx\n", texts[i], dot,
                 (unsigned long long)bits, comma, (unsigned long long)bits_c);
        if (text_add(&out, line, strlen(line)) != 0)
            break;
    }
    return out.data;
}

enum {
    OUT_CANONICAL_DOT,
    OUT_CANONICAL_COMMA,
    OUT_DOC,
    OUT_DOC_WEIGHTED,
    OUT_TEXT,
    OUT_CSV,
    OUT_STATE,
    OUT_RELOADED,
    OUT_MERGED,
    OUT_SCORE_CSV,
    OUT_SCORE_JSONL,
    OUT_REPORT_TEXT,
    OUT_REPORT_MARKDOWN,
    OUT_REPORT_HTML,
    OUT_NUMBERS,
    N_OUT
};

static const char *const out_names[N_OUT] = {
    "canonical responses (export with '.')",
    "canonical responses (export with ';' and ',')",
    "gap-analysis document",
    "gap-analysis document with --weight and --by branch",
    "gap-analysis --format text",
    "gap-analysis --format csv",
    "state",
    "document of the reloaded state",
    "document of the state merged with itself",
    "score CSV",
    "score JSON Lines",
    "report text",
    "report Markdown",
    "report HTML",
    "number formatting and parsing",
};

/*
 * Every run, into out. With from (the C locale's outputs), each stage
 * reads what the C run's stage before it wrote, so each writer and reader
 * is judged on its own.
 */
static void run_all(const struct servq_instrument *ins, char *out[N_OUT],
                    char *const *from)
{
    struct text dot = {NULL, 0, 0}, comma = {NULL, 0, 0};
    struct servq_analysis_options o;
    const char *by[] = {"branch"};
    const char *csv, *doc, *wdoc;

    memset(out, 0, N_OUT * sizeof *out);
    if (make_export(&dot, 0) == 0 && make_export(&comma, 1) == 0) {
        out[OUT_CANONICAL_DOT] = import(ins, &dot, 0);
        out[OUT_CANONICAL_COMMA] = import(ins, &comma, 1);
    }
    free(dot.data);
    free(comma.data);
    csv = (from ? from : out)[OUT_CANONICAL_DOT];
    if (csv) {
        servq_analysis_options_init(&o);
        out[OUT_DOC] = test_analyse(ins, csv, strlen(csv), &o);
        o.weight = "weight";
        o.by = by;
        o.n_by = 1;
        out[OUT_DOC_WEIGHTED] = test_analyse(ins, csv, strlen(csv), &o);
        out[OUT_RELOADED] = state_round_trip(ins, csv, &o, (from ? from : out)[OUT_STATE],
                                             &out[OUT_STATE], &out[OUT_MERGED]);
        out[OUT_SCORE_CSV] = score(ins, csv, SERVQ_SCORE_CSV);
        out[OUT_SCORE_JSONL] = score(ins, csv, SERVQ_SCORE_JSONL);
    }
    doc = (from ? from : out)[OUT_DOC];
    wdoc = (from ? from : out)[OUT_DOC_WEIGHTED];
    out[OUT_TEXT] = render(wdoc, 0);
    out[OUT_CSV] = render(wdoc, 1);
    out[OUT_REPORT_TEXT] = report(doc, wdoc, SERVQ_REPORT_TEXT);
    out[OUT_REPORT_MARKDOWN] = report(doc, wdoc, SERVQ_REPORT_MARKDOWN);
    out[OUT_REPORT_HTML] = report(doc, wdoc, SERVQ_REPORT_HTML);
    out[OUT_NUMBERS] = numbers();
}

static void free_all(char *out[N_OUT])
{
    size_t i;

    for (i = 0; i < N_OUT; i++)
        servq_free(out[i]);
}

/* The first line where a and b differ, for the TAP comment. */
static void show_difference(const char *a, const char *b)
{
    size_t line = 1, i = 0, start = 0;

    while (a[i] && a[i] == b[i]) {
        if (a[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    printf("#   line %zu: C '%.100s'\n", line, a + start);
    printf("#   line %zu: de_DE '%.100s'\n", line, b + start);
}

int main(void)
{
    struct servq_instrument *ins = NULL;
    char *c_out[N_OUT], *de_out[N_OUT], probe[16];
    size_t i;

    if (!ok(servq_instrument_default(&ins) == SERVQ_OK, "built-in instrument"))
        return tap_done();
    setlocale(LC_ALL, "C");
    run_all(ins, c_out, NULL);
    for (i = 0; i < N_OUT; i++)
        ok(c_out[i] != NULL, "C locale: %s", out_names[i]);
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        skip(N_OUT + 1, "locale de_DE.UTF-8 is not installed (scripts/install-deps makes it)");
    } else {
        /* The locale is in effect: printf itself writes a comma now. */
        snprintf(probe, sizeof probe, "%.1f", 4.5);
        is_str(probe, "4,5", "de_DE.UTF-8: printf writes 4.5 as 4,5");
        run_all(ins, de_out, c_out);
        for (i = 0; i < N_OUT; i++) {
            int same = c_out[i] && de_out[i] && strcmp(c_out[i], de_out[i]) == 0;
            ok(same, "de_DE.UTF-8 gives the same bytes as C: %s", out_names[i]);
            if (!same && c_out[i] && de_out[i])
                show_difference(c_out[i], de_out[i]);
        }
        free_all(de_out);
        setlocale(LC_ALL, "C");
    }
    /* The runs compare something: the numbers are there to differ. */
    ok(c_out[OUT_STATE] && strstr(c_out[OUT_STATE], "0.7"), "the state holds decimals");
    ok(c_out[OUT_CANONICAL_COMMA] && c_out[OUT_CANONICAL_DOT] &&
           strcmp(c_out[OUT_CANONICAL_COMMA], c_out[OUT_CANONICAL_DOT]) == 0,
       "an export with ',' decimals imports as the one with '.'");
    ok(c_out[OUT_DOC_WEIGHTED] && strstr(c_out[OUT_DOC_WEIGHTED], "is 0."),
       "the document has a reliability warning with a decimal in it");
    ok(c_out[OUT_RELOADED] && c_out[OUT_DOC_WEIGHTED] &&
           strcmp(c_out[OUT_RELOADED], c_out[OUT_DOC_WEIGHTED]) == 0,
       "the reloaded state gives the document");
    free_all(c_out);
    servq_instrument_free(ins);
    return tap_done();
}
