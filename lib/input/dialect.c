/*
 * Dialects: how survey tools lay out the header of an export, and the
 * delimiter guess. Each tool's quirks are described in servq-import(1);
 * the rules here are the smallest that tell the real exports in
 * tests/data/real apart.
 */
#include "input/dialect-priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util-priv.h"

static const char *const dialect_names[] = {"auto",         "generic",     "qualtrics",
                                            "surveymonkey", "googleforms", "limesurvey"};

const char *servq_dialect_name(enum servq_dialect d)
{
    if ((unsigned)d >= sizeof dialect_names / sizeof *dialect_names)
        return "unknown";
    return dialect_names[d];
}

enum servq_status servq_dialect_parse(const char *name, enum servq_dialect *out)
{
    size_t i;

    for (i = 0; name && i < sizeof dialect_names / sizeof *dialect_names; i++)
        if (strcmp(name, dialect_names[i]) == 0) {
            *out = (enum servq_dialect)i;
            return SERVQ_OK;
        }
    return SERVQ_ERR_ARG;
}

/* ---- delimiter ---- */

#define SNIFF_RECORDS 20

/*
 * Splits up to SNIFF_RECORDS records of text on delim, honouring quotes
 * that open a field, and stores each record's field count.
 * @returns the number of records counted
 */
static size_t count_fields(const char *s, size_t n, int complete, char delim, size_t *counts)
{
    size_t i = 0, recs = 0, fields = 1;
    int quoted = 0, at_start = 1, any = 0;

    while (i < n && recs < SNIFF_RECORDS) {
        char c = s[i++];
        if (quoted) {
            if (c == '"' && i < n && s[i] == '"')
                i++;
            else if (c == '"')
                quoted = 0;
            continue;
        }
        if (c == '"' && at_start) {
            quoted = 1;
            at_start = 0;
            any = 1;
        } else if (c == delim) {
            fields++;
            at_start = 1;
            any = 1;
        } else if (c == '\n') {
            if (any)
                counts[recs++] = fields;
            fields = 1;
            at_start = 1;
            any = 0;
        } else if (c != '\r') {
            at_start = 0;
            any = 1;
        }
    }
    if (complete && any && !quoted && recs < SNIFF_RECORDS)
        counts[recs++] = fields;
    return recs;
}

char servq_detect_delimiter(const char *text, size_t len, int complete)
{
    static const char cands[] = {',', ';', '\t', '|'};
    size_t counts[SNIFF_RECORDS], best_agree = 0, best_fields = 0, i, k;
    char best = ',';

    for (k = 0; k < sizeof cands; k++) {
        size_t recs = count_fields(text, len, complete, cands[k], counts), agree = 0;
        if (recs == 0 || counts[0] < 2)
            continue;
        /* Records that agree with the header's width. */
        for (i = 0; i < recs; i++)
            agree += counts[i] == counts[0];
        if (agree * 4 < recs * 3)
            continue;
        if (agree > best_agree || (agree == best_agree && counts[0] > best_fields)) {
            best = cands[k];
            best_agree = agree;
            best_fields = counts[0];
        }
    }
    return best;
}

/* ---- saved records ---- */

enum servq_status servq_saved_record_copy(struct servq_saved_record *s,
                                          const struct servq_record *rec)
{
    size_t i;

    memset(s, 0, sizeof *s);
    s->cells = calloc(rec->n_fields ? rec->n_fields : 1, sizeof *s->cells);
    s->lens = calloc(rec->n_fields ? rec->n_fields : 1, sizeof *s->lens);
    s->raw = servq_strndup(rec->raw ? rec->raw : "", rec->raw_len);
    if (!s->cells || !s->lens || !s->raw)
        goto nomem;
    s->n = rec->n_fields;
    s->line = rec->line;
    s->raw_len = rec->raw_len;
    for (i = 0; i < rec->n_fields; i++) {
        s->cells[i] = servq_strndup(rec->fields[i].data, rec->fields[i].len);
        if (!s->cells[i])
            goto nomem;
        s->lens[i] = rec->fields[i].len;
    }
    return SERVQ_OK;
nomem:
    servq_saved_record_release(s);
    return SERVQ_ERR_NOMEM;
}

void servq_saved_record_release(struct servq_saved_record *s)
{
    size_t i;

    if (s->cells)
        for (i = 0; i < s->n; i++)
            free(s->cells[i]);
    free(s->cells);
    free(s->lens);
    free(s->raw);
    memset(s, 0, sizeof *s);
}

/* ---- detection ---- */

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

static const char *cell(const struct servq_saved_record *r, size_t i)
{
    return r && i < r->n ? r->cells[i] : "";
}

static int has_cell(const struct servq_saved_record *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (ieq(r->cells[i], name))
            return 1;
    return 0;
}

static int is_import_id(const char *s)
{
    return strncmp(s, "{\"ImportId\":", 12) == 0 || strncmp(s, "{'ImportId':", 12) == 0;
}

/* "V1,V2,V3": the Legacy Qualtrics export's first row. */
static int is_qualtrics_legacy(const struct servq_saved_record *r)
{
    return r->n >= 3 && strcmp(r->cells[0], "V1") == 0 && strcmp(r->cells[1], "V2") == 0 &&
           strcmp(r->cells[2], "V3") == 0;
}

/* Google Forms names its first column "Timestamp" in the form's language. */
static const char *const gforms_stamps[] = {"Timestamp",
                                            "Marca temporal",
                                            "Carimbo de data/hora",
                                            "Отметка времени",
                                            "타임스탬프",
                                            "Zeitstempel",
                                            "Horodateur",
                                            "Informazioni cronologiche",
                                            "Tijdstempel",
                                            "タイムスタンプ",
                                            NULL};

/* "code. text" as LimeSurvey writes "id. Response ID" or "Q1[SQ001]. ...". */
static size_t limesurvey_code_len(const char *s)
{
    size_t i = 0;

    if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return 0;
    while ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
           (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '[' || s[i] == ']' || s[i] == '#')
        i++;
    return s[i] == '.' && s[i + 1] == ' ' ? i : 0;
}

static int is_limesurvey(const struct servq_saved_record *r)
{
    const char *c0 = cell(r, 0);

    if (limesurvey_code_len(c0))
        return strncmp(c0, "id. ", 4) == 0 || has_cell(r, "submitdate. Date submitted");
    if (ieq(c0, "Response ID") || ieq(c0, "Answer ID") || ieq(c0, "Antwort ID"))
        return 1;
    return ieq(c0, "id") && (has_cell(r, "submitdate") || has_cell(r, "lastpage"));
}

enum servq_dialect servq_dialect_detect(const struct servq_saved_record *recs, size_t n,
                                        unsigned *rows, const char **why)
{
    const struct servq_saved_record *r1 = n > 0 ? &recs[0] : NULL;
    const struct servq_saved_record *r2 = n > 1 ? &recs[1] : NULL;
    const struct servq_saved_record *r3 = n > 2 ? &recs[2] : NULL;
    size_t i;

    *rows = 1;
    *why = "one header row";
    if (!r1)
        return SERVQ_DIALECT_GENERIC;
    if (is_qualtrics_legacy(r1)) {
        *rows = 2;
        *why = "Legacy export: V1..V10, then a row of question text";
        return SERVQ_DIALECT_QUALTRICS;
    }
    if (r3 && r3->n && is_import_id(r3->cells[0])) {
        *rows = 3;
        *why = r3->cells[0][1] == '\'' ? "Insights export: ids, question text, ImportId row"
                                       : "ids, question text, ImportId row";
        return SERVQ_DIALECT_QUALTRICS;
    }
    if (r2 && (ieq(cell(r1, 0), "RespondentID") || ieq(cell(r1, 0), "Respondent ID")) &&
        cell(r2, 0)[0] == '\0') {
        *rows = 2;
        *why = "question row, then a sub-question row";
        return SERVQ_DIALECT_SURVEYMONKEY;
    }
    for (i = 0; gforms_stamps[i]; i++)
        if (strcmp(cell(r1, 0), gforms_stamps[i]) == 0) {
            *why = "Timestamp, then the questions";
            return SERVQ_DIALECT_GOOGLEFORMS;
        }
    if (is_limesurvey(r1)) {
        *why = limesurvey_code_len(cell(r1, 0)) ? "headings as \"code. text\""
                                                : "response id, then the questions";
        return SERVQ_DIALECT_LIMESURVEY;
    }
    return SERVQ_DIALECT_GENERIC;
}

unsigned servq_dialect_default_rows(enum servq_dialect d, const struct servq_saved_record *first)
{
    switch (d) {
    case SERVQ_DIALECT_QUALTRICS:
        return first && is_qualtrics_legacy(first) ? 2 : 3;
    case SERVQ_DIALECT_SURVEYMONKEY:
        return 2;
    default:
        return 1;
    }
}

/* ---- column names ---- */

static int is_v_column(const char *s)
{
    size_t i = 1;

    if (s[0] != 'V' || !s[1])
        return 0;
    for (; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static enum servq_status set_column(struct servq_column *c, const char *key, size_t key_len,
                                    const char *text, const char *raw)
{
    c->key = servq_strndup(key, key_len);
    c->text = servq_strdup(text);
    c->raw = servq_strdup(raw);
    return c->key && c->text && c->raw ? SERVQ_OK : SERVQ_ERR_NOMEM;
}

static enum servq_status name_surveymonkey(struct servq_header *h,
                                           const struct servq_saved_record *recs, size_t n)
{
    const char *question = "";
    struct servq_buf b;
    enum servq_status st = SERVQ_OK;
    size_t i;

    servq_buf_init(&b);
    for (i = 0; i < h->n && st == SERVQ_OK; i++) {
        const char *q = cell(&recs[0], i), *sub = n > 1 ? cell(&recs[1], i) : "";
        /* A blank cell continues the question spanning it. */
        if (q[0])
            question = q;
        servq_buf_clear(&b);
        if (!sub[0] || strcmp(sub, "Response") == 0 || strcmp(sub, "Open-Ended Response") == 0)
            st = servq_buf_adds(&b, question);
        else
            st = servq_buf_printf(&b, "%s | %s", question, sub);
        if (st == SERVQ_OK)
            st = set_column(&h->cols[i], b.data ? b.data : "", b.len, b.data ? b.data : "", q);
    }
    servq_buf_release(&b);
    return st;
}

enum servq_status servq_header_build(struct servq_header *h, enum servq_dialect d,
                                     const struct servq_saved_record *recs, size_t n)
{
    size_t i, k, width = 0;
    enum servq_status st = SERVQ_OK;

    for (k = 0; k < n; k++)
        if (recs[k].n > width)
            width = recs[k].n;
    h->cols = calloc(width ? width : 1, sizeof *h->cols);
    if (!h->cols)
        return SERVQ_ERR_NOMEM;
    h->n = width;
    if (d == SERVQ_DIALECT_SURVEYMONKEY)
        return name_surveymonkey(h, recs, n);
    for (i = 0; i < width && st == SERVQ_OK; i++) {
        /* One-row dialects given more header rows take names from the last. */
        const struct servq_saved_record *names =
            d == SERVQ_DIALECT_QUALTRICS ? &recs[0] : &recs[n ? n - 1 : 0];
        const char *c1 = cell(names, i), *c2 = n > 1 ? cell(&recs[1], i) : "";
        size_t code;
        if (d == SERVQ_DIALECT_QUALTRICS && n > 1 && is_v_column(c1) && c2[0])
            /* Legacy: V1..V10 are named by the second row (ResponseID...). */
            st = set_column(&h->cols[i], c2, strlen(c2), c2, c1);
        else if (d == SERVQ_DIALECT_QUALTRICS && n > 1)
            st = set_column(&h->cols[i], c1, strlen(c1), c2[0] ? c2 : c1, c1);
        else if (d == SERVQ_DIALECT_LIMESURVEY && (code = limesurvey_code_len(c1)) > 0)
            st = set_column(&h->cols[i], c1, code, c1 + code + 2, c1);
        else
            st = set_column(&h->cols[i], c1, strlen(c1), c1, c1);
    }
    return st;
}

void servq_header_release(struct servq_header *h)
{
    size_t i;

    for (i = 0; h->cols && i < h->n; i++) {
        free(h->cols[i].key);
        free(h->cols[i].text);
        free(h->cols[i].raw);
    }
    free(h->cols);
    h->cols = NULL;
    h->n = 0;
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* Reads 1..width digits at *p. @returns -1 when there is none. */
static long take_num(const char **p, const char *end, int width)
{
    long v = 0;
    int k = 0;

    while (*p < end && k < width && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k ? v : -1;
}

/* Excel's 1900 date system: serial 25569 is 1970-01-01; fractions are time. */
static int excel_serial(const char *s, size_t n, int *f)
{
    double v;
    long days, secs;
    long long z, era, doe, yoe, doy, mp;

    if (servq_parse_double(s, n, '.', &v) != 0 || v < 1 || v > 2958465.0)
        return -1;
    days = (long)v;
    secs = (long)((v - (double)days) * 86400.0 + 0.5);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    /* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
    z = (long long)days - 25569 + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    f[2] = (int)(doy - (153 * mp + 2) / 5 + 1);
    f[1] = (int)(mp < 10 ? mp + 3 : mp - 9);
    f[0] = (int)(yoe + era * 400 + (f[1] <= 2));
    f[3] = (int)(secs / 3600);
    f[4] = (int)(secs / 60 % 60);
    f[5] = (int)(secs % 60);
    return 0;
}

/*
 * Parses s[0..n) by a strptime-like format that never looks at the
 * locale: %Y %y %m %d %e %H %I %M %S %p (AM/PM) %Z (a zone name, skipped)
 * %%; a space matches any run of spaces; other characters match
 * themselves. f receives year, month, day, hour, minute, second.
 */
static int parse_by_format(const char *s, size_t n, const char *fmt, int *f, int *has_time)
{
    const char *p = s, *end = s + n;
    int pm = -1;
    long v;

    for (; *fmt; fmt++) {
        if (*fmt == ' ') {
            if (p >= end || *p != ' ')
                return -1;
            while (p < end && *p == ' ')
                p++;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            fmt += *fmt == '%';
            if (p >= end || *p != *fmt)
                return -1;
            p++;
            continue;
        }
        fmt++;
        switch (*fmt) {
        case 'Y':
            v = take_num(&p, end, 4);
            if (v < 0)
                return -1;
            f[0] = (int)v;
            break;
        case 'y':
            v = take_num(&p, end, 2);
            if (v < 0)
                return -1;
            f[0] = (int)(v < 69 ? 2000 + v : 1900 + v);
            break;
        case 'm':
            v = take_num(&p, end, 2);
            if (v < 1)
                return -1;
            f[1] = (int)v;
            break;
        case 'd':
        case 'e':
            v = take_num(&p, end, 2);
            if (v < 1)
                return -1;
            f[2] = (int)v;
            break;
        case 'H':
        case 'I':
            v = take_num(&p, end, 2);
            if (v < 0)
                return -1;
            f[3] = (int)v;
            *has_time = 1;
            break;
        case 'M':
            v = take_num(&p, end, 2);
            if (v < 0)
                return -1;
            f[4] = (int)v;
            break;
        case 'S':
            v = take_num(&p, end, 2);
            if (v < 0)
                return -1;
            f[5] = (int)v;
            break;
        case 'p':
            if (end - p >= 2 && (p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') &&
                (p[1] == 'M' || p[1] == 'm')) {
                pm = p[0] == 'P' || p[0] == 'p';
                p += 2;
            } else {
                return -1;
            }
            break;
        case 'Z':
            while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '+' ||
                               *p == '-' || (*p >= '0' && *p <= '9') || *p == ':'))
                p++;
            break;
        default:
            return -1;
        }
    }
    if (p != end)
        return -1;
    if (pm >= 0) {
        if (f[3] < 1 || f[3] > 12)
            return -1;
        f[3] = f[3] % 12 + (pm ? 12 : 0);
    }
    return 0;
}

enum servq_status servq_date_format_check(const char *format, char *err, size_t errlen)
{
    const char *p;
    int year = 0, month = 0, day = 0;

    if (err && errlen)
        err[0] = '\0';
    if (!format)
        return SERVQ_ERR_ARG;
    if (strcmp(format, "excel") == 0)
        return SERVQ_OK;
    if (strlen(format) > SERVQ_DATE_FORMAT_MAX) {
        if (err)
            snprintf(err, errlen, "it is longer than %d bytes", SERVQ_DATE_FORMAT_MAX);
        return SERVQ_ERR_ARG;
    }
    for (p = format; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (!*p || !strchr("YymdeHIMSpZ%", *p)) {
            if (err)
                snprintf(err, errlen, "%%%.1s is not a conversion servq knows (%s)", p,
                         "%Y %y %m %d %e %H %I %M %S %p %Z %%");
            return SERVQ_ERR_ARG;
        }
        year |= *p == 'Y' || *p == 'y';
        month |= *p == 'm';
        day |= *p == 'd' || *p == 'e';
    }
    if (!year || !month || !day) {
        if (err)
            snprintf(err, errlen, "it needs a year (%%Y or %%y), a month (%%m) and a day (%%d)");
        return SERVQ_ERR_ARG;
    }
    return SERVQ_OK;
}

int servq_date_convert(const char *s, size_t n, const char *format, char *out, size_t cap)
{
    int f[6] = {0, 0, 0, 0, 0, 0}, has_time = 0;

    if (strcmp(format, "excel") == 0) {
        if (excel_serial(s, n, f) != 0)
            return -1;
        has_time = 1;
    } else if (parse_by_format(s, n, format, f, &has_time) != 0) {
        return -1;
    }
    if (f[0] < 1900 || f[0] > 9999 || f[1] < 1 || f[1] > 12 || f[2] < 1 ||
        f[2] > days_in_month(f[0], f[1]) || f[3] > 23 || f[4] > 59 || f[5] > 60)
        return -1;
    if (has_time)
        snprintf(out, cap, "%04d-%02d-%02d %02d:%02d:%02d", f[0], f[1], f[2], f[3], f[4], f[5]);
    else
        snprintf(out, cap, "%04d-%02d-%02d", f[0], f[1], f[2]);
    return 0;
}
