/*
 * servq-import: survey export in, canonical responses out.
 *
 * The bytes go through three library stages, all push-style: the decoder
 * (any encoding to UTF-8), the reader (CSV records) and the importer
 * (dialect, header, map, values). The first 64 KiB of text are held back
 * until the delimiter is known, since the reader needs it from the start.
 *
 * An SPSS system file (.sav, .zsav) skips the decoder and the reader:
 * servq_sav_read() turns it into the same records, through read and seek
 * callbacks here, so the importer and everything after it are the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-common.h"

/* Decoded text looked at to guess the delimiter. */
#define SNIFF_BYTES (64u * 1024u)
/* Raw bytes read before anything else, to tell a workbook or a PDF from CSV. */
#define SNIFF_HEAD 512

/* --format */
enum import_format { FORMAT_AUTO = 0, FORMAT_CSV, FORMAT_SAV };

struct import_ctx {
    const char *path;
    enum import_format format;
    int sav; /* the input is an SPSS file */
    struct cli_source src;
    struct servq_import_options iopt;
    struct servq_reader_options ropt;
    int delimiter_given, decimal_given, suggest;

    struct servq_importer *imp;
    struct servq_reader *reader;
    const struct servq_instrument *ins;
    char *held; /* decoded text held back to guess the delimiter */
    size_t held_len, held_cap;
    int failed; /* an error was already reported */
    int unread; /* the input could not be opened, read or taken as an export at all */
    int strict;        /* --strict: warnings are errors */
    int strict_failed; /* a warning was given under --strict */
    int done;   /* --suggest-map has what it needs */

    struct cli_output rejects_out; /* --rejects, written atomically */
    FILE *rejects;
    const char *rejects_path;
};

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [FILE]\n"
            "Turn a survey export (CSV, or an SPSS .sav/.zsav file) into canonical\n"
            "responses (CSV on standard output). With no FILE, or when FILE is -, read\n"
            "standard input.\n"
            "\n"
            "What the export is:\n"
            "  -f, --format=FORMAT    auto (default), csv or sav; auto knows an SPSS\n"
            "                         system file (.sav, .zsav) by its first bytes\n"
            "  -m, --map=FILE         a map (servq.map/1, JSON): which column is which\n"
            "                         item and measure, id, date...; it may also name the\n"
            "                         instrument, dialect, encoding and delimiter, so\n"
            "                         '--map M.json FILE' is enough\n"
            "  -i, --instrument=NAME  the instrument: one installed or on SERVQ_PATH, by\n"
            "                         name (see --list-instruments), or a JSON file;\n"
            "                         default: the map's, else the built-in SERVQUAL-22\n"
            CLI_USAGE_LIST_INSTRUMENTS
            "      --dialect=NAME     auto (default), generic, qualtrics, surveymonkey,\n"
            "                         googleforms or limesurvey; auto says on standard\n"
            "                         error what it chose\n"
            "      --header-rows=N    header records (default: as the dialect has them)\n"
            "      --encoding=NAME    the export's encoding, any iconv name (CP949,\n"
            "                         ISO-8859-1...); default: detect UTF-8 or UTF-16 by\n"
            "                         byte-order mark, else UTF-8, else Windows-1252\n"
            "  -d, --delimiter=CHAR   field separator: , ; | or 'tab'; default: detect\n"
            "      --decimal=CHAR     decimal mark of the export's numbers: . or ,\n"
            "                         (default: ',' when the delimiter is ';', else '.')\n"
            "      --date-format=FMT  how the date column writes dates: %%Y %%y %%m %%d %%e %%H\n"
            "                         %%I %%M %%S %%p %%Z %%%% ('%%m/%%d/%%Y', '%%d.%%m.%%Y %%H:%%M'),\n"
            "                         or 'excel' for serial day numbers; default: the map's,\n"
            "                         else YYYY-MM-DD (a time may follow)\n"
            "      --suggest-map      read only the header and print a starter map\n"
            "\n"
            "Where rows go:\n"
            "  -o, --output=FILE      write to FILE atomically instead of standard output\n"
            "  -r, --rejects=FILE     write rows that cannot be imported to FILE as CSV:\n"
            "                         line,reason,record (atomically, once the whole\n"
            "                         input was read)\n"
            "      --max-rejects=N|P%% fail (exit 1) when more than N rows, or more than\n"
            "                         P percent of the rows read, were rejected\n"
            "      --strict           make every warning an error: exit 1, and no output\n"
            "                         at all (see docs/warnings.md)\n"
            "      --stats=FILE       write the accounting to FILE as JSON\n"
            "                         (servq.import-stats/1, for servq report\n"
            "                         --import-stats), replacing FILE atomically\n"
            "      --raw-csv          do not neutralise cells that start with = + - @ TAB\n"
            "                         or CR (by default they get a leading ')\n"
            "  -q, --quiet            print neither the accounting line nor a progress bar\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "Limits (see servq-import(1)):\n" CLI_USAGE_CSV_LIMITS CLI_USAGE_MAX_JSON_BYTES("16M")
                CLI_USAGE_MAX_LABELS CLI_USAGE_LIMITS_NOTE,
            argv0);
    /* Two calls: C11 promises string literals of only 4095 bytes. */
    fprintf(fp,
            "\n"
            "Without a map, columns are mapped by name: E1/E01/E_1 (or E_<item>) is an\n"
            "item's expectation, P... its perception, A.../D... the adequate and desired\n"
            "levels, I_<dimension> importance points, respondent_id/id/ResponseId the\n"
            "respondent, date/timestamp (Qualtrics: RecordedDate, EndDate) the date,\n"
            "weight and role; any other column is carried along as a segment.\n"
            "\n"
            "Answers may be numbers or Likert labels in English, Spanish, Portuguese or\n"
            "Russian ('Totalmente de acuerdo', 'Strongly agree (7)'); N/A, 'No sé',\n"
            "'Не знаю' and the map's N/A codes are missing values.\n"
            "\n"
            "SPSS files: each variable is a column of the same name, so the names\n"
            "above and maps work as for CSV. A rating is read as its code (5, not its\n"
            "value label), values declared missing (such as 9 = 'No answer') and\n"
            "system-missing values are missing, and dates become YYYY-MM-DD. In\n"
            "rejects, 'line' is the case number. --encoding, --delimiter, --decimal,\n"
            "--dialect and --header-rows are for CSV only. An SPSS file on standard\n"
            "input is first copied to a temporary file (in TMPDIR, else /tmp), as it\n"
            "has to be read twice.\n"
            "\n"
            "On standard error the last line is 'read N, imported A, rejected R', and\n"
            "N = A + R always; header rows are not counted.\n"
            "\n"
            "Examples:\n"
            "  %s --suggest-map export.csv > map.json\n"
            "  %s --map map.json -r rejects.csv export.csv > responses.csv\n"
            "  %s --stats stats.json survey.sav > responses.csv\n"
            "\n"
            "Exit status: 0 success, 1 data or I/O failure (or too many rejects),\n"
            "2 usage error. See servq-import(1) and servq-instrument(5) for maps.\n",
            argv0, argv0, argv0);
}

/* The library's messages; under --strict a warning is an error that stops the output. */
static void on_message(const struct servq_message *msg, void *user)
{
    struct import_ctx *c = user;
    struct servq_message m = *msg;

    if (c->strict && m.level == SERVQ_LEVEL_WARNING) {
        m.level = SERVQ_LEVEL_ERROR;
        c->strict_failed = 1;
    }
    cli_message(&m, &c->src);
}

static int emit_stdout(const char *buf, size_t len, void *user)
{
    const struct import_ctx *c = user;

    if (c->strict_failed)
        return SERVQ_CB_ABORT;
    /* A failed write is reported once, when standard output is closed. */
    return cli_write_stdout(buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int write_reject(const struct servq_reject *rej, void *user)
{
    struct import_ctx *c = user;

    if (!c->rejects)
        return SERVQ_CB_OK;
    if (fwrite(rej->csv, 1, rej->csv_len, c->rejects) != rej->csv_len) {
        cli_error("cannot write '%s': %s", c->rejects_path, strerror(errno));
        c->failed = 1;
        return SERVQ_CB_ABORT;
    }
    return SERVQ_CB_OK;
}

/* Importer failures were reported through the message callback, except these. */
static void report_status(struct import_ctx *c, enum servq_status st)
{
    char name[4096];

    if (st == SERVQ_ERR_NOMEM)
        cli_error("%s: out of memory", cli_input_name(c->path, name, sizeof name));
    else if (st == SERVQ_ERR_ARG)
        cli_error("%s: %s", cli_input_name(c->path, name, sizeof name), servq_strerror(st));
    c->failed = 1;
}

static int on_record(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;
    enum servq_status st = servq_importer_add(c->imp, rec);

    if (st != SERVQ_OK) {
        if (st != SERVQ_ERR_ABORTED)
            report_status(c, st);
        return SERVQ_CB_ABORT;
    }
    if (c->suggest && servq_importer_header_done(c->imp)) {
        c->done = 1;
        return SERVQ_CB_ABORT;
    }
    return SERVQ_CB_OK;
}

/* With the delimiter known: the importer and the reader. */
static int start(struct import_ctx *c, int complete)
{
    enum servq_status st;

    if (!c->delimiter_given) {
        c->ropt.delimiter = servq_detect_delimiter(c->held, c->held_len, complete);
        if (c->ropt.delimiter != ',') {
            char text[64];
            struct servq_message m = {SERVQ_LEVEL_INFO, 0, 0, text, SERVQ_LIMIT_NONE};
            snprintf(text, sizeof text, "delimiter: %s (detected)",
                     c->ropt.delimiter == '\t'  ? "tab"
                     : c->ropt.delimiter == ';' ? "';'"
                                                : "'|'");
            cli_message(&m, &c->src);
        }
    }
    if (!c->decimal_given && c->ropt.delimiter == ';')
        c->iopt.decimal_mark = ',';
    if (c->iopt.decimal_mark == c->ropt.delimiter) {
        cli_error("the decimal mark and the delimiter cannot both be '%c'", c->ropt.delimiter);
        return -1;
    }
    st = servq_importer_new(c->ins, &c->iopt, emit_stdout, write_reject, c, &c->imp);
    if (st == SERVQ_OK) {
        servq_importer_set_message_fn(c->imp, on_message, c);
        st = servq_reader_new(&c->ropt, on_record, c, &c->reader);
    }
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        return -1;
    }
    servq_reader_set_message_fn(c->reader, on_message, c);
    return 0;
}

static int feed_reader(struct import_ctx *c, const char *buf, size_t len)
{
    enum servq_status st = servq_reader_feed(c->reader, buf, len);

    if (st == SERVQ_ERR_ABORTED && c->done)
        return -1;
    if (st != SERVQ_OK) {
        if (!c->failed && st != SERVQ_ERR_ABORTED)
            report_status(c, st);
        c->failed = 1;
        return -1;
    }
    return 0;
}

/* Releases the held-back text into a new reader. */
static int flush_held(struct import_ctx *c, int complete)
{
    int r;

    if (start(c, complete) != 0) {
        c->failed = 1;
        return -1;
    }
    r = c->held_len ? feed_reader(c, c->held, c->held_len) : 0;
    free(c->held);
    c->held = NULL;
    c->held_len = c->held_cap = 0;
    return r;
}

/* The decoder's output: held back until the delimiter is known, then read. */
static int on_text(const char *buf, size_t len, void *user)
{
    struct import_ctx *c = user;

    if (c->reader)
        return feed_reader(c, buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
    if (c->held_len + len > c->held_cap) {
        size_t cap = c->held_len + len + SNIFF_BYTES;
        char *p = realloc(c->held, cap);
        if (!p) {
            report_status(c, SERVQ_ERR_NOMEM);
            return SERVQ_CB_ABORT;
        }
        c->held = p;
        c->held_cap = cap;
    }
    memcpy(c->held + c->held_len, buf, len);
    c->held_len += len;
    if (c->held_len < SNIFF_BYTES)
        return SERVQ_CB_OK;
    return flush_held(c, 0) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/* Reads once, retrying on EINTR. @returns the bytes read, or -1 after reporting. */
static ssize_t read_some(struct import_ctx *c, int fd, void *buf, size_t len)
{
    char name[4096];
    ssize_t got;

    do
        got = read(fd, buf, len);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        cli_error("cannot read %s: %s", cli_input_name(c->path, name, sizeof name),
                  strerror(errno));
    return got;
}

/* Reads the input as CSV through the decoder, starting with the got bytes in buf. */
static int run_csv(struct import_ctx *c, const char *encoding, int fd, char *buf, size_t cap,
                   ssize_t got, struct cli_progress *progress)
{
    struct servq_decoder *dec = NULL;
    enum servq_status st;
    int ret = -1;

    st = servq_decoder_new(encoding, on_text, c, &dec);
    if (st != SERVQ_OK) {
        cli_error("unknown encoding '%s' (iconv -l lists the names)", encoding);
        goto cleanup;
    }
    servq_decoder_set_message_fn(dec, on_message, c);
    while (got > 0) {
        st = servq_decoder_feed(dec, buf, (size_t)got);
        if (c->done)
            break;
        if (st != SERVQ_OK)
            goto failed;
        cli_progress_update(progress, (size_t)got,
                            c->reader ? servq_reader_line_count(c->reader) : 0);
        if ((got = read_some(c, fd, buf, cap)) < 0)
            goto cleanup;
    }
    if (!c->done) {
        st = servq_decoder_finish(dec);
        if (st != SERVQ_OK && !c->done)
            goto failed;
    }
    if (!c->done && !c->reader && flush_held(c, 1) != 0 && !c->done)
        goto cleanup;
    if (!c->done) {
        st = servq_reader_finish(c->reader);
        if (st != SERVQ_OK && !c->done) {
            /* CSV and limit errors were reported with their line. */
            if (!c->failed && st != SERVQ_ERR_ABORTED && st != SERVQ_ERR_CSV &&
                st != SERVQ_ERR_LIMIT)
                report_status(c, st);
            goto cleanup;
        }
    }
    if (!c->done && (st = servq_importer_finish(c->imp)) != SERVQ_OK) {
        report_status(c, st);
        goto cleanup;
    }
    ret = 0;
    goto cleanup;
failed:
    /* Decoding errors were reported with their line by the message callback. */
    if (!c->failed && st != SERVQ_ERR_ABORTED && st != SERVQ_ERR_ENCODING)
        report_status(c, st);
cleanup:
    servq_decoder_free(dec);
    return ret;
}

/* ---- SPSS system files ---- */

/* The SPSS file as servq_sav_read() sees it: fd from offset base on. */
struct sav_file {
    struct import_ctx *c;
    int fd;
    long long base;
    long long high; /* the furthest offset read, for the progress bar */
    struct cli_progress *progress;
    unsigned long long cases;
};

static long long sav_read(void *buf, size_t len, void *user)
{
    struct sav_file *f = user;
    ssize_t got = read_some(f->c, f->fd, buf, len);
    long long at;

    if (got < 0)
        return -1;
    if (!f->progress->on)
        return (long long)got;
    /* The dictionary is read twice: count each byte once. */
    at = (long long)lseek(f->fd, 0, SEEK_CUR) - f->base;
    if (at > f->high) {
        cli_progress_update(f->progress, (size_t)(at - f->high), f->cases);
        f->high = at;
    }
    return (long long)got;
}

static long long sav_seek(long long offset, enum servq_seek_from whence, void *user)
{
    struct sav_file *f = user;
    off_t r;

    if (whence == SERVQ_SEEK_SET)
        r = lseek(f->fd, (off_t)(f->base + offset), SEEK_SET);
    else
        r = lseek(f->fd, (off_t)offset, whence == SERVQ_SEEK_CUR ? SEEK_CUR : SEEK_END);
    if (r < 0 || (long long)r < f->base)
        return -1;
    return (long long)r - f->base;
}

/*
 * ReadStat seeks, so an SPSS file on a pipe is first copied to an unlinked
 * temporary file in TMPDIR: the got bytes already read, then the rest.
 * @returns its descriptor, or -1 after reporting
 */
/* An unlinked temporary file in TMPDIR, else /tmp; -1 after saying why it cannot "what". */
static int temp_fd(const char *what)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int fd;

    if (!dir || !dir[0])
        dir = "/tmp";
    if ((size_t)snprintf(path, sizeof path, "%s/servq-import.XXXXXX", dir) >= sizeof path) {
        cli_error("cannot %s a temporary file: %s", what, strerror(ENAMETOOLONG));
        return -1;
    }
    fd = mkstemp(path);
    if (fd < 0) {
        cli_error("cannot %s a temporary file in '%s': %s", what, dir, strerror(errno));
        return -1;
    }
    unlink(path);
    return fd;
}

static int spool(struct import_ctx *c, int in, char *buf, size_t cap, ssize_t got)
{
    const char *dir;
    int fd = temp_fd("copy standard input to");

    if (fd < 0)
        return -1;
    dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    while (got > 0) {
        char *p = buf;
        size_t left = (size_t)got;
        while (left > 0) {
            ssize_t w = write(fd, p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                cli_error("cannot copy standard input to a temporary file in '%s': %s", dir,
                          strerror(errno));
                close(fd);
                return -1;
            }
            p += w;
            left -= (size_t)w;
        }
        if ((got = read_some(c, in, buf, cap)) < 0) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

static int on_sav_record(const struct servq_record *rec, void *user)
{
    struct sav_file *f = user;

    f->cases = rec->line;
    return on_record(rec, f->c);
}

/*
 * Imports an SPSS file whose first got bytes are in buf: in place when fd
 * is a regular file, else from a copy. The importer takes its records as
 * it takes CSV records.
 */
static int run_sav(struct import_ctx *c, int fd, char *buf, size_t cap, ssize_t got,
                   struct cli_progress *progress)
{
    struct servq_import_options iopt = c->iopt;
    struct sav_file f;
    struct servq_sav_io io;
    struct stat st_fd;
    enum servq_status st;
    off_t at = lseek(fd, 0, SEEK_CUR);
    int ret = -1;

    memset(&f, 0, sizeof f);
    f.c = c;
    f.fd = fd;
    f.progress = progress;
    if (at >= got && fstat(fd, &st_fd) == 0 && S_ISREG(st_fd.st_mode)) {
        f.base = (long long)at - got;
    } else {
        f.fd = spool(c, fd, buf, cap, got);
        if (f.fd < 0)
            return -1;
    }
    iopt.spss = 1;
    st = servq_importer_new(c->ins, &iopt, emit_stdout, write_reject, c, &c->imp);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        goto cleanup;
    }
    servq_importer_set_message_fn(c->imp, on_message, c);
    io.read = sav_read;
    io.seek = sav_seek;
    io.user = &f;
    st = servq_sav_read(&io, on_sav_record, &f, on_message, c);
    if (st == SERVQ_ERR_ABORTED && c->done) {
        ret = 0;
        goto cleanup;
    }
    if (st != SERVQ_OK) {
        /* Damaged files and limits were explained by the message callback. */
        if (!c->failed && st != SERVQ_ERR_ABORTED && st != SERVQ_ERR_DATA &&
            st != SERVQ_ERR_LIMIT)
            report_status(c, st);
        goto cleanup;
    }
    if ((st = servq_importer_finish(c->imp)) != SERVQ_OK) {
        report_status(c, st);
        goto cleanup;
    }
    ret = 0;
cleanup:
    if (f.fd != fd)
        close(f.fd);
    return ret;
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

/*
 * Reads the input: an SPSS file when --format says so or, by default,
 * when it starts with an SPSS magic (or is named .sav or .zsav, so the
 * error says what is wrong); otherwise CSV. @returns 0, or -1 after
 * reporting.
 */
static int run(struct import_ctx *c, const char *encoding)
{
    struct cli_progress progress;
    static char buf[1 << 18];
    char name[4096];
    struct servq_input_info info;
    enum servq_input_kind kind;
    ssize_t got = 0, r;
    int fd = STDIN_FILENO, ret = -1;

    if (c->path && strcmp(c->path, "-") != 0) {
        fd = open(c->path, O_RDONLY);
        if (fd < 0) {
            cli_error("cannot open %s: %s", cli_input_name(c->path, name, sizeof name),
                      strerror(errno));
            c->unread = 1;
            return -1;
        }
    }
    cli_progress_init(&progress, fd);
    /* Enough bytes to tell what the input is, even from a slow pipe. */
    while (got < SNIFF_HEAD && (r = read_some(c, fd, buf + got, sizeof buf - (size_t)got)) != 0) {
        if (r < 0) {
            c->unread = got == 0;
            goto cleanup;
        }
        got += r;
    }
    kind = servq_input_detect(buf, (size_t)got, &info);
    if (c->format != FORMAT_SAV && kind != SERVQ_INPUT_TEXT && kind != SERVQ_INPUT_SAV) {
        cli_error("%s: this is %s, not CSV; %s", cli_input_name(c->path, name, sizeof name),
                  info.what, info.fix);
        c->unread = 1;
        goto cleanup;
    }
    c->sav = c->format == FORMAT_SAV ||
             (c->format == FORMAT_AUTO && (kind == SERVQ_INPUT_SAV || sav_name(c->path)));
    if (c->sav)
        ret = run_sav(c, fd, buf, sizeof buf, got, &progress);
    else
        ret = run_csv(c, encoding, fd, buf, sizeof buf, got, &progress);
cleanup:
    cli_progress_release(&progress);
    if (fd != STDIN_FILENO)
        close(fd);
    return ret;
}

/*
 * --stats: the accounting as servq report --import-stats reads it (the
 * schema and three whole numbers; "format" is extra, and ignored there).
 */
static int write_stats(struct cli_output *o, const struct servq_import_counts *n, int sav)
{
    FILE *fp = cli_output_file(o);

    if (!fp)
        return -1;
    fprintf(fp,
            "{\"schema\":\"servq.import-stats/1\",\"read\":%llu,\"imported\":%llu,"
            "\"rejected\":%llu,\"format\":\"%s\"}\n",
            n->read, n->imported, n->rejected, sav ? "sav" : "csv");
    return cli_output_commit(o);
}

/* The most common reason rows were rejected for, as a phrase for a message. */
static const char *top_reject(const struct import_ctx *c, char *out, size_t cap)
{
    struct servq_reject_summary r;

    if (!c->imp || !servq_importer_top_reject(c->imp, &r))
        snprintf(out, cap, "the rejects file (--rejects) says why");
    else
        snprintf(out, cap, "the most common reason (%llu row%s), first on %s %llu: %s", r.count,
                 r.count == 1 ? "" : "s", c->sav ? "case" : "line", r.line, r.reason);
    return out;
}

/* "N" or "P%": the most rejects allowed. */
static int parse_max_rejects(const char *s, unsigned long *n, double *pct)
{
    size_t len = strlen(s);
    char tmp[32];
    unsigned long v;

    if (len == 0 || len >= sizeof tmp)
        return -1;
    if (s[len - 1] != '%')
        return cli_parse_uint(s, 4000000000UL, n);
    memcpy(tmp, s, len - 1);
    tmp[len - 1] = '\0';
    if (cli_parse_uint(tmp, 100, &v) != 0)
        return -1;
    *pct = (double)v;
    return 0;
}

/* The map's directory joined with a relative path; NULL when out of memory. */
static char *relative_to(const char *map_path, const char *path)
{
    const char *slash = strrchr(map_path, '/');
    size_t dir = slash ? (size_t)(slash - map_path) + 1 : 0;
    char *out;

    if (path[0] == '/' || dir == 0)
        return strdup(path);
    out = malloc(dir + strlen(path) + 1);
    if (!out)
        return NULL;
    memcpy(out, map_path, dir);
    strcpy(out + dir, path);
    return out;
}

static struct servq_map *load_map(const char *path)
{
    struct servq_map_options mopt;
    struct servq_map *map = NULL;
    char err[512], name[4096];
    size_t len;
    char *json = cli_slurp(path, &len);
    enum servq_status st;

    if (!json)
        return NULL;
    servq_map_options_init(&mopt);
    mopt.max_labels = cli_limits.max_labels;
    st = servq_map_parse_opts(json, len, &mopt, &map, err, sizeof err);
    free(json);
    if (st != SERVQ_OK)
        cli_error("%s: %s%s", cli_input_name(path, name, sizeof name),
                  err[0] ? err : servq_strerror(st),
                  st == SERVQ_ERR_LIMIT ? "; raise the limit with --max-labels" : "");
    return map;
}

/* Starts the rejects file with its header row. @returns 0, or -1 after saying why. */
static int open_rejects(struct import_ctx *c)
{
    if (cli_output_open(&c->rejects_out, c->rejects_path) != 0)
        return -1;
    c->rejects = cli_output_file(&c->rejects_out);
    if (!c->rejects) {
        cli_output_abort(&c->rejects_out);
        return -1;
    }
    fputs("line,reason,record\n", c->rejects);
    return 0;
}

/*
 * Publishes the rejects once the whole input was read, even when
 * --max-rejects then fails the run, as that is when they are wanted;
 * after an error that stopped the reading they are removed.
 */
static int close_rejects(struct import_ctx *c, int read_all)
{
    if (!c->rejects)
        return 0;
    c->rejects = NULL;
    if (!read_all) {
        cli_output_abort(&c->rejects_out);
        return 0;
    }
    return cli_output_commit(&c->rejects_out);
}

/*
 * --strict on standard output: the output goes to an unlinked temporary
 * file, copied out once the run succeeded, so that a warning only the
 * data shows (late in the input) leaves no output at all, as with -o.
 * @returns the real standard output's descriptor, or -1 after saying why
 */
static int hold_stdout(void)
{
    int tmp = temp_fd("hold the output in"), saved;

    if (tmp < 0)
        return -1;
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    if (saved < 0 || dup2(tmp, STDOUT_FILENO) < 0) {
        cli_error("cannot hold the output in a temporary file: %s", strerror(errno));
        if (saved >= 0)
            close(saved);
        close(tmp);
        return -1;
    }
    close(tmp);
    return saved;
}

/* Puts standard output back, copying the held output to it when ok. @returns 0 or -1. */
static int release_stdout(int saved, int ok)
{
    static char buf[1 << 16];
    int held, r = 0;
    ssize_t got;

    fflush(stdout);
    held = dup(STDOUT_FILENO);
    if (held < 0 || dup2(saved, STDOUT_FILENO) < 0) {
        cli_error("cannot write standard output: %s", strerror(errno));
        r = -1;
        ok = 0;
    }
    close(saved);
    if (ok && lseek(held, 0, SEEK_SET) != 0)
        ok = 0, r = -1;
    while (ok && (got = read(held, buf, sizeof buf)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || cli_write_stdout(buf, (size_t)got) != 0) {
            r = -1;
            break;
        }
    }
    if (held >= 0)
        close(held);
    return r;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "i:m:f:d:o:r:qhV";
    static const struct option long_opts[] = {
        {"instrument", required_argument, NULL, 'i'},
        {"map", required_argument, NULL, 'm'},
        {"format", required_argument, NULL, 'f'},
        {"dialect", required_argument, NULL, 'L'},
        {"header-rows", required_argument, NULL, 'H'},
        {"encoding", required_argument, NULL, 'e'},
        {"delimiter", required_argument, NULL, 'd'},
        {"decimal", required_argument, NULL, 'D'},
        {"date-format", required_argument, NULL, 'F'},
        {"suggest-map", no_argument, NULL, 'S'},
        {"output", required_argument, NULL, 'o'},
        {"rejects", required_argument, NULL, 'r'},
        {"max-rejects", required_argument, NULL, 'M'},
        {"stats", required_argument, NULL, 'T'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"strict", no_argument, NULL, 's'},
        CLI_LONGOPT_CSV_LIMITS,
        CLI_LONGOPT_MAX_JSON_BYTES,
        CLI_LONGOPT_MAX_LABELS,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        CLI_LONGOPT_LIST_INSTRUMENTS,
        {NULL, 0, NULL, 0},
    };
    struct servq_import_counts counts;
    struct import_ctx ctx;
    struct servq_instrument *ins = NULL;
    struct servq_map *map = NULL;
    const char *instrument_path = NULL, *map_path = NULL, *encoding = NULL, *out_path = NULL;
    const char *stats_path = NULL;
    struct cli_output stats = CLI_OUTPUT_INIT;
    char *resolved = NULL, *json = NULL, why[160], name[4096], top[1024];
    unsigned long max_n = 0, rows;
    double max_pct = -1;
    int max_given = 0, quiet = 0, ran = 0, read_all = 0, list = 0, opt, ret = CLI_EXIT_FAILURE;
    int held = -1;

    memset(&ctx, 0, sizeof ctx);
    cli_init(argc, argv);
    servq_reader_options_init(&ctx.ropt);
    servq_import_options_init(&ctx.iopt);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'i': /* --instrument */
            instrument_path = optarg;
            break;
        case CLI_OPT_LIST_INSTRUMENTS: /* --list-instruments */
            list = 1;
            break;
        case 'm': /* --map */
            map_path = optarg;
            break;
        case 'f': /* --format */
            if (strcmp(optarg, "auto") == 0)
                ctx.format = FORMAT_AUTO;
            else if (strcmp(optarg, "csv") == 0)
                ctx.format = FORMAT_CSV;
            else if (strcmp(optarg, "sav") == 0 || strcmp(optarg, "zsav") == 0)
                ctx.format = FORMAT_SAV;
            else {
                cli_error("unknown --format '%s': use auto, csv or sav", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'L': /* --dialect */
            if (servq_dialect_parse(optarg, &ctx.iopt.dialect) != SERVQ_OK) {
                cli_error("unknown dialect '%s': use auto, generic, qualtrics, surveymonkey, "
                          "googleforms or limesurvey",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'H': /* --header-rows */
            if (cli_parse_uint(optarg, 10, &rows) != 0 || rows == 0) {
                cli_error("invalid number of header rows '%s': use 1 to 10", optarg);
                return CLI_EXIT_USAGE;
            }
            ctx.iopt.header_rows = (unsigned)rows;
            break;
        case 'e': /* --encoding */
            encoding = optarg;
            break;
        case 'd': /* --delimiter */
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                ctx.ropt.delimiter = '\t';
            else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' &&
                     optarg[0] != '\r')
                ctx.ropt.delimiter = optarg[0];
            else {
                cli_error("invalid delimiter '%s': use one character or 'tab'", optarg);
                return CLI_EXIT_USAGE;
            }
            ctx.delimiter_given = 1;
            break;
        case 'D': /* --decimal */
            if (strcmp(optarg, ".") != 0 && strcmp(optarg, ",") != 0) {
                cli_error("invalid decimal mark '%s': use . or ,", optarg);
                return CLI_EXIT_USAGE;
            }
            ctx.iopt.decimal_mark = optarg[0];
            ctx.decimal_given = 1;
            break;
        case 'F': /* --date-format */
            if (servq_date_format_check(optarg, why, sizeof why) != SERVQ_OK) {
                cli_error("invalid --date-format '%s': %s", optarg, why);
                return CLI_EXIT_USAGE;
            }
            ctx.iopt.date_format = optarg;
            break;
        case 'S': /* --suggest-map */
            ctx.suggest = 1;
            ctx.iopt.headers_only = 1;
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'r': /* --rejects */
            if (cli_file_option("--rejects", optarg, &ctx.rejects_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'M': /* --max-rejects */
            if (parse_max_rejects(optarg, &max_n, &max_pct) != 0) {
                cli_error("invalid --max-rejects '%s': use a count such as 10 or a "
                          "percentage such as 5%%",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            max_given = 1;
            break;
        case 'T': /* --stats */
            if (cli_file_option("--stats", optarg, &stats_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'R': /* --raw-csv */
            ctx.iopt.raw_csv = 1;
            break;
        case 's': /* --strict */
            ctx.strict = 1;
            break;
        case CLI_OPT_MAX_FIELD_BYTES:  /* --max-field-bytes */
        case CLI_OPT_MAX_RECORD_BYTES: /* --max-record-bytes */
        case CLI_OPT_MAX_COLUMNS:      /* --max-columns */
        case CLI_OPT_MAX_JSON_BYTES:   /* --max-json-bytes */
        case CLI_OPT_MAX_LABELS:       /* --max-labels */
            if (cli_parse_limit(opt, optarg) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'q': /* --quiet */
            quiet = 1;
            cli_quiet = 1;
            break;
        case 'h': /* --help */
            usage(stdout, cli_prog);
            return cli_close_stdout(CLI_EXIT_OK);
        case 'V': /* --version */
            cli_print_version();
            return cli_close_stdout(CLI_EXIT_OK);
        default:
            return cli_option_error(argv, short_opts, long_opts);
        }
    }
    if (list)
        return cli_close_stdout(cli_list_instruments(stdout, cli_env_lang()));
    if (argc - optind > 1) {
        cli_error("too many arguments: one export at a time");
        cli_try_help();
        return CLI_EXIT_USAGE;
    }
    if (stats_path && ctx.suggest) {
        cli_error("--stats and --suggest-map cannot be used together: --suggest-map imports "
                  "nothing");
        return CLI_EXIT_USAGE;
    }
    if (ctx.delimiter_given && ctx.decimal_given && ctx.iopt.decimal_mark == ctx.ropt.delimiter) {
        cli_error("the decimal mark and the delimiter cannot both be '%c'", ctx.ropt.delimiter);
        return CLI_EXIT_USAGE;
    }
    ctx.path = optind < argc ? argv[optind] : NULL;
    ctx.src.path = ctx.path;
    ctx.ropt.max_field = cli_limits.max_field_bytes;
    ctx.ropt.max_record = cli_limits.max_record_bytes;
    ctx.ropt.max_fields = cli_limits.max_columns;

    if (map_path) {
        if (!(map = load_map(map_path)))
            goto out;
        ctx.iopt.map = map;
        /* Options given on the command line win over the map. */
        if (!encoding)
            encoding = servq_map_encoding(map);
        if (!ctx.delimiter_given && servq_map_delimiter(map)) {
            ctx.ropt.delimiter = servq_map_delimiter(map);
            ctx.delimiter_given = 1;
        }
        if (!ctx.decimal_given && servq_map_decimal(map)) {
            ctx.iopt.decimal_mark = servq_map_decimal(map);
            ctx.decimal_given = 1;
        }
        if (!instrument_path && servq_map_instrument_path(map)) {
            resolved = relative_to(map_path, servq_map_instrument_path(map));
            if (!resolved) {
                cli_error("out of memory");
                goto out;
            }
            instrument_path = resolved;
        }
    }
    if (!instrument_path && map && servq_map_instrument(map)) {
        ctx.ins = servq_map_instrument(map);
    } else {
        ins = cli_load_instrument(instrument_path);
        if (!ins)
            goto out;
        ctx.ins = ins;
    }
    if (out_path && cli_output_stdout(out_path) != 0)
        goto out;
    if (ctx.strict && !out_path && !ctx.suggest && (held = hold_stdout()) < 0)
        goto out;
    if (ctx.rejects_path && !ctx.suggest && open_rejects(&ctx) != 0)
        goto out;
    /* Before the work, so a --stats file that cannot be made fails at once. */
    if (stats_path && cli_output_open(&stats, stats_path) != 0)
        goto out;
    ran = 1;
    if (run(&ctx, encoding) != 0 || ctx.strict_failed)
        goto out;
    read_all = 1;
    if (ctx.suggest) {
        enum servq_status st =
            ctx.imp ? servq_importer_suggest_map(ctx.imp, &json) : SERVQ_ERR_DATA;
        if (st != SERVQ_OK) {
            if (st == SERVQ_ERR_NOMEM)
                cli_error("out of memory");
            goto out;
        }
        cli_write_stdout(json, strlen(json));
        quiet = 1;
    }
    ret = CLI_EXIT_OK;
out:
    if (close_rejects(&ctx, read_all) != 0) {
        ret = CLI_EXIT_FAILURE;
        read_all = 0;
    }
    if (ctx.strict_failed) {
        cli_error("%s: stopped: --strict makes the warnings above errors; nothing was written",
                  cli_input_name(ctx.path, name, sizeof name));
        ret = CLI_EXIT_FAILURE;
    } else if (ran && !ctx.suggest && !ctx.unread) {
        memset(&counts, 0, sizeof counts);
        if (ctx.imp)
            servq_importer_counts(ctx.imp, &counts);
        if (!quiet && !cli_stdout_gone())
            fprintf(stderr, "%s: read %llu, imported %llu, rejected %llu\n", cli_prog, counts.read,
                    counts.imported, counts.rejected);
        if (ret == CLI_EXIT_OK && counts.read > 0 && counts.imported == 0) {
            /* A cron job would publish an empty report: fail instead. */
            if (counts.read == 1)
                cli_error("%s: nothing imported: its one row was rejected; %s",
                          cli_input_name(ctx.path, name, sizeof name),
                          top_reject(&ctx, top, sizeof top));
            else
                cli_error("%s: nothing imported: all %llu rows were rejected; %s",
                          cli_input_name(ctx.path, name, sizeof name), counts.read,
                          top_reject(&ctx, top, sizeof top));
            ret = CLI_EXIT_FAILURE;
        } else if (ret == CLI_EXIT_OK && max_given &&
            (max_pct >= 0 ? (double)counts.rejected * 100.0 > max_pct * (double)counts.read
                          : counts.rejected > max_n)) {
            if (max_pct >= 0)
                cli_error("%llu of %llu rows rejected, more than --max-rejects %g%%",
                          counts.rejected, counts.read, max_pct);
            else
                cli_error("%llu rows rejected, more than --max-rejects %lu", counts.rejected,
                          max_n);
            ret = CLI_EXIT_FAILURE;
            cli_error("%s: %s", cli_input_name(ctx.path, name, sizeof name),
                      top_reject(&ctx, top, sizeof top));
        }
    }
    /* Counts of an import that stopped early would mislead: then FILE is left alone. */
    if (read_all && stats.path && write_stats(&stats, &counts, ctx.sav) != 0)
        ret = CLI_EXIT_FAILURE;
    cli_output_abort(&stats);
    free(json);
    free(ctx.held);
    free(resolved);
    servq_reader_free(ctx.reader);
    servq_importer_free(ctx.imp);
    servq_instrument_free(ins);
    servq_map_free(map);
    if (held >= 0 && release_stdout(held, ret == CLI_EXIT_OK) != 0 && ret == CLI_EXIT_OK)
        ret = CLI_EXIT_FAILURE;
    return cli_close_stdout(ret);
}
