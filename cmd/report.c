/*
 * servq-report: gap-analysis documents in, the quality report out.
 *
 * -o FILE is atomic (cli_output_stdout()): a reader (a web server, a mail
 * job) never sees half a report. On any failure, and on SIGINT, SIGTERM or
 * SIGHUP, FILE is untouched.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"

/* Ten years of weekly reports: a bound on documents, not on their size. */
#define MAX_DOCS 520

/* How much of an input that is no JSON object or array is read to say what it is. */
#define HEAD_BYTES ((size_t)64 << 10)

enum {
    OPT_TOP = 0x200,
    OPT_ASCII,
    OPT_IMPORT_STATS,
};

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [GAPS.json]...\n"
            "Write the quality report from gap-analysis documents, one per period:\n"
            "the latest period is reported on, the others give the change and the\n"
            "trend. Documents are sorted by their periods (--period), else by the\n"
            "dates of their rows; documents with neither are taken in the order\n"
            "given, oldest first. Each file, or standard input when there is none\n"
            "or a file is -, holds one or more documents, one after another.\n"
            "\n"
            "Options:\n"
            "  -f, --format=FORMAT  text (default), markdown or html\n"
            "  -o, --output=FILE    write to FILE atomically instead of standard output\n"
            "  -l, --lang=LANG      language of the report: en, es, pt, ru\n"
            "                       (default: from LC_ALL, LC_MESSAGES or LANG)\n"
            "      --top=N          how many priorities to list (default 5)\n"
            "      --import-stats=FILE\n"
            "                       rows read, imported and rejected, as written by\n"
            "                       servq import --stats FILE\n"
            "      --ascii          text and markdown: ASCII charts and symbols (also\n"
            "                       when the locale's character set is not UTF-8)\n"
            "      --color[=WHEN]\n"
            "                       colour the text: auto (default: when standard output\n"
            "                       is a terminal and NO_COLOR is unset), always or never\n"
            "  -q, --quiet          show no progress on standard error\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "Limits (see servq-report(1)):\n" CLI_USAGE_MAX_JSON_BYTES("256M") CLI_USAGE_LIMITS_NOTE
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error,\n"
            "3 a quality target in the last document was missed.\n"
            "See servq-report(1).\n",
            argv0);
}

/* ---- reading documents ---- */

/*
 * An input holds one or more JSON documents, one after another with white
 * space (or nothing) between them, as jq reads them: the output of several
 * gap-analysis runs concatenated (cat gaps-*.json | servq report). Each
 * document is cut out by its brackets, so --max-json-bytes bounds each one.
 */
struct input {
    const char *path; /* NULL or "-" for standard input */
    int fd;
    char buf[1 << 16];
    size_t pos, end;
    int eof;
    unsigned long long line; /* of buf[pos]: from 1 */
    unsigned long column;    /* characters, from 1 */
};

/* Every document read, in the order of the inputs. */
struct docs {
    char *text[MAX_DOCS];
    size_t len[MAX_DOCS];
    struct servq_report_source src[MAX_DOCS];
    size_t n;
};

/* The next byte without taking it; -1 at the end, -2 after a read error (printed). */
static int peek(struct input *in)
{
    char name[4096];
    ssize_t got;

    while (in->pos == in->end) {
        if (in->eof)
            return -1;
        got = read(in->fd, in->buf, sizeof in->buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            cli_error("cannot read %s: %s", cli_input_name(in->path, name, sizeof name),
                      strerror(errno));
            return -2;
        }
        if (got == 0) {
            in->eof = 1;
            return -1;
        }
        in->pos = 0;
        in->end = (size_t)got;
    }
    return (unsigned char)in->buf[in->pos];
}

/* Takes the byte peek() returned, counting lines and columns as JSON errors do. */
static void take(struct input *in)
{
    unsigned char c = (unsigned char)in->buf[in->pos++];

    if (c == '\n') {
        in->line++;
        in->column = 1;
    } else if ((c & 0xC0) != 0x80) {
        in->column++;
    }
}

/* Appends c to *text (of *len bytes, *cap allocated); -1 when out of memory. */
static int append(char **text, size_t *len, size_t *cap, int c, size_t max)
{
    char *p;
    size_t want;

    if (*len + 1 >= *cap) {
        want = *cap ? *cap * 2 : 65536;
        if (want > max + 2)
            want = max + 2;
        p = realloc(*text, want);
        if (!p)
            return -1;
        *text = p;
        *cap = want;
    }
    (*text)[(*len)++] = (char)c;
    return 0;
}

/*
 * Reads the document that starts at the next byte into *text: to its
 * closing bracket, or to the end of the input when it is cut short (the
 * parser then says where). Anything else is no gap-analysis document: its
 * first HEAD_BYTES are enough for the library to say what it is, and *last
 * is set, as nothing after it is read.
 * @returns 0, 1 when larger than max, -1 out of memory, -2 a read error
 */
static int read_doc(struct input *in, char **text, size_t *len, size_t max, int *last)
{
    size_t cap = 0, depth = 0;
    int c = peek(in), in_string = 0, escaped = 0, object = c == '{' || c == '[';

    *text = NULL;
    *len = 0;
    while ((c = peek(in)) >= 0) {
        if (*len >= (object ? max : HEAD_BYTES < max ? HEAD_BYTES : max)) {
            if (object)
                return 1;
            break;
        }
        if (append(text, len, &cap, c, max) != 0)
            return -1;
        take(in);
        if (!object)
            continue;
        if (in_string) {
            if (escaped)
                escaped = 0;
            else if (c == '\\')
                escaped = 1;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            break;
        }
    }
    if (c == -2)
        return -2;
    if (!*text && append(text, len, &cap, 0, max) != 0)
        return -1;
    (*text)[*len] = '\0';
    *last = !object;
    return 0;
}

/* Reads every document of path (NULL or "-": stdin) into d; 0, or -1 after printing why. */
static int read_input(const char *path, struct docs *d)
{
    static struct input in;
    size_t first = d->n, i;
    char name[4096], where[96] = "";
    int c, last = 0, got, ret = -1;

    memset(&in, 0, sizeof in);
    in.path = path;
    in.line = 1;
    in.column = 1;
    in.fd = cli_open_input(path);
    if (in.fd < 0)
        return -1;
    cli_input_name(path, name, sizeof name);
    while (!last) {
        while ((c = peek(&in)) == ' ' || c == '\t' || c == '\n' || c == '\r')
            take(&in);
        if (c == -2)
            goto out;
        if (c == -1)
            break;
        if (d->n > first)
            snprintf(where, sizeof where, "document %zu (line %llu): ", d->n - first + 1, in.line);
        if (d->n == MAX_DOCS) {
            cli_error("%s: %smore than %d documents", name, where, MAX_DOCS);
            goto out;
        }
        d->src[d->n].path = path;
        d->src[d->n].index = d->n - first + 1;
        d->src[d->n].line = in.line;
        d->src[d->n].column = in.column;
        got = read_doc(&in, &d->text[d->n], &d->len[d->n], cli_limits.max_json_bytes, &last);
        if (got == 0) {
            d->n++;
            continue;
        }
        free(d->text[d->n]);
        d->text[d->n] = NULL;
        if (got == 1)
            cli_error("%s: %slarger than %zu bytes; raise the limit with --max-json-bytes", name,
                      where, cli_limits.max_json_bytes);
        else if (got == -1)
            cli_error("%s: out of memory", name);
        goto out;
    }
    if (d->n == first) {
        cli_error("%s: no gap-analysis document: the input is empty", name);
        goto out;
    }
    for (i = first; i < d->n; i++)
        d->src[i].count = d->n - first;
    ret = 0;
out:
    cli_close_input(in.fd);
    return ret;
}

/* Warnings of the report (the order of the documents) and why an input failed. */
static void on_message(const struct servq_message *msg, void *user)
{
    (void)user;
    if (msg->level == SERVQ_LEVEL_WARNING)
        cli_warn("%s", msg->text);
    else
        cli_error("%s", msg->text);
}

/* ---- options ---- */

/* en, es, pt or ru, alone or as the start of a locale name (pt_BR.UTF-8). */
static int lang_ok(const char *s)
{
    static const char *const langs[] = {"en", "es", "pt", "ru"};
    size_t i;

    if (!s[0] || !s[1] || (s[2] && !strchr("_-.@", s[2])))
        return 0;
    for (i = 0; i < 4; i++)
        if (s[0] == langs[i][0] && s[1] == langs[i][1])
            return 1;
    return 0;
}

/* Whether the locale's character set can show the Unicode charts. */
static int codeset_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 ||
                  strcmp(cs, "UTF8") == 0);
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "f:o:l:qhV";
    static const struct option long_opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"top", required_argument, NULL, OPT_TOP},
        {"import-stats", required_argument, NULL, OPT_IMPORT_STATS},
        {"ascii", no_argument, NULL, OPT_ASCII},
        {"color", optional_argument, NULL, CLI_OPT_COLOR},
        CLI_LONGOPT_MAX_JSON_BYTES,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct servq_report_options ropt;
    struct servq_report_result res;
    static struct docs d;
    size_t i, stats_len = 0;
    char *text = NULL, *stats = NULL;
    const char *lang = NULL, *out_path = NULL, *stats_path = NULL;
    int opt, ret = CLI_EXIT_FAILURE;
    unsigned long v;
    enum servq_status st;

    cli_init(argc, argv);
    cli_limits.max_json_bytes = CLI_JSON_BYTES_LARGE;
    servq_report_options_init(&ropt);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'f': /* --format */
            if (strcmp(optarg, "text") == 0)
                ropt.format = SERVQ_REPORT_TEXT;
            else if (strcmp(optarg, "markdown") == 0 || strcmp(optarg, "md") == 0)
                ropt.format = SERVQ_REPORT_MARKDOWN;
            else if (strcmp(optarg, "html") == 0)
                ropt.format = SERVQ_REPORT_HTML;
            else {
                cli_error("unknown --format '%s': use text, markdown or html", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'l': /* --lang */
            if (!lang_ok(optarg)) {
                cli_error("unknown --lang '%s': use en, es, pt or ru", optarg);
                return CLI_EXIT_USAGE;
            }
            lang = optarg;
            break;
        case OPT_TOP: /* --top */
            if (cli_parse_uint(optarg, 1000, &v) != 0 || v < 1) {
                cli_error("invalid --top '%s': use a whole number from 1 to 1000", optarg);
                return CLI_EXIT_USAGE;
            }
            ropt.top = v;
            break;
        case OPT_IMPORT_STATS: /* --import-stats */
            stats_path = optarg;
            break;
        case OPT_ASCII: /* --ascii */
            ropt.ascii = 1;
            break;
        case CLI_OPT_COLOR: /* --color */
            if (cli_parse_color(optarg) != 0)
                return CLI_EXIT_USAGE;
            break;
        case CLI_OPT_MAX_JSON_BYTES: /* --max-json-bytes */
            if (cli_parse_limit(opt, optarg) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'q': /* --quiet */
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
    if (argc - optind > MAX_DOCS) {
        cli_error("too many documents: at most %d", MAX_DOCS);
        return CLI_EXIT_USAGE;
    }
    ropt.lang = lang ? lang : cli_env_lang();
    if (!codeset_utf8())
        ropt.ascii = 1;
    ropt.color = ropt.format == SERVQ_REPORT_TEXT &&
                 (out_path ? cli_color == CLI_COLOR_ALWAYS : cli_use_color(STDOUT_FILENO));
    ropt.result = &res;
    if (out_path && cli_output_stdout(out_path) != 0)
        goto out;
    do {
        if (read_input(optind < argc ? argv[optind] : NULL, &d) != 0)
            goto out;
    } while (++optind < argc);
    ropt.sources = d.src;
    ropt.message = on_message;
    if (stats_path) {
        stats = cli_slurp(stats_path, &stats_len);
        if (!stats)
            goto out;
        ropt.import_stats = stats;
        ropt.import_stats_len = stats_len;
        ropt.import_stats_path = stats_path;
    }
    st = servq_report_render((const char *const *)d.text, d.len, d.n, &ropt, &text);
    if (st != SERVQ_OK) {
        /* A failure of the input was named by on_message(). */
        if (st != SERVQ_ERR_JSON && st != SERVQ_ERR_SCHEMA && st != SERVQ_ERR_DATA)
            cli_error("%s", servq_strerror(st));
        goto out;
    }
    cli_write_stdout(text, strlen(text));
    ret = res.missed_targets ? CLI_EXIT_TARGETS : CLI_EXIT_OK;
out:
    for (i = 0; i < d.n; i++)
        free(d.text[i]);
    free(stats);
    servq_free(text);
    return cli_close_stdout(ret);
}
