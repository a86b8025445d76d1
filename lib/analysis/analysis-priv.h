/*
 * Gap-analysis internals shared by the accumulating side (analysis.c) and
 * the result side (results.c).
 */
#ifndef SERVQ_ANALYSIS_PRIV_H
#define SERVQ_ANALYSIS_PRIV_H

#include <cjson/cJSON.h>

#include "common/message-priv.h"
#include "stats/hist-priv.h"
#include "model/instrument-priv.h"
#include "stats/ranktests-priv.h"
#include "analysis/feature-priv.h"
#include "analysis/reliability-priv.h"
#include "model/responses-priv.h"
#include "servq/analysis.h"
#include "stats/stats-priv.h"
#include "common/util-priv.h"
#include "stats/weighted-priv.h"


struct dim_acc {
    struct servq_hist gap;       /* respondent dimension gap x scale */
    struct servq_moments e, p;   /* respondent dimension E and P x scale */
};

struct group {
    char *key;        /* key values joined by '\x1f', for lookup */
    char **values;    /* one per key part */
    uint64_t n;       /* respondents */
    uint64_t *joint;  /* per item, (points+1)^2 counts; index points = missing */
    struct dim_acc *dims;
    struct dim_acc all;
    /* Importance: shares per dimension and the weighted index, in fixed point. */
    struct servq_moments *share;
    struct servq_moments wsq;
    struct servq_reliability rel;
    /* Zone of tolerance, when the instrument has A and D: joint (A, P) and
       (D, P) histograms laid out like joint, and per dimension the
       respondents' mean adequacy and superiority gaps x dim_scale. */
    uint64_t *joint_a, *joint_d;
    struct servq_moments *msa, *mss;
    /* Extra items (NPS, CSAT): counts per value, missing last. */
    uint64_t *extra;
    /* With --weight: weighted sums per item, dimension, overall and group. */
    struct servq_wmoments *w_item, *w_dim, w_all, w_group;
    /* Role groups only: respondents' dimension means of the E (P) ratings
       they gave, x dim_scale, whether or not they gave the other rating. */
    struct servq_hist *role_e, *role_p;
    /* The table's features (feature-priv.h), one state each. */
    void **feat;
};

/*
 * Importance points need not be integers, so shares and weighted scores are
 * rounded to multiples of 2^-40 per respondent; the sums of those integers
 * stay exact, which keeps results independent of row order and sharding.
 */
#define FIXED_SCALE ((int64_t)1 << 40)

struct servq_analysis {
    const struct servq_instrument *ins;
    struct servq_analysis_options opt;
    size_t group_cap;           /* servq_analysis_cap_groups(); 0: none */
    char **by;                  /* owned copies of opt.by */
    struct servq_sink sink;     /* servq_analysis_set_message_fn() */

    struct servq_layout *layout;
    long *by_cols;              /* field index of each --by column */
    struct servq_response resp;

    size_t *extra_off;          /* offset of each extra item's counts */
    size_t extra_len;
    size_t *joint_off;          /* offset of each item's joint histogram */
    size_t joint_len;
    int64_t *dim_scale;         /* lcm(1..items in dimension) */
    int64_t all_scale;          /* lcm(1..dimensions) x lcm(dim scales) */
    /* The divisions of every row, done once: dim_scale[d] / m at
       dim_per[dim_per_off[d] + m - 1], and all_scale / (n x dim_scale[d])
       at all_per[(n - 1) * n_dims + d]. */
    int64_t *dim_per, *all_per;
    size_t *dim_per_off;

    struct group **groups;      /* groups[0] is everyone */
    size_t n_groups, cap_groups;
    size_t *table;              /* open addressing: group index + 1, 0 = empty */
    size_t table_cap;

    /* per-row scratch */
    int64_t *row_gap, *row_e, *row_p;
    int *row_has;
    int64_t *row_share;  /* fixed-point importance shares, or -1 */
    int64_t row_wsq;     /* fixed-point weighted score */
    int row_has_wsq;
    struct servq_reliability_row relrow;
    int64_t *row_msa, *row_mss; /* scaled dimension adequacy/superiority gaps */
    int *row_has_msa, *row_has_mss;
    struct servq_buf keybuf;
    unsigned long long rows;
    /* The earliest and latest date of the rows, as YYYYMMDD; 0 when none has one. */
    long date_first, date_last;

    /* Roles: customers and role-less rows make the ordinary groups; with
       --compare-roles every role also has a hidden group of its own. */
    struct group *role_groups[4];
    uint64_t role_counts[4];
    int64_t *row_ans_e, *row_ans_p;
    int *row_has_ans_e, *row_has_ans_p;

    char *weight_name;          /* owned copy of opt.weight */
    long weight_col;            /* field of the weights, or -1 */
    double row_weight;

    /* What the header offered, kept apart from the layout so an analysis
       rebuilt from a state (which has no header) knows it too. */
    int has_header, has_importance, has_roles;

    /* Per feature: 1 when a merged state lacked it, so its figure is unknown. */
    int *feat_absent;

    cJSON *targets;             /* validated targets, or NULL */
    size_t targets_missed;
};

/* Marginal and difference distributions of one item's joint histogram. */
struct item_dists {
    struct servq_dist e, p, d;
    uint64_t n_e, n_p;
};

/* Scale points of item i (max - min + 1). */
size_t servq_item_points(const struct servq_instrument *ins, size_t i);

/* How many parts a group key has: --by columns, then the period. */
size_t servq_key_parts(const struct servq_analysis *a);

/* The most groups besides everyone: max_groups, or the lower cap. */
size_t servq_group_limit(const struct servq_analysis *a);

/* Appends group g's object to the groups array; ds is scratch. */
enum servq_status servq_group_json(const struct servq_analysis *a, const struct group *g,
                                   cJSON *groups, struct item_dists *ds);

/*
 * Writes {"n", "sum_w", "n_eff", "gap", "se", "ci", "t", "df", "p_t"} and,
 * when with_parts, "mean_e" and "mean_p" into o. Returns SERVQ_ERR_NUMERIC
 * if GSL fails.
 */
enum servq_status servq_wmoments_json(const struct servq_wmoments *m, int with_parts, cJSON *o);

/* Group management shared with state.c. */
struct group *servq_group_new(const struct servq_analysis *a, const char *key, size_t key_len);
void servq_group_free(struct group *g, const struct servq_instrument *ins, size_t n_values);
/* Finds or creates the group whose key is a->keybuf. */
enum servq_status servq_find_group(struct servq_analysis *a, struct group **out);
/* Folds every group's staged rows into its accumulators; see reliability-priv.h. */
enum servq_status servq_analysis_settle(struct servq_analysis *a);
enum servq_status servq_make_role_groups(struct servq_analysis *a);

/* Adds the "roles" comparisons (gap 1, internal view) to root. */
enum servq_status servq_roles_json(const struct servq_analysis *a, cJSON *root,
                                   struct item_dists *ds);

struct servq_json;
/*
 * Checks a servq.targets/1 object t against a's instrument: its keys, that
 * each target is a number, that the ids exist. j (or NULL) is the text t
 * is part of, for the places of keys in messages.
 */
enum servq_status servq_targets_check(const struct servq_analysis *a, const struct servq_json *j,
                                      const cJSON *t, char *err, size_t errlen);

/* Adds "targets" and "targets_missed" to root, judged on everyone's group. */
size_t servq_targets_json(const struct servq_analysis *a, const cJSON *everyone, cJSON *root);
cJSON *servq_options_json(const struct servq_analysis *a);
/* Widens the rows' dates to hold ymd (YYYYMMDD). */
void servq_dates_add(struct servq_analysis *a, long ymd);
/* {"first": "YYYY-MM-DD", "last": ...}, the rows' dates; NULL when no row has one. */
cJSON *servq_dates_json(const struct servq_analysis *a);

#include "analysis/input-warnings-priv.h"

#endif
