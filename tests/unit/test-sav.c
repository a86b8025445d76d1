/*
 * Unit tests for SPSS system files (lib/input/sav.c): files made in memory with
 * ReadStat's writer, as .sav and as .zsav, come back as the header and
 * case records the importer takes; every cut-short copy of them fails
 * cleanly; anything else is refused by its magic.
 */
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"
#include "../spss-dates.h"
#include "tap.h"

/* ---- writing a file into memory ---- */

struct mem {
    unsigned char *data;
    size_t len, cap;
};

static ssize_t mem_write(const void *p, size_t n, void *user)
{
    struct mem *m = user;

    if (m->len + n > m->cap) {
        size_t cap = (m->len + n) * 2;
        unsigned char *d = realloc(m->data, cap);
        if (!d)
            return -1;
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, p, n);
    m->len += n;
    return (ssize_t)n;
}

/* Seconds since 1582-10-14, as SPSS keeps dates. */
static double spss_time(int y, unsigned m, unsigned d, int hh, int mm, int ss)
{
    return (double)(days_from_civil(y, m, d) + 141428) * 86400.0 + hh * 3600 + mm * 60 + ss;
}

/*
 * Three cases: an id, a date, a date-time, a branch with a comma, a rating
 * with value labels and 9 declared missing, and importance points.
 */
static int write_sample(struct mem *out, readstat_compress_t compression)
{
    static const char *const labels[] = {"Strongly disagree", "Disagree", "Somewhat disagree",
                                         "Neither", "Somewhat agree", "Agree", "Strongly agree"};
    readstat_writer_t *w = readstat_writer_init();
    readstat_label_set_t *likert;
    readstat_variable_t *id, *when, *stamp, *branch, *p1, *imp;
    readstat_error_t e = READSTAT_OK;
    int i;

    if (!w)
        return -1;
    readstat_set_data_writer(w, mem_write);
    readstat_writer_set_compression(w, compression);
    likert = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "likert");
    for (i = 0; i < 7; i++)
        readstat_label_double_value(likert, i + 1, labels[i]);
    readstat_label_double_value(likert, 9, "No answer");
    id = readstat_add_variable(w, "id", READSTAT_TYPE_STRING, 8);
    when = readstat_add_variable(w, "when", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_format(when, "DATE11");
    stamp = readstat_add_variable(w, "stamp", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_format(stamp, "DATETIME20");
    branch = readstat_add_variable(w, "branch", READSTAT_TYPE_STRING, 16);
    p1 = readstat_add_variable(w, "P1", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_format(p1, "F1.0");
    readstat_variable_set_label_set(p1, likert);
    readstat_variable_add_missing_double_value(p1, 9);
    imp = readstat_add_variable(w, "imp", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_format(imp, "F8.2");

    e = readstat_begin_writing_sav(w, out, 3);
    for (i = 0; i < 3 && e == READSTAT_OK; i++) {
        static const char *const ids[] = {"A1", "A2", "A3"};
        static const char *const branches[] = {"Centro", "Norte, sur", "=1+2"};
        static const double ratings[] = {7, 9, 0};
        static const double points[] = {12.5, 0, -3};
        e = readstat_begin_row(w);
        if (e == READSTAT_OK)
            e = readstat_insert_string_value(w, id, ids[i]);
        if (e == READSTAT_OK)
            e = i == 2 ? readstat_insert_missing_value(w, when)
                       : readstat_insert_double_value(w, when, spss_time(2026, 10, 26 + i, 0, 0, 0));
        if (e == READSTAT_OK)
            e = readstat_insert_double_value(w, stamp, spss_time(2026, 10, 26, 9, 14, 5 + i));
        if (e == READSTAT_OK)
            e = readstat_insert_string_value(w, branch, branches[i]);
        if (e == READSTAT_OK)
            e = i == 2 ? readstat_insert_missing_value(w, p1)
                       : readstat_insert_double_value(w, p1, ratings[i]);
        if (e == READSTAT_OK)
            e = readstat_insert_double_value(w, imp, points[i]);
        if (e == READSTAT_OK)
            e = readstat_end_row(w);
    }
    if (e == READSTAT_OK)
        e = readstat_end_writing(w);
    readstat_writer_free(w);
    return e == READSTAT_OK ? 0 : -1;
}

/* ---- reading it back ---- */

struct got {
    char text[4096]; /* "line:field|field|...\n" per record */
    size_t len;
    char raw[256];   /* the raw text of case 2 */
    char message[512];
    int records, abort_after;
};

static int on_record(const struct servq_record *rec, void *user)
{
    struct got *g = user;
    size_t i;

    g->len += (size_t)snprintf(g->text + g->len, sizeof g->text - g->len, "%llu:", rec->line);
    for (i = 0; i < rec->n_fields && g->len < sizeof g->text; i++)
        g->len += (size_t)snprintf(g->text + g->len, sizeof g->text - g->len, "%s%.*s",
                                   i ? "|" : "", (int)rec->fields[i].len, rec->fields[i].data);
    if (g->len < sizeof g->text)
        g->len += (size_t)snprintf(g->text + g->len, sizeof g->text - g->len, "\n");
    if (rec->line == 2)
        snprintf(g->raw, sizeof g->raw, "%.*s", (int)rec->raw_len, rec->raw);
    return ++g->records == g->abort_after ? SERVQ_CB_ABORT : SERVQ_CB_OK;
}

static void on_message(const struct servq_message *m, void *user)
{
    struct got *g = user;

    snprintf(g->message, sizeof g->message, "%s", m->text);
}

static enum servq_status read_back(const struct mem *m, size_t len, struct got *g)
{
    memset(g, 0, sizeof *g);
    return servq_sav_read_memory(m->data, len, on_record, g, on_message, g);
}

static const char want[] = "0:id|when|stamp|branch|P1|imp\n"
                           "1:A1|2026-10-26|2026-10-26 09:14:05|Centro|7|12.5\n"
                           "2:A2|2026-10-27|2026-10-26 09:14:06|Norte, sur||0\n"
                           "3:A3||2026-10-26 09:14:07|=1+2||-3\n";

static void test_round_trip(const char *what, readstat_compress_t compression, char magic)
{
    struct mem m = {NULL, 0, 0};
    struct got g;

    if (!ok(write_sample(&m, compression) == 0, "%s: ReadStat writes the sample", what)) {
        free(m.data);
        return;
    }
    ok(servq_sav_detect(m.data, m.len) && m.data[3] == (unsigned char)magic,
       "%s: detected by its magic $FL%c", what, magic);
    is_int(read_back(&m, m.len, &g), SERVQ_OK, "%s: reads", what);
    is_str(g.text, want,
           "%s: names, strings, dates, codes not labels, user- and system-missing empty", what);
    is_str(g.raw, "A2,2026-10-27,2026-10-26 09:14:06,\"Norte, sur\",,0",
           "%s: raw is the case as a CSV record", what);

    /* Every copy cut short fails as damaged, and only whole cases came out. */
    {
        size_t cut, bad = 0, partial = 0;
        for (cut = 0; cut < m.len; cut++) {
            enum servq_status st = read_back(&m, cut, &g);
            if (st != SERVQ_ERR_DATA || !g.message[0])
                bad++;
            if (g.records > 0 && strncmp(g.text, want, g.len) != 0)
                partial++;
        }
        is_int((long long)bad, 0, "%s: all %zu truncations are SERVQ_ERR_DATA with a reason",
               what, m.len);
        is_int((long long)partial, 0, "%s: what a truncated file gave was whole records", what);
    }
    read_back(&m, m.len - 3, &g);
    ok(strstr(g.message, "truncated") != NULL, "%s: a cut in the data says truncated (%s)", what,
       g.message);

    memset(&g, 0, sizeof g);
    g.abort_after = 1;
    is_int(servq_sav_read_memory(m.data, m.len, on_record, &g, NULL, NULL), SERVQ_ERR_ABORTED,
           "%s: the record callback can stop the read", what);
    is_int(g.records, 1, "%s: nothing after the abort", what);
    free(m.data);
}

static void test_not_spss(void)
{
    static const char csv[] = "id,P1\nA1,7\n";
    struct mem m = {(unsigned char *)csv, sizeof csv - 1, 0};
    struct got g;

    ok(!servq_sav_detect(csv, sizeof csv - 1), "CSV is not detected");
    ok(!servq_sav_detect("$FL2", 3), "three bytes are too few");
    ok(!servq_sav_detect("$FL4xxxx", 8), "$FL4 is not SPSS");
    is_int(read_back(&m, m.len, &g), SERVQ_ERR_DATA, "CSV is refused");
    is_str(g.message, "not an SPSS system file: it does not start with $FL2 or $FL3",
           "with a plain reason");
    is_int(g.records, 0, "and no record");
    is_int(servq_sav_read_memory(NULL, 0, on_record, &g, NULL, NULL), SERVQ_ERR_DATA,
           "an empty file is refused");
    is_int(servq_sav_read(NULL, on_record, &g, NULL, NULL), SERVQ_ERR_ARG, "no io: SERVQ_ERR_ARG");
}

/* A corrupt dictionary: the sample with its first variable record's type garbled. */
static void test_corrupt(void)
{
    struct mem m = {NULL, 0, 0};
    struct got g;
    size_t i;

    if (write_sample(&m, READSTAT_COMPRESS_NONE) != 0)
        return;
    /* The header record is 176 bytes; then rec_type 2 and the variable's type. */
    for (i = 176 + 4; i < 176 + 8; i++)
        m.data[i] = 0x80;
    is_int(read_back(&m, m.len, &g), SERVQ_ERR_DATA, "a garbled dictionary is SERVQ_ERR_DATA");
    ok(g.message[0] != '\0', "with a reason (%s)", g.message);
    free(m.data);
}

int main(void)
{
    test_round_trip("sav", READSTAT_COMPRESS_NONE, '2');
    test_round_trip("sav, rows compressed", READSTAT_COMPRESS_ROWS, '2');
    test_round_trip("zsav", READSTAT_COMPRESS_BINARY, '3');
    test_not_spss();
    test_corrupt();
    return tap_done();
}
