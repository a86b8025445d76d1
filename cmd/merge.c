/*
 * servq-merge: gap-analysis states in, one gaps document (or state) out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"

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
            "  -o, --output=FILE      write to FILE atomically instead of standard output\n"
            "  -l, --lang=LANG        language of names in text output: en, es, pt, ru\n"
            "      --raw-csv          do not neutralise CSV cells that start with = + - @\n"
            "                         TAB or CR (by default they get a leading ')\n"
            "      --strict           make the warnings about the input (items on\n"
            "                         different scales, items nobody answered) errors:\n"
            "                         exit 1 and write nothing\n"
            "  -h, --help             show this help and exit\n"
            "  -V, --version          show the version and exit\n"
            "\n"
            "Limits (see servq-merge(1)):\n" CLI_USAGE_MAX_JSON_BYTES("256M")
                CLI_USAGE_MAX_GROUPS CLI_USAGE_LIMITS_NOTE
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
    char err[512]; /* the last state's message, from keep_message() */
};

/* The library's reason, kept to print with the file and line of the state. */
static void keep_message(const struct servq_message *msg, void *user)
{
    struct merge *m = user;

    snprintf(m->err, sizeof m->err, "%s", msg->text);
}

/* Merges one line of path: a state, or nothing when blank. */
static int merge_line(struct merge *m, const char *path, unsigned long long lineno, char *line,
                      size_t len)
{
    char *err = m->err, name[4096];
    enum servq_status st;

    if (len && line[len - 1] == '\r')
        len--;
    if (len == 0)
        return 0;
    cli_input_name(path, name, sizeof name);
    /* What a pretty-printed document (gap-analysis without --state) starts with. */
    if (len == 1 && line[0] == '{') {
        cli_error("%s: line %llu: not a state: each state is one line of JSON, as "
                  "'servq gap-analysis --state' writes it",
                  name, lineno);
        return -1;
    }
    err[0] = '\0';
    if (!m->a) {
        st = servq_analysis_from_state(line, len, &m->ins, &m->a, keep_message, m);
        if (st == SERVQ_OK && servq_analysis_cap_groups(m->a, cli_limits.max_groups) != SERVQ_OK) {
            snprintf(err, sizeof m->err, "more than %zu groups", cli_limits.max_groups);
            st = SERVQ_ERR_LIMIT;
        }
    } else {
        st = servq_analysis_merge_state(m->a, line, len);
    }
    if (st != SERVQ_OK) {
        cli_error("%s: line %llu: %s%s", name, lineno, err[0] ? err : servq_strerror(st),
                  st == SERVQ_ERR_LIMIT ? "; raise the limit with --max-groups" : "");
        return -1;
    }
    m->states++;
    return 0;
}

/*
 * Merges the states of path, one per line, holding one line at a time: a
 * line may be as long as --max-json-bytes.
 */
static int merge_file(struct merge *m, const char *path)
{
    size_t cap = 0, len = 0, done, max = cli_limits.max_json_bytes;
    unsigned long long lineno = 0;
    char *buf = NULL, *p, *nl, name[4096];
    ssize_t got = 1;
    int fd = cli_open_input(path), ret = -1;

    if (fd < 0)
        return -1;
    while (got > 0) {
        if (len == cap) {
            size_t want = cap ? cap * 2 : 65536;
            if (want > max + 1)
                want = max + 1;
            if (len >= want) {
                cli_error("%s: line %llu: a state larger than %zu bytes; raise the limit with "
                          "--max-json-bytes",
                          cli_input_name(path, name, sizeof name), lineno + 1, max);
                goto out;
            }
            if (!(p = realloc(buf, want))) {
                cli_error("%s: out of memory", cli_input_name(path, name, sizeof name));
                goto out;
            }
            buf = p;
            cap = want;
        }
        got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR) {
            got = 1;
            continue;
        }
        if (got < 0) {
            cli_error("cannot read %s: %s", cli_input_name(path, name, sizeof name),
                      strerror(errno));
            goto out;
        }
        len += (size_t)got;
        /* Every complete line; at the end of the input, the rest too. */
        for (done = 0; done < len; done = (size_t)(nl - buf) + 1) {
            nl = memchr(buf + done, '\n', len - done);
            if (!nl && got > 0)
                break;
            if (!nl)
                nl = buf + len;
            if (merge_line(m, path, ++lineno, buf + done, (size_t)(nl - buf) - done) != 0)
                goto out;
        }
        if (done >= len)
            len = 0;
        else if (done > 0) {
            memmove(buf, buf + done, len - done);
            len -= done;
        }
    }
    ret = 0;
out:
    free(buf);
    cli_close_input(fd);
    return ret;
}

static int emit(struct merge *m, int state, enum cli_gaps_format format, const char *lang,
                int raw_csv, int strict)
{
    char *json = NULL;
    enum servq_status st;
    int ret;

    st = state ? servq_analysis_state(m->a, &json) : servq_analysis_result(m->a, &json);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        return -1;
    }
    if (!state && cli_warn_gaps(json, strlen(json), NULL, strict) && strict) {
        servq_free(json);
        return -1;
    }
    /* A state is always JSON, one line. */
    ret = cli_write_gaps(json, state ? CLI_GAPS_JSON : format, lang, raw_csv);
    servq_free(json);
    return ret;
}

int main(int argc, char **argv)
{
    static const char short_opts[] = "f:l:o:hV";
    static const struct option long_opts[] = {
        {"state", no_argument, NULL, 'X'},
        {"format", required_argument, NULL, 'f'},
        {"lang", required_argument, NULL, 'l'},
        {"raw-csv", no_argument, NULL, 'R'},
        {"strict", no_argument, NULL, 'T'},
        {"output", required_argument, NULL, 'o'},
        CLI_LONGOPT_MAX_JSON_BYTES,
        CLI_LONGOPT_MAX_GROUPS,
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct merge m = {NULL, NULL, 0, ""};
    const char *lang = NULL, *out_path = NULL;
    enum cli_gaps_format format = CLI_GAPS_JSON;
    int state = 0, raw_csv = 0, strict = 0, opt, ret = CLI_EXIT_FAILURE;

    cli_init(argc, argv);
    cli_limits.max_json_bytes = CLI_JSON_BYTES_LARGE;
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
        case 'T': /* --strict */
            strict = 1;
            break;
        case 'R': /* --raw-csv */
            raw_csv = 1;
            break;
        case 'o': /* --output */
            if (cli_file_option("--output", optarg, &out_path) != 0)
                return CLI_EXIT_USAGE;
            break;
        case CLI_OPT_MAX_JSON_BYTES: /* --max-json-bytes */
        case CLI_OPT_MAX_GROUPS:     /* --max-groups */
            if (cli_parse_limit(opt, optarg) != 0)
                return CLI_EXIT_USAGE;
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
    if (out_path && cli_output_stdout(out_path) != 0)
        goto out;
    do {
        if (merge_file(&m, optind < argc ? argv[optind] : NULL) != 0)
            goto out;
    } while (++optind < argc);
    if (!m.a) {
        cli_error("no state to merge: the input is empty");
        goto out;
    }
    if (emit(&m, state, format, lang ? lang : cli_env_lang(), raw_csv, strict) != 0)
        goto out;
    ret = !state && servq_analysis_targets_missed(m.a) ? CLI_EXIT_TARGETS : CLI_EXIT_OK;
out:
    servq_analysis_free(m.a);
    servq_instrument_free(m.ins);
    return cli_close_stdout(ret);
}
