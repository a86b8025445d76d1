#ifndef SERVQ_INPUT_WARNINGS_PRIV_H
#define SERVQ_INPUT_WARNINGS_PRIV_H

#include "servq/common.h"
#include "common/util-priv.h"

struct cJSON;

/*
 * What a document says about its input that its reader must be told, from
 * the document itself: the dimensions (and the whole instrument) whose
 * items are on different scales, and the items nobody answered. Appends
 * one line each to out, each ending in '\n'.
 */
enum servq_status servq_input_warnings(const struct cJSON *doc, struct servq_buf *out);

/*
 * Marks doc with what servq_input_warnings finds: "mixed_scales": true on
 * each group's dimensions and overall whose items are on different scales,
 * and the lines in everyone's "warnings".
 */
enum servq_status servq_mark_input(struct cJSON *doc);

#endif
