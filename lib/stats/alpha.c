/*
 * Cronbach's alpha as psych::alpha computes it, from exact integer sums.
 *
 * psych::alpha (2.2.9) with C the covariance matrix and R = cov2cor(C):
 *   raw_alpha  = (1 - tr(C)/sum(C)) * k/(k-1)
 *   std.alpha  = (1 - k/sum(R)) * k/(k-1)
 *   average_r  = (sum(R) - k) / (k(k-1))
 *   alpha.drop = raw_alpha of C[-i,-i]; for k = 2 it is C[1,2]/C[2,2] and
 *                C[1,2]/C[1,1] instead
 *   r.drop[i]  = (sum(C[,i]) - C[i,i]) / sqrt(C[i,i] * sum(C[-i,-i]))
 *
 * All of these are ratios, so any positive factor common to every entry of
 * C cancels. Listwise, C = N / (n(n-1)) with N[i][j] = n*S_ij - S_i*S_j an
 * exact integer, so every sum and difference below is done in 128-bit
 * integers and rounded once. Pairwise, each entry has its own count
 * (R's cov(x, use = "pairwise"): per-pair means, and the diagonal over
 * the rows where the item is present), so C is formed in long double from
 * exact numerators. Either way the figures depend only on the integer state,
 * never on the order of rows or merges.
 */
#include "stats/alpha-priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char note_k[] = "fewer than 2 items";
static const char note_n[] = "fewer than 2 complete respondents";
static const char note_item_n[] = "an item has fewer than 2 answers";
static const char note_pair_n[] = "two items have fewer than 2 respondents in common";
static const char note_zero_var[] =
    "an item has zero variance (psych::alpha drops such an item and analyses the rest)";
static const char note_total[] = "the total score has zero variance";
static const char note_std[] = "the item correlations sum to zero";
static const char note_drop[] =
    "alpha if dropped is undefined for an item: the other items' total has zero variance";
static const char note_rdrop[] =
    "r.drop is undefined for an item: the other items' total has no positive variance";

struct servq_alpha_acc *servq_alpha_acc_new(size_t k)
{
    struct servq_alpha_acc *a;
    size_t ntri, npair;

    if (k == 0 || k > SERVQ_ALPHA_MAX_K)
        return NULL;
    ntri = k * (k + 1) / 2;
    npair = k * (k - 1) / 2;
    a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->k = k;
    a->s = calloc(k, sizeof *a->s);
    a->ss = calloc(ntri, sizeof *a->ss);
    a->pn = calloc(k, sizeof *a->pn);
    a->ps = calloc(k, sizeof *a->ps);
    a->pss = calloc(k, sizeof *a->pss);
    a->pair = npair ? calloc(npair, sizeof *a->pair) : NULL;
    if (!a->s || !a->ss || !a->pn || !a->ps || !a->pss || (npair && !a->pair)) {
        servq_alpha_acc_free(a);
        return NULL;
    }
    return a;
}

void servq_alpha_acc_free(struct servq_alpha_acc *a)
{
    if (!a)
        return;
    free(a->s);
    free(a->ss);
    free(a->pn);
    free(a->ps);
    free(a->pss);
    free(a->pair);
    free(a);
}

void servq_alpha_acc_reset(struct servq_alpha_acc *a)
{
    size_t k = a->k;

    a->n = 0;
    a->n_any = 0;
    memset(a->s, 0, k * sizeof *a->s);
    memset(a->ss, 0, k * (k + 1) / 2 * sizeof *a->ss);
    memset(a->pn, 0, k * sizeof *a->pn);
    memset(a->ps, 0, k * sizeof *a->ps);
    memset(a->pss, 0, k * sizeof *a->pss);
    if (a->pair)
        memset(a->pair, 0, k * (k - 1) / 2 * sizeof *a->pair);
}

#define IS_PRESENT(present, i) (!(present) || (present)[i])

enum servq_status servq_alpha_acc_add(struct servq_alpha_acc *a, const int64_t *x,
                                      const unsigned char *present)
{
    size_t k = a->k, i, j, n_present = 0;

    for (i = 0; i < k; i++) {
        if (!IS_PRESENT(present, i))
            continue;
        if (x[i] < -SERVQ_ALPHA_MAX_ABS || x[i] > SERVQ_ALPHA_MAX_ABS)
            return SERVQ_ERR_LIMIT;
        n_present++;
    }
    if (n_present == 0)
        return SERVQ_OK;
    /* Every other count is at most n_any. */
    if (a->n_any == UINT64_MAX)
        return SERVQ_ERR_LIMIT;
    a->n_any++;

    if (n_present == k) {
        servq_i128 *ss = a->ss;
        a->n++;
        for (i = 0; i < k; i++) {
            a->s[i] += x[i];
            for (j = i; j < k; j++)
                *ss++ += x[i] * x[j];
        }
    }

    for (i = 0; i < k; i++) {
        struct servq_alpha_pair *p;
        int64_t xi;
        if (!IS_PRESENT(present, i))
            continue;
        xi = x[i];
        a->pn[i]++;
        a->ps[i] += xi;
        a->pss[i] += xi * xi;
        if (i + 1 == k)
            break;
        p = a->pair + servq_alpha_pair_index(k, i, i + 1);
        for (j = i + 1; j < k; j++, p++) {
            int64_t xj;
            if (!IS_PRESENT(present, j))
                continue;
            xj = x[j];
            p->n++;
            p->sx += xi;
            p->sy += xj;
            p->sxx += xi * xi;
            p->syy += xj * xj;
            p->sxy += xi * xj;
        }
    }
    return SERVQ_OK;
}

enum servq_status servq_alpha_acc_add_sums(struct servq_alpha_acc *a, uint64_t n,
                                           const int64_t *s, const int64_t *ss)
{
    size_t k = a->k, i, j;
    struct servq_alpha_pair *p = a->pair;
    uint64_t sum;

    if (n == 0)
        return SERVQ_OK;
    /* Every other count is at most n_any. */
    if (__builtin_add_overflow(a->n_any, n, &sum))
        return SERVQ_ERR_LIMIT;
    a->n_any = sum;
    a->n += n;
    for (i = 0; i < k; i++) {
        a->s[i] += s[i];
        a->pn[i] += n;
        a->ps[i] += s[i];
        a->pss[i] += ss[servq_alpha_tri(k, i, i)];
    }
    for (i = 0; i < k * (k + 1) / 2; i++)
        a->ss[i] += ss[i];
    /* A complete row adds to every pair what it adds to the listwise sums. */
    for (i = 0; i < k; i++)
        for (j = i + 1; j < k; j++, p++) {
            p->n += n;
            p->sx += s[i];
            p->sy += s[j];
            p->sxx += ss[servq_alpha_tri(k, i, i)];
            p->syy += ss[servq_alpha_tri(k, j, j)];
            p->sxy += ss[servq_alpha_tri(k, i, j)];
        }
    return SERVQ_OK;
}

enum servq_status servq_alpha_acc_merge(struct servq_alpha_acc *dst,
                                        const struct servq_alpha_acc *src)
{
    size_t k, i, ntri, npair;
    uint64_t sum;

    if (!dst || !src || dst->k != src->k)
        return SERVQ_ERR_ARG;
    k = dst->k;
    ntri = k * (k + 1) / 2;
    npair = k * (k - 1) / 2;
    /* Every count is at most n_any, so one check covers them all. */
    if (__builtin_add_overflow(dst->n_any, src->n_any, &sum))
        return SERVQ_ERR_LIMIT;

    dst->n += src->n;
    dst->n_any += src->n_any;
    for (i = 0; i < k; i++) {
        dst->s[i] += src->s[i];
        dst->pn[i] += src->pn[i];
        dst->ps[i] += src->ps[i];
        dst->pss[i] += src->pss[i];
    }
    for (i = 0; i < ntri; i++)
        dst->ss[i] += src->ss[i];
    for (i = 0; i < npair; i++) {
        struct servq_alpha_pair *d = &dst->pair[i];
        const struct servq_alpha_pair *s = &src->pair[i];
        d->n += s->n;
        d->sx += s->sx;
        d->sy += s->sy;
        d->sxx += s->sxx;
        d->syy += s->syy;
        d->sxy += s->sxy;
    }
    return SERVQ_OK;
}

void servq_alpha_result_release(struct servq_alpha_result *r)
{
    if (!r)
        return;
    free(r->if_dropped);
    free(r->r_drop);
    r->if_dropped = NULL;
    r->r_drop = NULL;
    r->k = 0;
}

/* Checked 128-bit arithmetic: returns 0 when the result overflowed. */
static int mul_ok(servq_i128 a, servq_i128 b, servq_i128 *r)
{
    return !__builtin_mul_overflow(a, b, r);
}

static int add_ok(servq_i128 a, servq_i128 b, servq_i128 *r)
{
    return !__builtin_add_overflow(a, b, r);
}

static int sub_ok(servq_i128 a, servq_i128 b, servq_i128 *r)
{
    return !__builtin_sub_overflow(a, b, r);
}

/* n*sxy - sx*sy, exactly. */
static int comoment(uint64_t n, servq_i128 sxy, servq_i128 sx, servq_i128 sy, servq_i128 *r)
{
    servq_i128 a, b;

    return mul_ok((servq_i128)n, sxy, &a) && mul_ok(sx, sy, &b) && sub_ok(a, b, r);
}

static double finite_or_nan(long double v)
{
    double d = (double)v;

    return isfinite(d) ? d : NAN;
}

static void set_note(struct servq_alpha_result *out, const char *note, size_t i, size_t j)
{
    if (out->note)
        return;
    out->note = note;
    out->note_item = i;
    out->note_item2 = j;
}

/*
 * What the figures need, up to one positive factor common to all entries:
 *   g[tri(i,j)]  the covariance matrix (upper triangle with diagonal)
 *   off          sum of the off-diagonal entries of C
 *   tot          sum(C)
 *   c[i]         sum(C[,i]) - C[i,i]
 *   tot_i[i]     sum(C[-i,-i])
 *   off_i[i]     sum(C[-i,-i]) - tr(C[-i,-i])
 */
struct reduced {
    long double *g;
    long double off, tot;
    long double *c, *tot_i, *off_i;
};

/* Listwise: everything exact in integers, then rounded once. */
static enum servq_status reduce_listwise(const struct servq_alpha_acc *a, struct reduced *r,
                                         servq_i128 *nm, servq_i128 *row)
{
    size_t k = a->k, i, j;
    servq_i128 tr = 0, tot = 0, off;

    for (i = 0; i < k; i++)
        for (j = i; j < k; j++) {
            size_t t = servq_alpha_tri(k, i, j);
            if (!comoment(a->n, a->ss[t], a->s[i], a->s[j], &nm[t]))
                return SERVQ_ERR_LIMIT;
            r->g[t] = (long double)nm[t];
        }
    for (i = 0; i < k; i++) {
        servq_i128 sum = 0;
        for (j = 0; j < k; j++) {
            servq_i128 v = nm[i <= j ? servq_alpha_tri(k, i, j) : servq_alpha_tri(k, j, i)];
            if (!add_ok(sum, v, &sum))
                return SERVQ_ERR_LIMIT;
        }
        row[i] = sum;
        if (!add_ok(tot, sum, &tot) || !add_ok(tr, nm[servq_alpha_tri(k, i, i)], &tr))
            return SERVQ_ERR_LIMIT;
    }
    if (!sub_ok(tot, tr, &off))
        return SERVQ_ERR_LIMIT;
    r->off = (long double)off;
    r->tot = (long double)tot;
    for (i = 0; i < k; i++) {
        servq_i128 d = nm[servq_alpha_tri(k, i, i)], c, t2, ti, oi;
        /* c = row - d; tot_i = tot - 2c - d; off_i = off - 2c */
        if (!sub_ok(row[i], d, &c) || !mul_ok(c, 2, &t2) || !sub_ok(off, t2, &oi) ||
            !sub_ok(tr, d, &ti) || !add_ok(ti, oi, &ti))
            return SERVQ_ERR_LIMIT;
        r->c[i] = (long double)c;
        r->tot_i[i] = (long double)ti;
        r->off_i[i] = (long double)oi;
    }
    return SERVQ_OK;
}

/*
 * Pairwise: each covariance from its exact numerator over its own count,
 * then long double sums in a fixed order.
 */
static enum servq_status reduce_pairwise(const struct servq_alpha_acc *a, struct reduced *r)
{
    size_t k = a->k, i, j;
    long double tr = 0, off = 0;

    for (i = 0; i < k; i++) {
        servq_i128 num;
        long double n = (long double)a->pn[i];
        if (!comoment(a->pn[i], a->pss[i], a->ps[i], a->ps[i], &num))
            return SERVQ_ERR_LIMIT;
        r->g[servq_alpha_tri(k, i, i)] = (long double)num / (n * (n - 1));
        r->c[i] = 0;
    }
    for (i = 0; i < k; i++)
        for (j = i + 1; j < k; j++) {
            const struct servq_alpha_pair *p = &a->pair[servq_alpha_pair_index(k, i, j)];
            long double n = (long double)p->n;
            servq_i128 num;
            if (!comoment(p->n, p->sxy, p->sx, p->sy, &num))
                return SERVQ_ERR_LIMIT;
            r->g[servq_alpha_tri(k, i, j)] = (long double)num / (n * (n - 1));
        }
    for (i = 0; i < k; i++) {
        tr += r->g[servq_alpha_tri(k, i, i)];
        for (j = 0; j < k; j++)
            if (j != i)
                r->c[i] += r->g[i < j ? servq_alpha_tri(k, i, j) : servq_alpha_tri(k, j, i)];
        off += r->c[i];
    }
    r->off = off;
    r->tot = tr + off;
    for (i = 0; i < k; i++) {
        r->off_i[i] = off - 2 * r->c[i];
        r->tot_i[i] = (tr - r->g[servq_alpha_tri(k, i, i)]) + r->off_i[i];
    }
    return SERVQ_OK;
}

/* Checks the counts; on a problem sets the note and returns 0. */
static int counts_ok(const struct servq_alpha_acc *a, enum servq_missing m,
                     struct servq_alpha_result *out)
{
    size_t k = a->k, i, j;

    if (k < 2) {
        set_note(out, note_k, SIZE_MAX, SIZE_MAX);
        return 0;
    }
    if (m == SERVQ_MISSING_LISTWISE) {
        if (a->n < 2) {
            set_note(out, note_n, SIZE_MAX, SIZE_MAX);
            return 0;
        }
        return 1;
    }
    for (i = 0; i < k; i++)
        if (a->pn[i] < 2) {
            set_note(out, note_item_n, i, SIZE_MAX);
            return 0;
        }
    for (i = 0; i < k; i++)
        for (j = i + 1; j < k; j++)
            if (a->pair[servq_alpha_pair_index(k, i, j)].n < 2) {
                set_note(out, note_pair_n, i, j);
                return 0;
            }
    return 1;
}

static void figures(size_t k, const struct reduced *r, struct servq_alpha_result *out)
{
    long double kk = (long double)k, sr = 0;
    size_t i, j;

    /* raw_alpha = k/(k-1) * (sum(C) - tr(C)) / sum(C) */
    if (r->tot == 0)
        set_note(out, note_total, SIZE_MAX, SIZE_MAX);
    else
        out->raw = finite_or_nan(kk / (kk - 1) * (r->off / r->tot));

    /* std.alpha = k/(k-1) * (sum(R) - k) / sum(R), sum(R) = k + 2 sr */
    for (i = 0; i < k; i++) {
        long double gi = r->g[servq_alpha_tri(k, i, i)];
        for (j = i + 1; j < k; j++)
            sr += r->g[servq_alpha_tri(k, i, j)] / sqrtl(gi * r->g[servq_alpha_tri(k, j, j)]);
    }
    if (kk + 2 * sr == 0)
        set_note(out, note_std, SIZE_MAX, SIZE_MAX);
    else
        out->std = finite_or_nan(kk / (kk - 1) * (2 * sr / (kk + 2 * sr)));
    out->mean_r = finite_or_nan(2 * sr / (kk * (kk - 1)));

    for (i = 0; i < k; i++) {
        long double d = r->g[servq_alpha_tri(k, i, i)];
        long double v;

        if (k == 2) {
            /* psych: C[1,2]/C[2,2] for item 1, C[1,2]/C[1,1] for item 2. */
            long double other = r->g[servq_alpha_tri(k, 1 - i, 1 - i)];
            out->if_dropped[i] = finite_or_nan(r->g[servq_alpha_tri(k, 0, 1)] / other);
        } else if (r->tot_i[i] == 0) {
            set_note(out, note_drop, i, SIZE_MAX);
        } else {
            out->if_dropped[i] =
                finite_or_nan((kk - 1) / (kk - 2) * (r->off_i[i] / r->tot_i[i]));
        }

        v = d * r->tot_i[i];
        if (!(v > 0))
            set_note(out, note_rdrop, i, SIZE_MAX);
        else
            out->r_drop[i] = finite_or_nan(r->c[i] / sqrtl(v));
    }
}

enum servq_status servq_alpha_compute(const struct servq_alpha_acc *a, enum servq_missing m,
                                      struct servq_alpha_result *out)
{
    enum servq_status st = SERVQ_OK;
    struct reduced r = {0};
    servq_i128 *nm = NULL, *row = NULL;
    size_t k, ntri, i;

    if (!out)
        return SERVQ_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->raw = out->std = out->mean_r = NAN;
    out->note_item = out->note_item2 = SIZE_MAX;
    if (!a || (m != SERVQ_MISSING_LISTWISE && m != SERVQ_MISSING_PAIRWISE))
        return SERVQ_ERR_ARG;

    k = a->k;
    ntri = k * (k + 1) / 2;
    out->n = m == SERVQ_MISSING_LISTWISE ? a->n : a->n_any;
    out->k = k;
    out->if_dropped = malloc(k * sizeof *out->if_dropped);
    out->r_drop = malloc(k * sizeof *out->r_drop);
    if (!out->if_dropped || !out->r_drop) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < k; i++)
        out->if_dropped[i] = out->r_drop[i] = NAN;

    if (!counts_ok(a, m, out))
        goto cleanup;

    r.g = malloc(ntri * sizeof *r.g);
    r.c = malloc(k * sizeof *r.c);
    r.tot_i = malloc(k * sizeof *r.tot_i);
    r.off_i = malloc(k * sizeof *r.off_i);
    if (!r.g || !r.c || !r.tot_i || !r.off_i) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    if (m == SERVQ_MISSING_LISTWISE) {
        nm = malloc(ntri * sizeof *nm);
        row = malloc(k * sizeof *row);
        if (!nm || !row) {
            st = SERVQ_ERR_NOMEM;
            goto cleanup;
        }
        SERVQ_TRY(reduce_listwise(a, &r, nm, row));
    } else {
        SERVQ_TRY(reduce_pairwise(a, &r));
    }

    for (i = 0; i < k; i++)
        if (r.g[servq_alpha_tri(k, i, i)] == 0) {
            set_note(out, note_zero_var, i, SIZE_MAX);
            goto cleanup;
        }
    figures(k, &r, out);

cleanup:
    free(nm);
    free(row);
    free(r.g);
    free(r.c);
    free(r.tot_i);
    free(r.off_i);
    if (st != SERVQ_OK) {
        servq_alpha_result_release(out);
        out->note = NULL;
    }
    return st;
}
