/*
 * servq-merge: gap-analysis states in, one gaps document (or state) out.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli-common.h"

#define MAX_INPUT_BYTES ((size_t)4 << 30)

static void usage(FILE *fp, const char *argv0)
{
    fprintf(fp,
            "Usage: %s [OPTION]... [STATE]...\n"
            "Merge the states that 'servq gap-analysis --state' wrote for shards of the\n"
            "input, and write the gaps document of all of them: the same document one\n"
            "pass over all the rows gives. Each file, or standard input when there is\n"
            "none or a file is -, holds one or more states, one per line.\n"
            "\n"
            "Options:\n"
            "      --state            write the merged state instead (merges associate,\n"
            "                         so states can be merged in stages)\n"
            "  -f, --format=FORMAT    json (default), text or csv\n"
            "  -l, --lang=LANG        language of names in text output: en, es, pt, ru\n"
            "      --raw-csv          do not neutralise CSV cells that look like formulas\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "States must come from the same instrument and the same gap-analysis\n"
            "options; anything else is an error. For example, on all cores:\n"
            "  parallel --pipe --header : --block 50M servq gap-analysis --state \\\n"
            "      < responses.csv | servq merge\n"
            "\n"
            "Exit status: 0 success, 1 data or I/O failure, 2 usage error, 3 a quality\n"
            "target was missed. See servq-merge(1).\n",
            argv0);
}

struct merge {
    struct servq_instrument *ins;
    struct servq_analysis *a;
    size_t states;
};

/* Merges every non-empty line of text, which came from path. */
static int merge_text(struct merge *m, const char *path, char *text, size_t len)
{
    char err[512], name[4096], *line = text, *end = text + len, *nl;
    unsigned long long lineno = 0;
    enum servq_status st;

    for (; line < end; line = nl + 1) {
        nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;
        lineno++;
        if (nl == line || (nl == line + 1 && line[0] == '\r'))
            continue;
        if (!m->a)
            st = servq_analysis_from_state(line, (size_t)(nl - line), &m->ins, &m->a, err,
                                           sizeof err);
        else
            st = servq_analysis_merge_state(m->a, line, (size_t)(nl - line), err, sizeof err);
        if (st != SERVQ_OK) {
            cli_error("%s: line %llu: %s", cli_input_name(path, name, sizeof name), lineno,
                      err[0] ? err : servq_strerror(st));
            return -1;
        }
        m->states++;
    }
    return 0;
}

static int emit(struct merge *m, int state, enum cli_gaps_format format, const char *lang,
                int raw_csv)
{
    char *json = NULL;
    enum servq_status st;
    int ret;

    st = state ? servq_analysis_state(m->a, &json) : servq_analysis_result(m->a, &json);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        return -1;
    }
    /* A state is always JSON, one line. */
    ret = cli_write_gaps(json, state ? CLI_GAPS_JSON : format, lang, raw_csv);
    servq_free(json);
    return ret;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "f:l:hV";
    static const struct option long_opts[] = {
        {"state", no_argument, NULL, 'X'},
        {"format", required_argument, NULL, 'f'},
        {"lang", required_argument, NULL, 'l'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct merge m = {NULL, NULL, 0};
    const char *lang = NULL, *path;
    enum cli_gaps_format format = CLI_GAPS_JSON;
    int state = 0, raw_csv = 0, opt, ret = CLI_EXIT_FAILURE;
    size_t len;
    char *text;

    cli_init(argc, argv);
    while ((opt = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (opt) {
        case 'X': /* --state */
            state = 1;
            break;
        case 'f': /* --format */
            if (cli_parse_gaps_format(optarg, &format) != 0)
                return CLI_EXIT_USAGE;
            break;
        case 'l': /* --lang */
            lang = optarg;
            break;
        case 'R': /* --raw-csv */
            raw_csv = 1;
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
    do {
        path = optind < argc ? argv[optind] : NULL;
        text = cli_slurp(path, MAX_INPUT_BYTES, &len);
        if (!text)
            goto out;
        if (merge_text(&m, path, text, len) != 0) {
            free(text);
            goto out;
        }
        free(text);
    } while (++optind < argc);
    if (!m.a) {
        cli_error("no state to merge: the input is empty");
        goto out;
    }
    if (emit(&m, state, format, lang ? lang : cli_env_lang(), raw_csv) != 0)
        goto out;
    ret = !state && servq_analysis_targets_missed(m.a) ? CLI_EXIT_TARGETS : CLI_EXIT_OK;
out:
    servq_analysis_free(m.a);
    servq_instrument_free(m.ins);
    return cli_close_stdout(ret);
}
