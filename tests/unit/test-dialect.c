/*
 * Unit tests for lib/input/dialect.c: the delimiter guess, each survey
 * tool's header detection and column names, dialect names, and date
 * formats. Each case says by hand why the answer is what it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/dialect-priv.h"
#include "tap.h"
#include "testlib.h"

static char guess(const char *s, int complete)
{
    return servq_detect_delimiter(s, strlen(s), complete);
}

static const char *show(char c)
{
    static char buf[8];

    if (c == '\t')
        return "TAB";
    snprintf(buf, sizeof buf, "'%c'", c);
    return buf;
}

static void delimiter_is(const char *what, const char *s, int complete, char want)
{
    char got = guess(s, complete);

    if (!ok(got == want, "delimiter of %s is %s", what, show(want)))
        printf("#   got %s\n", show(got));
}

static void test_delimiter(void)
{
    struct text many = {0};
    int i;

    delimiter_is("a comma export", "id,E1,P1\nr1,5,6\nr2,4,7\n", 1, ',');
    /* ',' gives the header 1 field, so it cannot be the separator; ';' gives 3, 3, 3. */
    delimiter_is("';' with decimal commas", "id;E1;P1\nr1;4,5;6\nr2;5;6,5\n", 1, ';');
    /* ',' splits only the second record (1, 2, 1 fields); TAB gives 2, 2, 2. */
    delimiter_is("TAB with a comma in a comment", "id\tcomment\nr1\tgood, fast\nr2\tslow\n", 1,
                 '\t');
    /* ',' and ';' both agree on every record: the wider header wins, ';' (3 fields to 2). */
    delimiter_is("';' and ',' both consistent", "a;b;c,d\n1;2;3,4\n", 1, ';');
    /* Equal agreement and width: the earlier candidate, ','. */
    delimiter_is("a tie", "a,b;c\n1,2;3\n", 1, ',');
    /* ';': 2, 2, 2, 1 fields: 3 of 4 records agree with the header, the least allowed. */
    delimiter_is("3 of 4 records agreeing", "a;b\n1;2\n3;4\n5\n", 1, ';');
    /* ';': 2, 2, 1, 1: only 2 of 4 agree, so nothing is clearly better than ','. */
    delimiter_is("2 of 4 records agreeing", "a;b\n1;2\n3\n5\n", 1, ',');
    /*
     * The last record has no line end. Complete input counts it (2, 2, 1:
     * 2 of 3 agree, too few); input that may be cut ignores it (2, 2).
     */
    delimiter_is("complete input ending in '3'", "a;b\n1;2\n3", 1, ',');
    delimiter_is("cut input ending in '3'", "a;b\n1;2\n3", 0, ';');
    delimiter_is("CRLF line ends", "a;b\r\n1;2\r\n", 1, ';');
    /* Blank lines are no records: 2, 2, not 2, 1, 2, 1. */
    delimiter_is("blank lines", "a;b\n\n1;2\n\n", 1, ';');
    /* The ';' inside "x ""a;b"" y" is quoted: 2 fields, not 3. */
    delimiter_is("a quoted ';' with doubled quotes", "name;note\n\"x \"\"a;b\"\" y\";1\n", 1, ';');
    delimiter_is("one column", "id\nr1\n", 1, ',');
    delimiter_is("no input", "", 1, ',');
    /*
     * Only the first 20 records count: header and 19 rows of 2 fields,
     * then 30 of 3. Counted whole, 20 of 50 would agree and ';' would lose.
     */
    text_add(&many, "a;b\n", 4);
    for (i = 0; i < 19; i++)
        text_add(&many, "1;2\n", 4);
    for (i = 0; i < 30; i++)
        text_add(&many, "1;2;3\n", 6);
    delimiter_is("20 records of 2 fields, then 30 of 3", many.data, 1, ';');
    free(many.data);
}

/* Copies the cells (separated by '|') of each row into recs[0..n). */
static void saved(struct servq_saved_record *recs, size_t n, const char *const *rows)
{
    size_t r;

    for (r = 0; r < n; r++) {
        struct servq_field f[16];
        struct servq_record rec;
        const char *p = rows[r];
        size_t k = 0;
        for (;;) {
            const char *bar = strchr(p, '|');
            f[k].data = p;
            f[k].len = bar ? (size_t)(bar - p) : strlen(p);
            k++;
            if (!bar)
                break;
            p = bar + 1;
        }
        memset(&rec, 0, sizeof rec);
        rec.fields = f;
        rec.n_fields = k;
        rec.line = r + 1;
        rec.raw = rows[r];
        rec.raw_len = strlen(rows[r]);
        if (servq_saved_record_copy(&recs[r], &rec) != SERVQ_OK)
            printf("# servq_saved_record_copy failed\n");
    }
}

static void release(struct servq_saved_record *recs, size_t n)
{
    size_t r;

    for (r = 0; r < n; r++)
        servq_saved_record_release(&recs[r]);
}

struct detect_case {
    const char *what;
    const char *rows[3];
    size_t n;
    enum servq_dialect want;
    unsigned want_rows;
    const char *want_why;
};

static void test_detect(void)
{
    static const struct detect_case cases[] = {
        {"Qualtrics: ids, text, ImportId",
         {"StartDate|Q1_1", "Start Date|Service - Expected", "{\"ImportId\":\"startDate\"}|x"},
         3,
         SERVQ_DIALECT_QUALTRICS,
         3,
         "ids, question text, ImportId row"},
        {"Qualtrics Insights: ImportId in single quotes",
         {"StartDate|Q1_1", "Start Date|Service", "{'ImportId':'startDate'}|x"},
         3,
         SERVQ_DIALECT_QUALTRICS,
         3,
         "Insights export: ids, question text, ImportId row"},
        {"Qualtrics Legacy: V1, V2, V3",
         {"V1|V2|V3|Q1", "ResponseID|ResponseSet|Name|Service - Expected", "R_1|Default|x|5"},
         3,
         SERVQ_DIALECT_QUALTRICS,
         2,
         "Legacy export: V1..V10, then a row of question text"},
        /* Without its third row, a Qualtrics header cannot be told from a generic one. */
        {"Qualtrics ids and text only",
         {"StartDate|Q1_1", "Start Date|Service"},
         2,
         SERVQ_DIALECT_GENERIC,
         1,
         "one header row"},
        {"SurveyMonkey: RespondentID, then a blank cell",
         {"RespondentID|Rate us|", "|Speed|Price", "1|5|4"},
         3,
         SERVQ_DIALECT_SURVEYMONKEY,
         2,
         "question row, then a sub-question row"},
        {"SurveyMonkey: 'respondent id' in any case",
         {"respondent id|Q", "|Response"},
         2,
         SERVQ_DIALECT_SURVEYMONKEY,
         2,
         "question row, then a sub-question row"},
        /* A data row right after the header has an id in its first cell. */
        {"RespondentID followed by data",
         {"RespondentID|Q", "1001|5"},
         2,
         SERVQ_DIALECT_GENERIC,
         1,
         "one header row"},
        {"Google Forms in English",
         {"Timestamp|Speed", "2026/03/01 10:00:00 AM GMT|5"},
         2,
         SERVQ_DIALECT_GOOGLEFORMS,
         1,
         "Timestamp, then the questions"},
        {"Google Forms in Spanish",
         {"Marca temporal|Rapidez"},
         1,
         SERVQ_DIALECT_GOOGLEFORMS,
         1,
         "Timestamp, then the questions"},
        {"Google Forms in Russian",
         {"Отметка времени|Скорость"},
         1,
         SERVQ_DIALECT_GOOGLEFORMS,
         1,
         "Timestamp, then the questions"},
        /* The stamps are matched exactly, as Google writes them. */
        {"'timestamp' in lower case",
         {"timestamp|Speed"},
         1,
         SERVQ_DIALECT_GENERIC,
         1,
         "one header row"},
        {"LimeSurvey 'code. text'",
         {"id. Response ID|Q1[SQ001]. Speed"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "headings as \"code. text\""},
        {"LimeSurvey 'code. text' with submitdate",
         {"Q0. Consent|submitdate. Date submitted|Q1. Speed"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "headings as \"code. text\""},
        /* "code. text" alone is any numbered heading; LimeSurvey needs its id or submitdate. */
        {"'code. text' headings of another tool",
         {"Q0. Consent|Q1. Speed"},
         1,
         SERVQ_DIALECT_GENERIC,
         1,
         "one header row"},
        {"LimeSurvey full text",
         {"response id|Speed"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "response id, then the questions"},
        {"LimeSurvey German",
         {"Antwort ID|Speed"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "response id, then the questions"},
        {"LimeSurvey codes with submitdate",
         {"id|submitdate|Q1"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "response id, then the questions"},
        {"LimeSurvey codes with lastpage",
         {"ID|lastpage|Q1"},
         1,
         SERVQ_DIALECT_LIMESURVEY,
         1,
         "response id, then the questions"},
        {"'id' with nothing of LimeSurvey",
         {"id|E1|P1"},
         1,
         SERVQ_DIALECT_GENERIC,
         1,
         "one header row"},
        {"no records", {NULL}, 0, SERVQ_DIALECT_GENERIC, 1, "one header row"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct detect_case *c = &cases[i];
        struct servq_saved_record recs[3];
        unsigned rows = 99;
        const char *why = NULL;
        enum servq_dialect d;

        saved(recs, c->n, c->rows);
        d = servq_dialect_detect(recs, c->n, &rows, &why);
        if (!ok(d == c->want && rows == c->want_rows && why && strcmp(why, c->want_why) == 0,
                "%s: %s, %u header rows", c->what, servq_dialect_name(c->want), c->want_rows))
            printf("#   got %s, %u rows, '%s'\n", servq_dialect_name(d), rows, why ? why : "");
        release(recs, c->n);
    }
}

static void test_default_rows(void)
{
    static const char *const legacy[] = {"V1|V2|V3"};
    static const char *const plain[] = {"StartDate|EndDate"};
    struct servq_saved_record r[2];

    saved(&r[0], 1, legacy);
    saved(&r[1], 1, plain);
    is_int(servq_dialect_default_rows(SERVQ_DIALECT_QUALTRICS, &r[0]), 2,
           "Qualtrics Legacy has 2 header rows");
    is_int(servq_dialect_default_rows(SERVQ_DIALECT_QUALTRICS, &r[1]), 3, "Qualtrics has 3");
    is_int(servq_dialect_default_rows(SERVQ_DIALECT_QUALTRICS, NULL), 3,
           "Qualtrics with no first row: 3");
    is_int(servq_dialect_default_rows(SERVQ_DIALECT_SURVEYMONKEY, &r[1]), 2, "SurveyMonkey has 2");
    is_int(servq_dialect_default_rows(SERVQ_DIALECT_GOOGLEFORMS, &r[1]) +
               servq_dialect_default_rows(SERVQ_DIALECT_LIMESURVEY, &r[1]) +
               servq_dialect_default_rows(SERVQ_DIALECT_GENERIC, &r[1]),
           3, "Google Forms, LimeSurvey and generic have 1 each");
    release(r, 2);
}

/* "key=text" for each column, joined by " / ". */
static const char *columns(enum servq_dialect d, const char *const *rows, size_t n)
{
    static char out[512];
    struct servq_saved_record recs[3];
    struct servq_header h;
    size_t i, at = 0;

    saved(recs, n, rows);
    out[0] = '\0';
    if (servq_header_build(&h, d, recs, n) != SERVQ_OK) {
        release(recs, n);
        return "(failed)";
    }
    for (i = 0; i < h.n; i++)
        at += (size_t)snprintf(out + at, sizeof out - at, "%s%s=%s", i ? " / " : "", h.cols[i].key,
                               h.cols[i].text);
    servq_header_release(&h);
    release(recs, n);
    return out;
}

static void test_header_build(void)
{
    static const char *const legacy[] = {"V1|V2|Q1", "ResponseID|ResponseSet|Service - Expected"};
    static const char *const qualtrics[] = {"StartDate|Q1_1|Q9", "Start Date|Service|",
                                            "{\"ImportId\":\"x\"}|y|z"};
    static const char *const monkey[] = {"RespondentID|Rate us||Comments",
                                         "|Speed|Price|Open-Ended Response"};
    static const char *const monkey_response[] = {"RespondentID|Overall", "|Response"};
    static const char *const lime[] = {"id. Response ID|Q1[SQ001]. Speed|plain"};
    static const char *const two_rows[] = {"Survey of 2026|", "id|E1|P1"};

    /* Legacy: V columns are named by the second row; Q1 keeps its id, the second row its text. */
    is_str(columns(SERVQ_DIALECT_QUALTRICS, legacy, 2),
           "ResponseID=ResponseID / ResponseSet=ResponseSet / Q1=Service - Expected",
           "Qualtrics Legacy names");
    /* A Qualtrics column without question text takes its id as the text. */
    is_str(columns(SERVQ_DIALECT_QUALTRICS, qualtrics, 3),
           "StartDate=Start Date / Q1_1=Service / Q9=Q9", "Qualtrics names");
    /* Price continues "Rate us"; an open-ended response is the question alone. */
    is_str(columns(SERVQ_DIALECT_SURVEYMONKEY, monkey, 2),
           "RespondentID=RespondentID / Rate us | Speed=Rate us | Speed / "
           "Rate us | Price=Rate us | Price / Comments=Comments",
           "SurveyMonkey names");
    is_str(columns(SERVQ_DIALECT_SURVEYMONKEY, monkey_response, 2),
           "RespondentID=RespondentID / Overall=Overall", "SurveyMonkey 'Response' adds nothing");
    is_str(columns(SERVQ_DIALECT_LIMESURVEY, lime, 1),
           "id=Response ID / Q1[SQ001]=Speed / plain=plain", "LimeSurvey names");
    /* One-row dialects given two header rows name columns from the last; width is the widest. */
    is_str(columns(SERVQ_DIALECT_GENERIC, two_rows, 2), "id=id / E1=E1 / P1=P1",
           "generic names from the last of two header rows");
}

static void test_names(void)
{
    static const char *const names[] = {"auto",         "generic",     "qualtrics",
                                        "surveymonkey", "googleforms", "limesurvey"};
    enum servq_dialect d = SERVQ_DIALECT_AUTO;
    size_t i;
    int good = 1;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        good &= strcmp(servq_dialect_name((enum servq_dialect)i), names[i]) == 0 &&
                servq_dialect_parse(names[i], &d) == SERVQ_OK && d == (enum servq_dialect)i;
    ok(good, "each dialect's name parses back to it");
    is_str(servq_dialect_name((enum servq_dialect)6), "unknown", "a value past the last");
    d = SERVQ_DIALECT_LIMESURVEY;
    ok(servq_dialect_parse("Qualtrics", &d) == SERVQ_ERR_ARG &&
           servq_dialect_parse(NULL, &d) == SERVQ_ERR_ARG && d == SERVQ_DIALECT_LIMESURVEY,
       "names are matched exactly; NULL is refused; *out stays");
}

static void test_date_formats(void)
{
    char err[256], out[32];

    ok(servq_date_format_check("excel", err, sizeof err) == SERVQ_OK &&
           servq_date_format_check("%d.%m.%Y %H:%M", err, sizeof err) == SERVQ_OK &&
           servq_date_format_check("%e/%m/%y %I %p %Z %%", err, sizeof err) == SERVQ_OK,
       "formats with a year, a month and a day");
    ok(servq_date_format_check("%m/%Y", err, sizeof err) == SERVQ_ERR_ARG &&
           strcmp(err, "it needs a year (%Y or %y), a month (%m) and a day (%d)") == 0,
       "a format without a day: %s", err);
    ok(servq_date_format_check("%Y-%m-%d %Q", err, sizeof err) == SERVQ_ERR_ARG &&
           strncmp(err, "%Q is not a conversion servq knows", 34) == 0,
       "an unknown conversion: %s", err);
    ok(servq_date_format_check("%Y-%m-%d %", err, sizeof err) == SERVQ_ERR_ARG,
       "a lone % at the end");
    ok(servq_date_format_check("%Y-%m-%d                                                        x",
                               err, sizeof err) == SERVQ_ERR_ARG &&
           strcmp(err, "it is longer than 64 bytes") == 0,
       "a format of 65 bytes: %s", err);
    ok(servq_date_format_check(NULL, NULL, 0) == SERVQ_ERR_ARG, "no format");

    /* %y: 00..68 are 2000..2068, 69..99 are 1969..1999 (as POSIX strptime). */
    ok(servq_date_convert("68-01-02", 8, "%y-%m-%d", out, sizeof out) == 0 &&
           strcmp(out, "2068-01-02") == 0,
       "%%y 68 is 2068");
    ok(servq_date_convert("69-01-02", 8, "%y-%m-%d", out, sizeof out) == 0 &&
           strcmp(out, "1969-01-02") == 0,
       "%%y 69 is 1969");
    /* 12 AM is midnight and 12 PM noon; hour 13 on a 12-hour clock is no time. */
    ok(servq_date_convert("1/2/2026 12:05 AM", 17, "%m/%d/%Y %I:%M %p", out, sizeof out) == 0 &&
           strcmp(out, "2026-01-02 00:05:00") == 0,
       "12 AM is 00");
    ok(servq_date_convert("1/2/2026 12:05 pm", 17, "%m/%d/%Y %I:%M %p", out, sizeof out) == 0 &&
           strcmp(out, "2026-01-02 12:05:00") == 0,
       "12 pm is 12");
    ok(servq_date_convert("1/2/2026 13:05 PM", 17, "%m/%d/%Y %I:%M %p", out, sizeof out) != 0,
       "13 PM is refused");
    /* A space in the format matches a run of spaces. */
    ok(servq_date_convert("2026-01-02   7:00", 17, "%Y-%m-%d %H:%M", out, sizeof out) == 0 &&
           strcmp(out, "2026-01-02 07:00:00") == 0,
       "a space matches several");
    ok(servq_date_convert("2024-02-29", 10, "%Y-%m-%d", out, sizeof out) == 0 &&
           servq_date_convert("2100-02-29", 10, "%Y-%m-%d", out, sizeof out) != 0,
       "February 29 of 2024 but not of 2100");
    /*
     * Excel serial days: 25569 is 1970-01-01, so 45658 = 25569 + 20089 is
     * 2025-01-01 (20089 days after 1970-01-01); .5 is noon; a fraction that
     * rounds to 86400 seconds is midnight of the next day.
     */
    ok(servq_date_convert("25569", 5, "excel", out, sizeof out) == 0 &&
           strcmp(out, "1970-01-01 00:00:00") == 0,
       "Excel 25569 is 1970-01-01");
    ok(servq_date_convert("45658.5", 7, "excel", out, sizeof out) == 0 &&
           strcmp(out, "2025-01-01 12:00:00") == 0,
       "Excel 45658.5 is noon of 2025-01-01");
    ok(servq_date_convert("25569.999999999", 15, "excel", out, sizeof out) == 0 &&
           strcmp(out, "1970-01-02 00:00:00") == 0,
       "a fraction rounding to a whole day is the next midnight: %s", out);
    ok(servq_date_convert("0.5", 3, "excel", out, sizeof out) != 0 &&
           servq_date_convert("5,5", 3, "excel", out, sizeof out) != 0,
       "Excel days before 1 and decimal commas are refused");
}

int main(void)
{
    test_delimiter();
    test_detect();
    test_default_rows();
    test_header_build();
    test_names();
    test_date_formats();
    return tap_done();
}
