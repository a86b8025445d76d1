/*
 * The import stream: bytes of an export in, canonical rows out.
 *
 *     bytes ─ what is it? ─┬─ CSV: decoder → delimiter guess → reader ─┬→ importer
 *                          └─ SPSS: servq_sav_read() ──────────────────┘
 *
 * Each stage is push-style, so the stream only holds back what a decision
 * needs: the first 512 bytes until the kind of input is known, then the
 * first 64 KiB of decoded text until the delimiter is. The options the
 * command line leaves open fall back on the map, then on the data: the
 * delimiter is guessed, and a ';'-separated export has ',' decimals.
 *
 * Every record reaches the importer through on_record(), and the header
 * records through take_header_record(): the one place that sees the
 * header before any row is imported.
 */
#include <stdlib.h>
#include <string.h>

#include "common/message-priv.h"
#include "common/util-priv.h"
#include "servq/import.h"
#include "servq/sav.h"

/* Raw bytes held to tell an SPSS file, a workbook or a PDF from CSV text. */
#define SNIFF_HEAD 512u
/* Decoded text held to guess the delimiter. */
#define SNIFF_TEXT (64u * 1024u)

struct servq_import_stream {
    const struct servq_instrument *ins;
    struct servq_instrument *own_ins; /* the built-in one, when none was given */
    struct servq_import_stream_options o;
    int delimiter_given, decimal_given;
    servq_emit_fn emit;
    servq_reject_fn reject;
    void *user;
    struct servq_sink sink;

    enum servq_import_format format; /* AUTO until the first bytes decide */
    struct servq_buf head;           /* raw bytes held until then */
    struct servq_buf sav;            /* an SPSS file fed in, held whole */
    struct servq_decoder *dec;
    struct servq_buf text;           /* decoded text held until the delimiter is known */
    struct servq_reader *reader;
    struct servq_importer *imp;
    unsigned long long cases; /* SPSS: the last case read */
    enum servq_status status; /* the first failure; every later call returns it */
    int done;                 /* headers_only, and the header was taken */
    int conflict;             /* the decimal mark turned out to be the delimiter */
};

void servq_import_stream_options_init(struct servq_import_stream_options *o)
{
    memset(o, 0, sizeof *o);
    servq_import_options_init(&o->import);
    servq_reader_options_init(&o->reader);
    o->import.decimal_mark = '\0';
    o->reader.delimiter = '\0';
    o->format = SERVQ_IMPORT_FORMAT_AUTO;
}

/* The options the caller left open, from the map. */
static void take_map_defaults(struct servq_import_stream *s, const struct servq_map *map)
{
    s->o.import.map = map;
    if (!map)
        return;
    if (!s->o.encoding)
        s->o.encoding = servq_map_encoding(map);
    if (!s->o.reader.delimiter)
        s->o.reader.delimiter = servq_map_delimiter(map);
    if (!s->o.import.decimal_mark)
        s->o.import.decimal_mark = servq_map_decimal(map);
}

enum servq_status servq_import_stream_new(const struct servq_instrument *ins,
                                          const struct servq_map *map,
                                          const struct servq_import_stream_options *o,
                                          servq_emit_fn emit, servq_reject_fn reject, void *user,
                                          struct servq_import_stream **out)
{
    struct servq_import_stream *s;
    enum servq_status st = SERVQ_OK;

    if (!out || !emit)
        return SERVQ_ERR_ARG;
    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return SERVQ_ERR_NOMEM;
    if (o)
        s->o = *o;
    else
        servq_import_stream_options_init(&s->o);
    take_map_defaults(s, map ? map : s->o.import.map);
    s->delimiter_given = s->o.reader.delimiter != '\0';
    s->decimal_given = s->o.import.decimal_mark != '\0';
    if (!s->decimal_given)
        s->o.import.decimal_mark = '.';
    s->emit = emit;
    s->reject = reject;
    s->user = user;
    servq_buf_init(&s->head);
    servq_buf_init(&s->sav);
    servq_buf_init(&s->text);
    s->ins = ins ? ins : map ? servq_map_instrument(map) : NULL;
    if (!s->ins) {
        st = servq_instrument_default(&s->own_ins);
        s->ins = s->own_ins;
    }
    if (st != SERVQ_OK) {
        servq_import_stream_free(s);
        return st;
    }
    *out = s;
    return SERVQ_OK;
}

void servq_import_stream_set_message_fn(struct servq_import_stream *s, servq_message_fn fn,
                                        void *user)
{
    s->sink.fn = fn;
    s->sink.user = user;
}

/*
 * Keeps the first failure. Failures the stages below did not explain (no
 * memory, a bad argument) are said here, once.
 */
static enum servq_status fail(struct servq_import_stream *s, enum servq_status st)
{
    if (s->status != SERVQ_OK || st == SERVQ_OK)
        return s->status;
    s->status = st;
    if (st == SERVQ_ERR_NOMEM)
        servq_say(&s->sink, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "out of memory");
    else if (st == SERVQ_ERR_ARG)
        servq_say(&s->sink, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "%s", servq_strerror(st));
    return st;
}

/* What a stage's status means for the stream: stopping for headers_only is no failure. */
static enum servq_status settle(struct servq_import_stream *s, enum servq_status st)
{
    if (s->done)
        return SERVQ_OK;
    return fail(s, st);
}

/* The header records, before any row: the one place that sees them whole. */
static int take_header_record(struct servq_import_stream *s, const struct servq_record *rec)
{
    enum servq_status st = servq_importer_add(s->imp, rec);

    if (st != SERVQ_OK) {
        if (st != SERVQ_ERR_ABORTED)
            fail(s, st);
        return SERVQ_CB_ABORT;
    }
    if (s->o.import.headers_only && servq_importer_header_done(s->imp)) {
        s->done = 1;
        return SERVQ_CB_ABORT;
    }
    return SERVQ_CB_OK;
}

static int take_data_record(struct servq_import_stream *s, const struct servq_record *rec)
{
    enum servq_status st = servq_importer_add(s->imp, rec);

    if (st != SERVQ_OK) {
        if (st != SERVQ_ERR_ABORTED)
            fail(s, st);
        return SERVQ_CB_ABORT;
    }
    return SERVQ_CB_OK;
}

/* A record from the reader or from the SPSS file. */
static int on_record(const struct servq_record *rec, void *user)
{
    struct servq_import_stream *s = user;

    if (s->format == SERVQ_IMPORT_FORMAT_SAV)
        s->cases = rec->line;
    if (!servq_importer_header_done(s->imp))
        return take_header_record(s, rec);
    return take_data_record(s, rec);
}

static enum servq_status start_importer(struct servq_import_stream *s)
{
    struct servq_import_options iopt = s->o.import;
    enum servq_status st;

    iopt.spss = s->format == SERVQ_IMPORT_FORMAT_SAV;
    st = servq_importer_new(s->ins, &iopt, s->emit, s->reject, s->user, &s->imp);
    if (st != SERVQ_OK)
        return fail(s, st);
    servq_importer_set_message_fn(s->imp, s->sink.fn, s->sink.user);
    return SERVQ_OK;
}

/* Whether s ends in suffix (lowercase ASCII), in any case; not the locale's. */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix), i;

    if (n <= k)
        return 0;
    for (i = 0; i < k; i++) {
        char ch = s[n - k + i];
        if ((ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch) != suffix[i])
            return 0;
    }
    return 1;
}

/* Whether a file is named like an SPSS file: .sav or .zsav. */
static int sav_name(const char *path)
{
    return path && (ends_with(path, ".sav") || ends_with(path, ".zsav"));
}

enum servq_import_format servq_import_stream_detect(struct servq_import_stream *s,
                                                    const void *head, size_t len)
{
    struct servq_input_info info;
    enum servq_input_kind kind;
    int sav;

    if (s->format != SERVQ_IMPORT_FORMAT_AUTO || s->status != SERVQ_OK)
        return s->format;
    kind = servq_input_detect(head, len, &info);
    if (s->o.format != SERVQ_IMPORT_FORMAT_SAV && kind != SERVQ_INPUT_TEXT &&
        kind != SERVQ_INPUT_SAV) {
        servq_say(&s->sink, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "this is %s, not CSV; %s",
                  info.what, info.fix);
        s->status = SERVQ_ERR_DATA;
        return SERVQ_IMPORT_FORMAT_AUTO;
    }
    sav = s->o.format == SERVQ_IMPORT_FORMAT_SAV ||
          (s->o.format == SERVQ_IMPORT_FORMAT_AUTO &&
           (kind == SERVQ_INPUT_SAV || sav_name(s->o.name)));
    s->format = sav ? SERVQ_IMPORT_FORMAT_SAV : SERVQ_IMPORT_FORMAT_CSV;
    return s->format;
}

/* ---- CSV: decoder, delimiter, reader ---- */

static void say_delimiter(struct servq_import_stream *s)
{
    char d = s->o.reader.delimiter;

    servq_say(&s->sink, SERVQ_LEVEL_INFO, SERVQ_NOWHERE, "delimiter: %s (detected)",
              d == '\t' ? "tab" : d == ';' ? "';'" : "'|'");
}

/*
 * With the held text (all of it when complete): the delimiter, the
 * decimal mark it implies, the importer and the reader.
 */
static enum servq_status start_reader(struct servq_import_stream *s, int complete)
{
    enum servq_status st;

    if (!s->delimiter_given) {
        s->o.reader.delimiter = servq_detect_delimiter(s->text.data, s->text.len, complete);
        if (s->o.reader.delimiter != ',')
            say_delimiter(s);
    }
    /* Spreadsheets that write ';' between fields write ',' in numbers. */
    if (!s->decimal_given && s->o.reader.delimiter == ';')
        s->o.import.decimal_mark = ',';
    if (s->o.import.decimal_mark == s->o.reader.delimiter) {
        s->conflict = 1;
        s->status = SERVQ_ERR_ARG; /* the caller names both; see servq/import.h */
        return s->status;
    }
    if ((st = start_importer(s)) != SERVQ_OK)
        return st;
    st = servq_reader_new(&s->o.reader, on_record, s, &s->reader);
    if (st != SERVQ_OK)
        return fail(s, st);
    servq_reader_set_message_fn(s->reader, s->sink.fn, s->sink.user);
    return SERVQ_OK;
}

static enum servq_status feed_reader(struct servq_import_stream *s, const char *buf, size_t len)
{
    return settle(s, servq_reader_feed(s->reader, buf, len));
}

/* Releases the held text into a new reader. */
static enum servq_status flush_text(struct servq_import_stream *s, int complete)
{
    enum servq_status st = start_reader(s, complete);

    if (st == SERVQ_OK && s->text.len)
        st = feed_reader(s, s->text.data, s->text.len);
    servq_buf_release(&s->text);
    return st;
}

/* The decoder's output: held back until the delimiter is known, then read. */
static int on_text(const char *buf, size_t len, void *user)
{
    struct servq_import_stream *s = user;
    enum servq_status st;

    if (s->reader)
        st = feed_reader(s, buf, len);
    else if ((st = servq_buf_add(&s->text, buf, len)) != SERVQ_OK)
        st = fail(s, st);
    else if (s->text.len >= SNIFF_TEXT)
        st = flush_text(s, 0);
    return st == SERVQ_OK && !s->done ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static enum servq_status start_decoder(struct servq_import_stream *s)
{
    if (servq_decoder_new(s->o.encoding, on_text, s, &s->dec) != SERVQ_OK) {
        s->status = SERVQ_ERR_ARG; /* an encoding iconv does not know: see servq/import.h */
        return s->status;
    }
    servq_decoder_set_message_fn(s->dec, s->sink.fn, s->sink.user);
    return SERVQ_OK;
}

static enum servq_status feed_csv(struct servq_import_stream *s, const void *buf, size_t len)
{
    if (!s->dec && start_decoder(s) != SERVQ_OK)
        return s->status;
    return settle(s, servq_decoder_feed(s->dec, buf, len));
}

static enum servq_status finish_csv(struct servq_import_stream *s)
{
    enum servq_status st;

    if (!s->dec && start_decoder(s) != SERVQ_OK)
        return s->status;
    if ((st = settle(s, servq_decoder_finish(s->dec))) != SERVQ_OK || s->done)
        return st;
    if (!s->reader && ((st = flush_text(s, 1)) != SERVQ_OK || s->done))
        return st;
    if ((st = settle(s, servq_reader_finish(s->reader))) != SERVQ_OK || s->done)
        return st;
    return fail(s, servq_importer_finish(s->imp));
}

/* ---- SPSS ---- */

static enum servq_status read_sav(struct servq_import_stream *s, const struct servq_sav_io *io)
{
    enum servq_status st = start_importer(s);

    if (st != SERVQ_OK)
        return st;
    if (io)
        st = servq_sav_read(io, on_record, s, s->sink.fn, s->sink.user);
    else
        st = servq_sav_read_memory(s->sav.data, s->sav.len, on_record, s, s->sink.fn,
                                   s->sink.user);
    if ((st = settle(s, st)) != SERVQ_OK || s->done)
        return st;
    return fail(s, servq_importer_finish(s->imp));
}

enum servq_status servq_import_stream_read_sav(struct servq_import_stream *s,
                                               const struct servq_sav_io *io)
{
    if (s->status != SERVQ_OK)
        return s->status;
    if (!io || s->head.len || s->dec || s->imp || s->format == SERVQ_IMPORT_FORMAT_CSV)
        return fail(s, SERVQ_ERR_ARG);
    s->format = SERVQ_IMPORT_FORMAT_SAV;
    return read_sav(s, io);
}

/* ---- feeding ---- */

/* Bytes once the kind of input is known. */
static enum servq_status take_bytes(struct servq_import_stream *s, const void *buf, size_t len)
{
    if (s->format == SERVQ_IMPORT_FORMAT_SAV)
        return fail(s, servq_buf_add(&s->sav, buf, len));
    return feed_csv(s, buf, len);
}

/* Decides the kind of input from the held bytes and passes them on. */
static enum servq_status release_head(struct servq_import_stream *s)
{
    enum servq_status st;

    if (servq_import_stream_detect(s, s->head.data, s->head.len) == SERVQ_IMPORT_FORMAT_AUTO)
        return s->status;
    st = s->head.len ? take_bytes(s, s->head.data, s->head.len) : SERVQ_OK;
    servq_buf_release(&s->head);
    return st;
}

enum servq_status servq_import_stream_feed(struct servq_import_stream *s, const void *buf,
                                           size_t len)
{
    enum servq_status st;

    if (s->status != SERVQ_OK || s->done || len == 0)
        return s->status;
    if (s->format != SERVQ_IMPORT_FORMAT_AUTO)
        return take_bytes(s, buf, len);
    if ((st = servq_buf_add(&s->head, buf, len)) != SERVQ_OK)
        return fail(s, st);
    return s->head.len < SNIFF_HEAD ? SERVQ_OK : release_head(s);
}

enum servq_status servq_import_stream_finish(struct servq_import_stream *s)
{
    if (s->status != SERVQ_OK || s->done)
        return s->status;
    if (s->format == SERVQ_IMPORT_FORMAT_AUTO && release_head(s) != SERVQ_OK)
        return s->status;
    if (s->done)
        return SERVQ_OK;
    if (s->format == SERVQ_IMPORT_FORMAT_SAV)
        return read_sav(s, NULL);
    return finish_csv(s);
}

/* ---- what the stream knows ---- */

int servq_import_stream_done(const struct servq_import_stream *s)
{
    return s->done;
}

enum servq_import_format servq_import_stream_format(const struct servq_import_stream *s)
{
    return s->format;
}

const char *servq_import_stream_encoding(const struct servq_import_stream *s)
{
    return s->o.encoding;
}

char servq_import_stream_delimiter(const struct servq_import_stream *s)
{
    return s->reader || s->conflict ? s->o.reader.delimiter : '\0';
}

unsigned long long servq_import_stream_line_count(const struct servq_import_stream *s)
{
    if (s->format == SERVQ_IMPORT_FORMAT_SAV)
        return s->cases;
    return s->reader ? servq_reader_line_count(s->reader) : 0;
}

const struct servq_importer *servq_import_stream_importer(const struct servq_import_stream *s)
{
    return s->imp;
}

void servq_import_stream_counts(const struct servq_import_stream *s,
                                struct servq_import_counts *c)
{
    memset(c, 0, sizeof *c);
    if (s->imp)
        servq_importer_counts(s->imp, c);
}

/*
 * The schema and three whole numbers, as lib/render reads them; "format"
 * is extra, and ignored there.
 */
enum servq_status servq_import_stream_stats_json(const struct servq_import_stream *s,
                                                 char **json)
{
    struct servq_import_counts n;
    struct servq_buf b;
    enum servq_status st;

    servq_import_stream_counts(s, &n);
    servq_buf_init(&b);
    st = servq_buf_printf(&b,
                          "{\"schema\":\"servq.import-stats/1\",\"read\":%llu,\"imported\":%llu,"
                          "\"rejected\":%llu,\"format\":\"%s\"}\n",
                          n.read, n.imported, n.rejected,
                          s->format == SERVQ_IMPORT_FORMAT_SAV ? "sav" : "csv");
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return st;
    }
    *json = servq_buf_steal(&b);
    return *json ? SERVQ_OK : SERVQ_ERR_NOMEM;
}

void servq_import_stream_free(struct servq_import_stream *s)
{
    if (!s)
        return;
    servq_decoder_free(s->dec);
    servq_reader_free(s->reader);
    servq_importer_free(s->imp);
    servq_instrument_free(s->own_ins);
    servq_buf_release(&s->head);
    servq_buf_release(&s->sav);
    servq_buf_release(&s->text);
    free(s);
}
