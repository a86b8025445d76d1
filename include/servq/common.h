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

/** What servq gap-analysis writes: the document, or a rendering of it. */
enum servq_gaps_format { SERVQ_GAPS_JSON = 0, SERVQ_GAPS_TEXT, SERVQ_GAPS_CSV };

/**
 * The words servq accepts for each choice, in one table per vocabulary
 * (lib/common/vocab.c): option parsing, the documents servq writes, the
 * states it reads back and --help all use them, so a word is spelled once.
 * A word's value is the enumerator it names (enum servq_adjust,
 * servq_missing, servq_period, servq_ipa_center, the languages, enum
 * servq_report_format, servq_score_format, servq_gaps_format and
 * servq_import_format).
 */
enum servq_vocab {
    SERVQ_VOCAB_ADJUST = 0,    /**< holm bh none */
    SERVQ_VOCAB_MISSING,       /**< listwise pairwise */
    SERVQ_VOCAB_PERIOD,        /**< week month quarter (from SERVQ_PERIOD_WEEK) */
    SERVQ_VOCAB_IPA_CENTER,    /**< data scale */
    SERVQ_VOCAB_LANG,          /**< en es pt ru */
    SERVQ_VOCAB_GAPS_FORMAT,   /**< json text csv */
    SERVQ_VOCAB_REPORT_FORMAT, /**< text markdown html (and md) */
    SERVQ_VOCAB_SCORE_FORMAT,  /**< csv jsonl */
    SERVQ_VOCAB_IMPORT_FORMAT, /**< auto csv sav (and zsav) */
    SERVQ_VOCAB_COUNT
};

/** The value word names in v (exact, case-sensitive), or -1. */
SERVQ_API int servq_vocab_value(enum servq_vocab v, const char *word);

/** The word for value in v (its first spelling), or NULL. */
SERVQ_API const char *servq_vocab_word(enum servq_vocab v, int value);

/**
 * The words of v, without aliases, joined for people: sep between them and
 * last before the last one ("holm, bh or none" with ", " and " or ").
 * Writes at most cap bytes, always NUL-terminated when cap > 0.
 * @returns the length the whole list needs, as snprintf does
 */
SERVQ_API size_t servq_vocab_list(enum servq_vocab v, const char *sep, const char *last,
                                  char *buf, size_t cap);

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
