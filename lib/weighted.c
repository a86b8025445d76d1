/*
 * Survey-weighted means and their linearization standard errors.
 */
#include "weighted-priv.h"

#include <gsl/gsl_cdf.h>
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

void servq_wmoments_add(struct servq_wmoments *m, double w, double x, double a, double b)
{
    m->n++;
    servq_ksum_add(&m->w, w);
    servq_ksum_add(&m->w2, w * w);
    servq_ksum_add(&m->wx, w * x);
    servq_ksum_add(&m->w2x, w * w * x);
    servq_ksum_add(&m->w2x2, w * w * x * x);
    servq_ksum_add(&m->wa, w * a);
    servq_ksum_add(&m->wb, w * b);
}

void servq_wmoments_merge(struct servq_wmoments *dst, const struct servq_wmoments *src)
{
    dst->n += src->n;
    servq_ksum_merge(&dst->w, &src->w);
    servq_ksum_merge(&dst->w2, &src->w2);
    servq_ksum_merge(&dst->wx, &src->wx);
    servq_ksum_merge(&dst->w2x, &src->w2x);
    servq_ksum_merge(&dst->w2x2, &src->w2x2);
    servq_ksum_merge(&dst->wa, &src->wa);
    servq_ksum_merge(&dst->wb, &src->wb);
}

static void num(cJSON *o, const char *name, double v)
{
    if (isfinite(v))
        cJSON_AddNumberToObject(o, name, v);
    else
        cJSON_AddNullToObject(o, name);
}

enum servq_status servq_wmoments_json(const struct servq_wmoments *m, int with_parts, cJSON *o)
{
    double sw = servq_ksum_value(&m->w), sw2 = servq_ksum_value(&m->w2);
    double n = (double)m->n, mean = NAN, se = NAN, t = NAN, p = NAN, df = NAN, q;
    double lo = NAN, hi = NAN, ss;
    cJSON *ci;

    if (m->n > 0 && sw > 0)
        mean = servq_ksum_value(&m->wx) / sw;
    if (m->n > 1 && sw > 0) {
        /*
         * Linearization variance of a ratio mean with weights only:
         * n/(n-1) * sum(w^2 (x - mean)^2) / (sum w)^2.
         */
        ss = servq_ksum_value(&m->w2x2) - 2 * mean * servq_ksum_value(&m->w2x) +
             mean * mean * sw2;
        se = sqrt(fmax(ss, 0) * n / (n - 1)) / sw;
        /*
         * survey::svyttest's one-sample test uses degf(design) - 1 = n - 2
         * degrees of freedom, one fewer than t.test; we match it.
         */
        df = n > 2 ? n - 2 : NAN;
        if (se > 0 && n > 2) {
            t = mean / se;
            p = 2 * gsl_cdf_tdist_Q(fabs(t), df);
            q = gsl_cdf_tdist_Pinv(0.975, df);
            if (!isfinite(p) || !isfinite(q))
                return SERVQ_ERR_NUMERIC;
            lo = mean - q * se;
            hi = mean + q * se;
        }
    }
    cJSON_AddNumberToObject(o, "n", n);
    num(o, "sum_w", sw);
    num(o, "n_eff", sw2 > 0 ? sw * sw / sw2 : NAN);
    if (with_parts) {
        num(o, "mean_e", sw > 0 ? servq_ksum_value(&m->wa) / sw : NAN);
        num(o, "mean_p", sw > 0 ? servq_ksum_value(&m->wb) / sw : NAN);
    }
    num(o, "gap", mean);
    num(o, "se", se);
    if (isfinite(lo)) {
        ci = cJSON_AddArrayToObject(o, "ci");
        cJSON_AddItemToArray(ci, cJSON_CreateNumber(lo));
        cJSON_AddItemToArray(ci, cJSON_CreateNumber(hi));
    } else {
        cJSON_AddNullToObject(o, "ci");
    }
    num(o, "t", t);
    num(o, "df", df);
    num(o, "p_t", p > 1 ? 1 : p);
    if (!isfinite(t))
        cJSON_AddStringToObject(o, "note",
                                m->n < 3 ? "fewer than 3 respondents: no weighted test"
                                         : "no variation: no test");
    return SERVQ_OK;
}
