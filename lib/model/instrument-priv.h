/*
 * Instrument internals shared inside libservq.
 */
#ifndef SERVQ_INSTRUMENT_PRIV_H
#define SERVQ_INSTRUMENT_PRIV_H

#include "servq/instrument.h"

/* The languages servq speaks; wording in others is ignored. */
enum servq_lang { SERVQ_LANG_EN = 0, SERVQ_LANG_ES, SERVQ_LANG_PT, SERVQ_LANG_RU, SERVQ_LANG_COUNT };

struct servq_i18n {
    char *text[SERVQ_LANG_COUNT];
};

struct servq_item {
    char *id;
    size_t dim;
    int min, max;
    int reverse;
    struct servq_i18n label, text;
};

struct servq_dimension {
    char *id;
    size_t n_items;
    struct servq_i18n name;
};

struct servq_extra {
    char *id;
    enum servq_extra_kind kind;
    int min, max;
    struct servq_i18n label;
};

struct servq_instrument {
    char *id;
    char fingerprint[17];
    struct servq_i18n name;
    int measures[SERVQ_MEASURE_COUNT];
    int importance;
    struct servq_item *items;
    size_t n_items;
    struct servq_dimension *dims;
    size_t n_dims;
    struct servq_extra *extras;
    size_t n_extras;
};

struct cJSON;
struct servq_json;

/*
 * servq_instrument_parse() for an instrument that is part of a loaded JSON
 * text (a map's embedded instrument, a state's): root is its object in j's
 * tree, so that messages give places in that text. prefix, when not NULL,
 * starts every message after the place ("embedded instrument: ").
 */
enum servq_status servq_instrument_from_json(const struct servq_json *j, const struct cJSON *root,
                                             const char *prefix, struct servq_instrument **out,
                                             char *err, size_t errlen);

/* Maps "en", "es", "pt", "pt-BR", "ru_RU.UTF-8" ... to a language; -1 if none. */
int servq_lang_from_code(const char *code);

/* The text in lang, else English, else fallback. */
const char *servq_i18n_get(const struct servq_i18n *t, const char *lang, const char *fallback);

/*
 * The instrument as "servq.instrument/1" JSON that parses back to the same
 * fingerprint (states carry it so merge needs no -i). NULL on failure.
 */
struct cJSON *servq_instrument_to_cjson(const struct servq_instrument *ins);

/* The built-in instrument's JSON, generated from samples/instruments/servqual22.json. */
extern const char servq_builtin_instrument_json[];
extern const size_t servq_builtin_instrument_json_len;

/*
 * The instrument as gap-analysis and score documents name it: id,
 * fingerprint, names, dimensions and items with their scales and labels.
 * @returns a new cJSON object for the caller to delete (or to add to a
 *          document); NULL when out of memory
 */
struct cJSON;
struct cJSON *servq_instrument_json(const struct servq_instrument *ins);

/* An item servq import --suggest-map guessed: its id and the column's text, or NULL. */
struct servq_draft_item {
    const char *id;
    const char *label;
};

/*
 * A servq.instrument/1 document to start from: the guessed items on a 1-7
 * scale in one dimension "all", each labelled with up to 96 bytes of its
 * column's text (whole UTF-8 characters), else its id.
 * @returns a new cJSON object for the caller to delete; NULL when out of memory
 */
struct cJSON *servq_instrument_draft_json(const struct servq_draft_item *items, size_t n);

#endif
