/*
 * Unit tests for the import front end: the decoder fed in chunks of every
 * size (a character split across feeds must come out whole), delimiter
 * detection, dialect detection and date formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/dialect-priv.h"
#include "import/map-priv.h"
#include "servq/servq.h"
#include "tap.h"

struct sink {
    char buf[4096];
    size_t len;
};

static int collect(const char *s, size_t n, void *user)
{
    struct sink *k = user;

    if (k->len + n >= sizeof k->buf)
        return SERVQ_CB_ABORT;
    memcpy(k->buf + k->len, s, n);
    k->len += n;
    k->buf[k->len] = '\0';
    return SERVQ_CB_OK;
}

/* Decodes in by feeds of `step` bytes; returns the status of the last call. */
static enum servq_status decode(const char *enc, const char *in, size_t n, size_t step,
                                struct sink *out, const char **chosen)
{
    struct servq_decoder *d = NULL;
    enum servq_status st;
    size_t i;

    out->len = 0;
    out->buf[0] = '\0';
    if ((st = servq_decoder_new(enc, collect, out, &d)) != SERVQ_OK)
        return st;
    for (i = 0; i < n && st == SERVQ_OK; i += step)
        st = servq_decoder_feed(d, in + i, n - i < step ? n - i : step);
    if (st == SERVQ_OK)
        st = servq_decoder_finish(d);
    if (chosen) {
        /* The name lives in the decoder: keep a copy past its free. */
        static char name[64];
        snprintf(name, sizeof name, "%s",
                 servq_decoder_encoding(d) ? servq_decoder_encoding(d) : "");
        *chosen = name;
    }
    servq_decoder_free(d);
    return st;
}

static void test_decoder(void)
{
    static const char utf16le[] = "\xFF\xFE"
                                  "a\0\xE9\0,\0=\xD8\x00\xDE\n\0";
    static const char utf16be[] = "\xFE\xFF"
                                  "\0a\0\xE9\0,\xD8=\xDE\x00\0\n";
    static const char cp1252[] = "M\xFCnchen \x80\x81\n";
    static const char utf8[] = "\xEF\xBB\xBFP\xC3\xA9rez \xE2\x82\xAC\n";
    static const char cp949[] = "\xB1\xE2\xB4\xEB,\xC0\xCE\xC1\xF6\n";
    const char *chosen;
    struct sink out;
    size_t step;
    int all = 1;

    for (step = 1; step <= 8; step++) {
        all &= decode(NULL, utf16le, sizeof utf16le - 1, step, &out, &chosen) == SERVQ_OK &&
               strcmp(out.buf, "a\xC3\xA9,\xF0\x9F\x98\x80\n") == 0 &&
               strcmp(chosen, "UTF-16LE") == 0;
        all &= decode(NULL, utf16be, sizeof utf16be - 1, step, &out, &chosen) == SERVQ_OK &&
               strcmp(out.buf, "a\xC3\xA9,\xF0\x9F\x98\x80\n") == 0 &&
               strcmp(chosen, "UTF-16BE") == 0;
        all &= decode(NULL, utf8, sizeof utf8 - 1, step, &out, &chosen) == SERVQ_OK &&
               strcmp(out.buf, "P\xC3\xA9rez \xE2\x82\xAC\n") == 0 && strcmp(chosen, "UTF-8") == 0;
        all &= decode("CP949", cp949, sizeof cp949 - 1, step, &out, NULL) == SERVQ_OK &&
               strcmp(out.buf, "\xEA\xB8\xB0\xEB\x8C\x80,\xEC\x9D\xB8\xEC\xA7\x80\n") == 0;
    }
    ok(all, "UTF-16LE/BE (with a surrogate pair), UTF-8 with BOM and CP949 decode the same "
            "whatever the feed size");
    ok(decode(NULL, cp1252, sizeof cp1252 - 1, 3, &out, &chosen) == SERVQ_OK &&
           strcmp(chosen, "Windows-1252") == 0 &&
           strcmp(out.buf, "M\xC3\xBCnchen \xE2\x82\xAC\xC2\x81\n") == 0,
       "invalid UTF-8 is read as Windows-1252, unassigned 0x81 kept as U+0081");
    ok(decode("CP949", "\xB1\n\xFF\xFF\n", 5, 2, &out, NULL) == SERVQ_ERR_ENCODING,
       "a byte a named encoding cannot decode is an error");
    ok(decode("NO-SUCH-ENCODING", "", 0, 1, &out, NULL) == SERVQ_ERR_ENCODING,
       "an unknown encoding name is refused");
    ok(decode(NULL,
              "\xFF\xFE"
              "a",
              3, 1, &out, NULL) == SERVQ_ERR_ENCODING,
       "UTF-16 cut in the middle of a character is an error");
    ok(decode(NULL, "", 0, 1, &out, &chosen) == SERVQ_OK && out.len == 0 &&
           strcmp(chosen, "UTF-8") == 0,
       "empty input decodes to nothing");
}

/* UTF-16 without a byte-order mark, and what must not be taken for it. */
static void test_decoder_no_bom(void)
{
    static const char le[] = "i\0d\0,\0\xE9\0\n\0"
                             "1\0,\0\x16\x04\n\0";
    static const char be[] = "\0i\0d\0,\0\xE9\0\n"
                             "\0"
                             "1\0,\x04\x16\0\n";
    static const char one_nul[] = "id,name\nr1,a\0b\nr2,c\nr3,d\n";
    const char *chosen;
    struct sink out;
    size_t step;
    int all = 1;

    for (step = 1; step <= 5; step++) {
        all &= decode(NULL, le, sizeof le - 1, step, &out, &chosen) == SERVQ_OK &&
               strcmp(out.buf, "id,\xC3\xA9\n1,\xD0\x96\n") == 0 && strcmp(chosen, "UTF-16LE") == 0;
        all &= decode(NULL, be, sizeof be - 1, step, &out, &chosen) == SERVQ_OK &&
               strcmp(out.buf, "id,\xC3\xA9\n1,\xD0\x96\n") == 0 && strcmp(chosen, "UTF-16BE") == 0;
    }
    ok(all, "UTF-16LE and BE without a byte-order mark are recognised by their zero bytes");
    ok(decode(NULL, one_nul, sizeof one_nul - 1, 4, &out, &chosen) == SERVQ_OK &&
           strcmp(chosen, "UTF-8") == 0,
       "a stray NUL in UTF-8 text does not make it UTF-16");
}

struct count_sink {
    size_t utf8, mojibake;
};

/* Counts "\xC3\xA3" (ã read as UTF-8) and "\xC3\x83" (its first byte read as 1252). */
static int count_a_tilde(const char *s, size_t n, void *user)
{
    struct count_sink *c = user;
    size_t i;

    for (i = 0; i + 1 < n; i++) {
        c->utf8 += s[i] == '\xC3' && s[i + 1] == '\xA3';
        c->mojibake += s[i] == '\xC3' && s[i + 1] == '\x83';
    }
    return SERVQ_CB_OK;
}

/*
 * The first 64 KiB decide the encoding even when they come in one feed with
 * more: a stray byte after them must not turn valid UTF-8 into mojibake.
 */
static void test_decoder_sniff_window(void)
{
    static const char row[] = "S\xC3\xA3o Paulo\n";
    size_t rows = 70 * 1024 / (sizeof row - 1), i, len = 0;
    char *in = malloc(rows * (sizeof row - 1) + 16);
    struct count_sink c = {0, 0};
    struct servq_decoder *d = NULL;
    enum servq_status st;

    for (i = 0; i < rows; i++) {
        memcpy(in + len, row, sizeof row - 1);
        len += sizeof row - 1;
    }
    memcpy(in + len, "S\xE3o\n", 5);
    len += 5;
    st = servq_decoder_new(NULL, count_a_tilde, &c, &d);
    if (st == SERVQ_OK)
        st = servq_decoder_feed(d, in, len);
    if (st == SERVQ_OK)
        st = servq_decoder_finish(d);
    ok(st == SERVQ_OK && strcmp(servq_decoder_encoding(d), "UTF-8") == 0 && c.utf8 == rows + 1 &&
           c.mojibake == 0,
       "one feed of 70 KiB of UTF-8 and a late stray byte stays UTF-8 (%zu of %zu)", c.utf8,
       rows + 1);
    servq_decoder_free(d);
    free(in);
}

/* servq_map_parse_opts: the answer labels are bounded. */
static void test_map_labels(void)
{
    static const char map[] = "{\"schema\": \"servq.map/1\", \"labels\": {\"a\": 1, \"b\": 2, "
                              "\"c\": 3}, \"columns\": [{\"column\": \"E1\", \"item\": \"q1\", "
                              "\"measure\": \"E\"}]}";
    struct servq_map_options o;
    struct servq_map *m = NULL;
    char err[256];

    servq_map_options_init(&o);
    ok(o.max_labels == SERVQ_DEFAULT_MAX_LABELS, "map options: default max_labels");
    o.max_labels = 3;
    ok(servq_map_parse_opts(map, strlen(map), &o, &m, err, sizeof err) == SERVQ_OK,
       "map: 3 labels with max_labels 3");
    servq_map_free(m);
    m = NULL;
    o.max_labels = 2;
    ok(servq_map_parse_opts(map, strlen(map), &o, &m, err, sizeof err) == SERVQ_ERR_LIMIT && !m &&
           strcmp(err, "more than 2 answer labels") == 0,
       "map: 3 labels with max_labels 2 is SERVQ_ERR_LIMIT (%s)", err);
    o.max_labels = 0;
    ok(servq_map_parse_opts(map, strlen(map), &o, &m, err, sizeof err) == SERVQ_ERR_ARG,
       "map: max_labels 0 is refused");
}

static void test_delimiter(void)
{
    static const char semi[] = "id;text;E1\nr1;\"a, b, c\";5\nr2;x,y;4\n";
    static const char tab[] = "id\tE1\tP1\nr1\t5\t6\n";
    static const char pipe[] = "id|E1|P1\nr1|5|6\nr2|5|6\n";
    static const char comma[] = "id,E1,P1\nr1,\"5;6\",6\n";
    static const char quoted_nl[] = "a;b\n\"x\ny,z\";2\n";

    ok(servq_detect_delimiter(semi, strlen(semi), 1) == ';', "';' with commas in quotes");
    ok(servq_detect_delimiter(tab, strlen(tab), 1) == '\t', "tab");
    ok(servq_detect_delimiter(pipe, strlen(pipe), 1) == '|', "'|'");
    ok(servq_detect_delimiter(comma, strlen(comma), 1) == ',', "',' with ';' in quotes");
    ok(servq_detect_delimiter(quoted_nl, strlen(quoted_nl), 1) == ';',
       "quoted line breaks do not end records");
    ok(servq_detect_delimiter("x\n", 2, 1) == ',', "one column: the default ','");
}

static void save(struct servq_saved_record *s, const char *const *cells, size_t n)
{
    struct servq_field f[8];
    struct servq_record rec;
    size_t i;

    for (i = 0; i < n; i++) {
        f[i].data = cells[i];
        f[i].len = strlen(cells[i]);
    }
    memset(&rec, 0, sizeof rec);
    rec.fields = f;
    rec.n_fields = n;
    rec.line = 1;
    rec.raw = "";
    servq_saved_record_copy(s, &rec);
}

static void test_dialects(void)
{
    static const char *const q1[] = {"StartDate", "ResponseId", "Q1#1_1"};
    static const char *const q2[] = {"Start Date", "Response ID", "Service - Expected"};
    static const char *const q3[] = {"{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"_recordId\"}",
                                     "{\"ImportId\":\"QID1#1_1\"}"};
    static const char *const sm1[] = {"RespondentID", "Rate us", ""};
    static const char *const sm2[] = {"", "Speed", "Price"};
    static const char *const ls1[] = {"id. Response ID", "Q1[SQ001]. Speed"};
    struct servq_saved_record r[3];
    struct servq_header h;
    const char *why;
    unsigned rows;
    enum servq_dialect d;

    save(&r[0], q1, 3);
    save(&r[1], q2, 3);
    save(&r[2], q3, 3);
    d = servq_dialect_detect(r, 3, &rows, &why);
    ok(d == SERVQ_DIALECT_QUALTRICS && rows == 3, "Qualtrics: three header rows");
    ok(servq_header_build(&h, d, r, 3) == SERVQ_OK && strcmp(h.cols[2].key, "Q1#1_1") == 0 &&
           strcmp(h.cols[2].text, "Service - Expected") == 0,
       "Qualtrics names: the id row is the key, the second row the text");
    servq_header_release(&h);
    servq_saved_record_release(&r[0]);
    servq_saved_record_release(&r[1]);
    servq_saved_record_release(&r[2]);

    save(&r[0], sm1, 3);
    save(&r[1], sm2, 3);
    d = servq_dialect_detect(r, 2, &rows, &why);
    ok(d == SERVQ_DIALECT_SURVEYMONKEY && rows == 2, "SurveyMonkey: two header rows");
    ok(servq_header_build(&h, d, r, 2) == SERVQ_OK && strcmp(h.cols[2].key, "Rate us | Price") == 0,
       "SurveyMonkey: a blank cell continues the spanned question");
    servq_header_release(&h);
    servq_saved_record_release(&r[0]);
    servq_saved_record_release(&r[1]);

    save(&r[0], ls1, 2);
    d = servq_dialect_detect(r, 1, &rows, &why);
    ok(d == SERVQ_DIALECT_LIMESURVEY && rows == 1, "LimeSurvey \"code. text\"");
    ok(servq_header_build(&h, d, r, 1) == SERVQ_OK && strcmp(h.cols[1].key, "Q1[SQ001]") == 0 &&
           strcmp(h.cols[1].text, "Speed") == 0,
       "LimeSurvey: the code is the key");
    servq_header_release(&h);
    servq_saved_record_release(&r[0]);
}

static void test_dates(void)
{
    char out[32];

    ok(servq_date_convert("12/13/2019 12:02:32", 19, "%m/%d/%Y %H:%M:%S", out, sizeof out) == 0 &&
           strcmp(out, "2019-12-13 12:02:32") == 0,
       "month/day/year");
    ok(servq_date_convert("2022/03/26 11:00:19 PM AST", 26, "%Y/%m/%d %I:%M:%S %p %Z", out,
                          sizeof out) == 0 &&
           strcmp(out, "2022-03-26 23:00:19") == 0,
       "12-hour clock with a zone name");
    ok(servq_date_convert("43704.770684467592", 18, "excel", out, sizeof out) == 0 &&
           strcmp(out, "2019-08-27 18:29:47") == 0,
       "Excel serial day");
    ok(servq_date_convert("29.02.2023", 10, "%d.%m.%Y", out, sizeof out) != 0,
       "a day the calendar lacks is refused");
    ok(servq_date_convert("12/13/2019", 10, "%m/%d/%Y %H:%M:%S", out, sizeof out) != 0,
       "a date shorter than its format is refused");
}

static int ignore_rows(const char *s, size_t n, void *user)
{
    (void)s;
    (void)n;
    (void)user;
    return SERVQ_CB_OK;
}

/* Appends the line number of each rejected row to the string user. */
static int note_reject(const struct servq_reject *rej, void *user)
{
    char *lines = user;
    size_t at = strlen(lines);

    snprintf(lines + at, 256 - at, "%s%llu", at ? " " : "", rej->line);
    return SERVQ_CB_OK;
}

/*
 * Imports one row for each id in ids (separated by spaces) and returns the
 * lines of the rows rejected, as "4 7".
 */
static const char *rejected_ids(const char *ids, char *lines)
{
    struct servq_instrument *ins = NULL;
    struct servq_importer *imp = NULL;
    struct servq_field f[3] = {{"id", 2}, {"E01", 3}, {"P01", 3}};
    struct servq_record rec = {f, 3, 1, 1, NULL, 0};
    char *copy = strdup(ids), *id, *save = NULL;

    lines[0] = '\0';
    if (!copy || servq_instrument_default(&ins) != SERVQ_OK ||
        servq_importer_new(ins, NULL, ignore_rows, note_reject, lines, &imp) != SERVQ_OK ||
        servq_importer_add(imp, &rec) != SERVQ_OK) {
        snprintf(lines, 256, "setup failed");
        goto done;
    }
    f[1].data = f[2].data = "5";
    f[1].len = f[2].len = 1;
    for (id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
        f[0].data = id;
        f[0].len = strlen(id);
        rec.line++;
        if (servq_importer_add(imp, &rec) != SERVQ_OK) {
            snprintf(lines, 256, "add failed");
            break;
        }
    }
done:
    free(copy);
    servq_importer_free(imp);
    servq_instrument_free(ins);
    return lines;
}

/*
 * Duplicate ids are found whatever the order: while ids ascend (by length,
 * then byte by byte) the importer only logs them, and the first id out of
 * order moves the log into a hash table. Lines count the header as 1.
 */
static void test_duplicate_ids(void)
{
    static const struct {
        const char *ids, *want;
    } cases[] = {
        {"1 2 3", ""},
        {"1 2 3 2", "5"},
        {"3 1 3", "4"},
        {"1 2 2", "4"},
        {"9 10 11 10 9", "5 6"},
        {"R2 R1 R2 R3 R1 R4", "4 6"},
        {"b a", ""},
        {"a a", "3"},
    };
    char lines[256], many[8192];
    size_t i, at = 0;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_str(rejected_ids(cases[i].ids, lines), cases[i].want, "duplicate ids in '%s'",
               cases[i].ids);
    /* Past the log's first growth and the table's: 1500 ascending ids, then the first again. */
    for (i = 1; i <= 1500; i++)
        at += (size_t)snprintf(many + at, sizeof many - at, "%zu ", i);
    snprintf(many + at, sizeof many - at, "1");
    is_str(rejected_ids(many, lines), "1502", "1500 ascending ids, then the first again");
}

/*
 * Column names that look like a rating (a renamed column) against names
 * that merely hold a number, in English, Spanish, Portuguese and Russian.
 */
static void test_lookalikes(void)
{
    static const struct {
        const char *name;
        int measure; /* -1: not a look-alike */
        long number;
    } cases[] = {
        {"E5x", SERVQ_MEASURE_E, 5},
        {"Perception7", SERVQ_MEASURE_P, 7},
        {"exp_5", SERVQ_MEASURE_E, 5},
        {"P7_new", SERVQ_MEASURE_P, 7},
        {"Q16_E", SERVQ_MEASURE_E, 16},
        {"perception_q17", SERVQ_MEASURE_P, 17},
        {"Expectation 3", SERVQ_MEASURE_E, 3},
        {"expected-12", SERVQ_MEASURE_E, 12},
        {"Perceived service 4", SERVQ_MEASURE_P, 4},
        {"Expectativa 9", SERVQ_MEASURE_E, 9},
        {"expectativas_2", SERVQ_MEASURE_E, 2},
        {"Percepción_10", SERVQ_MEASURE_P, 10},
        {"PERCEPCIÓN 11", SERVQ_MEASURE_P, 11},
        {"Expectativa12", SERVQ_MEASURE_E, 12},
        {"Percepção13", SERVQ_MEASURE_P, 13},
        {"percepcao [14]", SERVQ_MEASURE_P, 14},
        {"Ожидание 14", SERVQ_MEASURE_E, 14},
        {"ожидания_3", SERVQ_MEASURE_E, 3},
        {"Восприятие_15", SERVQ_MEASURE_P, 15},
        {"ВОСПРИЯТИЕ 2", SERVQ_MEASURE_P, 2},
        {"adequate_6", SERVQ_MEASURE_A, 6},
        {"Desired service 6", SERVQ_MEASURE_D, 6},
        {"Deseado 8", SERVQ_MEASURE_D, 8},
        {"branch", -1, 0},
        {"age", -1, 0},
        {"Q5_comment", -1, 0},
        {"region2", -1, 0},
        {"Position3", -1, 0},
        {"Experience6", -1, 0},
        {"Export 2", -1, 0},
        {"Email", -1, 0},
        {"Dept4", -1, 0},
        {"Area 5", -1, 0},
        {"Área 5", -1, 0},
        {"Perfil 3", -1, 0},
        {"Expectation vs perception 4", -1, 0},
        {"E_P_5", -1, 0},
        {"Perception", -1, 0},
        {"Región 2", -1, 0},
        {"Edad", -1, 0},
        {"Регион 3", -1, 0},
        {"Возраст", -1, 0},
        {"Idade 4", -1, 0},
        {"Q7", -1, 0},
        {"Date2", -1, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct servq_lookalike la;
        int r = servq_column_lookalike(cases[i].name, &la);
        if (cases[i].measure < 0)
            ok(!r, "'%s' does not look like a rating", cases[i].name);
        else if (!ok(r && (int)la.measure == cases[i].measure && la.number == cases[i].number,
                      "'%s' looks like %s%ld", cases[i].name,
                      servq_measure_name((enum servq_measure)cases[i].measure), cases[i].number))
            printf("#   got %d: %s%ld\n", r, servq_measure_name(la.measure), la.number);
    }
}

/* The first bytes tell a workbook, a PDF or an image from CSV. */
static void test_input_detect(void)
{
    static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0};
    static const char ods[] = "PK\x03\x04...mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK";
    static const char xlsx[] = "PK\x03\x04....[Content_Types].xml....PK\x03\x04..xl/workbook.xml";
    struct servq_input_info info;

    ok(servq_input_detect("id,E1,P1\n", 9, &info) == SERVQ_INPUT_TEXT && !info.what[0],
       "CSV is text");
    ok(servq_input_detect(NULL, 0, &info) == SERVQ_INPUT_TEXT, "nothing is text");
    ok(servq_input_detect("$FL2", 4, &info) == SERVQ_INPUT_SAV, "$FL2 is SPSS");
    ok(servq_input_detect(xlsx, sizeof xlsx - 1, &info) == SERVQ_INPUT_XLSX &&
           strstr(info.what, ".xlsx"), "a ZIP with xl/ is an Excel workbook");
    ok(servq_input_detect(ods, sizeof ods - 1, &info) == SERVQ_INPUT_ODS, "OpenDocument");
    ok(servq_input_detect("PK\x03\x04x.csv", 9, &info) == SERVQ_INPUT_ZIP, "another ZIP");
    ok(servq_input_detect("PK\x03", 3, &info) == SERVQ_INPUT_TEXT, "a cut signature is text");
    ok(servq_input_detect(ole2, 8, &info) == SERVQ_INPUT_XLS, "OLE2 is .xls");
    ok(servq_input_detect("%PDF-1.7", 8, &info) == SERVQ_INPUT_PDF, "PDF");
    ok(servq_input_detect("\x89PNG\r\n\x1a\n", 8, &info) == SERVQ_INPUT_PNG, "PNG");
    ok(servq_input_detect("\xff\xd8\xff\xe0", 4, &info) == SERVQ_INPUT_JPEG, "JPEG");
    ok(servq_input_detect("\x1f\x8b\x08", 3, &info) == SERVQ_INPUT_GZIP && info.fix[0], "gzip");
}

int main(void)
{
    test_decoder_no_bom();
    test_decoder_sniff_window();
    test_map_labels();
    test_decoder();
    test_delimiter();
    test_dialects();
    test_dates();
    test_duplicate_ids();
    test_lookalikes();
    test_input_detect();
    return tap_done();
}
