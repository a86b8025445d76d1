/*
 * servq-gap-analysis: canonical responses in, gaps document out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli-common.h"

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [FILE]\n"
            "Compute SERVQUAL gaps (P - E) per item, dimension and overall from canonical\n"
            "responses (the output of servq import). With no FILE, or when FILE is -,\n"
            "read standard input.\n"
            "\n"
            "Options:\n"
            "  -i, --instrument=NAME  the instrument: one installed or on SERVQ_PATH, by\n"
            "                         name (see --list-instruments), or a JSON file;\n"
            "                         default: built-in SERVQUAL-22\n"
            CLI_USAGE_LIST_INSTRUMENTS
            "  -f, --format=FORMAT    json (default), text (an 80-column table) or csv\n"
            "                         (one row per group and item/dimension/overall)\n"
            "  -b, --by=COL[,COL]...  also analyse each group of these segment columns\n"
            "  -p, --period=PERIOD    also group by week (ISO), month or quarter of 'date'\n"
            "      --min-n=N          groups under N respondents show only n (default 5)\n"
            "      --adjust=METHOD    p-value adjustment across a group's items: holm\n"
            "                         (default), bh (Benjamini-Hochberg) or none\n"
            "      --ipa-center=WHERE importance-performance cross-hairs at the data\n"
            "                         means (data, default) or the scale midpoint (scale)\n"
            "      --significance=A   level below which a gap is significant (0.05)\n"
            "      --missing=HOW      respondents Cronbach's alpha uses: listwise (those\n"
            "                         with every item, the default) or pairwise\n"
            "      --inspiring-share=S  top-box share above which exceeding service is\n"
            "                         inspiring (0.5)\n"
            "  -w, --weight=COL       survey weights from column COL (e.g. weight):\n"
            "                         weighted means, linearization SEs, Kish's n\n"
            "      --compare-roles    compare managers' E (gap 1) and staff's P (the\n"
            "                         internal view) with customers' (needs 'role')\n"
            "  -t, --targets=FILE     quality targets (JSON, servq.targets/1); exit 3 when\n"
            "                         any is missed, so cron and CI can alert\n"
            "      --state            write the accumulators (one line of JSON) instead of\n"
            "                         figures, for servq merge; see servq-merge(1)\n"
            "  -o, --output=FILE      write to FILE atomically instead of standard output\n"
            "  -l, --lang=LANG        language of names in text output: en, es, pt, ru\n"
            "      --raw-csv          do not neutralise CSV cells that start with = + - @\n"
            "                         TAB or CR (by default they get a leading ')\n"
            "      --strict           make the warnings about the input (items on\n"
            "                         different scales, items nobody answered) errors:\n"
            "                         exit 1 and write nothing\n"
            "  -q, --quiet            show no progress bar on standard error\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "Limits (see servq-gap-analysis(1)):\n" CLI_USAGE_CSV_LIMITS CLI_USAGE_MAX_JSON_BYTES(
                "16M") CLI_USAGE_MAX_GROUPS CLI_USAGE_LIMITS_NOTE
            "\n"
            "The JSON document (schema servq.gap-analysis/1) is described in\n"
            "servq-formats(5). The first group is always everyone.\n"
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error, 3 a quality\n"
            "target was missed (the document is written all the same).\n"
            "See servq-gap-analysis(1).\n",
            argv0);
}

struct ctx {
    struct servq_analysis *a;
};

static int on_record(const struct servq_record *rec, void *user)
{
    struct ctx *c = user;

    return servq_analysis_add(c->a, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/* Splits "a,b,c" in place into at most max names. */
static int split_by(char *s, const char **names, size_t max, size_t *n)
{
    char *tok, *save = NULL;

    for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (*n == max)
            return -1;
        names[(*n)++] = tok;
    }
    return *n ? 0 : -1;
}

/* Group keys become JSON object keys: each must be named once. */
static int check_keys(const char *const *by, size_t n, int period)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        if (period && strcmp(by[i], "period") == 0) {
            cli_error("--by period clashes with --period: the period is already a key");
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(by[i], by[j]) == 0) {
                cli_error("--by names column '%s' twice", by[i]);
                return -1;
            }
    }
    return 0;
}

/* Messages about the targets name their file; main() then points them at the input. */
static int load_targets(struct servq_analysis *a, const char *path)
{
    struct cli_source targets = {path};
    size_t len;
    char *json = cli_slurp(path, &len);
    enum servq_status st;

    if (!json)
        return -1;
    servq_analysis_set_message_fn(a, cli_message, &targets);
    st = servq_analysis_set_targets(a, json, len);
    servq_analysis_set_message_fn(a, NULL, NULL);
    free(json);
    return st == SERVQ_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "i:f:b:p:t:w:l:o:qhV";
    static const struct option long_opts[] = {
        {"instrument", required_argument, NULL, 'i'},
        {"format", required_argument, NULL, 'f'},
        {"by", required_argument, NULL, 'b'},
        {"period", required_argument, NULL, 'p'},
        {"min-n", required_argument, NULL, 'm'},
        CLI_LONGOPT_MAX_GROUPS,
        CLI_LONGOPT_CSV_LIMITS,
        CLI_LONGOPT_MAX_JSON_BYTES,
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"targets", required_argument, NULL, 't'},
        {"weight", required_argument, NULL, 'w'},
        {"compare-roles", no_argument, NULL, 'C'},
        {"state", no_argument, NULL, 'X'},
        {"adjust", required_argument, NULL, 'a'},
        {"ipa-center", required_argument, NULL, 'c'},
        {"significance", required_argument, NULL, 's'},
        {"missing", required_argument, NULL, 'M'},
        {"inspiring-share", required_argument, NULL, 'S'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"strict", no_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        CLI_LONGOPT_LIST_INSTRUMENTS,
        {NULL, 0, NULL, 0},
    };
    struct servq_analysis_options aopt;
    struct cli_source src = {NULL};
    struct servq_instrument *ins = NULL;
    struct ctx c = {NULL};
    const char *instrument_path = NULL, *lang = NULL, *targets_path = NULL, *out_path = NULL,
               *by[64];
    char *json = NULL, name[4096];
    enum cli_gaps_format format = CLI_GAPS_JSON;
    int raw_csv = 0, state = 0, list = 0, strict = 0, opt, ret = CLI_EXIT_FAILURE;
    unsigned long v;
    int word;
    enum servq_status st;

    cli_init(argc, argv);
    servq_analysis_options_init(&aopt);
    aopt.by = by;
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'i': /* --instrument */
            instrument_path = optarg;
            break;
        case CLI_OPT_LIST_INSTRUMENTS: /* --list-instruments */
            list = 1;
            break;
        case 'f': /* --format */
            if (cli_parse_gaps_format(optarg, &format) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'b': /* --by */
            if (split_by(optarg, by, 64, &aopt.n_by) != 0) {
                cli_error("invalid --by '%s': give 1 to 64 column names separated by commas",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'p': /* --period */
            if (cli_vocab_option(SERVQ_VOCAB_PERIOD, "period", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            aopt.period = (enum servq_period)word;
            break;
        case 'm': /* --min-n */
            if (cli_parse_uint(optarg, 1000000000UL, &v) != 0 || v < 1) {
                cli_error("invalid --min-n '%s': use a whole number of at least 1", optarg);
                return CLI_EXIT_USAGE;
            }
            aopt.min_n = (unsigned)v;
            break;
        case CLI_OPT_MAX_GROUPS:       /* --max-groups */
        case CLI_OPT_MAX_FIELD_BYTES:  /* --max-field-bytes */
        case CLI_OPT_MAX_RECORD_BYTES: /* --max-record-bytes */
        case CLI_OPT_MAX_COLUMNS:      /* --max-columns */
        case CLI_OPT_MAX_JSON_BYTES:   /* --max-json-bytes */
            if (cli_parse_limit(opt, optarg) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'w': /* --weight */
            aopt.weight = optarg;
            break;
        case 'X': /* --state */
            state = 1;
            break;
        case 'C': /* --compare-roles */
            aopt.compare_roles = 1;
            break;
        case 't': /* --targets */
            targets_path = optarg;
            break;
        case 'l': /* --lang */
            lang = optarg;
            break;
        case 'a': /* --adjust */
            if (cli_vocab_option(SERVQ_VOCAB_ADJUST, "adjustment", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            aopt.adjust = (enum servq_adjust)word;
            break;
        case 'c': /* --ipa-center */
            if (cli_vocab_option(SERVQ_VOCAB_IPA_CENTER, "--ipa-center", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            aopt.ipa_center = (enum servq_ipa_center)word;
            break;
        case 'M': /* --missing */
            if (cli_vocab_option(SERVQ_VOCAB_MISSING, "--missing", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            aopt.missing = (enum servq_missing)word;
            break;
        case 's': /* --significance */
            if (cli_parse_fraction(optarg, &aopt.significance) != 0 || aopt.significance <= 0) {
                cli_error("invalid --significance '%s': use a number between 0 and 1", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'S': /* --inspiring-share */
            if (cli_parse_fraction(optarg, &aopt.inspiring_share) != 0) {
                cli_error("invalid --inspiring-share '%s': use a number from 0 to below 1",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'R': /* --raw-csv */
            raw_csv = 1;
            break;
        case 'T': /* --strict */
            strict = 1;
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
        return cli_close_stdout(cli_list_instruments(stdout, lang ? lang : cli_env_lang()));
    if (argc - optind > 1) {
        cli_error("too many arguments: one input at a time");
        cli_try_help();
        return CLI_EXIT_USAGE;
    }
    src.path = optind < argc ? argv[optind] : NULL;
    if (check_keys(by, aopt.n_by, aopt.period != SERVQ_PERIOD_NONE) != 0)
        return CLI_EXIT_USAGE;
    aopt.max_groups = cli_limits.max_groups;
    if (out_path && cli_output_stdout(out_path) != 0)
        goto out;

    ins = cli_load_instrument(instrument_path);
    if (!ins)
        goto out;
    st = servq_analysis_new(ins, &aopt, &c.a);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        goto out;
    }
    if (targets_path && load_targets(c.a, targets_path) != 0)
        goto out;
    servq_analysis_set_message_fn(c.a, cli_message, &src);
    if (cli_read_csv(src.path, NULL, on_record, &c) != 0)
        goto out;
    if (state) {
        st = servq_analysis_state(c.a, &json);
        if (st == SERVQ_OK) {
            cli_write_stdout(json, strlen(json));
            cli_write_stdout("\n", 1);
            ret = CLI_EXIT_OK;
        } else if (st == SERVQ_ERR_DATA) {
            cli_error("%s: no header row: the input is empty",
                      cli_input_name(src.path, name, sizeof name));
        } else {
            cli_error("%s", servq_strerror(st));
        }
        goto out;
    }
    st = servq_analysis_result(c.a, &json);
    if (st != SERVQ_OK) {
        if (st != SERVQ_ERR_DATA)
            cli_error("%s", servq_strerror(st));
        goto out;
    }
    if (cli_warn_gaps(json, strlen(json), cli_input_name(src.path, name, sizeof name), strict) &&
        strict)
        goto out;
    if (cli_write_gaps(json, format, lang ? lang : cli_env_lang(), raw_csv) != 0)
        goto out;
    ret = servq_analysis_targets_missed(c.a) ? CLI_EXIT_TARGETS : CLI_EXIT_OK;
out:
    servq_free(json);
    servq_analysis_free(c.a);
    servq_instrument_free(ins);
    return cli_close_stdout(ret);
}
