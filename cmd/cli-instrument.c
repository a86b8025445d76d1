/*
 * The instrument of -i: the built-in one, a file, or one found by name;
 * where "-i NAME" looks, and the list of what it finds.
 *
 * A name is looked up as NAME.json in each directory of SERVQ_PATH, then
 * in the installed instruments directory. That directory is found relative
 * to the running program (<bindir>/../share/servq/instruments, as the
 * RUNPATH finds libservq), so a moved prefix still works; run from the
 * build tree, the commands use the source tree's samples/instruments.
 */
/* realpath() is in POSIX's XSI part. */
#define _XOPEN_SOURCE 700

#include "cli-common.h"
#include "cli-config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Copies s into buf when it fits; returns 0, or -1 (buf is then empty). */
static int copy_path(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);

    if (n >= cap) {
        buf[0] = '\0';
        return -1;
    }
    memcpy(buf, s, n + 1);
    return 0;
}

/* The directory of the running program, resolved; 0, or -1 when unknown. */
static int self_dir(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    char *slash;

    if (n <= 0 || (size_t)n >= cap - 1)
        return -1;
    buf[n] = '\0';
    if ((slash = strrchr(buf, '/')) == NULL)
        return -1;
    slash[slash == buf] = '\0'; /* keep "/" for a program in the root */
    return 0;
}

/* dir joined with rel, each leading "../" of rel taking a component off. */
static int join_relative(char *buf, size_t cap, const char *dir, const char *rel)
{
    char *slash;
    int n;

    if (copy_path(buf, cap, dir) != 0)
        return -1;
    while (strncmp(rel, "../", 3) == 0) {
        if ((slash = strrchr(buf, '/')) == NULL)
            return -1;
        slash[slash == buf] = '\0';
        rel += 3;
    }
    n = snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s",
                 strcmp(buf, "/") == 0 ? "" : "/", rel);
    return n < 0 || (size_t)n >= cap - strlen(buf) ? -1 : 0;
}

const char *cli_instrument_dir(void)
{
    static char dir[PATH_MAX];
    char self[PATH_MAX], build[PATH_MAX];

    if (dir[0])
        return dir;
    if (self_dir(self, sizeof self) != 0) {
        copy_path(dir, sizeof dir, SERVQ_INSTRUMENT_DIR);
    } else if (realpath(SERVQ_BUILD_CMD_DIR, build) && strcmp(build, self) == 0) {
        copy_path(dir, sizeof dir, SERVQ_SOURCE_INSTRUMENT_DIR);
    } else if (join_relative(dir, sizeof dir, self, SERVQ_BIN_TO_INSTRUMENT_DIR) != 0) {
        copy_path(dir, sizeof dir, SERVQ_INSTRUMENT_DIR);
    }
    return dir;
}

/* The directories a name is looked up in, in order. */
struct search_path {
    char *buf;         /* a copy of SERVQ_PATH, split at ':' */
    const char **dirs; /* into buf, then cli_instrument_dir() */
    size_t n;
};

static int search_path_init(struct search_path *sp)
{
    const char *env = getenv("SERVQ_PATH");
    size_t cap = 2;
    char *p, *colon;

    sp->buf = NULL;
    sp->n = 0;
    if (env && *env) {
        if ((sp->buf = strdup(env)) == NULL)
            goto nomem;
        for (p = sp->buf; *p; p++)
            cap += *p == ':';
    }
    if ((sp->dirs = malloc(cap * sizeof *sp->dirs)) == NULL)
        goto nomem;
    for (p = sp->buf; p; p = colon) {
        if ((colon = strchr(p, ':')) != NULL)
            *colon++ = '\0';
        if (*p) /* an empty entry names nothing */
            sp->dirs[sp->n++] = p;
    }
    sp->dirs[sp->n++] = cli_instrument_dir();
    return 0;
nomem:
    free(sp->buf);
    cli_error("out of memory");
    return -1;
}

static void search_path_release(struct search_path *sp)
{
    free(sp->buf);
    free(sp->dirs);
}

int cli_instrument_is_name(const char *arg)
{
    size_t n = strlen(arg);
    struct stat st;

    if (n == 0 || strcmp(arg, "-") == 0 || strchr(arg, '/') ||
        (n >= 5 && strcmp(arg + n - 5, ".json") == 0))
        return 0;
    return stat(arg, &st) != 0 || S_ISDIR(st.st_mode);
}

/* dir/name.json, or NULL (out of memory). */
static char *instrument_file(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + sizeof "/.json";
    char *path = malloc(n);

    if (path)
        snprintf(path, n, "%s/%s.json", dir, name);
    return path;
}

char *cli_find_instrument(const char *name)
{
    struct search_path sp;
    struct stat st;
    char *path = NULL, *looked = NULL;
    size_t i, len = 0;

    if (search_path_init(&sp) != 0)
        return NULL;
    for (i = 0; i < sp.n; i++) {
        if ((path = instrument_file(sp.dirs[i], name)) == NULL)
            goto nomem;
        if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
            goto out;
        free(path);
        path = NULL;
    }
    for (i = 0; i < sp.n; i++)
        len += strlen(sp.dirs[i]) + 2;
    if ((looked = malloc(len + 1)) == NULL)
        goto nomem;
    looked[0] = '\0';
    for (i = 0; i < sp.n; i++) {
        if (i)
            strcat(looked, ", ");
        strcat(looked, sp.dirs[i]);
    }
    cli_error("unknown instrument '%s': no %s.json in %s; 'servq help instruments' lists "
              "the known ones",
              name, name, looked);
    goto out;
nomem:
    cli_error("out of memory");
out:
    free(looked);
    search_path_release(&sp);
    return path;
}

/* Sorts file names bytewise, whatever the locale. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The NAME.json files of dir as sorted names without ".json" (free each,
 * then the array); *n their number. NULL with errno set when dir cannot be
 * read; an empty directory gives a non-NULL array.
 */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, **grown;
    size_t cap = 0, len;
    int err = 0;

    *n = 0;
    if (!d)
        return NULL;
    if ((names = malloc(sizeof *names)) == NULL)
        goto nomem;
    cap = 1;
    while ((errno = 0, e = readdir(d)) != NULL) {
        len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (*n == cap) {
            if ((grown = realloc(names, 2 * cap * sizeof *names)) == NULL)
                goto nomem;
            names = grown;
            cap *= 2;
        }
        if ((names[*n] = strndup(e->d_name, len - 5)) == NULL)
            goto nomem;
        (*n)++;
    }
    err = errno;
    closedir(d);
    if (err) {
        while (*n)
            free(names[--*n]);
        free(names);
        errno = err;
        return NULL;
    }
    qsort(names, *n, sizeof *names, by_name);
    return names;
nomem:
    closedir(d);
    if (names)
        while (*n)
            free(names[--*n]);
    free(names);
    errno = ENOMEM;
    return NULL;
}

/* Whether name is in one of the first k directories' lists. */
static int listed_before(char ***lists, const size_t *counts, size_t k, const char *name)
{
    size_t i, j;

    for (i = 0; i < k; i++)
        for (j = 0; lists[i] && j < counts[i]; j++)
            if (strcmp(lists[i][j], name) == 0)
                return 1;
    return 0;
}

/* Prints one instrument line; returns 0, or -1 after saying why it is no instrument. */
static int list_one(FILE *fp, const char *dir, const char *name, int width, int hidden,
                    const char *lang)
{
    struct servq_instrument *ins;
    size_t items, dims;
    char *path = instrument_file(dir, name);

    if (!path) {
        cli_error("out of memory");
        return -1;
    }
    ins = cli_load_instrument(path);
    free(path);
    if (!ins)
        return -1;
    items = servq_instrument_item_count(ins);
    dims = servq_instrument_dimension_count(ins);
    fprintf(fp, "  %-*s %4zu item%s %3zu dimension%s  %s", width, name, items,
            items == 1 ? " " : "s", dims, dims == 1 ? " " : "s",
            servq_instrument_name(ins, lang));
    if (strcmp(servq_instrument_id(ins), name) != 0)
        fprintf(fp, " (id %s)", servq_instrument_id(ins));
    if (hidden)
        fputs(" (hidden by the one above)", fp);
    fputc('\n', fp);
    servq_instrument_free(ins);
    return 0;
}

int cli_list_instruments(FILE *fp, const char *lang)
{
    struct search_path sp;
    char ***lists = NULL;
    size_t *counts = NULL, i, j;
    int *errs = NULL, width = 0, ret = CLI_EXIT_FAILURE;

    if (search_path_init(&sp) != 0)
        return CLI_EXIT_FAILURE;
    lists = calloc(sp.n, sizeof *lists);
    counts = calloc(sp.n, sizeof *counts);
    errs = calloc(sp.n, sizeof *errs);
    if (!lists || !counts || !errs) {
        cli_error("out of memory");
        goto out;
    }
    for (i = 0; i < sp.n; i++) {
        lists[i] = list_dir(sp.dirs[i], &counts[i]);
        if (!lists[i]) {
            if (errno == ENOMEM) {
                cli_error("out of memory");
                goto out;
            }
            errs[i] = errno;
        }
        for (j = 0; j < counts[i]; j++)
            if ((int)strlen(lists[i][j]) > width)
                width = (int)strlen(lists[i][j]);
    }
    ret = CLI_EXIT_OK;
    fputs("-i NAME looks for NAME.json in these directories, in this order:\n", fp);
    for (i = 0; i < sp.n; i++) {
        fprintf(fp, "%s:\n", sp.dirs[i]);
        if (errs[i])
            fprintf(fp, "  (cannot read: %s)\n", strerror(errs[i]));
        else if (counts[i] == 0)
            fputs("  (none)\n", fp);
        for (j = 0; j < counts[i]; j++)
            if (list_one(fp, sp.dirs[i], lists[i][j], width,
                         listed_before(lists, counts, i, lists[i][j]), lang) != 0)
                ret = CLI_EXIT_FAILURE;
    }
out:
    for (i = 0; lists && i < sp.n; i++) {
        for (j = 0; j < counts[i]; j++)
            free(lists[i][j]);
        free(lists[i]);
    }
    free(lists);
    free(counts);
    free(errs);
    search_path_release(&sp);
    return ret;
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
