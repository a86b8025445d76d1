/*
 * servq: shared definitions for every public header.
 */
#ifndef SERVQ_COMMON_H
#define SERVQ_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SERVQ_BUILDING_LIBRARY) && defined(__GNUC__)
#define SERVQ_API __attribute__((visibility("default")))
#else
#define SERVQ_API
#endif

/** Status of every library call that can fail; SERVQ_OK is 0. */
enum servq_status {
    SERVQ_OK = 0,
    SERVQ_ERR_NOMEM,      /**< an allocation failed */
    SERVQ_ERR_ARG,        /**< invalid argument or option */
    SERVQ_ERR_CSV,        /**< malformed CSV (e.g. unterminated quote) */
    SERVQ_ERR_JSON,       /**< malformed JSON */
    SERVQ_ERR_INSTRUMENT, /**< instrument or map does not make sense */
    SERVQ_ERR_DATA,       /**< a value or row cannot be used */
    SERVQ_ERR_LIMIT,      /**< a configured size limit was exceeded */
    SERVQ_ERR_NUMERIC,    /**< a numeric routine failed */
    SERVQ_ERR_SCHEMA,     /**< a document of another kind or version */
    SERVQ_ERR_ENCODING,   /**< the text cannot be decoded */
    SERVQ_ERR_ABORTED     /**< a callback asked to stop */
};

/** Callbacks return one of these. */
enum servq_cb_result { SERVQ_CB_OK = 0, SERVQ_CB_ABORT = 1 };

/**
 * A short, static, lowercase description of a status.
 * @returns a string that must not be freed; never NULL.
 */
SERVQ_API const char *servq_strerror(enum servq_status status);

/** @returns the library version as "MAJOR.MINOR.PATCH"; static. */
SERVQ_API const char *servq_version(void);

/**
 * Frees memory that a servq function returned (strings, documents).
 * @param p the pointer; NULL does nothing.
 */
SERVQ_API void servq_free(void *p);

/**
 * The entry of cands nearest to word, if it is close enough to be what
 * word meant, for a "did you mean" in a message: the same but for the
 * case of ASCII letters; else at most 1 edit (optimal string alignment:
 * insert, delete, replace or swap two adjacent bytes) from a candidate of
 * up to 3 bytes, 2 from one of up to 6, 3 from a longer one, and fewer
 * edits than the candidate has bytes. Ties go to the earlier candidate.
 * @param cands NULL-terminated
 * @returns a candidate, or NULL
 */
SERVQ_API const char *servq_nearest(const char *word, const char *const *cands);

/** Severity of a diagnostic message. */
enum servq_level { SERVQ_LEVEL_ERROR = 0, SERVQ_LEVEL_WARNING, SERVQ_LEVEL_INFO };

/**
 * Which configurable size limit an error is about, so that a program can
 * say how its user raises it; see docs/limits.md.
 */
enum servq_limit {
    SERVQ_LIMIT_NONE = 0,
    SERVQ_LIMIT_FIELD_BYTES,  /**< servq_reader_options.max_field */
    SERVQ_LIMIT_RECORD_BYTES, /**< servq_reader_options.max_record */
    SERVQ_LIMIT_COLUMNS,      /**< servq_reader_options.max_fields */
    SERVQ_LIMIT_GROUPS,       /**< servq_analysis_options.max_groups */
    SERVQ_LIMIT_LABELS        /**< servq_map_options.max_labels */
};

/*
 * Two choices the statistics themselves take (servq/analysis.h passes them
 * on): they live here so that lib/stats needs no analysis header.
 */

/** Multiple-testing adjustment across the items of a group. */
enum servq_adjust {
    SERVQ_ADJUST_HOLM = 0, /**< Holm (the default), as R p.adjust "holm" */
    SERVQ_ADJUST_BH,       /**< Benjamini-Hochberg, as R p.adjust "BH" */
    SERVQ_ADJUST_NONE
};

/** Which respondents reliability uses. */
enum servq_missing {
    SERVQ_MISSING_LISTWISE = 0, /**< those with every item of the scale (SPSS, psych on na.omit) */
    SERVQ_MISSING_PAIRWISE      /**< pairwise covariances, as psych::alpha(x) */
};

/**
 * A diagnostic. line is the 1-based physical line of the input the message
 * is about, or 0 when it is about no line in particular; column is the
 * 1-based field number, or 0. text is valid only during the callback.
 * limit names the limit an error is about, or SERVQ_LIMIT_NONE.
 */
struct servq_message {
    enum servq_level level;
    unsigned long long line;
    unsigned long column;
    const char *text;
    enum servq_limit limit;
};

/** Receives diagnostics; the library never writes to stderr itself. */
typedef void (*servq_message_fn)(const struct servq_message *msg, void *user);

#ifdef __cplusplus
}
#endif

#endif
