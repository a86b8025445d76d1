/*
 * Unit tests for lib/stats/alpha.c: Cronbach's alpha against psych::alpha.
 *
 * Usage: test-alpha [DATA_DIR [REFERENCE_DIR]]
 *   DATA_DIR       the folder holding Rdatasets_psych_bfi.csv
 *                  (default tests/data/bfi)
 *   REFERENCE_DIR  the folder holding alpha_bfi.csv
 *                  (default tests/reference)
 * The defaults suit a run from the repository root. A missing file is a
 * failure ("Bail out!"), never a skip.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/alpha-priv.h"
#include "analysis/reliability-priv.h"
#include "servq/instrument.h"
#include "tap.h"

#define REL 1e-9

/* ------------------------------------------------------------------ */
/* Reading files                                                       */

static void bail_out(const char *fmt, const char *arg)
{
    ok(0, fmt, arg);
    printf("Bail out! ");
    printf(fmt, arg);
    putchar('\n');
    exit(1);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (!f)
        bail_out("cannot open '%s'", path);
    for (;;) {
        if (cap - len < 65536) {
            char *nb = realloc(buf, cap + 65536 + 1);
            if (!nb)
                bail_out("out of memory reading '%s'", path);
            buf = nb;
            cap += 65536;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        bail_out("cannot read '%s'", path);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Splits line (modified in place) on ','; returns the field count. */
static size_t split(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;

    for (;;) {
        char *comma = strchr(p, ',');
        if (n < max)
            fields[n] = p;
        n++;
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

/* Next line of *cursor with CR/LF removed, or NULL at the end. */
static char *next_line(char **cursor)
{
    char *s = *cursor, *nl;
    size_t n;

    if (!s || !*s)
        return NULL;
    nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *cursor = nl + 1;
    } else {
        *cursor = s + strlen(s);
    }
    n = strlen(s);
    if (n && s[n - 1] == '\r')
        s[n - 1] = '\0';
    return s;
}

/* ------------------------------------------------------------------ */
/* bfi                                                                 */

#define BFI_ITEMS 25
#define BFI_MAX_FIELDS 64

static const char scale_names[] = "ACENO";

struct bfi {
    size_t n_rows;
    int64_t (*x)[BFI_ITEMS];
    unsigned char (*p)[BFI_ITEMS];
};

static int is_reverse(const char *name)
{
    static const char *const rev[] = {"A1", "C4", "C5", "E1", "E2", "O2", "O5"};
    size_t i;

    for (i = 0; i < sizeof rev / sizeof rev[0]; i++)
        if (strcmp(name, rev[i]) == 0)
            return 1;
    return 0;
}

static void load_bfi(const char *path, struct bfi *b)
{
    char *text = slurp(path), *cur = text, *line;
    char *fields[BFI_MAX_FIELDS];
    size_t col[BFI_ITEMS], n_header, i, j, cap = 4096;
    int rev[BFI_ITEMS];

    b->n_rows = 0;
    b->x = malloc(cap * sizeof *b->x);
    b->p = malloc(cap * sizeof *b->p);
    if (!b->x || !b->p)
        bail_out("out of memory for '%s'", path);

    line = next_line(&cur);
    if (!line)
        bail_out("'%s' is empty", path);
    n_header = split(line, fields, BFI_MAX_FIELDS);
    if (n_header > BFI_MAX_FIELDS)
        bail_out("'%s' has too many columns", path);
    for (i = 0; i < BFI_ITEMS; i++) {
        char name[3] = {scale_names[i / 5], (char)('1' + i % 5), '\0'};
        col[i] = SIZE_MAX;
        for (j = 0; j < n_header; j++)
            if (strcmp(fields[j], name) == 0)
                col[i] = j;
        if (col[i] == SIZE_MAX)
            bail_out("'%s' lacks an item column", path);
        rev[i] = is_reverse(name);
    }

    while ((line = next_line(&cur)) != NULL) {
        if (!*line)
            continue;
        if (split(line, fields, BFI_MAX_FIELDS) != n_header)
            bail_out("'%s' has a ragged row", path);
        if (b->n_rows == cap)
            bail_out("'%s' has more rows than expected", path);
        for (i = 0; i < BFI_ITEMS; i++) {
            const char *f = fields[col[i]];
            if (!*f) {
                b->p[b->n_rows][i] = 0;
                b->x[b->n_rows][i] = 0;
            } else {
                if (!(f[0] >= '1' && f[0] <= '6' && f[1] == '\0'))
                    bail_out("'%s' has a value outside 1..6", path);
                b->p[b->n_rows][i] = 1;
                b->x[b->n_rows][i] = rev[i] ? 7 - (f[0] - '0') : f[0] - '0';
            }
        }
        b->n_rows++;
    }
    free(text);
}

static void add_rows(struct servq_alpha_acc *a, const struct bfi *b, size_t first, size_t last,
                     size_t item0)
{
    size_t r;

    for (r = first; r < last; r++)
        if (servq_alpha_acc_add(a, b->x[r] + item0, b->p[r] + item0) != SERVQ_OK)
            ok(0, "add row %zu", r);
}

/* Reference rows: scale,missing,figure,item,value */
struct ref {
    char scale[8], missing[16], figure[16], item[8];
    double value;
};

struct refs {
    struct ref *r;
    size_t n;
};

static void load_refs(const char *path, struct refs *refs)
{
    char *text = slurp(path), *cur = text, *line;
    char *f[8];
    size_t cap = 256;

    refs->n = 0;
    refs->r = malloc(cap * sizeof *refs->r);
    if (!refs->r)
        bail_out("out of memory for '%s'", path);
    line = next_line(&cur);
    if (!line || strcmp(line, "scale,missing,figure,item,value") != 0)
        bail_out("'%s' lacks the expected header", path);
    while ((line = next_line(&cur)) != NULL) {
        struct ref *r;
        char *end;
        if (!*line)
            continue;
        if (split(line, f, 8) != 5 || refs->n == cap)
            bail_out("'%s' has a bad row", path);
        r = &refs->r[refs->n++];
        if (strlen(f[0]) >= sizeof r->scale || strlen(f[1]) >= sizeof r->missing ||
            strlen(f[2]) >= sizeof r->figure || strlen(f[3]) >= sizeof r->item)
            bail_out("'%s' has a long field", path);
        strcpy(r->scale, f[0]);
        strcpy(r->missing, f[1]);
        strcpy(r->figure, f[2]);
        strcpy(r->item, f[3]);
        errno = 0;
        r->value = strtod(f[4], &end);
        if (errno || *end || end == f[4])
            bail_out("'%s' has a bad number", path);
    }
    free(text);
}

static int ref_get(const struct refs *refs, char scale, const char *missing,
                   const char *figure, const char *item, double *v)
{
    size_t i;

    for (i = 0; i < refs->n; i++) {
        const struct ref *r = &refs->r[i];
        if (r->scale[0] == scale && !r->scale[1] && strcmp(r->missing, missing) == 0 &&
            strcmp(r->figure, figure) == 0 && strcmp(r->item, item) == 0) {
            *v = r->value;
            return 1;
        }
    }
    return 0;
}

static void check_ref(const struct refs *refs, char scale, const char *missing,
                      const char *figure, const char *item, double got)
{
    double want;

    if (!ref_get(refs, scale, missing, figure, item, &want)) {
        ok(0, "%c %s %s %s: reference row missing", scale, missing, figure, item);
        return;
    }
    is_close(got, want, REL, "bfi %c %s %s %s", scale, missing, figure, item);
}

static const char *mode_name(enum servq_missing m)
{
    return m == SERVQ_MISSING_LISTWISE ? "listwise" : "pairwise";
}

static void test_bfi(const struct bfi *b, const struct refs *refs)
{
    /* psych's documentation for bfi: raw alpha, pairwise, to two places. */
    static const double documented[5] = {0.70, 0.72, 0.76, 0.81, 0.60};
    size_t s, i;

    is_int((long long)b->n_rows, 2800, "bfi has 2800 rows");
    is_int((long long)refs->n, 140, "alpha_bfi.csv has 140 figures");

    for (s = 0; s < 5; s++) {
        char sc = scale_names[s];
        struct servq_alpha_acc *a = servq_alpha_acc_new(5);
        int mi;

        if (!ok(a != NULL, "bfi %c: accumulator", sc))
            continue;
        add_rows(a, b, 0, b->n_rows, 5 * s);
        for (mi = 0; mi < 2; mi++) {
            enum servq_missing m = mi ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
            const char *mn = mode_name(m);
            struct servq_alpha_result res;
            enum servq_status st = servq_alpha_compute(a, m, &res);
            double want_n;

            if (!ok(st == SERVQ_OK && res.note == NULL, "bfi %c %s: computed, no note", sc, mn)) {
                servq_alpha_result_release(&res);
                continue;
            }
            if (ref_get(refs, sc, mn, "n", "", &want_n))
                is_int((long long)res.n, (long long)want_n, "bfi %c %s n", sc, mn);
            else
                ok(0, "bfi %c %s n: reference row missing", sc, mn);
            check_ref(refs, sc, mn, "raw", "", res.raw);
            check_ref(refs, sc, mn, "std", "", res.std);
            check_ref(refs, sc, mn, "mean_r", "", res.mean_r);
            for (i = 0; i < 5; i++) {
                char item[3] = {sc, (char)('1' + i), '\0'};
                check_ref(refs, sc, mn, "if_dropped", item, res.if_dropped[i]);
                check_ref(refs, sc, mn, "r_drop", item, res.r_drop[i]);
            }
            if (m == SERVQ_MISSING_PAIRWISE)
                ok(fabs(res.raw - documented[s]) < 0.01,
                   "bfi %c pairwise raw %.4f is near the documented %.2f", sc, res.raw,
                   documented[s]);
            servq_alpha_result_release(&res);
        }
        servq_alpha_acc_free(a);
    }
}

/* ------------------------------------------------------------------ */
/* Merge                                                               */

static int same_result(const struct servq_alpha_result *x, const struct servq_alpha_result *y)
{
    return x->n == y->n && x->k == y->k && x->note == y->note &&
           x->note_item == y->note_item && x->note_item2 == y->note_item2 &&
           memcmp(&x->raw, &y->raw, sizeof x->raw) == 0 &&
           memcmp(&x->std, &y->std, sizeof x->std) == 0 &&
           memcmp(&x->mean_r, &y->mean_r, sizeof x->mean_r) == 0 &&
           memcmp(x->if_dropped, y->if_dropped, x->k * sizeof *x->if_dropped) == 0 &&
           memcmp(x->r_drop, y->r_drop, x->k * sizeof *x->r_drop) == 0;
}

static int same_state(const struct servq_alpha_acc *x, const struct servq_alpha_acc *y)
{
    size_t k = x->k, i, npair = k * (k - 1) / 2;

    if (x->k != y->k || x->n != y->n || x->n_any != y->n_any)
        return 0;
    if (memcmp(x->s, y->s, k * sizeof *x->s) || memcmp(x->pn, y->pn, k * sizeof *x->pn) ||
        memcmp(x->ps, y->ps, k * sizeof *x->ps) || memcmp(x->pss, y->pss, k * sizeof *x->pss) ||
        memcmp(x->ss, y->ss, k * (k + 1) / 2 * sizeof *x->ss))
        return 0;
    for (i = 0; i < npair; i++) {
        const struct servq_alpha_pair *p = &x->pair[i], *q = &y->pair[i];
        if (p->n != q->n || p->sx != q->sx || p->sy != q->sy || p->sxx != q->sxx ||
            p->syy != q->syy || p->sxy != q->sxy)
            return 0;
    }
    return 1;
}

static void test_merge_scale(const struct bfi *b, size_t item0, size_t k, const char *label)
{
    /* Uneven shards, two of a single row. */
    static const size_t cut[8] = {0, 13, 400, 401, 1200, 2000, 2799, 2800};
    static const size_t order[7] = {5, 2, 6, 0, 3, 1, 4};
    struct servq_alpha_acc *one = servq_alpha_acc_new(k), *merged = servq_alpha_acc_new(k);
    struct servq_alpha_acc *tree = servq_alpha_acc_new(k), *shard[7] = {NULL};
    enum servq_status st = SERVQ_OK;
    size_t i;
    int mi;

    for (i = 0; i < 7; i++)
        shard[i] = servq_alpha_acc_new(k);
    for (i = 0; i < 7; i++)
        if (!shard[i])
            one = NULL;
    if (!ok(one && merged && tree, "merge %s: accumulators", label))
        goto out;

    add_rows(one, b, 0, b->n_rows, item0);
    for (i = 0; i < 7; i++)
        add_rows(shard[i], b, cut[i], cut[i + 1], item0);
    for (i = 0; i < 7; i++)
        if (servq_alpha_acc_merge(merged, shard[order[i]]) != SERVQ_OK)
            st = SERVQ_ERR_ARG;
    /* ((6+4)+(1+3)) + ((0+5)+2), built inside the shards. */
    if (servq_alpha_acc_merge(shard[6], shard[4]) || servq_alpha_acc_merge(shard[1], shard[3]) ||
        servq_alpha_acc_merge(shard[6], shard[1]) || servq_alpha_acc_merge(shard[0], shard[5]) ||
        servq_alpha_acc_merge(shard[0], shard[2]) || servq_alpha_acc_merge(shard[6], shard[0]) ||
        servq_alpha_acc_merge(tree, shard[6]))
        st = SERVQ_ERR_ARG;
    ok(st == SERVQ_OK, "merge %s: every merge succeeds", label);
    ok(same_state(one, merged) && same_state(one, tree), "merge %s: states equal one pass",
       label);

    for (mi = 0; mi < 2; mi++) {
        enum servq_missing m = mi ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
        struct servq_alpha_result r1, r2, r3;
        enum servq_status s1 = servq_alpha_compute(one, m, &r1);
        enum servq_status s2 = servq_alpha_compute(merged, m, &r2);
        enum servq_status s3 = servq_alpha_compute(tree, m, &r3);

        ok(s1 == SERVQ_OK && s2 == SERVQ_OK && s3 == SERVQ_OK && same_result(&r1, &r2) &&
               same_result(&r1, &r3),
           "merge %s %s: figures bit-identical to one pass (raw %.17g)", label, mode_name(m),
           r1.raw);
        servq_alpha_result_release(&r1);
        servq_alpha_result_release(&r2);
        servq_alpha_result_release(&r3);
    }

out:
    servq_alpha_acc_free(one);
    servq_alpha_acc_free(merged);
    servq_alpha_acc_free(tree);
    for (i = 0; i < 7; i++)
        servq_alpha_acc_free(shard[i]);
}

static void test_merge(const struct bfi *b)
{
    size_t s;

    for (s = 0; s < 5; s++) {
        char label[8] = {scale_names[s], '\0'};
        test_merge_scale(b, 5 * s, 5, label);
    }
    test_merge_scale(b, 0, 25, "all 25 items");
}

/* ------------------------------------------------------------------ */
/* Small data sets                                                     */

#define NA_ -999

/* Builds an accumulator from rows of k values where NA_ means missing. */
static struct servq_alpha_acc *from_rows(size_t k, size_t n, const int *v, int64_t offset)
{
    struct servq_alpha_acc *a = servq_alpha_acc_new(k);
    int64_t x[8];
    unsigned char p[8];
    size_t r, i;

    if (!a || k > 8)
        return a;
    for (r = 0; r < n; r++) {
        for (i = 0; i < k; i++) {
            p[i] = v[r * k + i] != NA_;
            x[i] = p[i] ? v[r * k + i] + offset : 0;
        }
        if (servq_alpha_acc_add(a, x, p) != SERVQ_OK)
            ok(0, "add row %zu", r);
    }
    return a;
}

struct expect {
    long long n;
    double raw, std, mean_r;
    double if_dropped[4], r_drop[4];
    const char *note; /* substring of the note, or NULL */
    size_t note_item, note_item2;
};

static void check(const char *label, size_t k, size_t n, const int *v, enum servq_missing m,
                  const struct expect *e)
{
    struct servq_alpha_acc *a = from_rows(k, n, v, 0);
    struct servq_alpha_result r;
    size_t i;

    if (!ok(a != NULL, "%s: accumulator", label))
        return;
    if (!ok(servq_alpha_compute(a, m, &r) == SERVQ_OK, "%s %s: computed", label, mode_name(m)))
        goto out;
    is_int((long long)r.n, e->n, "%s %s: n", label, mode_name(m));
    is_close(r.raw, e->raw, REL, "%s %s: raw", label, mode_name(m));
    is_close(r.std, e->std, REL, "%s %s: std", label, mode_name(m));
    is_close(r.mean_r, e->mean_r, REL, "%s %s: mean_r", label, mode_name(m));
    for (i = 0; i < k; i++) {
        is_close(r.if_dropped[i], e->if_dropped[i], REL, "%s %s: if_dropped[%zu]", label,
                 mode_name(m), i);
        is_close(r.r_drop[i], e->r_drop[i], REL, "%s %s: r_drop[%zu]", label, mode_name(m), i);
    }
    if (e->note) {
        if (!ok(r.note && strstr(r.note, e->note) && r.note_item == e->note_item &&
                    r.note_item2 == e->note_item2,
                "%s %s: note '%s' about items %zu %zu", label, mode_name(m), e->note,
                e->note_item, e->note_item2))
            printf("#   got '%s' about %zu %zu\n", r.note ? r.note : "(null)", r.note_item,
                   r.note_item2);
    } else {
        is_str(r.note, NULL, "%s %s: no note", label, mode_name(m));
    }
    for (i = 0; i < k; i++)
        if (isinf(r.if_dropped[i]) || isinf(r.r_drop[i]))
            ok(0, "%s %s: item %zu has an infinite figure", label, mode_name(m), i);
    servq_alpha_result_release(&r);
out:
    servq_alpha_acc_free(a);
}

#define NaN NAN
#define SZ SIZE_MAX

static void test_small(void)
{
    /*
     * Two items. C = [[2.5, 4.5], [4.5, 8.7]]: raw = 2 (1 - 11.2/20.2) =
     * 90/101; r = 4.5/sqrt(21.75), std = 2r/(1+r); psych's k = 2 alpha.drop
     * is C12/C22 = 4.5/8.7 and C12/C11 = 1.8; r.drop = r.
     */
    static const int two[] = {1, 2, 2, 2, 3, 5, 4, 6, 5, 9};
    const struct expect e_two = {5,
                                 90.0 / 101.0,
                                 0.98213715926644518,
                                 0.96490128135401543,
                                 {4.5 / 8.7, 1.8},
                                 {0.96490128135401532, 0.96490128135401532},
                                 NULL,
                                 SZ,
                                 SZ};

    /*
     * A reverse-worded item left as it is: negative alpha, a valid value.
     * psych::alpha(data.frame(a=c(1,2,3,4,5,3), b=c(2,1,4,5,5,3),
     * c=c(5,4,2,2,1,3))); r.drop of a is exactly 0 (cov(a,b) = -cov(a,c)).
     */
    static const int neg[] = {1, 2, 5, 2, 1, 4, 3, 4, 2, 4, 5, 2, 5, 5, 1, 3, 3, 3};
    const struct expect e_neg = {6,
                                 -2.4935064935064934,
                                 -2.8458428123064348,
                                 -0.32742127766881696,
                                 {-15.058823529411772, -48.000000000000036, 0.92307692307692313},
                                 {0, -0.20000000000000004, -0.95384615384615379},
                                 NULL,
                                 SZ,
                                 SZ};

    /*
     * b = 6 - a, not recoded: C = [[2.5,-2.5,2.25],[-2.5,2.5,-2.25],
     * [2.25,-2.25,2.5]], tr 7.5, sum 2.5, raw = 1.5 (1 - 3) = -3. Without c,
     * a + b is constant: psych prints -Inf for alpha.drop and NaN for r.drop
     * of c; servq gives NaN with a note about item 2.
     */
    static const int mirror[] = {1, 5, 1, 2, 4, 2, 3, 3, 3, 4, 2, 5, 5, 1, 4};
    const struct expect e_mirror = {5,
                                    -3,
                                    -3,
                                    -1.0 / 3.0,
                                    {-18, 18.0 / 19.0, NaN},
                                    {-0.22360679774997896, -0.97467943448089644, NaN},
                                    "alpha if dropped",
                                    2,
                                    SZ};

    /*
     * n = 2: rows (1,2,3) and (2,4,5) differ by d = (1,2,2), so C = d d'/2,
     * raw = 1.5 (1 - 9/25) = 0.96, every r = 1, alpha.drop = 2 (1 - 8/16),
     * 2 (1 - 5/9), 2 (1 - 5/9), r.drop = 1.
     */
    static const int n2[] = {1, 2, 3, 2, 4, 5};
    const struct expect e_n2 = {2,   0.96,        1,    1, {1, 8.0 / 9.0, 8.0 / 9.0},
                                {1, 1, 1}, NULL, SZ, SZ};

    /* n = 1 */
    static const int n1[] = {1, 2, 3};
    const struct expect e_n1_list = {1,  NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                     "fewer than 2 complete", SZ, SZ};
    const struct expect e_n1_pair = {1,  NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                     "fewer than 2 answers", 0, SZ};

    /*
     * Missing values leave 3 complete rows of 7.
     * miss <- data.frame(a=c(1,2,3,NA,5,4,2), b=c(2,NA,4,3,5,5,1),
     *                    c=c(1,1,2,2,NA,3,3), d=c(3,2,NA,1,2,4,4))
     * psych::alpha(na.omit(miss)) and psych::alpha(miss).
     */
    static const int miss[] = {1,   2, 1, 3, 2, NA_, 1, 2,   3, 4, 2, NA_, NA_, 3,
                               2,   1, 5, 5, NA_, 2, 4, 5, 3, 4, 2, 1, 3,   4};
    const struct expect e_miss_list = {
        3,
        0.80423280423280419,
        0.88175286054284652,
        0.65086432627327861,
        {0.53571428571428559, 0.8571428571428571, 0.76744186046511631, 0.80769230769230771},
        {1, 0.57655666019705498, 0.60999428133041877, 0.6933752452815366},
        NULL,
        SZ,
        SZ};
    const struct expect e_miss_pair = {
        7,
        0.66666666666666663,
        0.68379771328893757,
        0.35091619930056089,
        {0.27348066298342538, 0.54086538461538458, 0.54545454545454541, 0.83113456464379953},
        {0.82974862936331606, 0.53489979291596157, 0.62183542270386372, 0.011615698098362636},
        NULL,
        SZ,
        SZ};

    /*
     * Items 0 and 2 are never answered together: no complete row, and R's
     * pairwise cov is NA for (0, 2).
     */
    static const int apart[] = {1, 2, NA_, 2, 3, NA_, 3, 3, NA_, NA_, 1, 2, NA_, 2, 4, NA_, 5, 5};
    const struct expect e_apart_list = {0,  NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                        "fewer than 2 complete", SZ, SZ};
    const struct expect e_apart_pair = {6,  NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                        "in common", 0, 2};

    /*
     * A constant item. psych::alpha warns, deletes it and analyses the
     * rest (raw 0.888...); servq gives NaN and names the item.
     */
    static const int constant[] = {1, 2, 3, 2, 1, 3, 3, 4, 3, 4, 3, 3, 5, 5, 3};
    const struct expect e_constant = {5,   NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                      "zero variance", 2, SZ};
    /* Constant only among the answers given (pairwise). */
    static const int constant_p[] = {1, 2, 3, 2, 1, 3, 3, 4, NA_, 4, 3, 3, 5, 5, 3};
    const struct expect e_constant_p = {5,   NaN, NaN, NaN, {NaN, NaN, NaN}, {NaN, NaN, NaN},
                                        "zero variance", 2, SZ};

    /*
     * b = 6 - a: the total is constant. psych: raw -Inf, std -Inf (sum(R) =
     * 0), alpha.drop C12/C22 = -1 and C12/C11 = -1, r.drop -1.
     */
    static const int flat[] = {1, 5, 2, 4, 3, 3, 5, 1};
    const struct expect e_flat = {4,  NaN, NaN, -1, {-1, -1}, {-1, -1},
                                  "total score has zero variance", SZ, SZ};

    /* One item. */
    static const int single[] = {1, 2, 3};
    const struct expect e_single = {3, NaN, NaN, NaN, {NaN}, {NaN}, "fewer than 2 items", SZ, SZ};

    check("two items", 2, 5, two, SERVQ_MISSING_LISTWISE, &e_two);
    check("two items", 2, 5, two, SERVQ_MISSING_PAIRWISE, &e_two);
    check("not recoded", 3, 6, neg, SERVQ_MISSING_LISTWISE, &e_neg);
    check("not recoded", 3, 6, neg, SERVQ_MISSING_PAIRWISE, &e_neg);
    check("mirrored pair", 3, 5, mirror, SERVQ_MISSING_LISTWISE, &e_mirror);
    check("n = 2", 3, 2, n2, SERVQ_MISSING_LISTWISE, &e_n2);
    check("n = 2", 3, 2, n2, SERVQ_MISSING_PAIRWISE, &e_n2);
    check("n = 1", 3, 1, n1, SERVQ_MISSING_LISTWISE, &e_n1_list);
    check("n = 1", 3, 1, n1, SERVQ_MISSING_PAIRWISE, &e_n1_pair);
    check("3 complete of 7", 4, 7, miss, SERVQ_MISSING_LISTWISE, &e_miss_list);
    check("3 complete of 7", 4, 7, miss, SERVQ_MISSING_PAIRWISE, &e_miss_pair);
    check("never together", 3, 6, apart, SERVQ_MISSING_LISTWISE, &e_apart_list);
    check("never together", 3, 6, apart, SERVQ_MISSING_PAIRWISE, &e_apart_pair);
    check("constant item", 3, 5, constant, SERVQ_MISSING_LISTWISE, &e_constant);
    check("constant item", 3, 5, constant, SERVQ_MISSING_PAIRWISE, &e_constant);
    check("constant answers", 3, 5, constant_p, SERVQ_MISSING_PAIRWISE, &e_constant_p);
    check("constant total", 2, 4, flat, SERVQ_MISSING_LISTWISE, &e_flat);
    check("one item", 1, 3, single, SERVQ_MISSING_LISTWISE, &e_single);
}

/* Exact sums: shifting every value by a huge constant changes nothing. */
static void test_shift(void)
{
    static const int miss[] = {1,   2, 1, 3, 2, NA_, 1, 2,   3, 4, 2, NA_, NA_, 3,
                               2,   1, 5, 5, NA_, 2, 4, 5, 3, 4, 2, 1, 3,   4};
    static const int64_t shifts[2] = {SERVQ_ALPHA_MAX_ABS - 5, -SERVQ_ALPHA_MAX_ABS + 1};
    size_t s;
    int mi;

    for (s = 0; s < 2; s++) {
        struct servq_alpha_acc *a = from_rows(4, 7, miss, 0);
        struct servq_alpha_acc *b = from_rows(4, 7, miss, shifts[s]);
        for (mi = 0; mi < 2; mi++) {
            enum servq_missing m = mi ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
            struct servq_alpha_result r1, r2;
            int good = a && b && servq_alpha_compute(a, m, &r1) == SERVQ_OK &&
                       servq_alpha_compute(b, m, &r2) == SERVQ_OK;
            ok(good && same_result(&r1, &r2), "shift by %lld %s: bit-identical",
               (long long)shifts[s], mode_name(m));
            if (good) {
                servq_alpha_result_release(&r1);
                servq_alpha_result_release(&r2);
            }
        }
        servq_alpha_acc_free(a);
        servq_alpha_acc_free(b);
    }
}

static void test_api(void)
{
    struct servq_alpha_acc *a = servq_alpha_acc_new(3), *b = servq_alpha_acc_new(4);
    struct servq_alpha_result r, r0;
    int64_t x[3] = {1, SERVQ_ALPHA_MAX_ABS + 1, 2};
    unsigned char p[3] = {1, 1, 1};
    int i;

    ok(servq_alpha_acc_new(0) == NULL, "k = 0 is refused");
    ok(servq_alpha_acc_new(SERVQ_ALPHA_MAX_K + 1) == NULL, "k above the limit is refused");
    servq_alpha_acc_free(NULL);
    servq_alpha_result_release(NULL);
    if (!ok(a && b, "accumulators"))
        goto out;

    ok(servq_alpha_acc_add(a, x, p) == SERVQ_ERR_LIMIT && a->n_any == 0 && a->pn[0] == 0,
       "a value above the limit is refused and the row not added");
    x[1] = -SERVQ_ALPHA_MAX_ABS - 1;
    ok(servq_alpha_acc_add(a, x, p) == SERVQ_ERR_LIMIT && a->n_any == 0,
       "a value below the limit is refused");
    p[1] = 0;
    ok(servq_alpha_acc_add(a, x, p) == SERVQ_OK && a->n_any == 1 && a->n == 0,
       "an absent value is not read");
    p[0] = p[1] = p[2] = 0;
    ok(servq_alpha_acc_add(a, x, p) == SERVQ_OK && a->n_any == 1,
       "a row with nothing present is not counted");
    x[1] = SERVQ_ALPHA_MAX_ABS;
    ok(servq_alpha_acc_add(a, x, NULL) == SERVQ_OK && a->n == 1 && a->n_any == 2,
       "present = NULL means every item");
    ok(servq_alpha_acc_merge(a, b) == SERVQ_ERR_ARG, "merging different k is refused");
    ok(servq_alpha_compute(a, (enum servq_missing)7, &r) == SERVQ_ERR_ARG &&
           r.if_dropped == NULL && r.r_drop == NULL,
       "an unknown mode is refused and leaves nothing to free");

    /* Doubling by self-merge keeps listwise figures; then the exact sums overflow. */
    servq_alpha_acc_reset(a);
    {
        static const int64_t rows[4][3] = {{1, 2, 4}, {3, 3, 5}, {2, 5, 5}, {6, 4, 6}};
        for (i = 0; i < 4; i++)
            servq_alpha_acc_add(a, rows[i], NULL);
    }
    if (servq_alpha_compute(a, SERVQ_MISSING_LISTWISE, &r0) != SERVQ_OK) {
        ok(0, "compute before doubling");
        goto out;
    }
    for (i = 0; i < 10; i++)
        servq_alpha_acc_merge(a, a);
    ok(a->n == 4u << 10, "self-merge doubles");
    if (servq_alpha_compute(a, SERVQ_MISSING_LISTWISE, &r) == SERVQ_OK) {
        r.n = r0.n;
        ok(same_result(&r, &r0), "listwise figures are unchanged by duplicating every row");
        servq_alpha_result_release(&r);
    } else {
        ok(0, "compute after doubling");
    }
    servq_alpha_result_release(&r0);

    servq_alpha_acc_reset(a);
    x[0] = x[1] = SERVQ_ALPHA_MAX_ABS;
    x[2] = -SERVQ_ALPHA_MAX_ABS;
    servq_alpha_acc_add(a, x, NULL);
    x[2] = SERVQ_ALPHA_MAX_ABS;
    servq_alpha_acc_add(a, x, NULL);
    for (i = 0; i < 40; i++)
        servq_alpha_acc_merge(a, a);
    ok(servq_alpha_compute(a, SERVQ_MISSING_LISTWISE, &r) == SERVQ_ERR_LIMIT &&
           r.if_dropped == NULL,
       "an exact intermediate beyond 128 bits is SERVQ_ERR_LIMIT, not a wrong figure");
    ok(servq_alpha_compute(a, SERVQ_MISSING_PAIRWISE, &r) == SERVQ_ERR_LIMIT,
       "the same for pairwise");
    for (i = 0; i < 30; i++)
        if (servq_alpha_acc_merge(a, a) != SERVQ_OK)
            break;
    ok(i < 30 && a->n_any == (uint64_t)1 << 63, "a row count overflow is refused by merge");

out:
    servq_alpha_acc_free(a);
    servq_alpha_acc_free(b);
}

/* A small deterministic generator (64-bit LCG, high bits). */
static uint32_t next_rand(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*state >> 33);
}

/* Adding n complete rows by their sums is the same as adding them one by one. */
static void test_add_sums(void)
{
    enum { K = 6, N = 500 };
    struct servq_alpha_acc *one = servq_alpha_acc_new(K), *sums = servq_alpha_acc_new(K);
    int64_t x[K], s[K] = {0}, ss[K * (K + 1) / 2] = {0};
    uint64_t seed = 7;
    size_t r, i, j;

    if (!one || !sums)
        bail_out("out of memory%s", "");
    for (r = 0; r < N; r++) {
        for (i = 0; i < K; i++)
            x[i] = (int64_t)(next_rand(&seed) % 2001) - 1000;
        if (servq_alpha_acc_add(one, x, NULL) != SERVQ_OK)
            bail_out("add failed%s", "");
        for (i = 0; i < K; i++) {
            s[i] += x[i];
            for (j = i; j < K; j++)
                ss[servq_alpha_tri(K, i, j)] += x[i] * x[j];
        }
    }
    ok(servq_alpha_acc_add_sums(sums, N, s, ss) == SERVQ_OK, "add_sums of %d rows", N);
    ok(same_state(one, sums), "add_sums equals %d single adds, listwise and pairwise", N);
    ok(servq_alpha_acc_add_sums(sums, 0, s, ss) == SERVQ_OK && same_state(one, sums),
       "add_sums of no rows changes nothing");
    sums->n_any = UINT64_MAX - 1;
    is_int(servq_alpha_acc_add_sums(sums, 2, s, ss), SERVQ_ERR_LIMIT,
           "add_sums refuses a row count that would overflow");
    ok(sums->n == (uint64_t)N && sums->n_any == UINT64_MAX - 1,
       "and leaves the accumulator unchanged");
    servq_alpha_acc_free(one);
    servq_alpha_acc_free(sums);
}

/*
 * The reference for test_reliability_stage: each row added to the
 * accumulator of every dimension (items in instrument order) and of the
 * whole instrument with servq_alpha_acc_add, as before staging.
 */
static void add_row_exactly(struct servq_alpha_acc **ref, const struct servq_instrument *ins,
                            const struct servq_response *resp)
{
    int64_t x[SERVQ_SCALE_KINDS][16], dx[16];
    unsigned char have[SERVQ_SCALE_KINDS][16], dhave[16];
    size_t i, m, d, k;

    for (i = 0; i < ins->n_items; i++) {
        int16_t e = servq_rating(resp, i, SERVQ_MEASURE_E);
        int16_t p = servq_rating(resp, i, SERVQ_MEASURE_P);
        x[SERVQ_SCALE_E][i] = e;
        x[SERVQ_SCALE_P][i] = p;
        x[SERVQ_SCALE_GAP][i] = (int64_t)p - e;
        have[SERVQ_SCALE_E][i] = e != SERVQ_NA;
        have[SERVQ_SCALE_P][i] = p != SERVQ_NA;
        have[SERVQ_SCALE_GAP][i] = e != SERVQ_NA && p != SERVQ_NA;
    }
    for (m = 0; m < SERVQ_SCALE_KINDS; m++) {
        for (d = 0; d < ins->n_dims; d++) {
            for (i = 0, k = 0; i < ins->n_items; i++)
                if (ins->items[i].dim == d) {
                    dx[k] = x[m][i];
                    dhave[k++] = have[m][i];
                }
            servq_alpha_acc_add(ref[d * SERVQ_SCALE_KINDS + m], dx, dhave);
        }
        servq_alpha_acc_add(ref[ins->n_dims * SERVQ_SCALE_KINDS + m], x[m], have[m]);
    }
}

/*
 * servq_reliability stages complete rows with small values in 32-bit sums
 * and folds them later; the accumulators must end exactly as if every row
 * had been added with servq_alpha_acc_add. Dimensions interleave in the
 * instrument (slot order differs from item order), values reach beyond the
 * staging bound, some rows miss answers, and there are more rows than one
 * stage holds, so every path runs. Each kernel runs it, and a run of 3
 * rows ends with a row held for its partner when the stage is settled.
 */
static const char interleaved_json[] =
    "{\"schema\":\"servq.instrument/1\",\"id\":\"interleaved\","
    "\"scale\":{\"min\":1,\"max\":7},"
    "\"dimensions\":[{\"id\":\"d1\"},{\"id\":\"d2\"},{\"id\":\"d3\"}],"
    "\"items\":[{\"id\":\"a\",\"dimension\":\"d2\"},{\"id\":\"b\",\"dimension\":\"d1\"},"
    "{\"id\":\"c\",\"dimension\":\"d2\"},{\"id\":\"d\",\"dimension\":\"d3\"},"
    "{\"id\":\"e\",\"dimension\":\"d1\"},{\"id\":\"f\",\"dimension\":\"d2\","
    "\"scale\":{\"min\":100,\"max\":200}}]}";

/* The same items with each dimension's together: slots in item order. */
static const char in_order_json[] =
    "{\"schema\":\"servq.instrument/1\",\"id\":\"in-order\","
    "\"scale\":{\"min\":1,\"max\":7},"
    "\"dimensions\":[{\"id\":\"d1\"},{\"id\":\"d2\"},{\"id\":\"d3\"}],"
    "\"items\":[{\"id\":\"b\",\"dimension\":\"d1\"},{\"id\":\"e\",\"dimension\":\"d1\"},"
    "{\"id\":\"a\",\"dimension\":\"d2\"},{\"id\":\"c\",\"dimension\":\"d2\"},"
    "{\"id\":\"d\",\"dimension\":\"d3\"},{\"id\":\"f\",\"dimension\":\"d3\","
    "\"scale\":{\"min\":100,\"max\":200}}]}";

static void test_reliability_stage(const char *json, enum servq_stage_kernel kernel, size_t rows,
                                   const char *name)
{
    struct servq_instrument *ins = NULL;
    struct servq_reliability rel;
    struct servq_reliability_row row;
    struct servq_response resp;
    struct servq_alpha_acc *ref[4 * SERVQ_SCALE_KINDS];
    uint64_t seed = 11;
    size_t r, i, m, d, n_acc, same = 0, staged = 0;
    char err[256];

    if (servq_instrument_parse(json, strlen(json), &ins, err, sizeof err) != SERVQ_OK)
        bail_out("instrument: %s", err);
    if (servq_reliability_init(&rel, ins) != SERVQ_OK ||
        servq_reliability_row_init(&row, ins) != SERVQ_OK ||
        servq_response_init(&resp, ins) != SERVQ_OK)
        bail_out("out of memory%s", "");
    for (m = 0; m < SERVQ_SCALE_KINDS; m++)
        rel.stage[m].kernel = kernel;
    ok(row.in_order == (json == in_order_json), "%s: slots %s item order", name,
       row.in_order ? "in" : "not in");
    n_acc = (ins->n_dims + 1) * SERVQ_SCALE_KINDS;
    for (d = 0; d <= ins->n_dims; d++)
        for (m = 0; m < SERVQ_SCALE_KINDS; m++)
            ref[d * SERVQ_SCALE_KINDS + m] = servq_alpha_acc_new(
                d < ins->n_dims ? ins->dims[d].n_items : ins->n_items);
    for (r = 0; r < rows; r++) {
        for (i = 0; i < ins->n_items; i++) {
            uint32_t u = next_rand(&seed);
            int16_t base = i == 5 ? 100 : 1;
            int16_t e = (int16_t)(base + u % 7), p = (int16_t)(base + (u >> 8) % 7);
            if ((u >> 16) % 50 == 0)
                e = SERVQ_NA;
            if (i == 5 && (u >> 22) % 400 == 0)
                p = (int16_t)(150 + (u >> 28)); /* beyond the staging bound */
            resp.v[servq_rating_slot(resp.n_items, i, SERVQ_MEASURE_E)] = e;
            resp.v[servq_rating_slot(resp.n_items, i, SERVQ_MEASURE_P)] = p;
        }
        servq_reliability_row_set(&row, ins, &resp);
        staged += row.stageable[SERVQ_SCALE_E];
        if (servq_reliability_add(&rel, ins, &row) != SERVQ_OK)
            bail_out("reliability add failed%s", "");
        add_row_exactly(ref, ins, &resp);
    }
    if (rows > SERVQ_STAGE_MAX_ROWS)
        ok(staged > SERVQ_STAGE_MAX_ROWS && staged < rows, "%s: %zu of %zu rows staged for E",
           name, staged, rows);
    else
        ok(rel.stage[SERVQ_SCALE_P].holding, "%s: a row is held at the end", name);
    ok(servq_reliability_settle(&rel, ins) == SERVQ_OK, "%s: settle", name);
    for (i = 0; i < n_acc; i++)
        same += same_state(rel.acc[i], ref[i]);
    is_int((long long)same, (long long)n_acc,
           "%s: every staged accumulator equals the row-by-row one (dimensions and overall)",
           name);
    ok(rel.stage[SERVQ_SCALE_E].n == 0 && !rel.stage[SERVQ_SCALE_P].holding &&
           servq_reliability_settle(&rel, ins) == SERVQ_OK,
       "%s: settling twice changes nothing", name);
    for (i = 0; i < n_acc; i++)
        servq_alpha_acc_free(ref[i]);
    servq_response_release(&resp);
    servq_reliability_row_release(&row);
    servq_reliability_release(&rel);
    servq_instrument_free(ins);
}

int main(int argc, char **argv)
{
    const char *datadir = argc > 1 ? argv[1] : "tests/data/bfi";
    const char *refdir = argc > 2 ? argv[2] : "tests/reference";
    char path[4096];
    struct bfi b;
    struct refs refs;


    test_api();
    test_small();
    test_shift();
    test_add_sums();
    test_reliability_stage(interleaved_json, SERVQ_STAGE_PORTABLE, 2 * SERVQ_STAGE_MAX_ROWS + 1234,
                           "portable");
    test_reliability_stage(interleaved_json, SERVQ_STAGE_PORTABLE, 3, "portable, 3 rows");
    test_reliability_stage(in_order_json, SERVQ_STAGE_PORTABLE, 2 * SERVQ_STAGE_MAX_ROWS + 1234,
                           "portable, slots in item order");
    if (servq_stage_have_avx2()) {
        test_reliability_stage(interleaved_json, SERVQ_STAGE_AVX2, 2 * SERVQ_STAGE_MAX_ROWS + 1234,
                               "AVX2");
        test_reliability_stage(interleaved_json, SERVQ_STAGE_AVX2, 3, "AVX2, 3 rows");
        test_reliability_stage(in_order_json, SERVQ_STAGE_AVX2, 2 * SERVQ_STAGE_MAX_ROWS + 1234,
                               "AVX2, slots in item order");
    } else {
        skip(15, "the CPU has no AVX2");
    }

    snprintf(path, sizeof path, "%s/Rdatasets_psych_bfi.csv", datadir);
    load_bfi(path, &b);
    snprintf(path, sizeof path, "%s/alpha_bfi.csv", refdir);
    load_refs(path, &refs);
    test_bfi(&b, &refs);
    test_merge(&b);

    free(b.x);
    free(b.p);
    free(refs.r);
    return tap_done();
}
