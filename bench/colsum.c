/*
 * colsum: the speed floor for servq in bench/run. A minimal libcsv
 * program that sums the E and P rating columns of a CSV file with a
 * hand-written integer parse, and nothing else.
 *
 *   colsum [FILE]
 *
 * Rating columns are found by header name: E or P followed by a digit or
 * '_' (E01..P22 in an export, E_q1..P_q22 in canonical responses). Empty
 * fields are counted as missing; any other non-digit makes the field bad.
 * Prints, per rating column, its name, sum and count, then the totals.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_COLS 4096

struct ctx {
    size_t col;
    unsigned long long row;
    unsigned char want[MAX_COLS];
    char *names[MAX_COLS];
    int64_t sum[MAX_COLS];
    uint64_t count[MAX_COLS];
    uint64_t missing, bad;
    size_t n_cols;
};

static void on_field(void *data, size_t len, void *user)
{
    struct ctx *c = user;
    const unsigned char *s = data;
    size_t col = c->col++, i;
    int64_t v = 0;

    if (col >= MAX_COLS)
        return;
    if (c->row == 0) {
        c->names[col] = malloc(len + 1);
        if (c->names[col]) {
            memcpy(c->names[col], s, len);
            c->names[col][len] = '\0';
        }
        c->want[col] = len >= 2 && (s[0] == 'E' || s[0] == 'P') &&
                       (s[1] == '_' || (s[1] >= '0' && s[1] <= '9'));
        if (col + 1 > c->n_cols)
            c->n_cols = col + 1;
        return;
    }
    if (!c->want[col])
        return;
    if (len == 0) {
        c->missing++;
        return;
    }
    for (i = 0; i < len; i++) {
        unsigned d = (unsigned)s[i] - '0';
        if (d > 9) {
            c->bad++;
            return;
        }
        v = v * 10 + d;
    }
    c->sum[col] += v;
    c->count[col]++;
}

static void on_row(int term, void *user)
{
    struct ctx *c = user;

    (void)term;
    c->col = 0;
    c->row++;
}

int main(int argc, char **argv)
{
    static char buf[1 << 18];
    static struct ctx c;
    struct csv_parser p;
    int64_t total = 0;
    uint64_t n = 0;
    ssize_t got;
    size_t i;
    int fd = STDIN_FILENO;

    if (argc > 2) {
        fprintf(stderr, "Usage: colsum [FILE]\n");
        return 2;
    }
    if (argc == 2 && strcmp(argv[1], "-") != 0) {
        fd = open(argv[1], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "colsum: cannot open '%s': %s\n", argv[1], strerror(errno));
            return 1;
        }
    }
    if (csv_init(&p, 0) != 0) {
        fprintf(stderr, "colsum: out of memory\n");
        return 1;
    }
    for (;;) {
        got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            fprintf(stderr, "colsum: read error: %s\n", strerror(errno));
            return 1;
        }
        if (got == 0)
            break;
        if (csv_parse(&p, buf, (size_t)got, on_field, on_row, &c) != (size_t)got) {
            fprintf(stderr, "colsum: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_row, &c);
    csv_free(&p);
    for (i = 0; i < c.n_cols; i++) {
        if (c.want[i]) {
            printf("%s\t%lld\t%llu\n", c.names[i] ? c.names[i] : "?", (long long)c.sum[i],
                   (unsigned long long)c.count[i]);
            total += c.sum[i];
            n += c.count[i];
        }
        free(c.names[i]);
    }
    printf("total\t%lld\t%llu\nrows\t%llu\nmissing\t%llu\nbad\t%llu\n", (long long)total,
           (unsigned long long)n, c.row ? c.row - 1 : 0, (unsigned long long)c.missing,
           (unsigned long long)c.bad);
    return fflush(stdout) == 0 ? 0 : 1;
}
