/*
 * servq-import's command line: the usage text and the options, parsed
 * into the import stream's options and what main() does with the rest.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "import.h"

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

/* See import.h. */
int import_parse_options(int argc, char **argv, struct import_ctx *c, struct import_args *a)
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
    struct servq_import_options *iopt = &c->sopt.import;
    unsigned long rows;
    char why[160];
    int opt, word;

    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'i': /* --instrument */
            a->instrument_path = optarg;
            break;
        case CLI_OPT_LIST_INSTRUMENTS: /* --list-instruments */
            a->list = 1;
            break;
        case 'm': /* --map */
            a->map_path = optarg;
            break;
        case 'f': /* --format */
            if (cli_vocab_option(SERVQ_VOCAB_IMPORT_FORMAT, "--format", optarg, &word) != 0)
                return CLI_EXIT_USAGE;
            c->sopt.format = (enum servq_import_format)word;
            break;
        case 'L': /* --dialect */
            if (servq_dialect_parse(optarg, &iopt->dialect) != SERVQ_OK) {
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
            iopt->header_rows = (unsigned)rows;
            break;
        case 'e': /* --encoding */
            c->sopt.encoding = optarg;
            break;
        case 'd': /* --delimiter */
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                c->sopt.reader.delimiter = '\t';
            else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' &&
                     optarg[0] != '\r')
                c->sopt.reader.delimiter = optarg[0];
            else {
                cli_error("invalid delimiter '%s': use one character or 'tab'", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'D': /* --decimal */
            if (strcmp(optarg, ".") != 0 && strcmp(optarg, ",") != 0) {
                cli_error("invalid decimal mark '%s': use . or ,", optarg);
                return CLI_EXIT_USAGE;
            }
            iopt->decimal_mark = optarg[0];
            break;
        case 'F': /* --date-format */
            if (servq_date_format_check(optarg, why, sizeof why) != SERVQ_OK) {
                cli_error("invalid --date-format '%s': %s", optarg, why);
                return CLI_EXIT_USAGE;
            }
            iopt->date_format = optarg;
            break;
        case 'S': /* --suggest-map */
            c->suggest = 1;
            iopt->headers_only = 1;
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &a->out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'r': /* --rejects */
            if (cli_file_option("--rejects", optarg, &c->rejects_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'M': /* --max-rejects */
            if (parse_max_rejects(optarg, &a->max_n, &a->max_pct) != 0) {
                cli_error("invalid --max-rejects '%s': use a count such as 10 or a "
                          "percentage such as 5%%",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            a->max_given = 1;
            break;
        case 'T': /* --stats */
            if (cli_file_option("--stats", optarg, &a->stats_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'R': /* --raw-csv */
            iopt->raw_csv = 1;
            break;
        case 's': /* --strict */
            c->strict = 1;
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
            a->quiet = 1;
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
    return -1;
}

/* See import.h. */
int import_check_options(int argc, const struct import_ctx *c, const struct import_args *a)
{
    char d = c->sopt.reader.delimiter;

    if (a->list)
        return cli_close_stdout(cli_list_instruments(stdout, cli_env_lang()));
    if (argc - optind > 1) {
        cli_error("too many arguments: one export at a time");
        cli_try_help();
        return CLI_EXIT_USAGE;
    }
    if (a->stats_path && c->suggest) {
        cli_error("--stats and --suggest-map cannot be used together: --suggest-map imports "
                  "nothing");
        return CLI_EXIT_USAGE;
    }
    if (d && c->sopt.import.decimal_mark == d) {
        cli_error("the decimal mark and the delimiter cannot both be '%c'", d);
        return CLI_EXIT_USAGE;
    }
    return -1;
}

