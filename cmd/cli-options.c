/*
 * What a command says when its command line is wrong: one line naming the
 * problem, with the option meant when a mistyped one is close to it, and
 * where to read more. The whole --help is for those who ask for it. Also
 * the option values the commands share: whole numbers, fractions, names.
 */

#include "cli-options.h"
#include "cli-messages.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LONG_OPTIONS 128

/* The length of "--name" or "--name=value" up to the '=', without the dashes. */
static size_t long_name_len(const char *arg)
{
    return strcspn(arg + 2, "=");
}

/* The option of opts that arg ("--na", "--name=x") names, if exactly one; else NULL. */
static const struct option *resolve_long(const char *arg, const struct option *opts,
                                         size_t *matches)
{
    size_t n = long_name_len(arg), i;
    const struct option *found = NULL;

    *matches = 0;
    for (i = 0; opts[i].name; i++) {
        if (strncmp(opts[i].name, arg + 2, n) != 0)
            continue;
        if (strlen(opts[i].name) == n) {
            *matches = 1;
            return &opts[i];
        }
        ++*matches;
        found = &opts[i];
    }
    return *matches == 1 ? found : NULL;
}

static void unknown_long(const char *arg, const struct option *opts)
{
    const char *names[MAX_LONG_OPTIONS + 1], *near;
    char *word = NULL;
    size_t i, n = long_name_len(arg);

    for (i = 0; opts[i].name && i < MAX_LONG_OPTIONS; i++)
        names[i] = opts[i].name;
    names[i] = NULL;
    word = malloc(n + 1);
    near = NULL;
    if (word) {
        memcpy(word, arg + 2, n);
        word[n] = '\0';
        near = servq_nearest(word, names);
    }
    if (near)
        cli_error("unrecognized option '--%s'; did you mean '--%s'?", word, near);
    else
        cli_error("unrecognized option '%.*s'", (int)(n + 2), arg);
    free(word);
}

static void ambiguous_long(const char *arg, const struct option *opts)
{
    size_t n = long_name_len(arg), i, used = 0;
    char list[512];

    list[0] = '\0';
    for (i = 0; opts[i].name; i++) {
        if (strncmp(opts[i].name, arg + 2, n) != 0 || used >= sizeof list - 1)
            continue;
        used += (size_t)snprintf(list + used, sizeof list - used, "%s'--%s'", used ? ", " : "",
                                 opts[i].name);
    }
    cli_error("option '%.*s' is ambiguous: %s", (int)(n + 2), arg, list);
}

/* What is wrong with the argument of an option that exists. */
static void bad_argument(const char *shown, int takes_argument)
{
    if (takes_argument)
        cli_error("option '%s' requires an argument", shown);
    else
        cli_error("option '%s' does not take an argument", shown);
}

/* The long option whose short form or value is c, if any. */
static const struct option *long_of(int c, const struct option *opts)
{
    size_t i;

    for (i = 0; opts[i].name; i++)
        if (!opts[i].flag && opts[i].val == c)
            return &opts[i];
    return NULL;
}

int cli_option_error(char **argv, const char *short_opts, const struct option *long_opts)
{
    const char *arg = optind > 0 ? argv[optind - 1] : NULL;
    const struct option *o = NULL;
    const char *s;
    size_t matches = 0;
    char shown[4];

    if (arg && strncmp(arg, "--", 2) == 0 && arg[2])
        o = resolve_long(arg, long_opts, &matches);
    if (optopt == 0) {
        /* An unknown or ambiguous long option. */
        if (!arg || strncmp(arg, "--", 2) != 0)
            cli_error("unrecognized option");
        else if (matches > 1)
            ambiguous_long(arg, long_opts);
        else
            unknown_long(arg, long_opts);
    } else if (o && (o->flag ? 0 : o->val) == optopt) {
        char name[80];
        snprintf(name, sizeof name, "--%s", o->name);
        bad_argument(name, o->has_arg != no_argument);
    } else if (optopt > 0 && optopt < 128 && optopt != ':' &&
               (s = strchr(short_opts, optopt)) != NULL) {
        snprintf(shown, sizeof shown, "-%c", optopt);
        bad_argument(shown, s[1] == ':');
    } else if ((o = long_of(optopt, long_opts)) != NULL) {
        char name[80];
        snprintf(name, sizeof name, "--%s", o->name);
        bad_argument(name, o->has_arg != no_argument);
    } else if (optopt > 32 && optopt < 127) {
        cli_error("invalid option -- '%c'", optopt);
    } else {
        cli_error("invalid option");
    }
    cli_try_help();
    return CLI_EXIT_USAGE;
}

void cli_try_help(void)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", cli_prog);
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

int cli_file_option(const char *option, const char *arg, const char **out)
{
    if (!arg[0]) {
        cli_error("%s needs a file name", option);
        return -1;
    }
    *out = arg;
    return 0;
}

int cli_vocab_option(enum servq_vocab v, const char *what, const char *arg, int *value)
{
    char words[256];
    int found = servq_vocab_value(v, arg);

    if (found >= 0) {
        *value = found;
        return 0;
    }
    servq_vocab_list(v, ", ", " or ", words, sizeof words);
    cli_error("unknown %s '%s': use %s", what, arg, words);
    return -1;
}
