/*
 * servq-score: canonical responses in, one row of scores per respondent out.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli-common.h"

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [FILE]\n"
            "Score each respondent: E, P and the gap per dimension, the SERVQUAL score\n"
            "(sq, the mean of the dimension gaps) and, with importance points, the\n"
            "weighted score (wsq). With no FILE, or when FILE is -, read standard input.\n"
            "\n"
            "Options:\n"
            "  -i, --instrument=NAME  the instrument: one installed or on SERVQ_PATH, by\n"
            "                         name (see --list-instruments), or a JSON file;\n"
            "                         default: built-in SERVQUAL-22\n"
            CLI_USAGE_LIST_INSTRUMENTS
            "  -f, --format=FORMAT    csv (default) or jsonl (one JSON object per line)\n"
            "  -o, --output=FILE      write to FILE atomically instead of standard output\n"
            "      --raw-csv          do not neutralise cells that start with = + - @ TAB\n"
            "                         or CR (by default they get a leading ')\n"
            "  -q, --quiet            show no progress bar on standard error\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "Limits (see servq-score(1)):\n" CLI_USAGE_CSV_LIMITS CLI_USAGE_MAX_JSON_BYTES("16M")
                CLI_USAGE_LIMITS_NOTE
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error.\n"
            "See servq-score(1).\n",
            argv0);
}

static int emit_stdout(const char *buf, size_t len, void *user)
{
    (void)user;
    return cli_write_stdout(buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int on_record(const struct servq_record *rec, void *user)
{
    return servq_scorer_add(user, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "i:f:o:qhV";
    static const struct option long_opts[] = {
        {"instrument", required_argument, NULL, 'i'},
        {"format", required_argument, NULL, 'f'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"output", required_argument, NULL, 'o'},
        CLI_LONGOPT_CSV_LIMITS,
        CLI_LONGOPT_MAX_JSON_BYTES,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        CLI_LONGOPT_LIST_INSTRUMENTS,
        {NULL, 0, NULL, 0},
    };
    struct servq_score_options sopt;
    int word;
    struct cli_source src = {NULL};
    struct servq_instrument *ins = NULL;
    struct servq_scorer *s = NULL;
    const char *instrument_path = NULL, *out_path = NULL;
    int list = 0, opt, ret = CLI_EXIT_FAILURE;
    enum servq_status st;

    cli_init(argc, argv);
    servq_score_options_init(&sopt);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'i': /* --instrument */
            instrument_path = optarg;
            break;
        case CLI_OPT_LIST_INSTRUMENTS: /* --list-instruments */
            list = 1;
            break;
        case 'f': /* --format */
            if (cli_vocab_option(SERVQ_VOCAB_SCORE_FORMAT, "format", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            sopt.format = (enum servq_score_format)word;
            break;
        case 'R': /* --raw-csv */
            sopt.raw_csv = 1;
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case CLI_OPT_MAX_FIELD_BYTES:  /* --max-field-bytes */
        case CLI_OPT_MAX_RECORD_BYTES: /* --max-record-bytes */
        case CLI_OPT_MAX_COLUMNS:      /* --max-columns */
        case CLI_OPT_MAX_JSON_BYTES:   /* --max-json-bytes */
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
    if (list)
        return cli_close_stdout(cli_list_instruments(stdout, cli_env_lang()));
    if (argc - optind > 1) {
        cli_error("too many arguments: one input at a time");
        cli_try_help();
        return CLI_EXIT_USAGE;
    }
    src.path = optind < argc ? argv[optind] : NULL;
    if (out_path && cli_output_stdout(out_path) != 0)
        goto out;

    ins = cli_load_instrument(instrument_path);
    if (!ins)
        goto out;
    st = servq_scorer_new(ins, &sopt, emit_stdout, NULL, &s);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        goto out;
    }
    servq_scorer_set_message_fn(s, cli_message, &src);
    if (cli_read_csv(src.path, NULL, on_record, s) != 0)
        goto out;
    if (servq_scorer_finish(s) != SERVQ_OK)
        goto out;
    ret = CLI_EXIT_OK;
out:
    servq_scorer_free(s);
    servq_instrument_free(ins);
    return cli_close_stdout(ret);
}
