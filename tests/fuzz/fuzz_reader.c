/*
 * Fuzz target: the CSV reader, on its own and in front of the importer.
 *
 * 1. The input goes through the reader twice with the same options: in
 *    two chunks split at a byte derived from the input, then one byte at
 *    a time. Both must give the same records and the same status. This is
 *    done with the default options and again with a delimiter, a quote and
 *    small limits taken from the input, so the limit and abort paths run.
 * 2. The input is imported as servq-import does it: decoded to UTF-8
 *    (detected, or a named encoding), the delimiter detected, then read
 *    into the importer with the built-in instrument or a small one that
 *    uses every feature, the dialect detected too. The decoded text must be
 *    valid UTF-8; read = imported + rejected must hold; every emitted row
 *    must be canonical CSV with the header's width, and every rejects row
 *    must carry the line, the reason and the record.
 *
 * The last two bytes of the input choose the split and the options; the
 * whole input is always the data.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "servq/servq.h"
#include "common/util-priv.h"

/* ---- reader ---- */

#define BYTEWISE_EDGE 2048

struct digest {
    const struct servq_reader_options *opt;
    uint64_t h;
    unsigned long long records;
    unsigned long long last_line;
    unsigned long long abort_after; /* stop after this many records; 0: never */
};

static void on_message(const struct servq_message *m, void *user)
{
    (void)user;
    FUZZ_CHECK(m->text != NULL);
    FUZZ_CHECK(m->level == SERVQ_LEVEL_ERROR || m->level == SERVQ_LEVEL_WARNING ||
               m->level == SERVQ_LEVEL_INFO);
    FUZZ_CHECK(strlen(m->text) > 0);
}

static int on_record(const struct servq_record *rec, void *user)
{
    struct digest *d = user;
    size_t i, sum = 0;

    FUZZ_CHECK(rec->n_fields >= 1 && rec->n_fields <= d->opt->max_fields);
    FUZZ_CHECK(rec->raw != NULL && rec->raw_len >= 1 && rec->raw_len <= d->opt->max_record);
    FUZZ_CHECK(rec->line > d->last_line);
    FUZZ_CHECK(rec->number == d->records + 1);
    for (i = 0; i < rec->n_fields; i++) {
        const struct servq_field *f = &rec->fields[i];
        FUZZ_CHECK(f->data != NULL && f->data[f->len] == '\0');
        sum += f->len;
        d->h = fuzz_hash(d->h, &f->len, sizeof f->len);
        d->h = fuzz_hash(d->h, f->data, f->len);
    }
    /* Each byte of a field comes from its own byte of the record. */
    FUZZ_CHECK(sum + rec->n_fields - 1 <= rec->raw_len);
    if (!memchr(rec->raw, d->opt->quote, rec->raw_len)) {
        /* Without quotes, the fields joined by the delimiter are the record. */
        const char *p = rec->raw;
        FUZZ_CHECK(sum + rec->n_fields - 1 == rec->raw_len);
        for (i = 0; i < rec->n_fields; i++) {
            FUZZ_CHECK(memcmp(p, rec->fields[i].data, rec->fields[i].len) == 0);
            p += rec->fields[i].len;
            if (i + 1 < rec->n_fields)
                FUZZ_CHECK(*p++ == d->opt->delimiter);
        }
    }
    d->h = fuzz_hash(d->h, &rec->line, sizeof rec->line);
    d->h = fuzz_hash(d->h, rec->raw, rec->raw_len);
    d->last_line = rec->line;
    d->records++;
    return d->abort_after && d->records >= d->abort_after ? SERVQ_CB_ABORT : SERVQ_CB_OK;
}

static size_t count_newlines(const uint8_t *data, size_t size)
{
    size_t i, n = 0;

    for (i = 0; i < size; i++)
        n += data[i] == '\n';
    return n;
}

/*
 * Reads the input in two chunks (split), or byte by byte (split ==
 * SIZE_MAX); a long input only at its start and end, to keep it fast.
 */
static enum servq_status read_all(const uint8_t *data, size_t size,
                                  const struct servq_reader_options *o, size_t split,
                                  unsigned long long abort_after, struct digest *d)
{
    struct servq_reader *r = NULL;
    enum servq_status st;
    size_t i;

    memset(d, 0, sizeof *d);
    d->opt = o;
    d->h = FUZZ_HASH_SEED;
    d->abort_after = abort_after;
    FUZZ_CHECK(servq_reader_new(o, on_record, d, &r) == SERVQ_OK);
    servq_reader_set_message_fn(r, on_message, NULL);
    if (split == SIZE_MAX) {
        for (i = 0, st = SERVQ_OK; i < size && st == SERVQ_OK; i++) {
            if (i == BYTEWISE_EDGE && size > 2 * BYTEWISE_EDGE) {
                st = servq_reader_feed(r, data + i, size - 2 * BYTEWISE_EDGE);
                i = size - BYTEWISE_EDGE - 1;
                continue;
            }
            st = servq_reader_feed(r, data + i, 1);
        }
    } else {
        st = servq_reader_feed(r, data, split);
        if (st == SERVQ_OK)
            st = servq_reader_feed(r, data + split, size - split);
    }
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_LIMIT || st == SERVQ_ERR_CSV ||
               st == SERVQ_ERR_ABORTED);
    FUZZ_CHECK((st == SERVQ_ERR_ABORTED) == (abort_after && d->records == abort_after));
    if (st == SERVQ_OK) {
        /* Every line was consumed, and the last record started on one of them. */
        FUZZ_CHECK(servq_reader_line_count(r) == count_newlines(data, size));
        FUZZ_CHECK(d->last_line <= servq_reader_line_count(r) + 1);
    }
    servq_reader_free(r);
    return st;
}

/* Chunking must not change what is read. */
static void read_both_ways(const uint8_t *data, size_t size, const struct servq_reader_options *o,
                           size_t split, unsigned long long abort_after)
{
    struct digest a, b;
    enum servq_status sa, sb;

    sa = read_all(data, size, o, split, abort_after, &a);
    sb = read_all(data, size, o, SIZE_MAX, abort_after, &b);
    FUZZ_CHECK(sa == sb);
    FUZZ_CHECK(a.records == b.records);
    FUZZ_CHECK(a.h == b.h);
}

/* ---- import ---- */

/* An instrument with every feature the importer maps. */
static const char rich_instrument[] =
    "{\"schema\": \"servq.instrument/1\", \"id\": \"fuzz\", \"name\": \"Fuzz\","
    " \"scale\": {\"min\": 1, \"max\": 5}, \"measures\": [\"E\", \"P\", \"A\", \"D\"],"
    " \"importance\": true,"
    " \"dimensions\": [{\"id\": \"d1\", \"name\": {\"en\": \"One\"}}, {\"id\": \"d2\"}],"
    " \"items\": [{\"id\": \"q1\", \"dimension\": \"d1\"},"
    "  {\"id\": \"q2\", \"dimension\": \"d1\", \"reverse\": true},"
    "  {\"id\": \"q3\", \"dimension\": \"d2\", \"scale\": {\"min\": 0, \"max\": 10}}],"
    " \"extras\": [{\"id\": \"nps\", \"type\": \"nps\"},"
    "  {\"id\": \"sat\", \"type\": \"csat\", \"scale\": {\"min\": 1, \"max\": 7}},"
    "  {\"id\": \"comment\", \"type\": \"text\"}]}";

static const struct servq_instrument *instrument(int rich)
{
    static struct servq_instrument *ins[2];

    if (!ins[rich]) {
        if (rich)
            FUZZ_CHECK(servq_instrument_parse(rich_instrument, sizeof rich_instrument - 1, &ins[1],
                                              NULL, 0) == SERVQ_OK);
        else
            FUZZ_CHECK(servq_instrument_default(&ins[0]) == SERVQ_OK);
    }
    return ins[rich];
}

struct import_ctx {
    const struct servq_instrument *ins;
    int raw_csv;
    struct servq_importer *imp;
    /* canonical output, read back as it is emitted */
    struct servq_reader *canon;
    struct servq_layout *layout;
    size_t width;
    unsigned long long emitted_rows, canon_records, rejects;
    /* the reject row being checked */
    const struct servq_reject *rej;
    unsigned long long rej_records;
};

static int on_canonical(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;
    char err[256];

    if (c->canon_records++ == 0) {
        /* What import writes, the analysis must accept. */
        enum servq_status st = servq_layout_new(c->ins, rec, &c->layout, err, sizeof err);
        if (st != SERVQ_OK)
            fprintf(stderr, "canonical header refused: %s\n", err);
        FUZZ_CHECK(st == SERVQ_OK);
        c->width = rec->n_fields;
        return SERVQ_CB_OK;
    }
    FUZZ_CHECK(rec->n_fields == c->width);
    return SERVQ_CB_OK;
}

static int on_emit(const char *buf, size_t len, void *user)
{
    struct import_ctx *c = user;

    /* Whole rows only, so a consumer can stop between any two. */
    FUZZ_CHECK(buf != NULL && len > 0 && buf[len - 1] == '\n');
    c->emitted_rows++;
    FUZZ_CHECK(servq_reader_feed(c->canon, buf, len) == SERVQ_OK);
    return SERVQ_CB_OK;
}

static int on_reject_row(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;
    const struct servq_reject *rej = c->rej;
    const struct servq_field *raw;
    char line[32];

    c->rej_records++;
    FUZZ_CHECK(rec->n_fields == 3);
    snprintf(line, sizeof line, "%llu", rej->line);
    FUZZ_CHECK(strcmp(rec->fields[0].data, line) == 0);
    FUZZ_CHECK(rec->fields[1].len == strlen(rej->reason) &&
               memcmp(rec->fields[1].data, rej->reason, rec->fields[1].len) == 0);
    raw = &rec->fields[2];
    if (raw->len == rej->raw_len) {
        FUZZ_CHECK(memcmp(raw->data, rej->raw, rej->raw_len) == 0);
    } else {
        /* neutralised against formula injection */
        FUZZ_CHECK(!c->raw_csv && raw->len == rej->raw_len + 1 && raw->data[0] == '\'' &&
                   memcmp(raw->data + 1, rej->raw, rej->raw_len) == 0);
    }
    return SERVQ_CB_OK;
}

static int on_reject(const struct servq_reject *rej, void *user)
{
    struct import_ctx *c = user;
    struct servq_reader *r = NULL;

    c->rejects++;
    FUZZ_CHECK(rej->line >= 1 && rej->reason != NULL && strlen(rej->reason) > 0);
    /* A reason is one line (import.h). */
    FUZZ_CHECK(!strchr(rej->reason, '\n'));
    FUZZ_CHECK(rej->raw != NULL && rej->csv != NULL && rej->csv_len > 0 &&
               rej->csv[rej->csv_len - 1] == '\n');
    /* The rejects row reads back as line, reason, record. */
    c->rej = rej;
    c->rej_records = 0;
    FUZZ_CHECK(servq_reader_new(NULL, on_reject_row, c, &r) == SERVQ_OK);
    FUZZ_CHECK(servq_reader_feed(r, rej->csv, rej->csv_len) == SERVQ_OK);
    FUZZ_CHECK(servq_reader_finish(r) == SERVQ_OK);
    servq_reader_free(r);
    FUZZ_CHECK(c->rej_records == 1);
    return SERVQ_CB_OK;
}

static int on_import_record(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;

    return servq_importer_add(c->imp, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/* The decoder's output, collected. */
static int on_decoded(const char *buf, size_t len, void *user)
{
    struct servq_buf *b = user;

    FUZZ_CHECK(buf != NULL || len == 0);
    return servq_buf_add(b, buf, len) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/*
 * Decodes the input as servq-import does, in two chunks.
 * @returns 0 with the UTF-8 text in text, or -1 when it cannot be decoded
 */
static int decode(const uint8_t *data, size_t size, const char *encoding, size_t split,
                  struct servq_buf *text)
{
    struct servq_decoder *d = NULL;
    enum servq_status st;

    FUZZ_CHECK(servq_decoder_new(encoding, on_decoded, text, &d) == SERVQ_OK);
    servq_decoder_set_message_fn(d, on_message, NULL);
    st = servq_decoder_feed(d, data, split);
    if (st == SERVQ_OK)
        st = servq_decoder_feed(d, data + split, size - split);
    if (st == SERVQ_OK)
        st = servq_decoder_finish(d);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_ENCODING);
    if (st == SERVQ_OK)
        FUZZ_CHECK(servq_decoder_encoding(d) != NULL);
    servq_decoder_free(d);
    return st == SERVQ_OK ? 0 : -1;
}

static void import(const uint8_t *data, size_t size, unsigned mode, size_t split)
{
    static const char *const encodings[] = {NULL,   NULL,    NULL,       NULL,
                                            "auto", "CP949", "UTF-16LE", "ISO-8859-1"};
    struct servq_reader_options ropt, copt;
    struct servq_import_options iopt;
    struct servq_import_counts counts;
    struct import_ctx c;
    struct servq_reader *r = NULL;
    struct servq_buf text;
    enum servq_status st;

    servq_buf_init(&text);
    if (decode(data, size, encodings[(mode >> 3) & 7], split, &text) != 0) {
        servq_buf_release(&text);
        return;
    }
    /* Within the first 64 KiB, whatever came in, UTF-8 comes out. */
    if (size <= 65536)
        FUZZ_CHECK(servq_utf8_valid(text.data ? text.data : "", text.len));

    memset(&c, 0, sizeof c);
    c.ins = instrument(mode & 1);
    servq_reader_options_init(&ropt);
    ropt.delimiter = servq_detect_delimiter(text.data ? text.data : "", text.len, 1);
    FUZZ_CHECK(ropt.delimiter == ',' || ropt.delimiter == ';' || ropt.delimiter == '\t' ||
               ropt.delimiter == '|');
    servq_import_options_init(&iopt);
    if (ropt.delimiter == ';' || (ropt.delimiter != ',' && (mode & 2)))
        iopt.decimal_mark = ',';
    iopt.raw_csv = c.raw_csv = (mode & 4) != 0;

    FUZZ_CHECK(servq_importer_new(c.ins, &iopt, on_emit, on_reject, &c, &c.imp) == SERVQ_OK);
    servq_importer_set_message_fn(c.imp, on_message, NULL);
    servq_reader_options_init(&copt);
    copt.max_fields = 1000000; /* the canonical header is wider than the export's */
    FUZZ_CHECK(servq_reader_new(&copt, on_canonical, &c, &c.canon) == SERVQ_OK);
    FUZZ_CHECK(servq_reader_new(&ropt, on_import_record, &c, &r) == SERVQ_OK);
    servq_reader_set_message_fn(r, on_message, NULL);
    st = servq_reader_feed(r, text.data, text.len);
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    if (st == SERVQ_OK)
        st = servq_importer_finish(c.imp);
    FUZZ_CHECK(servq_reader_finish(c.canon) == SERVQ_OK);

    /* Nothing is lost: every data row read was imported or rejected. */
    servq_importer_counts(c.imp, &counts);
    FUZZ_CHECK(counts.read == counts.imported + counts.rejected);
    FUZZ_CHECK(counts.rejected == c.rejects);
    /* The header is emitted too, once it maps; before that no row is read. */
    if (c.emitted_rows == 0)
        FUZZ_CHECK(counts.read == 0);
    else
        FUZZ_CHECK(c.emitted_rows == counts.imported + 1);
    FUZZ_CHECK(c.canon_records == c.emitted_rows);
    if (st == SERVQ_OK)
        FUZZ_CHECK(c.emitted_rows > 0);

    servq_reader_free(r);
    servq_reader_free(c.canon);
    servq_layout_free(c.layout);
    servq_importer_free(c.imp);
    servq_buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct servq_reader_options o;
    unsigned t = size ? data[size - 1] : 0, u = size > 1 ? data[size - 2] : 0;
    size_t split = ((u << 8) | t) % (size + 1);
    static const char delims[] = {',', ';', '\t', '|'};

    /* The defaults, as the commands use them. */
    servq_reader_options_init(&o);
    read_both_ways(data, size, &o, split, 0);

    /* Another dialect and small limits. */
    o.delimiter = delims[t & 3];
    o.quote = (t & 4) ? '\'' : '"';
    o.max_fields = 1 + (t >> 3) % 16;
    o.max_record = 1 + ((u << 1) ^ t) % 300;
    read_both_ways(data, size, &o, size - split, (t >> 5) & 3);

    import(data, size, u ^ t, split);
    return 0;
}
