/*
 * servq-import's input: bytes from a file or standard input into the
 * library's import stream, which decides what they are and turns them
 * into canonical rows. An SPSS file is read in place through read and seek
 * callbacks (ReadStat seeks), or from a temporary copy when it comes down
 * a pipe; CSV is fed as it is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"

/* Raw bytes read before anything else, to tell a workbook or a PDF from CSV. */
#define SNIFF_HEAD 512

/* Reads once, retrying on EINTR. @returns the bytes read, or -1 after reporting. */
static ssize_t read_some(const char *path, int fd, void *buf, size_t len)
{
    char name[4096];
    ssize_t got;

    do
        got = read(fd, buf, len);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        cli_error("cannot read %s: %s", cli_input_name(path, name, sizeof name),
                  strerror(errno));
    return got;
}

/*
 * The stream explained its failures, except for options the input
 * contradicts, which are named as the user gave them.
 */
static void explain_csv(struct servq_import_stream *s, enum servq_status st)
{
    char d = servq_import_stream_delimiter(s);

    if (st != SERVQ_ERR_ARG)
        return;
    if (d)
        cli_error("the decimal mark and the delimiter cannot both be '%c'", d);
    else
        cli_error("unknown encoding '%s' (iconv -l lists the names)",
                  servq_import_stream_encoding(s));
}

/* Feeds CSV text, starting with the got bytes in buf. */
static int read_csv(struct servq_import_stream *s, const char *path, int fd, char *buf,
                    size_t cap, ssize_t got, struct cli_progress *progress)
{
    enum servq_status st;

    while (got > 0) {
        if ((st = servq_import_stream_feed(s, buf, (size_t)got)) != SERVQ_OK)
            goto failed;
        if (servq_import_stream_done(s))
            return 0;
        cli_progress_update(progress, (size_t)got, servq_import_stream_line_count(s));
        if ((got = read_some(path, fd, buf, cap)) < 0)
            return -1;
    }
    if ((st = servq_import_stream_finish(s)) == SERVQ_OK)
        return 0;
failed:
    explain_csv(s, st);
    return -1;
}

/* ---- SPSS system files ---- */

/* The SPSS file as servq_sav_read() sees it: fd from offset base on. */
struct sav_file {
    struct servq_import_stream *s;
    const char *path;
    int fd;
    long long base;
    long long high; /* the furthest offset read, for the progress bar */
    struct cli_progress *progress;
};

static long long sav_read(void *buf, size_t len, void *user)
{
    struct sav_file *f = user;
    ssize_t got = read_some(f->path, f->fd, buf, len);
    long long at;

    if (got < 0)
        return -1;
    if (!f->progress->on)
        return (long long)got;
    /* The dictionary is read twice: count each byte once. */
    at = (long long)lseek(f->fd, 0, SEEK_CUR) - f->base;
    if (at > f->high) {
        cli_progress_update(f->progress, (size_t)(at - f->high),
                            servq_import_stream_line_count(f->s));
        f->high = at;
    }
    return (long long)got;
}

static long long sav_seek(long long offset, enum servq_seek_from whence, void *user)
{
    struct sav_file *f = user;
    off_t r;

    if (whence == SERVQ_SEEK_SET)
        r = lseek(f->fd, (off_t)(f->base + offset), SEEK_SET);
    else
        r = lseek(f->fd, (off_t)offset, whence == SERVQ_SEEK_CUR ? SEEK_CUR : SEEK_END);
    if (r < 0 || (long long)r < f->base)
        return -1;
    return (long long)r - f->base;
}

/* An unlinked temporary file in TMPDIR, else /tmp; -1 after saying why it cannot "what". */
static int temp_fd(const char *what)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int fd;

    if (!dir || !dir[0])
        dir = "/tmp";
    if ((size_t)snprintf(path, sizeof path, "%s/servq-import.XXXXXX", dir) >= sizeof path) {
        cli_error("cannot %s a temporary file: %s", what, strerror(ENAMETOOLONG));
        return -1;
    }
    fd = mkstemp(path);
    if (fd < 0) {
        cli_error("cannot %s a temporary file in '%s': %s", what, dir, strerror(errno));
        return -1;
    }
    unlink(path);
    return fd;
}

/*
 * ReadStat seeks, so an SPSS file on a pipe is first copied to an unlinked
 * temporary file in TMPDIR: the got bytes already read, then the rest.
 * @returns its descriptor, or -1 after reporting
 */
static int spool(const char *path, int in, char *buf, size_t cap, ssize_t got)
{
    const char *dir;
    int fd = temp_fd("copy standard input to");

    if (fd < 0)
        return -1;
    dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    while (got > 0) {
        char *p = buf;
        size_t left = (size_t)got;
        while (left > 0) {
            ssize_t w = write(fd, p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                cli_error("cannot copy standard input to a temporary file in '%s': %s", dir,
                          strerror(errno));
                close(fd);
                return -1;
            }
            p += w;
            left -= (size_t)w;
        }
        if ((got = read_some(path, in, buf, cap)) < 0) {
            close(fd);
            return -1;
        }
    }
    return fd;
}


/*
 * Imports an SPSS file whose first got bytes are in buf: in place when fd
 * is a regular file, else from a copy.
 */
static int read_sav(struct servq_import_stream *s, const char *path, int fd, char *buf,
                    size_t cap, ssize_t got, struct cli_progress *progress)
{
    struct sav_file f;
    struct servq_sav_io io;
    struct stat st_fd;
    off_t at = lseek(fd, 0, SEEK_CUR);
    int ret;

    memset(&f, 0, sizeof f);
    f.s = s;
    f.path = path;
    f.fd = fd;
    f.progress = progress;
    if (at >= got && fstat(fd, &st_fd) == 0 && S_ISREG(st_fd.st_mode)) {
        f.base = (long long)at - got;
    } else {
        f.fd = spool(path, fd, buf, cap, got);
        if (f.fd < 0)
            return -1;
    }
    io.read = sav_read;
    io.seek = sav_seek;
    io.user = &f;
    /* Damaged files and limits were explained by the message callback. */
    ret = servq_import_stream_read_sav(s, &io) == SERVQ_OK ? 0 : -1;
    if (f.fd != fd)
        close(f.fd);
    return ret;
}

/* Reads the first bytes, lets the stream say what they are, then the rest. */
static int read_input(struct servq_import_stream *s, const char *path, int fd, int *unread,
                      struct cli_progress *progress)
{
    static char buf[1 << 18];
    enum servq_import_format format;
    ssize_t got = 0, r;

    /* Enough bytes to tell what the input is, even from a slow pipe. */
    while (got < SNIFF_HEAD && (r = read_some(path, fd, buf + got, sizeof buf - (size_t)got)) != 0) {
        if (r < 0) {
            *unread = got == 0;
            return -1;
        }
        got += r;
    }
    format = servq_import_stream_detect(s, buf, (size_t)got);
    if (format == SERVQ_IMPORT_FORMAT_AUTO) {
        *unread = 1;
        return -1;
    }
    if (format == SERVQ_IMPORT_FORMAT_SAV)
        return read_sav(s, path, fd, buf, sizeof buf, got, progress);
    return read_csv(s, path, fd, buf, sizeof buf, got, progress);
}

int import_read(struct servq_import_stream *s, const char *path, int *unread)
{
    struct cli_progress progress;
    char name[4096];
    int fd = STDIN_FILENO, ret;

    if (path && strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY);
        if (fd < 0) {
            cli_error("cannot open %s: %s", cli_input_name(path, name, sizeof name),
                      strerror(errno));
            *unread = 1;
            return -1;
        }
    }
    cli_progress_init(&progress, fd);
    ret = read_input(s, path, fd, unread, &progress);
    cli_progress_release(&progress);
    if (fd != STDIN_FILENO)
        close(fd);
    return ret;
}

/* See import-input.h. */
int import_hold_stdout(void)
{
    int tmp = temp_fd("hold the output in"), saved;

    if (tmp < 0)
        return -1;
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    if (saved < 0 || dup2(tmp, STDOUT_FILENO) < 0) {
        cli_error("cannot hold the output in a temporary file: %s", strerror(errno));
        if (saved >= 0)
            close(saved);
        close(tmp);
        return -1;
    }
    close(tmp);
    return saved;
}

/* See import-input.h. */
int import_release_stdout(int saved, int ok)
{
    static char buf[1 << 16];
    int held, r = 0;
    ssize_t got;

    fflush(stdout);
    held = dup(STDOUT_FILENO);
    if (held < 0 || dup2(saved, STDOUT_FILENO) < 0) {
        cli_error("cannot write standard output: %s", strerror(errno));
        r = -1;
        ok = 0;
    }
    close(saved);
    if (ok && lseek(held, 0, SEEK_SET) != 0)
        ok = 0, r = -1;
    while (ok && (got = read(held, buf, sizeof buf)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || cli_write_stdout(buf, (size_t)got) != 0) {
            r = -1;
            break;
        }
    }
    if (held >= 0)
        close(held);
    return r;
}

