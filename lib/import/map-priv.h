/*
 * servq (private): the parsed form of a "servq.map/1" document, read by
 * the importer.
 */
#ifndef SERVQ_MAP_PRIV_H
#define SERVQ_MAP_PRIV_H

#include <regex.h>
#include <stddef.h>

#include "input/dialect-priv.h"
#include "servq/import.h"

/* What a map rule assigns its columns to. */
enum servq_map_target {
    SERVQ_MAP_ID = 0,
    SERVQ_MAP_DATE,
    SERVQ_MAP_WEIGHT,
    SERVQ_MAP_ROLE,
    SERVQ_MAP_SEGMENT,
    SERVQ_MAP_MEASURE,
    SERVQ_MAP_IMPORTANCE,
    SERVQ_MAP_EXTRA,
    SERVQ_MAP_IGNORE /* "ignore": neither carried nor mapped by name */
};

/* Most rules and N/A codes one map may hold (labels: servq_map_options). */
#define SERVQ_MAP_MAX_RULES 10000
#define SERVQ_MAP_MAX_NA 100
/* Longest item id a "$1" template may produce, and longest date format. */
#define SERVQ_MAP_MAX_FORMAT SERVQ_DATE_FORMAT_MAX

struct servq_map_rule {
    enum servq_map_target target;
    char *column;    /* exact column name, or NULL */
    char *pattern;   /* the regular expression's text, or NULL */
    regex_t re;      /* compiled when pattern is set */
    char *target_id; /* item (may hold $1..$9), dimension or extra id */
    enum servq_measure measure;
    char *as;     /* a segment's output name, or NULL */
    char *format; /* a date's format ("excel" for serials), or NULL */
    int expanded; /* one column per answer option: the set cell wins */
    int optional; /* a column the file lacks is no error */
    size_t index; /* position in the map, for messages */
};

struct servq_map_label {
    char *text;
    int points; /* 0: any scale */
    int missing;
    int value;
};

struct servq_map {
    char *instrument_path;
    struct servq_instrument *instrument;
    enum servq_dialect dialect;
    char *encoding;
    char delimiter, decimal;
    unsigned header_rows, skip_rows;
    int complete; /* a row with a missing mapped rating is rejected */
    char **na;
    size_t n_na;
    struct servq_map_label *labels;
    size_t n_labels;
    struct servq_map_rule *rules;
    size_t n_rules;
};

/* What a column name that looks like a rating seems to name. */
struct servq_lookalike {
    enum servq_measure measure;
    long number;  /* the first number in the name */
    char id[72];  /* that number with the letters just before it ("q7"), folded */
};

/*
 * Whether a column name looks like a rating that follows none of the
 * naming conventions ("E5x", "Perception7", "exp_5"; see lookalike.c).
 * @returns 1 and fills out, or 0
 */
int servq_column_lookalike(const char *name, struct servq_lookalike *out);

/*
 * A starter map (JSON, to free with free()) for an export whose header is
 * h; see servq_importer_suggest_map().
 */
enum servq_status servq_map_suggest(const struct servq_header *h, enum servq_dialect d,
                                    char **json);

#endif
