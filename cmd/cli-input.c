/*
 * Reading inputs: files or standard input, CSV through a reader, JSON
 * whole, each within the limits of cli_limits.
 */
#include "cli-input.h"
#include "cli-messages.h"
#include "cli-options.h"
#include "cli-progress.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cli_limits cli_limits = {
    SERVQ_DEFAULT_MAX_FIELD, SERVQ_DEFAULT_MAX_RECORD, SERVQ_DEFAULT_MAX_FIELDS,
    CLI_JSON_BYTES_SMALL,    SERVQ_DEFAULT_MAX_LABELS, SERVQ_DEFAULT_MAX_GROUPS,
};

/* "64M" and the like: a whole number from 1, times K, M or G (1024s). */
static int parse_size(const char *s, size_t *out)
{
    size_t len = strlen(s), shift = 0;
    unsigned long v;
    char digits[32];

    if (len == 0 || len >= sizeof digits)
        return -1;
    switch (s[len - 1]) {
    case 'K':
    case 'k':
        shift = 10;
        break;
    case 'M':
    case 'm':
        shift = 20;
        break;
    case 'G':
    case 'g':
        shift = 30;
        break;
    default:
        break;
    }
    memcpy(digits, s, len + 1);
    if (shift)
        digits[len - 1] = '\0';
    if (cli_parse_uint(digits, ULONG_MAX, &v) != 0 || v < 1 || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

int cli_parse_limit(int opt, const char *arg)
{
    static const struct {
        int opt;
        const char *name;
        size_t *value;
    } limits[] = {
        {CLI_OPT_MAX_FIELD_BYTES, "--max-field-bytes", &cli_limits.max_field_bytes},
        {CLI_OPT_MAX_RECORD_BYTES, "--max-record-bytes", &cli_limits.max_record_bytes},
        {CLI_OPT_MAX_COLUMNS, "--max-columns", &cli_limits.max_columns},
        {CLI_OPT_MAX_JSON_BYTES, "--max-json-bytes", &cli_limits.max_json_bytes},
        {CLI_OPT_MAX_LABELS, "--max-labels", &cli_limits.max_labels},
        {CLI_OPT_MAX_GROUPS, "--max-groups", &cli_limits.max_groups},
    };
    size_t i;

    for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        if (limits[i].opt != opt)
            continue;
        if (parse_size(arg, limits[i].value) != 0) {
            cli_error("invalid %s '%s': use a whole number of at least 1, optionally with K, M "
                      "or G",
                      limits[i].name, arg);
            return -1;
        }
        return 0;
    }
    cli_error("unknown limit option");
    return -1;
}

void cli_reader_options(struct servq_reader_options *o)
{
    servq_reader_options_init(o);
    o->max_field = cli_limits.max_field_bytes;
    o->max_record = cli_limits.max_record_bytes;
    o->max_fields = cli_limits.max_columns;
}

int cli_open_input(const char *path)
{
    int fd;
    char name[4096];

    if (!path || strcmp(path, "-") == 0)
        return STDIN_FILENO;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        cli_error("cannot open %s: %s", cli_input_name(path, name, sizeof name), strerror(errno));
    return fd;
}

void cli_close_input(int fd)
{
    if (fd >= 0 && fd != STDIN_FILENO)
        close(fd);
}

/* Counts records for the progress bar on their way to the caller's fn. */
struct counted {
    servq_record_fn fn;
    void *user;
    unsigned long long rows;
};

static int count_record(const struct servq_record *rec, void *user)
{
    struct counted *c = user;

    c->rows++;
    return c->fn(rec, c->user);
}

int cli_read_csv(const char *path, const struct servq_reader_options *opt, servq_record_fn fn,
                 void *user)
{
    struct cli_source src = {path};
    struct counted counted = {fn, user, 0};
    struct cli_progress progress;
    struct servq_reader_options defaults;
    struct servq_reader *r = NULL;
    enum servq_status st;
    static char buf[1 << 18];
    char name[4096];
    ssize_t got;
    int fd, ret = -1;

    fd = cli_open_input(path);
    if (fd < 0)
        return -1;
    cli_progress_init(&progress, fd);
    if (!opt) {
        cli_reader_options(&defaults);
        opt = &defaults;
    }
    st = servq_reader_new(opt, count_record, &counted, &r);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        goto cleanup;
    }
    servq_reader_set_message_fn(r, cli_message, &src);
    for (;;) {
        got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            cli_error("cannot read %s: %s", cli_input_name(path, name, sizeof name),
                      strerror(errno));
            goto cleanup;
        }
        if (got == 0)
            break;
        st = servq_reader_feed(r, buf, (size_t)got);
        if (st != SERVQ_OK)
            goto failed;
        cli_progress_update(&progress, (size_t)got, counted.rows);
    }
    st = servq_reader_finish(r);
    if (st != SERVQ_OK)
        goto failed;
    ret = 0;
    goto cleanup;
failed:
    /* Data errors were reported with their line by the message callback. */
    if (st == SERVQ_ERR_NOMEM)
        cli_error("%s: out of memory", cli_input_name(path, name, sizeof name));
cleanup:
    cli_progress_release(&progress);
    servq_reader_free(r);
    if (fd != STDIN_FILENO)
        close(fd);
    return ret;
}

char *cli_slurp(const char *path, size_t *len)
{
    char name[4096];
    char *data = NULL, *p;
    size_t cap = 0, n = 0, max = cli_limits.max_json_bytes;
    ssize_t got;
    int fd = cli_open_input(path);

    if (fd < 0)
        return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            /* One byte past max is enough to know the file is too large. */
            cap = cap ? cap * 2 : 65536;
            if (cap > max + 2)
                cap = max + 2;
            p = realloc(data, cap);
            if (!p) {
                cli_error("%s: out of memory", cli_input_name(path, name, sizeof name));
                goto fail;
            }
            data = p;
        }
        got = read(fd, data + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            cli_error("cannot read %s: %s", cli_input_name(path, name, sizeof name),
                      strerror(errno));
            goto fail;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max) {
            cli_error("%s: larger than %zu bytes; raise the limit with --max-json-bytes",
                      cli_input_name(path, name, sizeof name), max);
            goto fail;
        }
    }
    if (fd != STDIN_FILENO)
        close(fd);
    data[n] = '\0';
    *len = n;
    return data;
fail:
    if (fd != STDIN_FILENO)
        close(fd);
    free(data);
    return NULL;
}
