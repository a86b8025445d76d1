/*
 * The progress bar, in the manner of git's progress.c: drawn on standard
 * error only when that is a terminal, from half a second on and at most
 * ten times a second, and erased before anything else is written there.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli-progress.h"
#include "cli-messages.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The progress bar waits this long before it shows, then redraws so often. */
#define PROGRESS_DELAY 0.5
#define PROGRESS_INTERVAL 0.1
#define PROGRESS_MAX_WIDTH 80

int cli_quiet;

/* Columns the progress bar occupies on stderr now; 0 when not shown. */
static size_t progress_shown;
/* Whether stdout is a terminal too, so output must not run into the bar. */
static int progress_stdout_tty;

void cli_progress_erase(void)
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

void cli_progress_erase_for_stdout(void)
{
    if (progress_shown && progress_stdout_tty)
        cli_progress_erase();
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
        cli_progress_erase();
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
