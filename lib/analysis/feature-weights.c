/*
 * The weights feature: survey-weighted figures of the document from the
 * weighted moments lib/stats keeps (stats/weighted-priv.h).
 */
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "analysis/analysis-priv.h"

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
    double lo = NAN, hi = NAN;
    cJSON *ci;

    if (m->n > 0 && sw > 0)
        mean = servq_ksum_value(&m->wx) / sw;
    se = servq_wmoments_se(m);
    if (m->n > 1 && sw > 0) {
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
