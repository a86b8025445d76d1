/*
 * The push-style CSV reader.
 *
 * Record boundaries are found here with memchr, tracking only whether we
 * are inside quotes; that keeps the raw text of every record (rejects files
 * need it verbatim) and physical line numbers. A record without any quote
 * character is split on the delimiter directly; a record with quotes goes
 * through libcsv, which owns the quoting rules.
 *
 * The fast path: when a feed holds a whole record without quotes, the
 * record is split straight from the caller's buffer, with one copy (the
 * fields need their NULs) and no per-field calls. Records that span feeds
 * or hold quotes collect in r->rec first, as before.
 *
 * Limits: a field is checked when its record is split, and, so that a
 * huge field is refused before it is all in memory, also while a record
 * collects in r->rec: once the raw field is longer than twice the limit
 * plus its quotes, its unquoted content must be over the limit too.
 */
#include "servq/reader.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/message-priv.h"
#include "common/util-priv.h"

struct servq_reader {
    struct servq_reader_options opt;
    servq_record_fn fn;
    void *user;
    struct servq_sink sink;

    struct servq_buf rec;       /* raw bytes of the record being read */
    struct servq_buf fieldbuf;  /* NUL-separated field contents */
    size_t *offsets;            /* start of each field in fieldbuf (quoted records) */
    struct servq_field *fields; /* what the callback gets */
    size_t n_fields, cap_fields;

    int in_quotes;       /* inside a quoted field */
    int after_close;     /* the last byte closed a quoted field */
    int has_quote;       /* the record holds a quote character */
    size_t bom_seen;     /* bytes of a leading BOM matched so far */
    int started;         /* any non-BOM byte seen */
    size_t field_start;  /* where the field being read starts in rec */
    unsigned long long line;       /* physical lines completed */
    unsigned long long rec_line;   /* line the current record starts on */
    unsigned long long records;
    enum servq_status csv_status;  /* failure inside libcsv callbacks */
    struct csv_parser csv;
};

static void report(struct servq_reader *r, unsigned long long line, unsigned long column,
                   enum servq_limit limit, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(struct servq_reader *r, unsigned long long line, unsigned long column,
                   enum servq_limit limit, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(&r->sink, SERVQ_LEVEL_ERROR, (struct servq_where){line, column, limit}, fmt, ap);
    va_end(ap);
}

static enum servq_status too_long(struct servq_reader *r, unsigned long column)
{
    report(r, r->rec_line, column, SERVQ_LIMIT_FIELD_BYTES, "field longer than %zu bytes",
           r->opt.max_field);
    return SERVQ_ERR_LIMIT;
}

static enum servq_status too_wide(struct servq_reader *r)
{
    report(r, r->rec_line, 0, SERVQ_LIMIT_COLUMNS, "more than %zu columns", r->opt.max_fields);
    return SERVQ_ERR_LIMIT;
}

void servq_reader_options_init(struct servq_reader_options *o)
{
    o->delimiter = ',';
    o->quote = '"';
    o->max_record = SERVQ_DEFAULT_MAX_RECORD;
    o->max_fields = SERVQ_DEFAULT_MAX_FIELDS;
    o->max_field = SERVQ_DEFAULT_MAX_FIELD;
}

/* libcsv trims spaces around unquoted fields by default; we keep data verbatim. */
static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

enum servq_status servq_reader_new(const struct servq_reader_options *o, servq_record_fn fn,
                                   void *user, struct servq_reader **out)
{
    struct servq_reader *r;

    if (!fn || !out)
        return SERVQ_ERR_ARG;
    r = calloc(1, sizeof *r);
    if (!r)
        return SERVQ_ERR_NOMEM;
    if (o)
        r->opt = *o;
    else
        servq_reader_options_init(&r->opt);
    if (r->opt.delimiter == r->opt.quote || r->opt.delimiter == '\n' || r->opt.delimiter == '\r' ||
        r->opt.max_fields == 0 || r->opt.max_record == 0 || r->opt.max_field == 0) {
        free(r);
        return SERVQ_ERR_ARG;
    }
    if (csv_init(&r->csv, 0) != 0) {
        free(r);
        return SERVQ_ERR_NOMEM;
    }
    csv_set_delim(&r->csv, (unsigned char)r->opt.delimiter);
    csv_set_quote(&r->csv, (unsigned char)r->opt.quote);
    csv_set_space_func(&r->csv, never_space);
    servq_buf_init(&r->rec);
    servq_buf_init(&r->fieldbuf);
    r->fn = fn;
    r->user = user;
    r->rec_line = 1;
    *out = r;
    return SERVQ_OK;
}

void servq_reader_set_message_fn(struct servq_reader *r, servq_message_fn fn, void *user)
{
    r->sink.fn = fn;
    r->sink.user = user;
}

void servq_reader_free(struct servq_reader *r)
{
    if (!r)
        return;
    csv_free(&r->csv);
    servq_buf_release(&r->rec);
    servq_buf_release(&r->fieldbuf);
    free(r->offsets);
    free(r->fields);
    free(r);
}

unsigned long long servq_reader_line_count(const struct servq_reader *r)
{
    return r->line;
}

static enum servq_status grow_fields(struct servq_reader *r)
{
    size_t cap = r->cap_fields ? r->cap_fields * 2 : 64;
    size_t *offsets;
    struct servq_field *fields;

    /* One past the limit, so add_field() can see the limit being passed. */
    if (r->opt.max_fields < SIZE_MAX && cap > r->opt.max_fields + 1)
        cap = r->opt.max_fields + 1;
    if (cap <= r->cap_fields || cap > SIZE_MAX / sizeof(struct servq_field))
        return SERVQ_ERR_NOMEM;
    offsets = realloc(r->offsets, cap * sizeof *offsets);
    if (!offsets)
        return SERVQ_ERR_NOMEM;
    r->offsets = offsets;
    fields = realloc(r->fields, cap * sizeof *fields);
    if (!fields)
        return SERVQ_ERR_NOMEM;
    r->fields = fields;
    r->cap_fields = cap;
    return SERVQ_OK;
}

static enum servq_status add_field(struct servq_reader *r, const char *s, size_t n)
{
    if (r->n_fields >= r->opt.max_fields)
        return too_wide(r);
    if (n > r->opt.max_field)
        return too_long(r, (unsigned long)r->n_fields + 1);
    if (r->n_fields == r->cap_fields && grow_fields(r) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    r->offsets[r->n_fields++] = r->fieldbuf.len;
    if (servq_buf_add(&r->fieldbuf, s, n) != SERVQ_OK ||
        servq_buf_addc(&r->fieldbuf, '\0') != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

static void on_csv_field(void *s, size_t n, void *data)
{
    struct servq_reader *r = data;

    if (r->csv_status == SERVQ_OK)
        r->csv_status = add_field(r, s ? s : "", s ? n : 0);
}

static void on_csv_row(int term, void *data)
{
    (void)term;
    (void)data;
}

/* Ends field k, start..p, at the delimiter p; grows the field array as needed. */
static enum servq_status plain_field(struct servq_reader *r, char *start, char *p, size_t k)
{
    if ((size_t)(p - start) > r->opt.max_field)
        return too_long(r, (unsigned long)k + 1);
    if (k >= r->opt.max_fields)
        return too_wide(r);
    if (k >= r->cap_fields && grow_fields(r) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    *p = '\0';
    r->fields[k].data = start;
    r->fields[k].len = (size_t)(p - start);
    return SERVQ_OK;
}

/* SERVQ_PORTABLE_SPLIT: the byte loop of other CPUs, for its test on this one. */
#if defined(__SSE2__) && !defined(SERVQ_PORTABLE_SPLIT)
#include <emmintrin.h>
#define SPLIT_CHUNK 16
#else
#define SPLIT_CHUNK 0
#endif

/*
 * Splits a record without quote characters: one copy into fieldbuf, then
 * each delimiter becomes the NUL that ends its field, and fields point
 * straight into the copy. Most records of most files take this path, so
 * it finds the delimiters 16 bytes at a time where the CPU can (a bit mask
 * per block, one step per field rather than per byte), and a sentinel
 * delimiter after the copy ends the search without a bounds test.
 */
static enum servq_status split_plain(struct servq_reader *r, const char *s, size_t n)
{
    const char delim = r->opt.delimiter;
    char *start, *p, *end;
    size_t k = 0;
    enum servq_status st = SERVQ_OK;

    /* Room for the sentinel and for a whole block read past it. */
    if (servq_buf_reserve(&r->fieldbuf, n + 1 + SPLIT_CHUNK) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    memcpy(r->fieldbuf.data, s, n);
    end = r->fieldbuf.data + n;
    *end = delim;
    start = r->fieldbuf.data;
#if SPLIT_CHUNK
    {
        const __m128i d = _mm_set1_epi8(delim);
        char *block;
        memset(end + 1, 0, SPLIT_CHUNK);
        for (block = start; block <= end; block += SPLIT_CHUNK) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)block);
            unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, d));
            while (mask) {
                p = block + __builtin_ctz(mask);
                mask &= mask - 1;
                if ((st = plain_field(r, start, p, k)) != SERVQ_OK)
                    goto done;
                k++;
                if (p == end)
                    goto done;
                start = p + 1;
            }
        }
    }
#else
    for (p = start;; start = ++p) {
        while (*p != delim)
            p++;
        if ((st = plain_field(r, start, p, k)) != SERVQ_OK)
            goto done;
        k++;
        if (p == end)
            goto done;
    }
#endif
done:
    *end = '\0';
    r->fieldbuf.len = n;
    r->n_fields = k;
    return st;
}

static enum servq_status split_quoted(struct servq_reader *r, const char *s, size_t n)
{
    size_t i;

    r->csv_status = SERVQ_OK;
    if (csv_parse(&r->csv, s, n, on_csv_field, on_csv_row, r) != n) {
        report(r, r->rec_line, 0, SERVQ_LIMIT_NONE, "cannot parse CSV record: %s",
               csv_strerror(csv_error(&r->csv)));
        return csv_error(&r->csv) == CSV_ENOMEM ? SERVQ_ERR_NOMEM : SERVQ_ERR_CSV;
    }
    if (csv_fini(&r->csv, on_csv_field, on_csv_row, r) != 0)
        return SERVQ_ERR_CSV;
    if (r->csv_status != SERVQ_OK)
        return r->csv_status;
    /* fieldbuf is complete: it no longer moves, so fields can point into it. */
    for (i = 0; i < r->n_fields; i++) {
        r->fields[i].data = r->fieldbuf.data + r->offsets[i];
        r->fields[i].len = (i + 1 < r->n_fields ? r->offsets[i + 1] - 1 : r->fieldbuf.len - 1) -
                           r->offsets[i];
    }
    return SERVQ_OK;
}

/*
 * Splits the record s[0..n) (its line end removed) and hands it to the
 * callback. s is either r->rec or, on the fast path, the caller's buffer.
 */
static enum servq_status emit_record(struct servq_reader *r, const char *s, size_t n)
{
    struct servq_record rec;
    enum servq_status st;

    if (n > 0 && s[n - 1] == '\r')
        n--;
    r->n_fields = 0;
    servq_buf_clear(&r->fieldbuf);
    r->field_start = 0;
    if (n == 0) /* blank lines separate nothing in CSV; skip them */
        goto done;
    st = r->has_quote ? split_quoted(r, s, n) : split_plain(r, s, n);
    if (st != SERVQ_OK)
        return st;
    rec.fields = r->fields;
    rec.n_fields = r->n_fields;
    rec.line = r->rec_line;
    rec.number = ++r->records;
    rec.raw = s;
    rec.raw_len = n;
    if (r->fn(&rec, r->user) != SERVQ_CB_OK)
        return SERVQ_ERR_ABORTED;
done:
    servq_buf_clear(&r->rec);
    r->has_quote = 0;
    r->after_close = 0;
    r->rec_line = r->line + 1;
    return SERVQ_OK;
}

/* Emits the record held in r->rec. */
static enum servq_status emit_buffered(struct servq_reader *r)
{
    return emit_record(r, r->rec.data ? r->rec.data : "", r->rec.len);
}

/* The 1-based number of the field that starts at r->field_start. */
static unsigned long field_number(const struct servq_reader *r)
{
    const char *s = r->rec.data;
    unsigned long k = 1;
    int in_quotes = 0, closed = 0, start = 1;
    size_t i;

    for (i = 0; i < r->field_start; i++) {
        char c = s[i];
        if (in_quotes) {
            in_quotes = c != r->opt.quote;
            closed = !in_quotes;
            continue;
        }
        if (c == r->opt.quote && (start || closed)) /* "" reopens the field */
            in_quotes = 1;
        else if (c == r->opt.delimiter)
            k++;
        start = c == r->opt.delimiter;
        closed = 0;
    }
    return k;
}

/*
 * Adds p[0..n) to the record. plain: the bytes are outside quotes, where a
 * delimiter starts a new field.
 */
static enum servq_status append(struct servq_reader *r, const char *p, size_t n, int plain)
{
    size_t at = r->rec.len, i = n, raw;
    enum servq_status st;

    if (r->rec.len + n > r->opt.max_record) {
        report(r, r->rec_line, 0, SERVQ_LIMIT_RECORD_BYTES, "record longer than %zu bytes",
               r->opt.max_record);
        return SERVQ_ERR_LIMIT;
    }
    if ((st = servq_buf_add(&r->rec, p, n)) != SERVQ_OK)
        return st;
    while (plain && i > 0 && p[i - 1] != r->opt.delimiter)
        i--;
    if (plain && i > 0)
        r->field_start = at + i;
    /* Quotes at most double a field, plus the two around it. */
    raw = r->rec.len - r->field_start;
    if (raw > 2 && (raw - 2) / 2 > r->opt.max_field)
        return too_long(r, field_number(r));
    return SERVQ_OK;
}

static int at_field_start(const struct servq_reader *r)
{
    return r->rec.len == 0 || r->rec.data[r->rec.len - 1] == r->opt.delimiter;
}

static size_t count_newlines(const char *p, size_t n)
{
    size_t k = 0;
    const char *e = p + n;

    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        k++;
        p++;
    }
    return k;
}

/* Consumes bytes inside a quoted field up to and including its closing quote. */
static enum servq_status scan_quoted(struct servq_reader *r, const char *p, size_t n,
                                     size_t *used)
{
    const char *q = memchr(p, r->opt.quote, n);
    size_t take = q ? (size_t)(q - p) + 1 : n;

    r->line += count_newlines(p, take);
    if (q) {
        r->in_quotes = 0;
        r->after_close = 1;
    }
    *used = take;
    return append(r, p, take, 0);
}

/* Consumes unquoted bytes up to a quote or a line end. */
static enum servq_status scan_plain(struct servq_reader *r, const char *p, size_t n,
                                    size_t *used)
{
    const char *nl = memchr(p, '\n', n);
    size_t span = nl ? (size_t)(nl - p) : n;
    const char *q = memchr(p, r->opt.quote, span);
    enum servq_status st;

    if (q) {
        size_t before = (size_t)(q - p);
        int reopen = before == 0 && r->after_close; /* "" inside a quoted field */
        if ((st = append(r, p, before, 1)) != SERVQ_OK)
            return st;
        if (reopen || at_field_start(r))
            r->in_quotes = 1;
        r->after_close = 0;
        r->has_quote = 1;
        *used = before + 1;
        return append(r, q, 1, 0);
    }
    if (span)
        r->after_close = 0;
    if ((st = append(r, p, span, 1)) != SERVQ_OK)
        return st;
    *used = span;
    if (nl) {
        *used += 1;
        r->line++;
        return emit_buffered(r);
    }
    return SERVQ_OK;
}

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

/* Swallows a leading BOM, possibly split across feeds. @returns bytes used. */
static size_t skip_bom(struct servq_reader *r, const unsigned char *p, size_t n,
                       enum servq_status *st)
{
    size_t k = 0;

    *st = SERVQ_OK;
    while (!r->started && k < n && r->bom_seen < 3 && p[k] == utf8_bom[r->bom_seen]) {
        r->bom_seen++;
        k++;
    }
    if (r->started || r->bom_seen == 3 || k == n)
        return k;
    /* A partial match was data after all: replay it. */
    r->started = 1;
    if (r->bom_seen)
        *st = append(r, (const char *)utf8_bom, r->bom_seen, 1);
    return k;
}

enum servq_status servq_reader_feed(struct servq_reader *r, const void *buf, size_t len)
{
    const char *p = buf;
    size_t used;
    enum servq_status st = SERVQ_OK;

    if (!r->started && len) {
        used = skip_bom(r, (const unsigned char *)p, len, &st);
        if (st != SERVQ_OK)
            return st;
        p += used;
        len -= used;
        if (len)
            r->started = 1;
    }
    while (len > 0) {
        if (!r->in_quotes && r->rec.len == 0) {
            /*
             * The fast path: a whole record without quotes in this chunk
             * is split from here, with no copy into r->rec.
             */
            const char *nl = memchr(p, '\n', len);
            size_t span = nl ? (size_t)(nl - p) : 0;
            if (nl && span <= r->opt.max_record && !memchr(p, r->opt.quote, span)) {
                r->line++;
                if ((st = emit_record(r, p, span)) != SERVQ_OK)
                    return st;
                p += span + 1;
                len -= span + 1;
                continue;
            }
        }
        st = r->in_quotes ? scan_quoted(r, p, len, &used) : scan_plain(r, p, len, &used);
        if (st != SERVQ_OK)
            return st;
        p += used;
        len -= used;
    }
    return SERVQ_OK;
}

enum servq_status servq_reader_finish(struct servq_reader *r)
{
    if (!r->started && r->bom_seen && r->bom_seen < 3) {
        enum servq_status st = append(r, (const char *)utf8_bom, r->bom_seen, 1);
        if (st != SERVQ_OK)
            return st;
    }
    if (r->in_quotes) {
        report(r, r->rec_line, 0, SERVQ_LIMIT_NONE,
               "unterminated quoted field at end of input: a quote opened on this line is "
               "never closed");
        return SERVQ_ERR_CSV;
    }
    if (r->rec.len > 0)
        return emit_buffered(r);
    return SERVQ_OK;
}
