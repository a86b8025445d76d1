/*
 * Unit tests for cmd/cli-common.c: the --color decision, the progress
 * line's format, and when the progress bar shows, drawn on a pseudo
 * terminal.
 */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cmd/cli-common.h"
#include "tap.h"

/* Opens a pseudo terminal: *master and the slave's descriptor, or -1. */
static int open_pty(int *master)
{
    const char *name;
    int m = posix_openpt(O_RDWR | O_NOCTTY), s;

    if (m < 0)
        return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0 || (name = ptsname(m)) == NULL ||
        (s = open(name, O_RDWR | O_NOCTTY)) < 0) {
        close(m);
        return -1;
    }
    *master = m;
    return s;
}

/* Reads what is waiting on fd into buf (NUL-terminated). */
static size_t drain(int fd, char *buf, size_t cap)
{
    struct pollfd pfd = {fd, POLLIN, 0};
    size_t n = 0;
    ssize_t got;

    while (n + 1 < cap && poll(&pfd, 1, 200) > 0) {
        got = read(fd, buf + n, cap - 1 - n);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    return n;
}

static void test_color(int tty)
{
    int p[2];

    ok(cli_parse_color("never") == 0 && cli_color == CLI_COLOR_NEVER, "--color=never");
    ok(cli_parse_color("always") == 0 && cli_color == CLI_COLOR_ALWAYS, "--color=always");
    ok(cli_parse_color(NULL) == 0 && cli_color == CLI_COLOR_ALWAYS, "bare --color is always");
    ok(cli_parse_color("auto") == 0 && cli_color == CLI_COLOR_AUTO, "--color=auto");
    ok(cli_parse_color("yes") == -1 && cli_color == CLI_COLOR_AUTO, "--color=yes is refused");

    if (pipe(p) != 0) {
        ok(0, "pipe");
        return;
    }
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm", 1);
    ok(!cli_use_color(p[1]), "auto: no colour into a pipe");
    cli_color = CLI_COLOR_ALWAYS;
    setenv("NO_COLOR", "1", 1);
    ok(cli_use_color(p[1]), "always: colour into a pipe, whatever NO_COLOR says");
    cli_color = CLI_COLOR_AUTO;
    close(p[0]);
    close(p[1]);

    if (tty < 0) {
        printf("# no pseudo terminal: skipping the terminal cases\n");
        return;
    }
    unsetenv("NO_COLOR");
    ok(cli_use_color(tty), "auto: colour on a terminal");
    setenv("NO_COLOR", "", 1);
    ok(cli_use_color(tty), "auto: an empty NO_COLOR does not count");
    setenv("NO_COLOR", "1", 1);
    ok(!cli_use_color(tty), "auto: NO_COLOR=1 turns colour off on a terminal");
    unsetenv("NO_COLOR");
    setenv("TERM", "dumb", 1);
    ok(!cli_use_color(tty), "auto: no colour when TERM=dumb");
    setenv("TERM", "xterm", 1);
    cli_color = CLI_COLOR_NEVER;
    ok(!cli_use_color(tty), "never: no colour on a terminal");
    cli_color = CLI_COLOR_AUTO;
}

static void test_format(void)
{
    char buf[128];
    size_t n;

    n = cli_progress_format(buf, sizeof buf, 80, "servq-score", 0.42, 1234.4, 13.2);
    /* 79 columns: 13 + "[" + a bar of 35 + "]  " + 27; 42% of 35 is 14. */
    ok(n == 79 && n == strlen(buf) && strncmp(buf, "servq-score: [", 14) == 0 &&
           strspn(buf + 14, "#") == 14 && strspn(buf + 28, " ") == 21 &&
           strcmp(buf + 49, "]   42%  1234 rows/s  ETA 0:13") == 0,
       "a full line fills 79 columns: '%s'", buf);
    cli_progress_format(buf, sizeof buf, 80, "p", 1.0, 2e5, 0);
    ok(strstr(buf, "]  100%  200k rows/s  ETA 0:00") != NULL, "done: 100%%, thousands: '%s'",
       buf);
    ok(strstr(buf, "[#") && !strstr(buf, "# ]") && !strstr(buf, "#  ]"), "done: a full bar");
    cli_progress_format(buf, sizeof buf, 80, "p", 0, 0, -1);
    ok(strstr(buf, "  0%  0 rows/s  ETA --:--") != NULL, "nothing yet: '%s'", buf);
    cli_progress_format(buf, sizeof buf, 80, "p", 0.5, 3e8, 3725);
    ok(strstr(buf, " 50%  300M rows/s  ETA 1:02:05") != NULL, "hours, millions: '%s'", buf);
    n = cli_progress_format(buf, sizeof buf, 40, "servq-gap-analysis", 0.5, 10, 60);
    ok(!strchr(buf, '[') && n <= 39, "narrow: no bar, within 39 columns: '%s'", buf);
    n = cli_progress_format(buf, 8, 80, "servq-score", 0.5, 10, 60);
    ok(n == 7 && strlen(buf) == 7, "a small buffer is filled, not overrun");
}

static void test_progress(int master, int tty)
{
    char path[] = "/tmp/servq-test-cli-common.XXXXXX", out[4096];
    struct cli_progress p;
    int fd, saved, devnull;

    fd = mkstemp(path);
    if (fd < 0 || write(fd, "a,b\n1,2\n", 8) != 8) {
        ok(0, "temporary file");
        return;
    }
    unlink(path);
    lseek(fd, 0, SEEK_SET);

    /* stderr is what meson gives tests: not a terminal. */
    devnull = open("/dev/null", O_WRONLY);
    saved = dup(STDERR_FILENO);
    dup2(devnull, STDERR_FILENO);
    cli_progress_init(&p, fd);
    ok(!p.on, "off when stderr is not a terminal");
    cli_progress_release(&p);

    if (tty < 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
        close(devnull);
        close(fd);
        return;
    }
    dup2(tty, STDERR_FILENO);
    cli_progress_init(&p, devnull);
    ok(!p.on, "off when the input is not a regular file");
    cli_quiet = 1;
    cli_progress_init(&p, fd);
    ok(!p.on, "off with --quiet");
    cli_quiet = 0;
    cli_progress_init(&p, fd);
    ok(p.on && p.total == 8, "on for a regular file with stderr on a terminal");

    cli_progress_update(&p, 4, 1);
    ok(drain(master, out, sizeof out) == 0, "nothing drawn in the first half second");
    p.start -= 1.0;
    p.last -= 1.0;
    cli_progress_update(&p, 2, 1);
    cli_progress_update(&p, 2, 2);
    drain(master, out, sizeof out);
    ok(out[0] == '\r' && strstr(out, " 75%  1 rows/s  ETA 0:00") != NULL,
       "drawn after half a second: '%s'", out + 1);
    ok(strchr(out + 1, '\r') == NULL, "not redrawn within a tenth of a second");
    cli_progress_release(&p);
    drain(master, out, sizeof out);
    ok(out[0] == '\r' && strspn(out + 1, " ") == strlen(out) - 2 && strlen(out) > 40 &&
           out[strlen(out) - 1] == '\r',
       "erased at the end with blanks");

    dup2(saved, STDERR_FILENO);
    close(saved);
    close(devnull);
    close(fd);
}

static void limit_is(int opt, const char *arg, int want_ret, size_t want)
{
    int ret;

    cli_limits.max_columns = 7;
    ret = cli_parse_limit(opt, arg);
    if (!ok(ret == want_ret && cli_limits.max_columns == (want_ret ? 7 : want),
            "--max-columns '%s' %s", arg, want_ret ? "is refused" : "is read"))
        printf("#   got %d, %zu\n", ret, cli_limits.max_columns);
}

static void test_limits(void)
{
    /* The refusals print to stderr; keep them out of the test's log. */
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);

    fflush(stderr);
    if (null >= 0)
        dup2(null, STDERR_FILENO);
    limit_is(CLI_OPT_MAX_COLUMNS, "1", 0, 1);
    limit_is(CLI_OPT_MAX_COLUMNS, "20000", 0, 20000);
    limit_is(CLI_OPT_MAX_COLUMNS, "64K", 0, 65536);
    limit_is(CLI_OPT_MAX_COLUMNS, "2m", 0, 2u << 20);
    limit_is(CLI_OPT_MAX_COLUMNS, "1G", 0, (size_t)1 << 30);
    limit_is(CLI_OPT_MAX_COLUMNS, "0", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "0K", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "K", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "-5", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "1T", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "1.5M", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "17179869184G", -1, 0);
    limit_is(CLI_OPT_MAX_COLUMNS, "99999999999999999999999", -1, 0);
    ok(cli_parse_limit(CLI_OPT_MAX_GROUPS, "12") == 0 && cli_limits.max_groups == 12,
       "--max-groups sets max_groups");
    ok(cli_parse_limit(CLI_OPT_MAX_JSON_BYTES, "3k") == 0 && cli_limits.max_json_bytes == 3072,
       "--max-json-bytes sets max_json_bytes");
    fflush(stderr);
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    if (null >= 0)
        close(null);
}

int main(void)
{
    int master = -1, tty = open_pty(&master);

    cli_prog = "test";
    test_color(tty);
    test_format();
    test_limits();
    test_progress(master, tty);
    if (tty >= 0) {
        close(tty);
        close(master);
    }
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}
