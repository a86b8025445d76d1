/*
 * servq-import: survey export in, canonical responses out.
 *
 * The library's import stream does the work, from the bytes to canonical
 * rows (servq/import.h): it tells CSV from an SPSS file, decodes, guesses
 * the delimiter, reads and imports. This file keeps the command's side:
 * the options, the output, the rejects and --stats files and the
 * accounting; import-input.c reads the file into the stream.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

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

/* --stats: the accounting as servq report --import-stats reads it. */
static int write_stats(struct cli_output *o, const struct servq_import_stream *s)
{
    FILE *fp = cli_output_file(o);
    char *json = NULL;

    if (!fp)
        return -1;
    if (servq_import_stream_stats_json(s, &json) != SERVQ_OK) {
        cli_error("out of memory");
        return -1;
    }
    fputs(json, fp);
    servq_free(json);
    return cli_output_commit(o);
}

/* The most common reason rows were rejected for, as a phrase for a message. */
static const char *top_reject(const struct import_ctx *c, char *out, size_t cap)
{
    const struct servq_importer *imp = servq_import_stream_importer(c->stream);
    struct servq_reject_summary r;
    int sav = servq_import_stream_format(c->stream) == SERVQ_IMPORT_FORMAT_SAV;

    if (!imp || !servq_importer_top_reject(imp, &r))
        snprintf(out, cap, "the rejects file (--rejects) says why");
    else
        snprintf(out, cap, "the most common reason (%llu row%s), first on %s %llu: %s", r.count,
                 r.count == 1 ? "" : "s", sav ? "case" : "line", r.line, r.reason);
    return out;
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
 * The instrument: -i, else the one the map names (relative to the map),
 * else NULL for the stream's default (the map's own, or SERVQUAL-22).
 * @returns 0, or -1 after saying why
 */
static int load_instrument(const struct import_args *a, const struct servq_map *map,
                           struct servq_instrument **ins)
{
    const char *path = a->instrument_path;
    char *resolved = NULL;

    *ins = NULL;
    if (!path && map && servq_map_instrument_path(map)) {
        resolved = relative_to(a->map_path, servq_map_instrument_path(map));
        if (!resolved) {
            cli_error("out of memory");
            return -1;
        }
        path = resolved;
    }
    if (path)
        *ins = cli_load_instrument(path);
    free(resolved);
    return path && !*ins ? -1 : 0;
}

/* The accounting line and the checks on it. @returns the exit status. */
static int account(struct import_ctx *c, const struct import_args *a, int ret)
{
    struct servq_import_counts n;
    char name[4096], top[1024];

    servq_import_stream_counts(c->stream, &n);
    cli_input_name(c->path, name, sizeof name);
    if (!a->quiet && !cli_stdout_gone())
        fprintf(stderr, "%s: read %llu, imported %llu, rejected %llu\n", cli_prog, n.read,
                n.imported, n.rejected);
    if (ret != CLI_EXIT_OK)
        return ret;
    if (n.read > 0 && n.imported == 0) {
        /* A cron job would publish an empty report: fail instead. */
        if (n.read == 1)
            cli_error("%s: nothing imported: its one row was rejected; %s", name,
                      top_reject(c, top, sizeof top));
        else
            cli_error("%s: nothing imported: all %llu rows were rejected; %s", name, n.read,
                      top_reject(c, top, sizeof top));
        return CLI_EXIT_FAILURE;
    }
    if (a->max_given && (a->max_pct >= 0 ? (double)n.rejected * 100.0 > a->max_pct * (double)n.read
                                         : n.rejected > a->max_n)) {
        if (a->max_pct >= 0)
            cli_error("%llu of %llu rows rejected, more than --max-rejects %g%%", n.rejected,
                      n.read, a->max_pct);
        else
            cli_error("%llu rows rejected, more than --max-rejects %lu", n.rejected, a->max_n);
        cli_error("%s: %s", name, top_reject(c, top, sizeof top));
        return CLI_EXIT_FAILURE;
    }
    return ret;
}

static int print_suggested_map(const struct import_ctx *c)
{
    const struct servq_importer *imp = servq_import_stream_importer(c->stream);
    char *json = NULL;
    enum servq_status st = imp ? servq_importer_suggest_map(imp, &json) : SERVQ_ERR_DATA;

    if (st != SERVQ_OK) {
        if (st == SERVQ_ERR_NOMEM)
            cli_error("out of memory");
        return -1;
    }
    cli_write_stdout(json, strlen(json));
    servq_free(json);
    return 0;
}

int main(int argc, char **argv)
{
    struct import_ctx ctx;
    struct import_args a;
    struct servq_instrument *ins = NULL;
    struct servq_map *map = NULL;
    struct cli_output stats = CLI_OUTPUT_INIT;
    char name[4096];
    int ran = 0, read_all = 0, held = -1, ret = CLI_EXIT_FAILURE;

    memset(&ctx, 0, sizeof ctx);
    memset(&a, 0, sizeof a);
    a.max_pct = -1;
    cli_init(argc, argv);
    servq_import_stream_options_init(&ctx.sopt);
    if ((ret = import_parse_options(argc, argv, &ctx, &a)) >= 0 ||
        (ret = import_check_options(argc, &ctx, &a)) >= 0)
        return ret;
    ret = CLI_EXIT_FAILURE;
    ctx.path = optind < argc ? argv[optind] : NULL;
    ctx.src.path = ctx.path;
    ctx.sopt.name = ctx.path;
    ctx.sopt.reader.max_field = cli_limits.max_field_bytes;
    ctx.sopt.reader.max_record = cli_limits.max_record_bytes;
    ctx.sopt.reader.max_fields = cli_limits.max_columns;

    if (a.map_path && !(map = load_map(a.map_path)))
        goto out;
    if (load_instrument(&a, map, &ins) != 0)
        goto out;
    if (servq_import_stream_new(ins, map, &ctx.sopt, emit_stdout, write_reject, &ctx,
                                &ctx.stream) != SERVQ_OK) {
        cli_error("out of memory");
        goto out;
    }
    servq_import_stream_set_message_fn(ctx.stream, on_message, &ctx);
    if (a.out_path && cli_output_stdout(a.out_path) != 0)
        goto out;
    if (ctx.strict && !a.out_path && !ctx.suggest && (held = import_hold_stdout()) < 0)
        goto out;
    if (ctx.rejects_path && !ctx.suggest && open_rejects(&ctx) != 0)
        goto out;
    /* Before the work, so a --stats file that cannot be made fails at once. */
    if (a.stats_path && cli_output_open(&stats, a.stats_path) != 0)
        goto out;
    ran = 1;
    if (import_read(ctx.stream, ctx.path, &ctx.unread) != 0 || ctx.strict_failed)
        goto out;
    read_all = 1;
    if (ctx.suggest && print_suggested_map(&ctx) != 0)
        goto out;
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
        ret = account(&ctx, &a, ret);
    }
    /* Counts of an import that stopped early would mislead: then FILE is left alone. */
    if (read_all && stats.path && write_stats(&stats, ctx.stream) != 0)
        ret = CLI_EXIT_FAILURE;
    cli_output_abort(&stats);
    servq_import_stream_free(ctx.stream);
    servq_instrument_free(ins);
    servq_map_free(map);
    if (held >= 0 && import_release_stdout(held, ret == CLI_EXIT_OK) != 0 && ret == CLI_EXIT_OK)
        ret = CLI_EXIT_FAILURE;
    return cli_close_stdout(ret);
}
