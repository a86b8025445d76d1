/*
 * servq-report: gap-analysis documents in, the quality report out.
 *
 * -o FILE is atomic (cli_output_stdout()): a reader (a web server, a mail
 * job) never sees half a report. On any failure, and on SIGINT, SIGTERM or
 * SIGHUP, FILE is untouched.
 */
#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"

/* Ten years of weekly reports: a bound on arguments, not on input. */
#define MAX_DOCS 520

enum {
    OPT_TOP = 0x200,
    OPT_ASCII,
    OPT_IMPORT_STATS,
};

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [GAPS.json]...\n"
            "Write the quality report from gap-analysis documents, one per period,\n"
            "oldest first; the last is the period reported on, the others give the\n"
            "change and the trend. With no file, or when a file is -, read one\n"
            "document from standard input.\n"
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
    char *docs[MAX_DOCS] = {NULL};
    const char *paths[MAX_DOCS] = {NULL};
    size_t lens[MAX_DOCS], n = 0, i, stats_len = 0;
    char *text = NULL, *stats = NULL, err[256], name[4096];
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
            usage(stderr, cli_prog);
            return CLI_EXIT_USAGE;
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
        paths[n] = optind < argc ? argv[optind] : NULL;
        docs[n] = cli_slurp(paths[n], &lens[n]);
        if (!docs[n])
            goto out;
        n++;
    } while (++optind < argc);
    if (stats_path) {
        stats = cli_slurp(stats_path, &stats_len);
        if (!stats)
            goto out;
        ropt.import_stats = stats;
        ropt.import_stats_len = stats_len;
    }
    st = servq_report_render((const char *const *)docs, lens, n, &ropt, &text, err, sizeof err);
    if (st != SERVQ_OK) {
        if (st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA || st == SERVQ_ERR_DATA)
            cli_error("%s: %s",
                      cli_input_name(res.failed_input < n ? paths[res.failed_input] : stats_path,
                                     name, sizeof name),
                      err);
        else
            cli_error("%s", servq_strerror(st));
        goto out;
    }
    cli_write_stdout(text, strlen(text));
    ret = res.missed_targets ? CLI_EXIT_TARGETS : CLI_EXIT_OK;
out:
    for (i = 0; i < n; i++)
        free(docs[i]);
    free(stats);
    servq_free(text);
    return cli_close_stdout(ret);
}
