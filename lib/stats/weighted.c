/*
 * Survey-weighted means and their linearization standard errors.
 */
#include "stats/weighted-priv.h"

#include <math.h>

void servq_ksum_add(struct servq_ksum *s, double v)
{
    double t = s->sum + v;

    /* Neumaier: keep the low-order bits the addition dropped. */
    if (fabs(s->sum) >= fabs(v))
        s->comp += (s->sum - t) + v;
    else
        s->comp += (v - t) + s->sum;
    s->sum = t;
}

double servq_ksum_value(const struct servq_ksum *s)
{
    return s->sum + s->comp;
}

void servq_ksum_merge(struct servq_ksum *dst, const struct servq_ksum *src)
{
    servq_ksum_add(dst, src->sum);
    servq_ksum_add(dst, src->comp);
}

/*
 * Folds a part b (total weight wb, w2b = sum w^2 over it, means mb and m2b,
 * d and q as in struct servq_wmoments) into the sums of m, before m's
 * compensated sums take b's in. With a = what m holds so far, pa = Wa/W,
 * pb = Wb/W, qa = W2a/W2, qb = W2b/W2 (all in [0, 1]):
 *   d = pa qa da + pb qb db + pa qb (m2b - ma) + pb qa (m2a - mb)
 *   q = qa' + qb' + (m2b - m2a)^2 W2a W2b / W2,   m2 = m2a + (m2b - m2a) qb
 * which is d = m2 - m and q = sum w^2 (x - m2)^2 over both, written so that
 * no product of two large sums is ever formed.
 */
static void fold(struct servq_wmoments *m, double wb, double w2b, double mb, double m2b,
                 double db, double qb)
{
    double wa = servq_ksum_value(&m->w), w2a = servq_ksum_value(&m->w2);
    double ma = wa > 0 ? servq_ksum_value(&m->wx) / wa : 0;
    double w = wa + wb, w2 = w2a + w2b;
    double pa = wa / w, pb = wb / w, fa = w2a / w2, fb = w2b / w2;
    double delta = m2b - m->m2;

    m->d = pa * fa * m->d + pb * fb * db + pa * fb * (m2b - ma) + pb * fa * (m->m2 - mb);
    m->q = m->q + qb + delta * delta * w2a * fb;
    m->m2 += delta * fb;
}

void servq_wmoments_add(struct servq_wmoments *m, double w, double x, double a, double b)
{
    double w2 = w * w;

    fold(m, w, w2, x, x, 0, 0);
    if (m->n == 0 || x < m->lo)
        m->lo = x;
    if (m->n == 0 || x > m->hi)
        m->hi = x;
    m->n++;
    servq_ksum_add(&m->w, w);
    servq_ksum_add(&m->w2, w2);
    servq_ksum_add(&m->wx, w * x);
    servq_ksum_add(&m->wa, w * a);
    servq_ksum_add(&m->wb, w * b);
}

void servq_wmoments_merge(struct servq_wmoments *dst, const struct servq_wmoments *src)
{
    double wb = servq_ksum_value(&src->w);

    if (src->n == 0)
        return;
    fold(dst, wb, servq_ksum_value(&src->w2), servq_ksum_value(&src->wx) / wb, src->m2, src->d,
         src->q);
    dst->lo = dst->n == 0 || src->lo < dst->lo ? src->lo : dst->lo;
    dst->hi = dst->n == 0 || src->hi > dst->hi ? src->hi : dst->hi;
    dst->n += src->n;
    servq_ksum_merge(&dst->w, &src->w);
    servq_ksum_merge(&dst->w2, &src->w2);
    servq_ksum_merge(&dst->wx, &src->wx);
    servq_ksum_merge(&dst->wa, &src->wa);
    servq_ksum_merge(&dst->wb, &src->wb);
}

double servq_wmoments_se(const struct servq_wmoments *m)
{
    double sw = servq_ksum_value(&m->w), n = (double)m->n;

    if (m->n < 2 || !(sw > 0))
        return NAN;
    if (m->lo == m->hi)
        return 0;
    /*
     * Linearization variance of a ratio mean with weights only, as
     * survey's svyrecvar computes it for one stage without strata:
     * n/(n-1) * sum(w^2 (x - m)^2) / (sum w)^2, the sum being q + W2 d^2.
     */
    return sqrt((m->q + servq_ksum_value(&m->w2) * m->d * m->d) * n / (n - 1)) / sw;
}
