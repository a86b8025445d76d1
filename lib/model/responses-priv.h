/*
 * Parsed canonical responses, shared by analysis and scoring.
 */
#ifndef SERVQ_RESPONSES_PRIV_H
#define SERVQ_RESPONSES_PRIV_H

#include <stdint.h>

#include "model/instrument-priv.h"
#include "servq/responses.h"

#define SERVQ_NA INT16_MIN

enum servq_role { SERVQ_ROLE_NONE = 0, SERVQ_ROLE_CUSTOMER, SERVQ_ROLE_MANAGER, SERVQ_ROLE_STAFF };

enum column_kind {
    COL_SEGMENT = 0,
    COL_ID,
    COL_DATE,
    COL_WEIGHT,
    COL_ROLE,
    COL_MEASURE,
    COL_IMPORTANCE,
    COL_EXTRA
};

struct column {
    enum column_kind kind;
    size_t target;           /* item, dimension, extra or segment index */
    enum servq_measure measure;
};

struct servq_layout {
    const struct servq_instrument *ins;
    struct column *cols;
    char **names;             /* every column's name */
    size_t n_cols;
    size_t *segment_cols;     /* field index of each segment */
    size_t n_segments;
    long id_col, date_col, weight_col, role_col;
    int has_measure[SERVQ_MEASURE_COUNT];
    int has_importance;
    /* Field indexes split for parsing: the rating columns (E_, P_, ...),
       nearly every field, are parsed in a loop of their own. */
    struct rating_col {
        size_t field; /* index in the record */
        size_t slot;  /* index in servq_response.v */
        int min, max; /* the item's scale */
    } *ratings;
    size_t n_ratings;
    size_t *other_fields, n_others;
};

/* One respondent, parsed. Arrays are sized by the instrument. */
struct servq_response {
    int16_t *v;          /* SERVQ_MEASURE_COUNT rows of n_items, SERVQ_NA when missing */
    size_t n_items;
    double *importance;  /* n_dims; negative when missing */
    int16_t *extra;      /* n_extras; SERVQ_NA when missing */
    double weight;       /* 1 when there is no weight column */
    enum servq_role role;
    int year, month, day; /* 0 when there is no date */
    const struct servq_field *fields; /* the record, for ids and segments */
};

enum servq_status servq_response_init(struct servq_response *r, const struct servq_instrument *ins);
void servq_response_release(struct servq_response *r);

/*
 * Parses one canonical record. On SERVQ_ERR_DATA, *bad_col is the 0-based
 * field at fault and err says why.
 */
enum servq_status servq_response_parse(const struct servq_layout *l,
                                       const struct servq_record *rec,
                                       struct servq_response *r, size_t *bad_col, char *err,
                                       size_t errlen);

/* Parses YYYY-MM-DD, optionally followed by 'T' or ' ' and a time. */
int servq_parse_date(const char *s, size_t n, int *y, int *m, int *d);

/*
 * Per dimension: how many items the respondent rated on both E and P (m),
 * and the sums of those E and P ratings. Arrays have n_dims entries. For a
 * perception-only instrument, m counts the P ratings and se stays 0.
 */
void servq_response_dimension_sums(const struct servq_instrument *ins,
                                   const struct servq_response *r, size_t *m, int64_t *se,
                                   int64_t *sp);

/* Scaled scores must keep sums of squares inside 128 bits for 1e9 rows. */
#define SERVQ_MAX_SCALE ((int64_t)1 << 40)

/*
 * The integer scales that make scores exact: a respondent's dimension
 * score (a mean of up to n_items gaps) times dim_scale[d], and their overall
 * score (a mean of dimension scores) times all_scale, are integers.
 * @returns SERVQ_OK, or SERVQ_ERR_LIMIT when the instrument's dimensions are
 *          too large for that
 */
enum servq_status servq_score_scales(const struct servq_instrument *ins, int64_t *dim_scale,
                                     int64_t *all_scale);

/* Where servq_response.v keeps the rating of item on measure m. Measures
   are stored whole, so loops over the items of one measure read
   consecutive memory. */
static inline size_t servq_rating_slot(size_t n_items, size_t item, enum servq_measure m)
{
    return (size_t)m * n_items + item;
}

static inline int16_t servq_rating(const struct servq_response *r, size_t item,
                                   enum servq_measure m)
{
    return r->v[servq_rating_slot(r->n_items, item, m)];
}

/* The ratings of measure m, item by item. */
static inline const int16_t *servq_ratings(const struct servq_response *r, enum servq_measure m)
{
    return r->v + servq_rating_slot(r->n_items, 0, m);
}

#endif
