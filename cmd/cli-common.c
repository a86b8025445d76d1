/*
 * Shared helpers for the servq commands: messages, input, output.
 */
#include "cli-common.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_prog = "servq";

void cli_init(int argc, char **argv)
{
    const char *slash;

    /* Numbers never follow the locale: only text classes and messages do. */
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    gsl_set_error_handler_off();
    if (argc > 0 && argv[0] && argv[0][0]) {
        slash = strrchr(argv[0], '/');
        cli_prog = slash ? slash + 1 : argv[0];
        /* getopt names the program by argv[0]; make it match our messages. */
        argv[0] = (char *)cli_prog;
    }
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s", cli_prog, prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport("warning: ", fmt, ap);
    va_end(ap);
}

void cli_print_version(void)
{
    printf("%s (servq) %s\n", cli_prog, servq_version());
}

const char *cli_input_name(const char *path, char *buf, size_t cap)
{
    if (!path || strcmp(path, "-") == 0)
        snprintf(buf, cap, "standard input");
    else
        snprintf(buf, cap, "'%s'", path);
    return buf;
}

void cli_message(const struct servq_message *msg, void *user)
{
    const struct cli_source *src = user;
    char name[4096], where[64] = "";

    cli_input_name(src ? src->path : NULL, name, sizeof name);
    if (msg->line && msg->column)
        snprintf(where, sizeof where, "line %llu: column %lu: ", msg->line, msg->column);
    else if (msg->line)
        snprintf(where, sizeof where, "line %llu: ", msg->line);
    fflush(stdout);
    fprintf(stderr, "%s: %s%s: %s%s\n", cli_prog,
            msg->level == SERVQ_LEVEL_WARNING ? "warning: " : "", name, where, msg->text);
}

static int open_input(const char *path)
{
    int fd;
    char name[4096];

    if (!path || strcmp(path, "-") == 0)
        return STDIN_FILENO;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        cli_error("cannot open %s: %s", cli_input_name(path, name, sizeof name),
                  strerror(errno));
    return fd;
}

int cli_read_csv(const char *path, const struct servq_reader_options *opt, servq_record_fn fn,
                 void *user)
{
    struct cli_source src = {path};
    struct servq_reader *r = NULL;
    enum servq_status st;
    static char buf[1 << 18];
    char name[4096];
    ssize_t got;
    int fd, ret = -1;

    fd = open_input(path);
    if (fd < 0)
        return -1;
    st = servq_reader_new(opt, fn, user, &r);
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
    servq_reader_free(r);
    if (fd != STDIN_FILENO)
        close(fd);
    return ret;
}

char *cli_slurp(const char *path, size_t max, size_t *len)
{
    char name[4096];
    char *data = NULL, *p;
    size_t cap = 0, n = 0;
    ssize_t got;
    int fd = open_input(path);

    if (fd < 0)
        return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 65536;
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
            cli_error("%s: larger than %zu bytes", cli_input_name(path, name, sizeof name),
                      max);
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

struct servq_instrument *cli_load_instrument(const char *path)
{
    struct servq_instrument *ins = NULL;
    enum servq_status st;
    char err[512], name[4096];
    size_t len;
    char *json;

    if (!path) {
        st = servq_instrument_default(&ins);
        if (st != SERVQ_OK)
            cli_error("built-in instrument: %s", servq_strerror(st));
        return ins;
    }
    json = cli_slurp(path, 64u << 20, &len);
    if (!json)
        return NULL;
    st = servq_instrument_parse(json, len, &ins, err, sizeof err);
    free(json);
    if (st != SERVQ_OK)
        cli_error("%s: %s", cli_input_name(path, name, sizeof name),
                  err[0] ? err : servq_strerror(st));
    return ins;
}

int cli_write_stdout(const void *buf, size_t n)
{
    return fwrite(buf, 1, n, stdout) == n ? 0 : -1;
}

int cli_close_stdout(int ret)
{
    int failed = ferror(stdout) | (fflush(stdout) != 0);

    if (fclose(stdout) != 0)
        failed = 1;
    if (failed && errno != EPIPE) {
        cli_error("write error: %s", strerror(errno ? errno : EIO));
        return CLI_EXIT_FAILURE;
    }
    return ret;
}

int cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

const char *cli_env_lang(void)
{
    const char *v = getenv("LC_ALL");

    if (!v || !*v)
        v = getenv("LC_MESSAGES");
    if (!v || !*v)
        v = getenv("LANG");
    if (!v || !*v || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0)
        return "en";
    return v;
}

int cli_parse_fraction(const char *s, double *out)
{
    double v = 0, scale = 1;
    const char *p = s;

    /* Hand-parsed: strtod would follow LC_NUMERIC. */
    if (*p != '0' && *p != '.')
        return -1;
    while (*p == '0')
        p++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++) {
            scale /= 10;
            v += (*p - '0') * scale;
        }
    if (*p || p == s || (p == s + 1 && *s == '.'))
        return -1;
    *out = v;
    return 0;
}
