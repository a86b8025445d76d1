/*
 * Replay driver: runs a fuzz target's LLVMFuzzerTestOneInput on saved
 * inputs, without libFuzzer, so the corpus and every regression case run
 * in the ordinary build and under the sanitizer build (see zstd's
 * tests/fuzz/regression_driver.c).
 *
 *   replay-<target> PATH...
 *
 * A PATH that is a directory stands for every regular file in it, in name
 * order. A broken invariant aborts; otherwise the count of inputs goes to
 * stdout and the exit status is 0, or 1 when a path cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define MAX_INPUT (64u * 1024u * 1024u)

static const char *prog = "replay";

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, got;
    int ret = -1;

    if (!f) {
        fprintf(stderr, "%s: cannot open '%s': %s\n", prog, path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 4096;
            uint8_t *nbuf;
            if (ncap > MAX_INPUT) {
                fprintf(stderr, "%s: '%s' is larger than %u bytes\n", prog, path, MAX_INPUT);
                goto out;
            }
            nbuf = realloc(buf, ncap);
            if (!nbuf) {
                fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
                goto out;
            }
            buf = nbuf;
            cap = ncap;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: cannot read '%s': %s\n", prog, path, strerror(errno));
        goto out;
    }
    /*
     * Copy into a buffer of exactly len bytes, as libFuzzer does, so that
     * AddressSanitizer sees any read past the end of the input.
     */
    {
        uint8_t *exact = malloc(len ? len : 1);
        if (!exact) {
            fprintf(stderr, "%s: out of memory reading '%s'\n", prog, path);
            goto out;
        }
        memcpy(exact, buf, len);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    ret = 0;
out:
    free(buf);
    fclose(f);
    return ret;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir; @returns the count, or -1. */
static long run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, **nn, *path;
    size_t n = 0, cap = 0, i;
    long count = 0;
    struct stat sb;

    if (!d) {
        fprintf(stderr, "%s: cannot open '%s': %s\n", prog, dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            nn = realloc(names, cap * sizeof *names);
            if (!nn)
                goto nomem;
            names = nn;
        }
        names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!names[n])
            goto nomem;
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    d = NULL;
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n && count >= 0; i++) {
        path = names[i];
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        if (run_file(path) != 0)
            count = -1;
        else
            count++;
    }
    goto out;
nomem:
    fprintf(stderr, "%s: out of memory listing '%s'\n", prog, dir);
    count = -1;
out:
    if (d)
        closedir(d);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    long total = 0, k;
    struct stat sb;
    int i;

    if (argc > 0 && argv[0][0])
        prog = argv[0];
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", prog);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            k = run_dir(argv[i]);
        } else {
            k = run_file(argv[i]) == 0 ? 1 : -1;
        }
        if (k < 0)
            return 1;
        total += k;
    }
    printf("%s: %ld inputs ran clean\n", prog, total);
    return 0;
}
