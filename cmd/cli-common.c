/*
 * Shared helpers for the servq commands: messages, input, output.
 */
/* realpath() is in POSIX's XSI part. */
#define _XOPEN_SOURCE 700

#include "cli-common.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The progress bar waits this long before it shows, then redraws so often. */
#define PROGRESS_DELAY 0.5
#define PROGRESS_INTERVAL 0.1
#define PROGRESS_MAX_WIDTH 80

const char *cli_prog = "servq";
int cli_quiet;
enum cli_color cli_color = CLI_COLOR_AUTO;
struct cli_limits cli_limits = {
    SERVQ_DEFAULT_MAX_FIELD, SERVQ_DEFAULT_MAX_RECORD, SERVQ_DEFAULT_MAX_FIELDS,
    CLI_JSON_BYTES_SMALL,    SERVQ_DEFAULT_MAX_LABELS, SERVQ_DEFAULT_MAX_GROUPS,
};

/* The first error writing standard output, for the message at close. */
static int stdout_errno;

/* Columns the progress bar occupies on stderr now; 0 when not shown. */
static size_t progress_shown;
/* Whether stdout is a terminal too, so output must not run into the bar. */
static int progress_stdout_tty;

static void progress_erase(void)
{
    char blank[PROGRESS_MAX_WIDTH + 2];

    if (!progress_shown)
        return;
    blank[0] = '\r';
    memset(blank + 1, ' ', progress_shown);
    blank[progress_shown + 1] = '\r';
    fwrite(blank, 1, progress_shown + 2, stderr);
    progress_shown = 0;
}

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
    /* cli_option_error() says what is wrong, once, with a suggestion. */
    opterr = 0;
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
    fflush(stdout);
    progress_erase();
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

/* The option that raises a limit of the library. */
static const char *limit_option(enum servq_limit limit)
{
    switch (limit) {
    case SERVQ_LIMIT_FIELD_BYTES:
        return "--max-field-bytes";
    case SERVQ_LIMIT_RECORD_BYTES:
        return "--max-record-bytes";
    case SERVQ_LIMIT_COLUMNS:
        return "--max-columns";
    case SERVQ_LIMIT_GROUPS:
        return "--max-groups";
    case SERVQ_LIMIT_LABELS:
        return "--max-labels";
    case SERVQ_LIMIT_NONE:
        break;
    }
    return NULL;
}

void cli_message(const struct servq_message *msg, void *user)
{
    const struct cli_source *src = user;
    const char *option = limit_option(msg->limit);
    char name[4096], where[64] = "";

    cli_input_name(src ? src->path : NULL, name, sizeof name);
    if (msg->line && msg->column)
        snprintf(where, sizeof where, "line %llu: column %lu: ", msg->line, msg->column);
    else if (msg->line)
        snprintf(where, sizeof where, "line %llu: ", msg->line);
    fflush(stdout);
    progress_erase();
    fprintf(stderr, "%s: %s%s: %s%s%s%s\n", cli_prog,
            msg->level == SERVQ_LEVEL_WARNING ? "warning: " : "", name, where, msg->text,
            option ? "; raise the limit with " : "", option ? option : "");
}

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

struct servq_instrument *cli_load_instrument(const char *path)
{
    struct servq_instrument *ins = NULL;
    enum servq_status st;
    char err[512], name[4096];
    char *json = NULL, *found = NULL;
    size_t len;

    if (!path) {
        st = servq_instrument_default(&ins);
        if (st != SERVQ_OK)
            cli_error("built-in instrument: %s", servq_strerror(st));
        return ins;
    }
    if (cli_instrument_is_name(path)) {
        if ((found = cli_find_instrument(path)) == NULL)
            return NULL;
        path = found;
    }
    json = cli_slurp(path, &len);
    if (!json)
        goto out;
    st = servq_instrument_parse(json, len, &ins, err, sizeof err);
    if (st != SERVQ_OK)
        cli_error("%s: %s", cli_input_name(path, name, sizeof name),
                  err[0] ? err : servq_strerror(st));
out:
    free(json);
    free(found);
    return ins;
}

int cli_write_stdout(const void *buf, size_t n)
{
    if (progress_shown && progress_stdout_tty)
        progress_erase();
    if (fwrite(buf, 1, n, stdout) == n)
        return 0;
    if (!stdout_errno)
        stdout_errno = errno ? errno : EIO;
    return -1;
}

int cli_stdout_gone(void)
{
    return stdout_errno == EPIPE;
}

/* ---- atomic output files ---- */

/*
 * The temporary files, for the signal handler: paths in fixed storage and
 * a flag per slot, as only async-signal-safe calls may touch them.
 */
#define OUTPUT_SLOTS 4
static char temp_paths[OUTPUT_SLOTS][4096];
static volatile sig_atomic_t temp_armed[OUTPUT_SLOTS];
static int temp_taken[OUTPUT_SLOTS];
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

/* Standard output after cli_output_stdout(). */
static struct cli_output stdout_output = {NULL, NULL, -1, NULL, -1, 0, 0};

static void on_signal(int sig)
{
    int i;

    for (i = 0; i < OUTPUT_SLOTS; i++)
        if (temp_armed[i])
            unlink(temp_paths[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    size_t i;

    sigemptyset(&set);
    for (i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void catch_signals(void)
{
    struct sigaction sa, prev;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof caught / sizeof caught[0]; i++) {
        /* Leave signals that were ignored (nohup, background jobs) ignored. */
        if (sigaction(caught[i], NULL, &prev) == 0 && prev.sa_handler == SIG_IGN)
            continue;
        sigaction(caught[i], &sa, NULL);
    }
}

/* The temporary path ".NAME.XXXXXX" beside path into temp_paths[slot]. */
static int temp_name(int slot, const char *path)
{
    const char *slash = strrchr(path, '/');
    int n;

    if (slash && !slash[1]) {
        cli_error("cannot write '%s': %s", path, strerror(EISDIR));
        return -1;
    }
    if (slash)
        n = snprintf(temp_paths[slot], sizeof temp_paths[slot], "%.*s/.%s.XXXXXX",
                     (int)(slash - path), path, slash + 1);
    else
        n = snprintf(temp_paths[slot], sizeof temp_paths[slot], ".%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof temp_paths[slot]) {
        cli_error("cannot write '%s': %s", path, strerror(ENAMETOOLONG));
        return -1;
    }
    return 0;
}

/* A device or a FIFO: written in place. @returns 0, or -1 after saying why. */
static int open_direct(struct cli_output *o, const struct stat *st)
{
    if (st && S_ISDIR(st->st_mode)) {
        cli_error("cannot write '%s': %s", o->path, strerror(EISDIR));
        return -1;
    }
    o->direct = 1;
    /* O_CREAT for a link to nothing yet, which the write creates as > would. */
    o->fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (o->fd < 0) {
        cli_error("cannot open '%s': %s", o->path, strerror(errno));
        return -1;
    }
    return 0;
}

static void output_release(struct cli_output *o, int remove);

/* A path under /dev or /proc: a device, or an open file behind a link. */
static int system_path(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

int cli_output_open(struct cli_output *o, const char *path)
{
    struct stat st;
    sigset_t old;
    mode_t mask;
    int exists = lstat(path, &st) == 0, slot;

    memset(o, 0, sizeof *o);
    o->path = path;
    o->fd = -1;
    o->slot = -1;
    /* Replacing a link would turn it into a file: its target is replaced. */
    if (exists && S_ISLNK(st.st_mode)) {
        o->target = system_path(path) ? NULL : realpath(path, NULL);
        if (!o->target || stat(o->target, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(o->target);
            o->target = NULL;
            return open_direct(o, stat(path, &st) == 0 ? &st : NULL);
        }
        path = o->target;
    }
    if (exists && !S_ISREG(st.st_mode))
        return open_direct(o, &st);
    for (slot = 0; slot < OUTPUT_SLOTS && temp_taken[slot]; slot++)
        ;
    if (slot == OUTPUT_SLOTS) {
        cli_error("cannot write '%s': too many output files", path);
        return -1;
    }
    mask = umask(0);
    umask(mask);
    /* A new file is readable as umask allows; a replaced one keeps its mode. */
    o->mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
    if (temp_name(slot, path) != 0) {
        output_release(o, 0);
        return -1;
    }
    catch_signals();
    block_signals(&old);
    o->fd = mkstemp(temp_paths[slot]);
    if (o->fd >= 0) {
        temp_taken[slot] = 1;
        temp_armed[slot] = 1;
        o->slot = slot;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (o->fd < 0) {
        cli_error("cannot create '%s': %s", o->path, strerror(errno));
        output_release(o, 0);
        return -1;
    }
    return 0;
}

FILE *cli_output_file(struct cli_output *o)
{
    if (!o->fp && o->fd >= 0) {
        o->fp = fdopen(o->fd, "w");
        if (!o->fp)
            cli_error("cannot write '%s': %s", o->path, strerror(errno));
    }
    return o->fp;
}

/* Closes o's stream or descriptor. @returns 0, or the errno of a failure. */
static int output_close(struct cli_output *o)
{
    int err = 0;

    if (o->fp) {
        if (ferror(o->fp))
            err = errno ? errno : EIO;
        if (fclose(o->fp) != 0 && !err)
            err = errno ? errno : EIO;
    } else if (o->fd >= 0 && close(o->fd) != 0) {
        err = errno;
    }
    o->fp = NULL;
    o->fd = -1;
    return err;
}

/* Frees o's slot; the handler no longer touches its path. */
static void output_release(struct cli_output *o, int remove)
{
    sigset_t old;

    free(o->target);
    o->target = NULL;
    if (o->slot < 0)
        return;
    block_signals(&old);
    if (remove && temp_armed[o->slot])
        unlink(temp_paths[o->slot]);
    temp_armed[o->slot] = 0;
    temp_taken[o->slot] = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    o->slot = -1;
}

/* Makes the rename that published path durable. */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    int fd;

    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + (slash == path)), path);
    else
        snprintf(dir, sizeof dir, ".");
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int cli_output_commit(struct cli_output *o)
{
    sigset_t old;
    int err = 0;

    if (o->fp && fflush(o->fp) != 0)
        err = errno;
    if (!err && !o->direct && o->fd >= 0 &&
        (fchmod(o->fd, (mode_t)o->mode) != 0 || fsync(o->fd) != 0))
        err = errno;
    if (!err)
        err = output_close(o);
    else
        output_close(o);
    if (err) {
        cli_error("cannot write '%s': %s", o->path, strerror(err));
        output_release(o, 1);
        return -1;
    }
    if (o->direct)
        return 0;
    block_signals(&old);
    if (rename(temp_paths[o->slot], o->target ? o->target : o->path) != 0) {
        err = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        cli_error("cannot replace '%s': %s", o->path, strerror(err));
        output_release(o, 1);
        return -1;
    }
    temp_armed[o->slot] = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    output_release(o, 0);
    sync_dir(o->target ? o->target : o->path);
    return 0;
}

void cli_output_abort(struct cli_output *o)
{
    output_close(o);
    output_release(o, 1);
}

int cli_output_stdout(const char *path)
{
    if (cli_output_open(&stdout_output, path) != 0)
        return -1;
    fflush(stdout);
    if (dup2(stdout_output.fd, STDOUT_FILENO) < 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        cli_output_abort(&stdout_output);
        return -1;
    }
    close(stdout_output.fd);
    stdout_output.fd = STDOUT_FILENO;
    stdout_output.fp = stdout;
    return 0;
}

int cli_close_stdout(int ret)
{
    int err = 0;

    if (ferror(stdout))
        err = stdout_errno ? stdout_errno : errno ? errno : EIO;
    if (fflush(stdout) != 0 && !err)
        err = errno ? errno : EIO;
    if (stdout_output.path) {
        /* Published only when the run succeeded and every byte was written. */
        if (err || (ret != CLI_EXIT_OK && ret != CLI_EXIT_TARGETS)) {
            cli_output_abort(&stdout_output);
            if (err)
                cli_error("cannot write '%s': %s", stdout_output.path, strerror(err));
            return err ? CLI_EXIT_FAILURE : ret;
        }
        return cli_output_commit(&stdout_output) == 0 ? ret : CLI_EXIT_FAILURE;
    }
    if (fclose(stdout) != 0 && !err)
        err = errno ? errno : EIO;
    /* A reader that went away (| head) is no failure to report. */
    if (err && err != EPIPE) {
        cli_error("write error: %s", strerror(err));
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

int cli_parse_color(const char *arg)
{
    if (!arg || strcmp(arg, "always") == 0)
        cli_color = CLI_COLOR_ALWAYS;
    else if (strcmp(arg, "never") == 0)
        cli_color = CLI_COLOR_NEVER;
    else if (strcmp(arg, "auto") == 0)
        cli_color = CLI_COLOR_AUTO;
    else {
        cli_error("unknown --color '%s': use auto, always or never", arg);
        return -1;
    }
    return 0;
}

int cli_use_color(int fd)
{
    const char *v;

    if (cli_color != CLI_COLOR_AUTO)
        return cli_color == CLI_COLOR_ALWAYS;
    /* https://no-color.org: set and not empty means no colour. */
    v = getenv("NO_COLOR");
    if (v && *v)
        return 0;
    v = getenv("TERM");
    if (v && strcmp(v, "dumb") == 0)
        return 0;
    return isatty(fd);
}

static double now(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int stderr_width(void)
{
    struct winsize ws;

    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < PROGRESS_MAX_WIDTH ? ws.ws_col : PROGRESS_MAX_WIDTH;
    return PROGRESS_MAX_WIDTH;
}

void cli_progress_init(struct cli_progress *p, int fd)
{
    struct stat st;
    off_t pos;

    memset(p, 0, sizeof *p);
    if (cli_quiet || !isatty(STDERR_FILENO))
        return;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
        return;
    /* Standard input may be a file read from the middle. */
    pos = lseek(fd, 0, SEEK_CUR);
    if (pos < 0)
        pos = 0;
    if (pos >= st.st_size)
        return;
    p->total = (unsigned long long)(st.st_size - pos);
    p->on = 1;
    p->start = p->last = now();
    progress_stdout_tty = isatty(STDOUT_FILENO);
}

void cli_progress_update(struct cli_progress *p, size_t bytes, unsigned long long rows)
{
    char line[PROGRESS_MAX_WIDTH + 1], out[2 * PROGRESS_MAX_WIDTH + 2];
    double t, elapsed, fraction, eta = -1;
    size_t len, n;

    if (!p->on)
        return;
    p->done += bytes;
    p->rows = rows;
    t = now();
    elapsed = t - p->start;
    if (elapsed < PROGRESS_DELAY || t - p->last < PROGRESS_INTERVAL)
        return;
    p->last = t;
    fraction = p->done >= p->total ? 1.0 : (double)p->done / (double)p->total;
    if (p->done)
        eta = elapsed * (1.0 - fraction) / fraction;
    len = cli_progress_format(line, sizeof line, stderr_width(), cli_prog, fraction,
                              (double)p->rows / elapsed, eta);
    if (progress_stdout_tty)
        fflush(stdout);
    /* One write: "\r", the line, and blanks over the rest of a longer one. */
    out[0] = '\r';
    memcpy(out + 1, line, len);
    n = len + 1;
    if (progress_shown > len) {
        memset(out + n, ' ', progress_shown - len);
        n += progress_shown - len;
    } else {
        progress_shown = len;
    }
    fwrite(out, 1, n, stderr);
}

void cli_progress_release(struct cli_progress *p)
{
    if (p->on)
        progress_erase();
    p->on = 0;
}

/* Appends what fits of s to buf (cap bytes), keeping it NUL-terminated. */
static void append(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= cap)
        return;
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

size_t cli_progress_format(char *buf, size_t cap, int width, const char *prog, double fraction,
                           double rows_per_s, double eta)
{
    char tail[96], rate[32], left[32], cell[1];
    size_t len = 0, used;
    long bar, fill, i, sec;

    if (cap == 0)
        return 0;
    buf[0] = '\0';
    if (!(fraction > 0))
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    if (!(rows_per_s >= 0))
        rows_per_s = 0;
    if (rows_per_s < 1e5)
        snprintf(rate, sizeof rate, "%.0f", rows_per_s);
    else if (rows_per_s < 1e8)
        snprintf(rate, sizeof rate, "%.0fk", rows_per_s / 1e3);
    else
        snprintf(rate, sizeof rate, "%.0fM", rows_per_s / 1e6);
    if (!(eta >= 0) || eta >= 100.0 * 3600)
        snprintf(left, sizeof left, "--:--");
    else {
        sec = (long)(eta + 0.5);
        if (sec >= 3600)
            snprintf(left, sizeof left, "%ld:%02ld:%02ld", sec / 3600, sec / 60 % 60, sec % 60);
        else
            snprintf(left, sizeof left, "%ld:%02ld", sec / 60, sec % 60);
    }
    /* Rounded down, so 100% means all of it. */
    snprintf(tail, sizeof tail, "%3d%%  %s rows/s  ETA %s", (int)(fraction * 100), rate, left);

    append(buf, cap, &len, prog, strlen(prog));
    append(buf, cap, &len, ": ", 2);
    used = len + strlen(tail) + 1; /* the last column stays free */
    bar = (long)width - (long)used - 4; /* "[", "]" and two blanks */
    if (bar >= 10) {
        fill = (long)(fraction * (double)bar);
        append(buf, cap, &len, "[", 1);
        for (i = 0; i < bar; i++) {
            cell[0] = i < fill ? '#' : ' ';
            append(buf, cap, &len, cell, 1);
        }
        append(buf, cap, &len, "]  ", 3);
    }
    append(buf, cap, &len, tail, strlen(tail));
    if (width > 1 && len > (size_t)width - 1) {
        len = (size_t)width - 1;
        if (len < cap)
            buf[len] = '\0';
    }
    return len;
}

int cli_parse_gaps_format(const char *s, enum cli_gaps_format *out)
{
    if (strcmp(s, "json") == 0)
        *out = CLI_GAPS_JSON;
    else if (strcmp(s, "text") == 0)
        *out = CLI_GAPS_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = CLI_GAPS_CSV;
    else {
        cli_error("unknown format '%s': use json, text or csv", s);
        return -1;
    }
    return 0;
}

int cli_warn_gaps(const char *json, size_t len, const char *name, int strict)
{
    char *lines = NULL, *p, *end;
    int n = 0;

    if (servq_gaps_warnings(json, len, &lines) != SERVQ_OK)
        return 0; /* the document's own failure is the caller's to report */
    for (p = lines; *p; p = end + 1, n++) {
        end = strchr(p, '\n');
        *end = '\0';
        if (strict)
            cli_error("%s%s%s", name ? name : "", name ? ": " : "", p);
        else
            cli_warn("%s%s%s", name ? name : "", name ? ": " : "", p);
    }
    servq_free(lines);
    if (strict && n)
        cli_error("%s%sstopped: --strict makes the warnings above errors; nothing was written",
                  name ? name : "", name ? ": " : "");
    return n;
}

int cli_write_gaps(const char *json, enum cli_gaps_format format, const char *lang, int raw_csv)
{
    enum servq_status st = SERVQ_OK;
    char *text = NULL;

    if (format == CLI_GAPS_JSON) {
        cli_write_stdout(json, strlen(json));
        cli_write_stdout("\n", 1);
        return 0;
    }
    if (format == CLI_GAPS_TEXT)
        st = servq_gaps_render_text(json, strlen(json), lang, &text);
    else
        st = servq_gaps_render_csv(json, strlen(json), raw_csv, &text);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        return -1;
    }
    cli_write_stdout(text, strlen(text));
    servq_free(text);
    return 0;
}

int cli_file_option(const char *option, const char *arg, const char **out)
{
    if (!arg[0]) {
        cli_error("%s needs a file name", option);
        return -1;
    }
    *out = arg;
    return 0;
}
