/*
 * servq: the instrument, i.e. what a survey measures.
 *
 * An instrument names items (each in one dimension, on an integer scale,
 * possibly reverse-worded), the dimensions, and which measures exist.
 * It is loaded from JSON ("servq.instrument/1", see servq-instrument(5)).
 */
#ifndef SERVQ_INSTRUMENT_H
#define SERVQ_INSTRUMENT_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The ratings one item can carry. */
enum servq_measure {
    SERVQ_MEASURE_E = 0, /**< expectation */
    SERVQ_MEASURE_P,     /**< perception */
    SERVQ_MEASURE_A,     /**< adequate service (low end of tolerance) */
    SERVQ_MEASURE_D,     /**< desired service (high end of tolerance) */
    SERVQ_MEASURE_COUNT
};

/** Kinds of extra items, which are not part of the gap model. */
enum servq_extra_kind {
    SERVQ_EXTRA_NPS = 0, /**< 0-10 likelihood to recommend */
    SERVQ_EXTRA_CSAT,    /**< satisfaction on its own scale */
    SERVQ_EXTRA_TEXT     /**< free text, carried but never scored */
};

/** Limits on what an instrument may declare. */
#define SERVQ_MAX_ITEMS 1000
#define SERVQ_MAX_DIMENSIONS 100
#define SERVQ_MAX_SCALE_POINTS 101
#define SERVQ_MAX_ID_LEN 64

struct servq_instrument;

/**
 * Parses an instrument from JSON text.
 * @param json the text (need not be NUL-terminated)
 * @param len its length in bytes
 * @param out receives the new instrument, to free with
 *            servq_instrument_free(); untouched on failure
 * @param err optional buffer for a one-line reason on failure
 * @param errlen size of err
 * @returns SERVQ_OK; SERVQ_ERR_JSON (not JSON, or JSON that servq
 *          refuses: bytes that are not UTF-8, a NUL, a key twice in one
 *          object, data after the document); SERVQ_ERR_SCHEMA (another
 *          "schema"); SERVQ_ERR_INSTRUMENT (does not make sense, or a key
 *          the format does not have);
 *          SERVQ_ERR_LIMIT (too many items, dimensions or extras);
 *          SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_instrument_parse(const char *json, size_t len,
                                                   struct servq_instrument **out,
                                                   char *err, size_t errlen);

/**
 * Builds the built-in SERVQUAL-22 instrument (RATER dimensions, 1-7).
 * @param out receives it, to free with servq_instrument_free()
 * @returns SERVQ_OK or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_instrument_default(struct servq_instrument **out);

/** @param ins the instrument; NULL does nothing. */
SERVQ_API void servq_instrument_free(struct servq_instrument *ins);

/** @returns the instrument's id, e.g. "servqual22"; owned by ins. */
SERVQ_API const char *servq_instrument_id(const struct servq_instrument *ins);
/**
 * The instrument's name in lang ("en", "es", "pt", "ru", or a locale such
 * as "es_ES.UTF-8"), falling back to English, then to the id.
 * @returns a string owned by ins
 */
SERVQ_API const char *servq_instrument_name(const struct servq_instrument *ins, const char *lang);

/**
 * A 64-bit fingerprint of everything that shapes an analysis (ids, scales,
 * dimensions, measures, reverse flags), as 16 lowercase hex digits. Two
 * instruments with the same fingerprint produce mergeable states.
 * @returns a string owned by ins
 */
SERVQ_API const char *servq_instrument_fingerprint(const struct servq_instrument *ins);

SERVQ_API size_t servq_instrument_item_count(const struct servq_instrument *ins);
SERVQ_API size_t servq_instrument_dimension_count(const struct servq_instrument *ins);
SERVQ_API size_t servq_instrument_extra_count(const struct servq_instrument *ins);

/** @returns the item's id; owned by ins. i must be < item_count. */
SERVQ_API const char *servq_instrument_item_id(const struct servq_instrument *ins, size_t i);
/** @returns the index of the item's dimension. */
SERVQ_API size_t servq_instrument_item_dimension(const struct servq_instrument *ins, size_t i);
SERVQ_API int servq_instrument_item_min(const struct servq_instrument *ins, size_t i);
SERVQ_API int servq_instrument_item_max(const struct servq_instrument *ins, size_t i);
/** @returns 1 when the item is reverse-worded and import recodes it. */
SERVQ_API int servq_instrument_item_reverse(const struct servq_instrument *ins, size_t i);
/**
 * The item's short label in lang ("en", "es", "pt", "ru"), falling back to
 * English, then to the id. @returns a string owned by ins.
 */
SERVQ_API const char *servq_instrument_item_label(const struct servq_instrument *ins,
                                                  size_t i, const char *lang);
/** The item's full statement in lang, with the same fallbacks. */
SERVQ_API const char *servq_instrument_item_text(const struct servq_instrument *ins,
                                                 size_t i, const char *lang);
/** @returns the index of the item with that id, or -1. */
SERVQ_API long servq_instrument_find_item(const struct servq_instrument *ins, const char *id);

SERVQ_API const char *servq_instrument_dimension_id(const struct servq_instrument *ins, size_t d);
/** The dimension's name in lang, falling back to English, then the id. */
SERVQ_API const char *servq_instrument_dimension_name(const struct servq_instrument *ins,
                                                      size_t d, const char *lang);
/** @returns the number of items in dimension d. */
SERVQ_API size_t servq_instrument_dimension_size(const struct servq_instrument *ins, size_t d);
/** @returns the index of the dimension with that id, or -1. */
SERVQ_API long servq_instrument_find_dimension(const struct servq_instrument *ins,
                                               const char *id);

/** @returns 1 when the instrument declares measure m. */
SERVQ_API int servq_instrument_has_measure(const struct servq_instrument *ins,
                                           enum servq_measure m);
/** @returns 1 when respondents split importance points across dimensions. */
SERVQ_API int servq_instrument_has_importance(const struct servq_instrument *ins);

SERVQ_API const char *servq_instrument_extra_id(const struct servq_instrument *ins, size_t x);
SERVQ_API enum servq_extra_kind servq_instrument_extra_kind(const struct servq_instrument *ins,
                                                            size_t x);
SERVQ_API int servq_instrument_extra_min(const struct servq_instrument *ins, size_t x);
SERVQ_API int servq_instrument_extra_max(const struct servq_instrument *ins, size_t x);
/** @returns the index of the extra item with that id, or -1. */
SERVQ_API long servq_instrument_find_extra(const struct servq_instrument *ins, const char *id);

/** @returns the one-letter column prefix of a measure: "E", "P", "A", "D". */
SERVQ_API const char *servq_measure_name(enum servq_measure m);

#ifdef __cplusplus
}
#endif

#endif
