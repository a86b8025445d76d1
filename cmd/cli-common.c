/*
 * Shared helpers for the servq commands: messages, input, output.
 */
#include "cli-common.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
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
    progress_erase();
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
    struct servq_reader *r = NULL;
    enum servq_status st;
    static char buf[1 << 18];
    char name[4096];
    ssize_t got;
    int fd, ret = -1;

    fd = open_input(path);
    if (fd < 0)
        return -1;
    cli_progress_init(&progress, fd);
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
    if (progress_shown && progress_stdout_tty)
        progress_erase();
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

/* ---- atomic output files (report -o, import --stats) ---- */

/* The temporary file, for the signal handler. */
static char temp_path[4096];
static volatile sig_atomic_t temp_armed;

static void on_signal(int sig)
{
    if (temp_armed)
        unlink(temp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void block_signals(sigset_t *old)
{
    sigset_t set;
    size_t i;

    sigemptyset(&set);
    for (i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * Opens the destination before any work, so a bad -o fails at once: a
 * temporary file beside path, or path itself when it exists and is not a
 * regular file (/dev/stdout, a FIFO), where atomic replacement means nothing.
 */
int cli_output_open(struct cli_output *o, const char *path)
{
    struct sigaction sa;
    struct stat st;
    const char *slash = strrchr(path, '/');
    sigset_t old;
    mode_t mask;
    size_t i;
    int n, exists = stat(path, &st) == 0;

    o->path = path;
    o->fd = -1;
    if (exists && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            cli_error("cannot write '%s': %s", path, strerror(EISDIR));
            return -1;
        }
        o->direct = 1;
        o->fd = open(path, O_WRONLY | O_TRUNC);
        if (o->fd < 0) {
            cli_error("cannot open '%s': %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    mask = umask(0);
    umask(mask);
    /* A new file is readable as umask allows; a replaced one keeps its mode. */
    o->mode = exists ? (unsigned)(st.st_mode & 07777) : (unsigned)(0666 & ~mask);
    if (slash)
        n = snprintf(temp_path, sizeof temp_path, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
                     slash + 1);
    else
        n = snprintf(temp_path, sizeof temp_path, ".%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof temp_path || (slash && !slash[1])) {
        cli_error("cannot write '%s': %s", path,
                  strerror(slash && !slash[1] ? EISDIR : ENAMETOOLONG));
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof caught / sizeof caught[0]; i++) {
        struct sigaction prev;
        /* Leave signals that were ignored (nohup, background jobs) ignored. */
        if (sigaction(caught[i], NULL, &prev) == 0 && prev.sa_handler == SIG_IGN)
            continue;
        sigaction(caught[i], &sa, NULL);
    }
    block_signals(&old);
    o->fd = mkstemp(temp_path);
    if (o->fd >= 0)
        temp_armed = 1;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (o->fd < 0) {
        cli_error("cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Removes the temporary file: nothing of a failed output is left. */
void cli_output_abort(struct cli_output *o)
{
    sigset_t old;

    if (!o->path)
        return;
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    block_signals(&old);
    if (temp_armed)
        unlink(temp_path);
    temp_armed = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes, syncs and publishes the file. Returns 0, or -1 after saying why. */
int cli_output_commit(struct cli_output *o, const char *text, size_t n)
{
    const char *slash = strrchr(o->path, '/');
    char dir[4096];
    sigset_t old;
    int fd, saved;

    if (write_all(o->fd, text, n) != 0) {
        cli_error("cannot write '%s': %s", o->path, strerror(errno));
        return -1;
    }
    if (o->direct) {
        saved = close(o->fd);
        o->fd = -1;
        if (saved != 0) {
            cli_error("cannot write '%s': %s", o->path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (fchmod(o->fd, (mode_t)o->mode) != 0 || fsync(o->fd) != 0) {
        cli_error("cannot write '%s': %s", o->path, strerror(errno));
        return -1;
    }
    saved = close(o->fd);
    o->fd = -1;
    if (saved != 0) {
        cli_error("cannot write '%s': %s", o->path, strerror(errno));
        return -1;
    }
    block_signals(&old);
    if (rename(temp_path, o->path) != 0) {
        saved = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        cli_error("cannot replace '%s': %s", o->path, strerror(saved));
        return -1;
    }
    temp_armed = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    /* Make the rename itself durable. */
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - o->path + (slash == o->path)), o->path);
    else
        snprintf(dir, sizeof dir, ".");
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    return 0;
}
