/*
 * Standard output and output files that appear whole or not at all, in
 * the manner of git's tempfile.c: a temporary file beside the
 * destination, renamed over it once complete, and removed by a signal
 * handler that touches only fixed storage.
 */
/* realpath() is in POSIX's XSI part. */
#define _XOPEN_SOURCE 700

#include "cli-output.h"
#include "cli-messages.h"
#include "cli-progress.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The first error writing standard output, for the message at close. */
static int stdout_errno;

int cli_write_stdout(const void *buf, size_t n)
{
    cli_progress_erase_for_stdout();
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
