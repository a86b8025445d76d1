/*
 * servq: canonical responses, the format between import and analysis.
 *
 * One header row, one row per respondent, ',' between fields, '.' as the
 * decimal mark, UTF-8. Columns (any order; see servq-formats(5)):
 *   respondent_id, date, weight, role    reserved names
 *   E_<item> P_<item> A_<item> D_<item>  ratings of an instrument item
 *   I_<dimension>                        importance points
 *   X_<extra>                            an extra item (NPS, CSAT, text)
 *   anything else                        a segment, carried verbatim
 */
#ifndef SERVQ_RESPONSES_H
#define SERVQ_RESPONSES_H

#include <stddef.h>

#include "common.h"
#include "instrument.h"
#include "reader.h"

#ifdef __cplusplus
extern "C" {
#endif

struct servq_layout;

/**
 * Maps a canonical header record onto an instrument.
 * @param ins the instrument; borrowed, must outlive the layout
 * @param header the header record
 * @param out receives the layout, to free with servq_layout_free()
 * @param err optional buffer for the reason of a failure
 * @returns SERVQ_OK; SERVQ_ERR_DATA for a duplicate column, a measure the
 *          instrument lacks or an unknown item; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_layout_new(const struct servq_instrument *ins,
                                             const struct servq_record *header,
                                             struct servq_layout **out, char *err,
                                             size_t errlen);

/** @param l the layout; NULL does nothing. */
SERVQ_API void servq_layout_free(struct servq_layout *l);

/** @returns the number of segment columns. */
SERVQ_API size_t servq_layout_segment_count(const struct servq_layout *l);

/** @returns the name of segment column s; owned by l. */
SERVQ_API const char *servq_layout_segment_name(const struct servq_layout *l, size_t s);

/** @returns 1 when the header has a column for measure m of some item. */
SERVQ_API int servq_layout_has_measure(const struct servq_layout *l, enum servq_measure m);

/** @returns 1 when the header has importance columns. */
SERVQ_API int servq_layout_has_importance(const struct servq_layout *l);

/** @returns the field index of a column by name, or -1. */
SERVQ_API long servq_layout_find_column(const struct servq_layout *l, const char *name);

#ifdef __cplusplus
}
#endif

#endif
