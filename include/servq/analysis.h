/*
 * servq: gap analysis over canonical responses.
 *
 * Records are pushed in (header first); the result is a JSON document
 * ("servq.gap-analysis/1", see servq-formats(5)). Memory grows with
 * groups x items x scale points, never with rows.
 */
#ifndef SERVQ_ANALYSIS_H
#define SERVQ_ANALYSIS_H

#include <stddef.h>

#include "common.h"
#include "instrument.h"
#include "reader.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How responses are grouped in time. */
enum servq_period {
    SERVQ_PERIOD_NONE = 0,
    SERVQ_PERIOD_WEEK,    /**< ISO 8601 week, "2026-W44" */
    SERVQ_PERIOD_MONTH,   /**< "2026-10" */
    SERVQ_PERIOD_QUARTER  /**< "2026-Q4" */
};

/** Where the importance-performance cross-hairs sit. */
enum servq_ipa_center {
    SERVQ_IPA_DATA = 0, /**< at the means over the items */
    SERVQ_IPA_SCALE     /**< at the scale midpoint (or an equal split of points) */
};

/**
 * A Cronbach's alpha below this is weak: the gaps document warns about it,
 * and so does the report.
 */
#define SERVQ_ALPHA_WARN 0.70

#define SERVQ_DEFAULT_MIN_N 5u
#define SERVQ_DEFAULT_MAX_GROUPS 10000u

struct servq_analysis_options {
    const char *const *by; /**< segment columns to group by; copied */
    size_t n_by;
    enum servq_period period;
    unsigned min_n;        /**< groups smaller than this show only n; >= 1 */
    size_t max_groups;     /**< refuse to hold more groups than this */
    enum servq_adjust adjust;
    enum servq_ipa_center ipa_center;
    enum servq_missing missing;
    double significance;   /**< level for "significant" gaps; default 0.05 */
    double inspiring_share;/**< top-box share that makes "exceeding" "inspiring";
                                default 0.5 */
    const char *weight;    /**< column of survey weights, or NULL; copied */
    int compare_roles;     /**< 1: compare managers' E and staff's P with customers' */
};

struct servq_analysis;

/**
 * Fills o with the defaults: no grouping, min_n 5, 10000 groups, Holm
 * adjustment, IPA centred on the data, significance 0.05, inspiring at a
 * top-box share above 0.5.
 */
SERVQ_API void servq_analysis_options_init(struct servq_analysis_options *o);

/**
 * Creates an analysis.
 * @param ins the instrument; borrowed, must outlive the analysis
 * @param o options, or NULL for the defaults
 * @param out receives the analysis, to free with servq_analysis_free()
 * @returns SERVQ_OK, SERVQ_ERR_ARG (bad options), SERVQ_ERR_LIMIT (an
 *          instrument too large for exact arithmetic) or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_analysis_new(const struct servq_instrument *ins,
                                               const struct servq_analysis_options *o,
                                               struct servq_analysis **out);

/** Sets the diagnostics callback; errors about data carry line and column. */
SERVQ_API void servq_analysis_set_message_fn(struct servq_analysis *a, servq_message_fn fn,
                                             void *user);

/**
 * Pushes one record of canonical responses; the first is the header.
 * @returns SERVQ_OK; SERVQ_ERR_DATA for a bad header or value (details
 *          through the message callback); SERVQ_ERR_LIMIT for too many
 *          groups; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_analysis_add(struct servq_analysis *a,
                                               const struct servq_record *rec);

/**
 * Sets quality targets ("servq.targets/1"): minimum values that the
 * everyone group must reach, e.g.
 * {"sq": -0.5, "wsq": -0.5, "dimensions": {"reliability": -1.0},
 *  "items": {"q7": -1.2}, "nps": 20, "csat": 80}.
 * Gaps, indexes, NPS and CSAT are compared with ">=".
 * @param json the targets document; len its length
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA, SERVQ_ERR_INSTRUMENT
 *          (a target names an unknown item or dimension) or SERVQ_ERR_NOMEM;
 *          the reason of a failure goes to the message callback (one
 *          message, no line)
 */
SERVQ_API enum servq_status servq_analysis_set_targets(struct servq_analysis *a,
                                                       const char *json, size_t len);

/** @returns how many targets the last servq_analysis_result() found missed. */
SERVQ_API size_t servq_analysis_targets_missed(const struct servq_analysis *a);

/** @returns the number of respondents added so far. */
SERVQ_API unsigned long long servq_analysis_count(const struct servq_analysis *a);

/**
 * Computes the result.
 * @param json receives the document as NUL-terminated text, to free with
 *             servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_DATA (no header was seen), SERVQ_ERR_NUMERIC
 *          or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_analysis_result(struct servq_analysis *a, char **json);

/** @param a the analysis; NULL does nothing. */
SERVQ_API void servq_analysis_free(struct servq_analysis *a);

/**
 * Writes the accumulators instead of final figures: a state
 * ("servq.gap-analysis-state/2"), one line of JSON carrying the instrument
 * and the options, that servq_analysis_merge_state() can add to another
 * analysis. Integer sums are exact, so merged states finalize to the same
 * document as one pass over all rows, in any order and grouping.
 * @param json receives the state, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_DATA (no header was seen) or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_analysis_state(struct servq_analysis *a, char **json);

/**
 * Adds a state into an analysis made with the same instrument (same
 * fingerprint) and the same options.
 * @returns SERVQ_OK; SERVQ_ERR_JSON (malformed or truncated);
 *          SERVQ_ERR_SCHEMA (another kind or version of document, another
 *          instrument, other options); SERVQ_ERR_LIMIT (more groups than
 *          allowed); SERVQ_ERR_NUMERIC (sums overflow); SERVQ_ERR_NOMEM.
 *          The reason of a failure goes to a's message callback: one
 *          message without a line (the caller knows where the state was).
 */
SERVQ_API enum servq_status servq_analysis_merge_state(struct servq_analysis *a,
                                                       const char *json, size_t len);

/**
 * Caps the number of groups (besides everyone) below what the options
 * allow. A state carries the max_groups it was made with; a program that
 * merges states from elsewhere sets its own bound with this, so that no
 * state can make it hold more.
 * @param max the most groups, at least 1
 * @returns SERVQ_OK; SERVQ_ERR_LIMIT when a already holds more groups;
 *          SERVQ_ERR_ARG for 0
 */
SERVQ_API enum servq_status servq_analysis_cap_groups(struct servq_analysis *a, size_t max);

/**
 * Rebuilds an analysis from a state: its instrument and options, then the
 * state's accumulators.
 * @param ins_out receives the instrument (free it after the analysis)
 * @param out receives the analysis, whose message callback is then fn
 * @param fn receives the reason of a failure, as
 *        servq_analysis_merge_state() gives it; NULL drops it
 * @param user passed to fn
 * @returns as servq_analysis_merge_state(), or SERVQ_ERR_INSTRUMENT
 */
SERVQ_API enum servq_status servq_analysis_from_state(const char *json, size_t len,
                                                      struct servq_instrument **ins_out,
                                                      struct servq_analysis **out,
                                                      servq_message_fn fn, void *user);

/**
 * Renders a gap-analysis document as a text table for people, at most 80
 * columns wide.
 * @param json the document; len its length
 * @param lang language for item and dimension names ("en", "es", ...)
 * @param out receives the text, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_gaps_render_text(const char *json, size_t len,
                                                   const char *lang, char **out);

/**
 * Flattens a gap-analysis document into CSV for spreadsheets: one row per
 * group and item, dimension or overall figure set. Cells from data that a
 * spreadsheet would run as formulas are neutralised unless raw is 1.
 * @param out receives the text, to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_gaps_render_csv(const char *json, size_t len, int raw,
                                                  char **out);

/**
 * What a command should warn about a gap-analysis document's input: each
 * dimension (and the whole instrument) whose items are on different scales
 * and so are averaged as they are, and the items nobody answered (usually
 * a column renamed in the export). The document carries the same lines in
 * everyone's "warnings".
 * @param out receives one line per warning, each ending in a newline, or
 *        "" when there is nothing to say; to free with servq_free()
 * @returns SERVQ_OK, SERVQ_ERR_JSON, SERVQ_ERR_SCHEMA or SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_gaps_warnings(const char *json, size_t len,
                                                  char **out);

#ifdef __cplusplus
}
#endif

#endif
