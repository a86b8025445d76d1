/*
 * servq-import: survey export in, canonical responses out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli-common.h"

struct import_ctx {
    struct servq_importer *imp;
    FILE *rejects;
    const char *rejects_path;
};

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [FILE]\n"
            "Turn a survey export into canonical responses (CSV on standard output).\n"
            "With no FILE, or when FILE is -, read standard input.\n"
            "\n"
            "Options:\n"
            "  -i, --instrument=FILE  the instrument (JSON); default: built-in SERVQUAL-22\n"
            "  -d, --delimiter=CHAR   field separator of the export (default ',';\n"
            "                         'tab' for tab-separated files)\n"
            "      --decimal=CHAR     decimal mark of the export's numbers: . or ,\n"
            "  -r, --rejects=FILE     write rows that cannot be imported to FILE as CSV:\n"
            "                         line,reason,record\n"
            "      --raw-csv          do not neutralise cells that look like formulas\n"
            "  -q, --quiet            do not print the accounting line\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "Columns of the generic dialect are mapped by name: E1/E01/E_1 (or E_<item>)\n"
            "is an item's expectation, P... its perception, A.../D... the adequate and\n"
            "desired levels, I_<dimension> importance points, respondent_id or id the\n"
            "respondent, date/submitted_at/timestamp the date, weight and role; any\n"
            "other column is carried along as a segment.\n"
            "\n"
            "On standard error the last line is 'read N, imported A, rejected R', and\n"
            "N = A + R always.\n"
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error.\n"
            "See servq-import(1).\n",
            argv0);
}

static int emit_stdout(const char *buf, size_t len, void *user)
{
    /* A failed write is reported once, when standard output is closed. */
    (void)user;
    return cli_write_stdout(buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int write_reject(const struct servq_reject *rej, void *user)
{
    struct import_ctx *c = user;

    if (!c->rejects)
        return SERVQ_CB_OK;
    if (fwrite(rej->csv, 1, rej->csv_len, c->rejects) != rej->csv_len) {
        cli_error("cannot write '%s': %s", c->rejects_path, strerror(errno));
        return SERVQ_CB_ABORT;
    }
    return SERVQ_CB_OK;
}

static int on_record(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;

    return servq_importer_add(c->imp, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int parse_delimiter(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        *out = '\t';
    else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
        *out = s[0];
    else
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "i:d:r:qhV";
    static const struct option long_opts[] = {
        {"instrument", required_argument, NULL, 'i'},
        {"delimiter", required_argument, NULL, 'd'},
        {"decimal", required_argument, NULL, 'D'},
        {"rejects", required_argument, NULL, 'r'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct servq_reader_options ropt;
    struct servq_import_options iopt;
    struct servq_import_counts counts;
    struct import_ctx ctx = {0};
    struct cli_source src = {NULL};
    struct servq_instrument *ins = NULL;
    const char *instrument_path = NULL;
    enum servq_status st;
    int quiet = 0, opt, ret = CLI_EXIT_FAILURE;

    cli_init(argc, argv);
    servq_reader_options_init(&ropt);
    servq_import_options_init(&iopt);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'i': /* --instrument */
            instrument_path = optarg;
            break;
        case 'd': /* --delimiter */
            if (parse_delimiter(optarg, &ropt.delimiter) != 0) {
                cli_error("invalid delimiter '%s': use one character or 'tab'", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'D': /* --decimal */
            if (strcmp(optarg, ".") != 0 && strcmp(optarg, ",") != 0) {
                cli_error("invalid decimal mark '%s': use . or ,", optarg);
                return CLI_EXIT_USAGE;
            }
            iopt.decimal_mark = optarg[0];
            break;
        case 'r': /* --rejects */
            ctx.rejects_path = optarg;
            break;
        case 'R': /* --raw-csv */
            iopt.raw_csv = 1;
            break;
        case 'q': /* --quiet */
            quiet = 1;
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
    if (argc - optind > 1) {
        cli_error("too many arguments: one export at a time");
        usage(stderr, cli_prog);
        return CLI_EXIT_USAGE;
    }
    if (iopt.decimal_mark == ropt.delimiter) {
        cli_error("the decimal mark and the delimiter cannot both be '%c'", ropt.delimiter);
        return CLI_EXIT_USAGE;
    }
    src.path = optind < argc ? argv[optind] : NULL;

    ins = cli_load_instrument(instrument_path);
    if (!ins)
        goto out;
    if (ctx.rejects_path) {
        ctx.rejects = fopen(ctx.rejects_path, "w");
        if (!ctx.rejects) {
            cli_error("cannot open '%s': %s", ctx.rejects_path, strerror(errno));
            goto out;
        }
        fputs("line,reason,record\n", ctx.rejects);
    }
    st = servq_importer_new(ins, &iopt, emit_stdout, write_reject, &ctx, &ctx.imp);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        goto out;
    }
    servq_importer_set_message_fn(ctx.imp, cli_message, &src);
    if (cli_read_csv(src.path, &ropt, on_record, &ctx) != 0)
        goto out;
    if (servq_importer_finish(ctx.imp) != SERVQ_OK)
        goto out;
    ret = CLI_EXIT_OK;
out:
    if (ctx.rejects && (fclose(ctx.rejects) != 0)) {
        cli_error("cannot write '%s': %s", ctx.rejects_path, strerror(errno));
        ret = CLI_EXIT_FAILURE;
    }
    if (ctx.imp) {
        servq_importer_counts(ctx.imp, &counts);
        if (!quiet)
            fprintf(stderr, "%s: read %llu, imported %llu, rejected %llu\n", cli_prog,
                    counts.read, counts.imported, counts.rejected);
    }
    servq_importer_free(ctx.imp);
    servq_instrument_free(ins);
    return cli_close_stdout(ret);
}
