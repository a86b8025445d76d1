/*
 * What a command says: the program name, errors and warnings, the
 * library's messages about an input, the language and colours.
 */
#include "cli-messages.h"
#include "cli-progress.h"

#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_prog = "servq";

enum cli_color cli_color = CLI_COLOR_AUTO;

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
    cli_progress_erase();
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
    cli_progress_erase();
    fprintf(stderr, "%s: %s%s: %s%s%s%s\n", cli_prog,
            msg->level == SERVQ_LEVEL_WARNING ? "warning: " : "", name, where, msg->text,
            option ? "; raise the limit with " : "", option ? option : "");
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
