/*
 * SPSS system files through ReadStat.
 *
 * ReadStat parses the whole file in one call and hands over the
 * dictionary (one variable handler call per variable) and then the data
 * (one value handler call per variable of each case, in order). Here the
 * names become a header record and each case a record of text cells,
 * exactly what the CSV reader gives the importer, so every rule of
 * import.c (mapping, labels, scales, rejects, accounting) applies to SPSS
 * files unchanged.
 *
 * ReadStat's own I/O would open a path; it is replaced by handlers that
 * call the caller's read and seek, so the library still never opens a
 * file (STYLE.md section 6).
 */
#include "servq/sav.h"

#include <math.h>
#include <readstat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util-priv.h"

/* The CSV reader's limits, so both kinds of export meet the same bounds. */
#define MAX_VARIABLES SERVQ_DEFAULT_MAX_FIELDS
#define MAX_CASE_BYTES SERVQ_DEFAULT_MAX_RECORD

/* SPSS counts dates in seconds from 1582-10-14; that day is 1970-01-01 - 141428. */
#define SPSS_EPOCH_DAYS 141428LL
/* Past this many seconds (about 3 million years) a "date" is no date. */
#define MAX_DATE_SECONDS 1e14

enum var_kind { VAR_TEXT = 0, VAR_NUMBER, VAR_DATE, VAR_DATETIME };

struct sav_ctx {
    const struct servq_sav_io *io;
    servq_record_fn fn;
    void *user;
    servq_message_fn msg_fn;
    void *msg_user;

    /* The dictionary. */
    char **names;
    enum var_kind *kinds;
    size_t n_vars, cap_vars;
    long long cases_promised; /* by the file header, or -1 when it does not say */

    /* The case being assembled: each cell NUL-terminated in cells. */
    int header_sent;
    struct servq_buf cells;
    size_t *starts; /* where each cell starts in cells; n_vars of them */
    size_t next_var;
    unsigned long long cases; /* cases handed to fn */
    struct servq_buf raw;
    struct servq_field *fields;

    enum servq_status st; /* why a handler stopped the parse */
    int io_failed;
    char detail[200]; /* what ReadStat's error handler said, if anything */
};

static void sav_message(struct sav_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sav_message(struct sav_ctx *c, const char *fmt, ...)
{
    struct servq_message m;
    char text[512];
    va_list ap;

    if (!c->msg_fn)
        return;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    /* One line, whatever ReadStat's detail quotes from the file. */
    servq_one_line(text);
    m.level = SERVQ_LEVEL_ERROR;
    m.line = 0;
    m.column = 0;
    m.text = text;
    c->msg_fn(&m, c->msg_user);
}

int servq_sav_detect(const void *buf, size_t len)
{
    const char *p = buf;

    return len >= 4 && memcmp(p, "$FL", 3) == 0 && (p[3] == '2' || p[3] == '3');
}

/* ---- dates ---- */

/* Howard Hinnant's days_from_civil inverse: day z from 1970-01-01 to y-m-d. */
static void civil_from_days(long long z, long long *y, int *m, int *d)
{
    long long era, yy;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (long long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

/*
 * An SPSS date (seconds since 1582-10-14) as canonical responses write
 * dates: YYYY-MM-DD, with " HH:MM:SS" for a date-time. Parts of a second,
 * and a date format's time of day, are cut off as SPSS shows them.
 * @returns 0, or -1 when the value is no date of years 1 to 9999
 */
static int format_date(char *out, size_t cap, double secs, int with_time)
{
    long long s, days, sod, y;
    int m, d;

    if (!(fabs(secs) < MAX_DATE_SECONDS))
        return -1;
    s = (long long)floor(secs);
    days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
    sod = s - days * 86400;
    civil_from_days(days - SPSS_EPOCH_DAYS, &y, &m, &d);
    if (y < 1 || y > 9999)
        return -1;
    if (with_time)
        snprintf(out, cap, "%04lld-%02d-%02d %02lld:%02lld:%02lld", y, m, d, sod / 3600,
                 sod / 60 % 60, sod % 60);
    else
        snprintf(out, cap, "%04lld-%02d-%02d", y, m, d);
    return 0;
}

/* Which formats hold dates: the letters of "DATE11", "DATETIME20"... */
static enum var_kind numeric_kind(const char *format)
{
    static const char *const dates[] = {"DATE", "ADATE", "EDATE", "JDATE", "SDATE",
                                        "MOYR", "QYR",   "WKYR",  NULL};
    static const char *const datetimes[] = {"DATETIME", "YMDHMS", NULL};
    const char *const *p;
    char letters[16];
    size_t n = 0;

    while (format && n + 1 < sizeof letters && format[n] >= 'A' && format[n] <= 'Z') {
        letters[n] = format[n];
        n++;
    }
    letters[n] = '\0';
    for (p = dates; *p; p++)
        if (strcmp(letters, *p) == 0)
            return VAR_DATE;
    for (p = datetimes; *p; p++)
        if (strcmp(letters, *p) == 0)
            return VAR_DATETIME;
    return VAR_NUMBER;
}

/* ---- records ---- */

/* Fills c->fields from the cells, c->raw with them as one CSV record. */
static enum servq_status build_record(struct sav_ctx *c, struct servq_record *rec,
                                      unsigned long long line)
{
    size_t i;

    servq_buf_clear(&c->raw);
    for (i = 0; i < c->n_vars; i++) {
        size_t end = i + 1 < c->n_vars ? c->starts[i + 1] : c->cells.len;
        c->fields[i].data = c->cells.data + c->starts[i];
        c->fields[i].len = end - c->starts[i] - 1;
        if ((i && servq_buf_addc(&c->raw, ',') != SERVQ_OK) ||
            servq_buf_add_csv_field(&c->raw, c->fields[i].data, c->fields[i].len) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    rec->fields = c->fields;
    rec->n_fields = c->n_vars;
    rec->line = line;
    rec->number = line + 1;
    rec->raw = c->raw.len ? c->raw.data : "";
    rec->raw_len = c->raw.len;
    return SERVQ_OK;
}

static enum servq_status add_cell(struct sav_ctx *c, const char *s, size_t n)
{
    if (c->cells.len + n >= MAX_CASE_BYTES) {
        sav_message(c, "case %llu is longer than %u MiB", c->cases + 1,
                    (unsigned)(MAX_CASE_BYTES >> 20));
        return SERVQ_ERR_LIMIT;
    }
    c->starts[c->next_var++] = c->cells.len;
    if (servq_buf_add(&c->cells, s, n) != SERVQ_OK || servq_buf_addc(&c->cells, '\0') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

/* Hands the cells gathered so far to the caller and starts anew. */
static enum servq_status hand_over(struct sav_ctx *c, unsigned long long line)
{
    struct servq_record rec;
    enum servq_status st = build_record(c, &rec, line);
    int r;

    if (st != SERVQ_OK)
        return st;
    r = c->fn(&rec, c->user);
    /* The fields point into the cells: clear them only after the call. */
    servq_buf_clear(&c->cells);
    c->next_var = 0;
    return r == SERVQ_CB_OK ? SERVQ_OK : SERVQ_ERR_ABORTED;
}

static enum servq_status send_header(struct sav_ctx *c)
{
    enum servq_status st;
    size_t i;

    c->header_sent = 1;
    c->fields = calloc(c->n_vars ? c->n_vars : 1, sizeof *c->fields);
    c->starts = calloc(c->n_vars ? c->n_vars : 1, sizeof *c->starts);
    if (!c->fields || !c->starts)
        return SERVQ_ERR_NOMEM;
    for (i = 0; i < c->n_vars; i++)
        if ((st = add_cell(c, c->names[i], strlen(c->names[i]))) != SERVQ_OK)
            return st;
    return hand_over(c, 0);
}

/* The text of one value, as servq_sav_read() documents it. */
static enum servq_status add_value(struct sav_ctx *c, readstat_variable_t *var,
                                   readstat_value_t value)
{
    char tmp[64];
    const char *s;
    double x;

    if (readstat_value_is_missing(value, var))
        return add_cell(c, "", 0);
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        s = readstat_string_value(value);
        return add_cell(c, s ? s : "", s ? strlen(s) : 0);
    }
    x = readstat_double_value(value);
    if (!isfinite(x))
        return add_cell(c, "", 0);
    switch (c->kinds[c->next_var]) {
    case VAR_DATE:
    case VAR_DATETIME:
        if (format_date(tmp, sizeof tmp, x, c->kinds[c->next_var] == VAR_DATETIME) == 0)
            break;
        /* No date in range: the number, for the importer to reject. */
        /* fall through */
    case VAR_NUMBER:
    case VAR_TEXT:
        servq_format_double(tmp, sizeof tmp, x);
        break;
    }
    return add_cell(c, tmp, strlen(tmp));
}

/* ---- ReadStat handlers ---- */

static int on_metadata(readstat_metadata_t *md, void *user)
{
    struct sav_ctx *c = user;

    c->cases_promised = readstat_get_row_count(md);
    if (readstat_get_var_count(md) > (int)MAX_VARIABLES) {
        sav_message(c, "the file has %d variables, more than %u", readstat_get_var_count(md),
                    MAX_VARIABLES);
        c->st = SERVQ_ERR_LIMIT;
        return READSTAT_HANDLER_ABORT;
    }
    return READSTAT_HANDLER_OK;
}

static int on_variable(int index, readstat_variable_t *var, const char *labels, void *user)
{
    struct sav_ctx *c = user;
    const char *name = readstat_variable_get_name(var);

    (void)labels; /* a rating is imported as its code, so value labels are not needed */
    if (index < 0 || (size_t)index != c->n_vars) {
        sav_message(c, "the file's dictionary is damaged: variable %d out of order", index + 1);
        c->st = SERVQ_ERR_DATA;
        return READSTAT_HANDLER_ABORT;
    }
    if (c->n_vars >= MAX_VARIABLES) {
        sav_message(c, "the file has more than %u variables", MAX_VARIABLES);
        c->st = SERVQ_ERR_LIMIT;
        return READSTAT_HANDLER_ABORT;
    }
    if (c->n_vars == c->cap_vars) {
        size_t cap = c->cap_vars ? c->cap_vars * 2 : 64;
        char **names = realloc(c->names, cap * sizeof *names);
        enum var_kind *kinds;
        if (!names) {
            c->st = SERVQ_ERR_NOMEM;
            return READSTAT_HANDLER_ABORT;
        }
        c->names = names;
        kinds = realloc(c->kinds, cap * sizeof *kinds);
        if (!kinds) {
            c->st = SERVQ_ERR_NOMEM;
            return READSTAT_HANDLER_ABORT;
        }
        c->kinds = kinds;
        c->cap_vars = cap;
    }
    c->names[c->n_vars] = servq_strdup(name ? name : "");
    if (!c->names[c->n_vars]) {
        c->st = SERVQ_ERR_NOMEM;
        return READSTAT_HANDLER_ABORT;
    }
    c->kinds[c->n_vars] = readstat_variable_get_type_class(var) == READSTAT_TYPE_CLASS_STRING
                              ? VAR_TEXT
                              : numeric_kind(readstat_variable_get_format(var));
    c->n_vars++;
    return READSTAT_HANDLER_OK;
}

static int on_value(int obs_index, readstat_variable_t *var, readstat_value_t value, void *user)
{
    struct sav_ctx *c = user;
    int index = readstat_variable_get_index(var);

    if (!c->header_sent && (c->st = send_header(c)) != SERVQ_OK)
        return READSTAT_HANDLER_ABORT;
    if (index < 0 || (size_t)index != c->next_var || obs_index < 0 ||
        (unsigned long long)obs_index != c->cases) {
        sav_message(c, "the file's data are damaged at case %d", obs_index + 1);
        c->st = SERVQ_ERR_DATA;
        return READSTAT_HANDLER_ABORT;
    }
    if ((c->st = add_value(c, var, value)) != SERVQ_OK)
        return READSTAT_HANDLER_ABORT;
    if (c->next_var < c->n_vars)
        return READSTAT_HANDLER_OK;
    c->cases++;
    if ((c->st = hand_over(c, c->cases)) != SERVQ_OK)
        return READSTAT_HANDLER_ABORT;
    return READSTAT_HANDLER_OK;
}

static void on_error(const char *text, void *user)
{
    struct sav_ctx *c = user;
    size_t n;

    snprintf(c->detail, sizeof c->detail, "%s", text ? text : "");
    n = strlen(c->detail);
    while (n && (c->detail[n - 1] == '\n' || c->detail[n - 1] == ' '))
        c->detail[--n] = '\0';
}

/* ---- ReadStat's I/O, through the caller's callbacks ---- */

static int io_open(const char *path, void *io_ctx)
{
    (void)path;
    (void)io_ctx;
    return 0;
}

static int io_close(void *io_ctx)
{
    (void)io_ctx;
    return 0;
}

static readstat_off_t io_seek(readstat_off_t offset, readstat_io_flags_t whence, void *io_ctx)
{
    struct sav_ctx *c = io_ctx;
    enum servq_seek_from from = whence == READSTAT_SEEK_SET   ? SERVQ_SEEK_SET
                                : whence == READSTAT_SEEK_CUR ? SERVQ_SEEK_CUR
                                                              : SERVQ_SEEK_END;
    long long r = c->io->seek((long long)offset, from, c->io->user);

    if (r < 0)
        return -1;
    return (readstat_off_t)r;
}

/*
 * A failed read is passed on as a short one: ReadStat compares what read
 * returns with the size it asked for as unsigned numbers, so -1 would
 * pass for a complete read.
 */
static ssize_t io_read(void *buf, size_t len, void *io_ctx)
{
    struct sav_ctx *c = io_ctx;
    long long r = c->io->read(buf, len, c->io->user);

    if (r < 0) {
        c->io_failed = 1;
        return 0;
    }
    return (ssize_t)r;
}

static readstat_error_t io_update(long file_size, readstat_progress_handler progress, void *user,
                                  void *io_ctx)
{
    (void)file_size;
    (void)progress;
    (void)user;
    (void)io_ctx;
    return READSTAT_OK;
}

/* ---- the read ---- */

/* ReadStat's messages are sentences; servq's are lowercase (STYLE.md section 4). */
static char *lowercase_first(char *s)
{
    if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = (char)(s[0] + 32);
    return s;
}

/* One line on why ReadStat stopped, for the caller's message callback. */
static void explain(struct sav_ctx *c, readstat_error_t err)
{
    char fallback[160];
    const char *why;

    switch (err) {
    case READSTAT_ERROR_ROW_COUNT_MISMATCH:
        sav_message(c, "the file ends after %llu of its %lld cases: it is truncated", c->cases,
                    c->cases_promised);
        return;
    case READSTAT_ERROR_READ:
    case READSTAT_ERROR_SEEK:
        why = "the file ends too early: it is truncated or damaged";
        break;
    case READSTAT_ERROR_PARSE:
        why = "the file is damaged, or uses a feature that cannot be read";
        break;
    case READSTAT_ERROR_UNSUPPORTED_COMPRESSION:
        why = "the file's compression is not supported";
        break;
    case READSTAT_ERROR_UNSUPPORTED_CHARSET:
        why = "the file's character set is not supported";
        break;
    case READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
        why = "this version of the SPSS format is not supported";
        break;
    case READSTAT_ERROR_CONVERT:
    case READSTAT_ERROR_CONVERT_BAD_STRING:
    case READSTAT_ERROR_CONVERT_SHORT_STRING:
    case READSTAT_ERROR_CONVERT_LONG_STRING:
        why = "a text in the file is not valid in the file's character set";
        break;
    default:
        snprintf(fallback, sizeof fallback, "%s", readstat_error_message(err));
        why = lowercase_first(fallback);
        break;
    }
    lowercase_first(c->detail);
    if (c->detail[0])
        sav_message(c, "%s (%s)", why, c->detail);
    else
        sav_message(c, "%s", why);
}

/* Checks the magic first, so any other file gets a plain answer. */
static enum servq_status check_magic(struct sav_ctx *c)
{
    char head[4];
    long long got = 0, r;

    /* The caller may have looked at the first bytes already. */
    if (c->io->seek(0, SERVQ_SEEK_SET, c->io->user) != 0)
        return SERVQ_ERR_ABORTED;
    while (got < 4) {
        r = c->io->read(head + got, (size_t)(4 - got), c->io->user);
        if (r < 0)
            return SERVQ_ERR_ABORTED;
        if (r == 0)
            break;
        got += r;
    }
    if (!servq_sav_detect(head, (size_t)got)) {
        sav_message(c, "not an SPSS system file: it does not start with $FL2 or $FL3");
        return SERVQ_ERR_DATA;
    }
    return c->io->seek(0, SERVQ_SEEK_SET, c->io->user) == 0 ? SERVQ_OK : SERVQ_ERR_ABORTED;
}

static enum servq_status parse(struct sav_ctx *c)
{
    readstat_parser_t *parser = readstat_parser_init();
    readstat_error_t err;
    enum servq_status st;

    if (!parser)
        return SERVQ_ERR_NOMEM;
    readstat_set_metadata_handler(parser, on_metadata);
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_handler(parser, on_value);
    readstat_set_error_handler(parser, on_error);
    readstat_set_open_handler(parser, io_open);
    readstat_set_close_handler(parser, io_close);
    readstat_set_seek_handler(parser, io_seek);
    readstat_set_read_handler(parser, io_read);
    readstat_set_update_handler(parser, io_update);
    readstat_set_io_ctx(parser, c);
    err = readstat_parse_sav(parser, "", c);
    readstat_parser_free(parser);

    if (c->io_failed)
        return SERVQ_ERR_ABORTED;
    if (err == READSTAT_ERROR_USER_ABORT)
        return c->st != SERVQ_OK ? c->st : SERVQ_ERR_ABORTED;
    if (err == READSTAT_ERROR_MALLOC)
        return SERVQ_ERR_NOMEM;
    if (err != READSTAT_OK) {
        explain(c, err);
        return SERVQ_ERR_DATA;
    }
    /* A file with no cases still has its header. */
    if (!c->header_sent && (st = send_header(c)) != SERVQ_OK)
        return st;
    return SERVQ_OK;
}

enum servq_status servq_sav_read(const struct servq_sav_io *io, servq_record_fn fn, void *user,
                                 servq_message_fn msg_fn, void *msg_user)
{
    struct sav_ctx c;
    enum servq_status st;
    size_t i;

    if (!io || !io->read || !io->seek || !fn)
        return SERVQ_ERR_ARG;
    memset(&c, 0, sizeof c);
    c.io = io;
    c.fn = fn;
    c.user = user;
    c.msg_fn = msg_fn;
    c.msg_user = msg_user;
    c.cases_promised = -1;
    servq_buf_init(&c.cells);
    servq_buf_init(&c.raw);
    st = check_magic(&c);
    if (st == SERVQ_OK)
        st = parse(&c);
    for (i = 0; i < c.n_vars; i++)
        free(c.names[i]);
    free(c.names);
    free(c.kinds);
    free(c.starts);
    free(c.fields);
    servq_buf_release(&c.cells);
    servq_buf_release(&c.raw);
    return st;
}

/* ---- from memory ---- */

struct mem_file {
    const unsigned char *data;
    size_t len, pos;
};

static long long mem_read(void *buf, size_t len, void *user)
{
    struct mem_file *f = user;
    size_t n = f->len - f->pos < len ? f->len - f->pos : len;

    if (n)
        memcpy(buf, f->data + f->pos, n);
    f->pos += n;
    return (long long)n;
}

static long long mem_seek(long long offset, enum servq_seek_from whence, void *user)
{
    struct mem_file *f = user;
    long long base = whence == SERVQ_SEEK_SET   ? 0
                     : whence == SERVQ_SEEK_CUR ? (long long)f->pos
                                                : (long long)f->len;

    /* Within the file only: a seek past the end is a damaged offset. */
    if (offset < -base || offset > (long long)f->len - base)
        return -1;
    f->pos = (size_t)(base + offset);
    return (long long)f->pos;
}

enum servq_status servq_sav_read_memory(const void *buf, size_t len, servq_record_fn fn,
                                        void *user, servq_message_fn msg_fn, void *msg_user)
{
    struct mem_file f;
    struct servq_sav_io io;

    if (!buf && len)
        return SERVQ_ERR_ARG;
    f.data = buf;
    f.len = len;
    f.pos = 0;
    io.read = mem_read;
    io.seek = mem_seek;
    io.user = &f;
    return servq_sav_read(&io, fn, user, msg_fn, msg_user);
}
