/*
 * servq (private): Likert answer text to scale values.
 *
 * Survey tools often export the answer labels ("Strongly agree",
 * "Totalmente de acuerdo (7)") instead of codes. This module maps such
 * text to a value of the item's scale, using built-in agreement,
 * satisfaction and quality dictionaries in English, Spanish, Portuguese
 * and Russian plus entries the user adds. It does no I/O and keeps no
 * global mutable state.
 */
#ifndef SERVQ_LABELS_PRIV_H
#define SERVQ_LABELS_PRIV_H

#include <stddef.h>

/* What an answer text turned out to be. */
enum servq_label_kind {
    SERVQ_LABEL_UNKNOWN = 0,  /* not a recognised answer */
    SERVQ_LABEL_VALUE = 1,    /* *value holds the scale value */
    SERVQ_LABEL_MISSING = 2   /* N/A, don't know, no basis: a missing value */
};

/* Longest label servq_labels_add() accepts, in bytes. */
#define SERVQ_LABEL_MAX 256

struct servq_labels;   /* opaque: built-in dictionaries plus user entries */

/*
 * A table holding the built-in dictionaries and no user entries yet, to
 * free with servq_labels_free().
 */
struct servq_labels *servq_labels_new(void);     /* NULL on allocation failure */
void servq_labels_free(struct servq_labels *t);  /* NULL is a no-op */

/*
 * Add or override a label for scales with `points` points (0 = any scale).
 * value is ignored when kind is SERVQ_LABEL_MISSING. Returns 0, or -1 on
 * allocation failure or an empty/oversized (> 256 bytes) label.
 * User entries take precedence over built-in ones.
 *
 * The label is folded (servq_text_fold()) before it is stored, so it
 * matches answers regardless of case, accents and spacing. Adding a label
 * that already exists for the same `points` replaces its kind and value.
 * On lookup an entry for the exact point count wins over one for any
 * scale. The value of a user entry is used as given: it is not shifted by
 * the scale minimum. Also returns -1 for a NULL table or label, a negative
 * `points` or a kind other than SERVQ_LABEL_VALUE or SERVQ_LABEL_MISSING.
 */
int servq_labels_add(struct servq_labels *t, const char *label, size_t len,
                     int points, enum servq_label_kind kind, int value);

/*
 * Classify the answer text s[0..len) for an item whose scale has `points`
 * points (max - min + 1) and minimum `min`. Built-in agreement dictionaries
 * give values 1..points; they are shifted by (min - 1).
 *
 * Order: user entries, then built-in missing-value words, each tried on
 * the whole text and on the text without a trailing parenthesised part;
 * then a trailing integer code "(N)", returned as written and not range
 * checked; then the built-in dictionaries for 5 or 7 points, on the whole
 * text and without the parenthesised part. In the dictionaries commas are
 * ignored and Russian feminine/plural and Spanish/Portuguese feminine
 * adjectives count as the masculine form. t may be NULL (built-ins only);
 * *value is written only for SERVQ_LABEL_VALUE and value may be NULL.
 * Text folding to more than 1023 bytes is never a label: UNKNOWN.
 */
enum servq_label_kind servq_labels_lookup(const struct servq_labels *t,
                                          const char *s, size_t len,
                                          int points, int min, int *value);

/* Where the built-in dictionaries place an answer, whatever the item's scale. */
struct servq_label_fit {
    int on5, on7; /* a 5-point, a 7-point dictionary has it */
    int level7;   /* its value on the 7-point scale (1..7), or 0 */
};

/*
 * Whether servq_labels_lookup() would read s[0..len) from the built-in
 * agreement, satisfaction or quality dictionaries on a 5- or 7-point
 * scale: not a user entry (for any scale), a missing-value word or a
 * "(N)" code. Lets the importer check that a column's answers come from
 * a scale of the item's size. @returns 1 and fills fit, or 0
 */
int servq_labels_fit(const struct servq_labels *t, const char *s, size_t len,
                     struct servq_label_fit *fit);

/*
 * Fold text for matching into out (cap bytes, NUL-terminated): lowercase
 * ASCII, Latin-1 Supplement/Latin Extended-A letters and Cyrillic; strip
 * accents (á→a, ç→c, ñ→n, ã→a, ü→u ...); ё→е; collapse runs of white space
 * (incl. NBSP U+00A0) to one space; trim; drop a trailing '.'.
 * Returns the folded length, or (size_t)-1 if it does not fit.
 *
 * Also: æ→ae, œ→oe, ß→ss, ĳ→ij; combining accents (U+0300..U+036F, as in
 * decomposed text) are dropped, except that и followed by a combining
 * breve becomes й; typographic apostrophes (U+2018, U+2019, U+02BC,
 * U+00B4) become "'"; zero-width characters, the soft hyphen and the BOM
 * are dropped; the other Unicode space characters count as white space.
 * Bytes that are not valid UTF-8 are copied unchanged. The output is never
 * longer than the input. s may be NULL when len is 0.
 */
size_t servq_text_fold(const char *s, size_t len, char *out, size_t cap);

/*
 * Test support: row i of the built-in tables, so the unit test can prove
 * every row is stored folded and in the form lookups compare against.
 * Dictionary rows have kind SERVQ_LABEL_VALUE and points 5 or 7; missing
 * words have kind SERVQ_LABEL_MISSING, points 0 and value 0.
 * @returns 1 and fills every non-NULL output, or 0 when i is past the end
 */
int servq_labels_builtin(size_t i, const char **label, int *points,
                         enum servq_label_kind *kind, int *value);

/*
 * Test support: row i of the word-form table, which maps a feminine or
 * plural word (form) to the masculine word the dictionaries store
 * (canonical). Both are stored folded.
 * @returns 1 and fills every non-NULL output, or 0 when i is past the end
 */
int servq_labels_builtin_word(size_t i, const char **form,
                              const char **canonical);

#endif
