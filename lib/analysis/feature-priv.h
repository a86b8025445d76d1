/*
 * The feature table: one entry per statistic accumulated per group. A new
 * statistic is one file (lib/analysis/feature-NAME.c) that defines a
 * struct servq_feature, plus one line in the table in features.c; the
 * analysis core calls every entry at group creation, per row, when a state
 * is written or merged, when results are made, and when the group is freed.
 * docs/hacking.md ("Adding a statistic") has the recipe.
 */
#ifndef SERVQ_FEATURE_PRIV_H
#define SERVQ_FEATURE_PRIV_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "model/instrument-priv.h"
#include "model/responses-priv.h"
#include "servq/common.h"

struct servq_feature {
    /* The feature's key in a group's state object; new keys come after
       the keys of servq.gap-analysis-state/2. */
    const char *name;
    /* A fresh, empty state for one group, in *out; *out stays NULL when
       the feature does not apply to ins (then no other call is made). */
    enum servq_status (*init)(const struct servq_instrument *ins, void **out);
    /* Adds one row's canonical response. Called for every row of every
       group it falls in: it must not allocate. */
    void (*add)(void *state, const struct servq_instrument *ins, const struct servq_response *r);
    /* Adds another group's state of the same feature into state. */
    void (*merge)(void *state, const void *other, const struct servq_instrument *ins);
    /* The state as JSON (exact: merging must give what one pass gives). */
    cJSON *(*write)(const void *state, const struct servq_instrument *ins);
    /* Reads a written state into the empty state; on a malformed value
       returns SERVQ_ERR_SCHEMA with *why saying what is wrong. */
    enum servq_status (*read)(void *state, const struct servq_instrument *ins, const cJSON *v,
                              const char **why);
    /* Appends the figures to the group's dimension objects (an array in
       instrument order) and to its overall object, after their keys. */
    void (*finish)(const void *state, const struct servq_instrument *ins, cJSON *dims,
                   cJSON *overall);
    void (*release)(void *state);
};

/* The table, in the order the features appear in states and documents. */
extern const struct servq_feature *const servq_features[];
extern const size_t servq_n_features;

/* Every feature's state of one group: servq_n_features entries, NULL where a
   feature does not apply. */
enum servq_status servq_features_init(const struct servq_instrument *ins, void ***out);
void servq_features_free(void **states);

/* Per row: a direct call of each feature's add. */
static inline void servq_features_add(void *const *states, const struct servq_instrument *ins,
                                      const struct servq_response *r)
{
    size_t f;

    for (f = 0; f < servq_n_features; f++)
        if (states[f])
            servq_features[f]->add(states[f], ins, r);
}

/* Adds each feature's written state to the group state object o; a feature
   that is absent[] is not written, so it stays unknown where o goes. */
enum servq_status servq_features_write(void *const *states, const struct servq_instrument *ins,
                                       const int *absent, cJSON *o);

/*
 * Merges the features of the group state object v into states. A feature
 * whose key v lacks (a servq.gap-analysis-state/2 state, say) has absent[f]
 * set: its figure is then unknown and left out of the document. On a
 * malformed value returns SERVQ_ERR_SCHEMA or SERVQ_ERR_NOMEM with *name the
 * feature and *why what is wrong.
 */
enum servq_status servq_features_read(void *const *states, const struct servq_instrument *ins,
                                      const cJSON *v, int *absent, const char **name,
                                      const char **why);

/* The figures of every feature that is not absent. */
void servq_features_finish(void *const *states, const struct servq_instrument *ins,
                           const int *absent, cJSON *dims, cJSON *overall);

/* Helpers for features' states: counts as decimal strings, as state.c writes them. */
cJSON *servq_feature_count_json(uint64_t v);
int servq_feature_get_count(const cJSON *v, uint64_t *out);

#endif
