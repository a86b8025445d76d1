/*
 * servq: the dispatcher. "servq NAME ARGS" runs servq-NAME ARGS, looking
 * first beside this program (so a build tree works), then on PATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"

static const char *const commands[][2] = {
    {"import", "turn a survey export into canonical responses"},
    {"score", "score each respondent"},
    {"gap-analysis", "compute gaps per item, dimension and group"},
    {"report", "write the quality report"},
    {"merge", "merge gap-analysis states of shards into one document"},
};

static void usage(FILE *fp, const char *argv0)
{
    size_t i;

    fprintf(fp,
            "Usage: %s COMMAND [ARG]...\n"
            "       %s help COMMAND\n"
            "       %s help instruments\n"
            "SERVQUAL-style gap analysis of customer-satisfaction surveys.\n"
            "\n"
            "Commands:\n",
            argv0, argv0, argv0);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-14s %s\n", commands[i][0], commands[i][1]);
    fprintf(fp,
            "\n"
            "A typical pipeline:\n"
            "  servq import export.csv | servq gap-analysis | servq report\n"
            "\n"
            "'%s COMMAND --help' lists a command's options; '%s help COMMAND' opens its\n"
            "manual page; '%s help instruments' lists the instruments that -i NAME\n"
            "finds (installed, or on SERVQ_PATH).\n"
            "\n"
            "Options:\n"
            "  -h, --help      show this help and exit\n"
            "  -V, --version   show the version and exit\n",
            argv0, argv0, argv0);
}

/* Says that name is no command, with the command meant when one is close. */
static int not_a_command(const char *name)
{
    const char *names[sizeof commands / sizeof commands[0] + 2], *near;
    size_t i;

    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        names[i] = commands[i][0];
    names[i++] = "help";
    names[i] = NULL;
    near = servq_nearest(name, names);
    if (near)
        cli_error("'%s' is not a servq command; did you mean '%s'?", name, near);
    else
        cli_error("'%s' is not a servq command", name);
    fprintf(stderr, "Try 'servq --help' for more information.\n");
    return CLI_EXIT_USAGE;
}

static int known(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i][0], name) == 0)
            return 1;
    return 0;
}

/* Tries dir/exe when the joined path fits. */
static void exec_in(const char *dir, size_t dir_len, const char *exe, char **argv)
{
    char path[PATH_MAX];
    size_t exe_len = strlen(exe);

    if (dir_len + 1 + exe_len + 1 > sizeof path)
        return;
    memcpy(path, dir, dir_len);
    path[dir_len] = '/';
    memcpy(path + dir_len + 1, exe, exe_len + 1);
    execv(path, argv);
}

/* Runs servq-NAME from this program's directory, else from PATH. */
static int run(const char *self, const char *name, char **argv)
{
    char exe[64], path[PATH_MAX];
    const char *slash;
    ssize_t n;

    snprintf(exe, sizeof exe, "servq-%s", name);
    argv[0] = exe;
    n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0) {
        path[n] = '\0';
        if ((slash = strrchr(path, '/')) != NULL)
            exec_in(path, (size_t)(slash - path), exe, argv);
    } else if ((slash = strrchr(self, '/')) != NULL) {
        exec_in(self, (size_t)(slash - self), exe, argv);
    }
    execvp(exe, argv);
    cli_error("cannot run '%s': %s", exe, strerror(errno));
    return CLI_EXIT_FAILURE;
}

/*
 * Run from a meson build tree (<builddir>/cmd/servq, beside
 * <builddir>/meson-private), opens the page built there with "man -l": it
 * documents this build, which an installed page may not. Returns when there
 * is no such page.
 */
static void man_build_tree(const char *page)
{
    char dir[PATH_MAX], path[PATH_MAX + 64];
    char *slash;
    ssize_t n;
    int i;

    n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0)
        return;
    dir[n] = '\0';
    /* Strip "/servq", then "/cmd". */
    for (i = 0; i < 2; i++) {
        if ((slash = strrchr(dir, '/')) == NULL)
            return;
        *slash = '\0';
    }
    snprintf(path, sizeof path, "%s/meson-private", dir);
    if (access(path, F_OK) != 0)
        return;
    snprintf(path, sizeof path, "%s/docs/%s.1", dir, page);
    if (access(path, R_OK) != 0)
        return;
    execlp("man", "man", "-l", path, (char *)NULL);
}

static int help(const char *name)
{
    char page[64];

    if (strcmp(name, "instruments") == 0)
        return cli_close_stdout(cli_list_instruments(stdout, cli_env_lang()));
    if (!known(name))
        return not_a_command(name);
    snprintf(page, sizeof page, "servq-%s", name);
    fflush(stdout);
    man_build_tree(page);
    execlp("man", "man", page, (char *)NULL);
    cli_error("cannot run 'man %s': %s", page, strerror(errno));
    return CLI_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    const char *self = argv[0] ? argv[0] : "servq";

    cli_init(argc, argv);
    if (argc < 2) {
        usage(stderr, cli_prog);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout, cli_prog);
        return cli_close_stdout(CLI_EXIT_OK);
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        cli_print_version();
        return cli_close_stdout(CLI_EXIT_OK);
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc != 3) {
            usage(stderr, cli_prog);
            return CLI_EXIT_USAGE;
        }
        return help(argv[2]);
    }
    if (!known(argv[1]))
        return not_a_command(argv[1]);
    return run(self, argv[1], argv + 1);
}
