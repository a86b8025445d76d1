/*
 * The feature table and the loops over it that the analysis core calls
 * (see feature-priv.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/feature-priv.h"

/* One line per feature. */
const struct servq_feature *const servq_features[] = {
    NULL,
};
const size_t servq_n_features = sizeof servq_features / sizeof servq_features[0] - 1;

void servq_features_free(void **states)
{
    size_t f;

    if (!states)
        return;
    for (f = 0; f < servq_n_features; f++)
        if (states[f])
            servq_features[f]->release(states[f]);
    free(states);
}

enum servq_status servq_features_init(const struct servq_instrument *ins, void ***out)
{
    void **states = calloc(servq_n_features + 1, sizeof *states);
    enum servq_status st = SERVQ_OK;
    size_t f;

    if (!states)
        return SERVQ_ERR_NOMEM;
    for (f = 0; f < servq_n_features && st == SERVQ_OK; f++)
        st = servq_features[f]->init(ins, &states[f]);
    if (st != SERVQ_OK) {
        servq_features_free(states);
        return st;
    }
    *out = states;
    return SERVQ_OK;
}

enum servq_status servq_features_write(void *const *states, const struct servq_instrument *ins,
                                       const int *absent, cJSON *o)
{
    size_t f;
    cJSON *e;

    for (f = 0; f < servq_n_features; f++) {
        if (!states[f] || absent[f])
            continue;
        if (!(e = servq_features[f]->write(states[f], ins)))
            return SERVQ_ERR_NOMEM;
        cJSON_AddItemToObject(o, servq_features[f]->name, e);
    }
    return SERVQ_OK;
}

/* Reads v into a fresh state of feature f and merges that into state. */
static enum servq_status read_one(size_t f, void *state, const struct servq_instrument *ins,
                                  const cJSON *v, const char **why)
{
    const struct servq_feature *ft = servq_features[f];
    void *other = NULL;
    enum servq_status st = ft->init(ins, &other);

    if (st == SERVQ_OK && !other)
        st = SERVQ_ERR_NOMEM;
    if (st == SERVQ_OK)
        st = ft->read(other, ins, v, why);
    if (st == SERVQ_OK)
        ft->merge(state, other, ins);
    if (other)
        ft->release(other);
    return st;
}

enum servq_status servq_features_read(void *const *states, const struct servq_instrument *ins,
                                      const cJSON *v, int *absent, const char **name,
                                      const char **why)
{
    enum servq_status st;
    const cJSON *e;
    size_t f;

    for (f = 0; f < servq_n_features; f++) {
        if (!states[f])
            continue;
        e = cJSON_GetObjectItemCaseSensitive(v, servq_features[f]->name);
        if (!e) {
            absent[f] = 1;
            continue;
        }
        *name = servq_features[f]->name;
        *why = "out of memory";
        if ((st = read_one(f, states[f], ins, e, why)) != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

void servq_features_finish(void *const *states, const struct servq_instrument *ins,
                           const int *absent, cJSON *dims, cJSON *overall)
{
    size_t f;

    for (f = 0; f < servq_n_features; f++)
        if (states[f] && !absent[f])
            servq_features[f]->finish(states[f], ins, dims, overall);
}

cJSON *servq_feature_count_json(uint64_t v)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    return cJSON_CreateString(buf);
}

int servq_feature_get_count(const cJSON *v, uint64_t *out)
{
    const char *s = cJSON_GetStringValue(v);
    unsigned long long x;
    char *end;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    x = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)x;
    return 0;
}
