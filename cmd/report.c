/*
 * servq-report: gap-analysis documents in, the quality report out.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli-common.h"

#define MAX_DOCS 520
#define MAX_DOC_BYTES (256u << 20)

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [GAPS.json]...\n"
            "Write the quality report from gap-analysis documents, one per period,\n"
            "oldest first; the last is the period reported on. With no file, or when a\n"
            "file is -, read one document from standard input.\n"
            "\n"
            "Options:\n"
            "  -l, --lang=LANG   language of item and dimension names: en, es, pt, ru\n"
            "                    (default: from LC_ALL, LC_MESSAGES or LANG)\n"
            "      --top=N       how many priorities to list (default 5)\n"
            "  -h, --help        show this help and exit\n"
            "  -V, --version     show the version and exit\n"
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error.\n"
            "See servq-report(1).\n",
            argv0);
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "l:hV";
    static const struct option long_opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"top", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct servq_report_options ropt;
    char *docs[MAX_DOCS] = {NULL};
    size_t lens[MAX_DOCS], n = 0, i;
    char *text = NULL, err[256], name[4096];
    const char *lang = NULL, *last_path = NULL;
    int opt, ret = CLI_EXIT_FAILURE;
    unsigned long v;
    enum servq_status st;

    cli_init(argc, argv);
    servq_report_options_init(&ropt);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l': /* --lang */
            lang = optarg;
            break;
        case 't': /* --top */
            if (cli_parse_uint(optarg, 1000, &v) != 0 || v < 1) {
                cli_error("invalid --top '%s': use a whole number from 1 to 1000", optarg);
                return CLI_EXIT_USAGE;
            }
            ropt.top = v;
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
    do {
        last_path = optind < argc ? argv[optind] : NULL;
        docs[n] = cli_slurp(last_path, MAX_DOC_BYTES, &lens[n]);
        if (!docs[n])
            goto out;
        n++;
    } while (++optind < argc);
    st = servq_report_render((const char *const *)docs, lens, n, &ropt, &text, err, sizeof err);
    if (st != SERVQ_OK) {
        cli_error("%s: %s", cli_input_name(last_path, name, sizeof name),
                  st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA ? err : servq_strerror(st));
        goto out;
    }
    cli_write_stdout(text, strlen(text));
    ret = CLI_EXIT_OK;
out:
    for (i = 0; i < n; i++)
        free(docs[i]);
    servq_free(text);
    return cli_close_stdout(ret);
}
