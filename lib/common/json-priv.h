/*
 * Strict JSON: the one way libservq reads JSON text (instruments, maps,
 * targets, import statistics, gap-analysis documents, states), so that
 * every input is held to the same rules and its messages point at the
 * place in the file. cJSON does the parsing; a pre-pass over the text
 * checks what cJSON lets through and notes where each object key starts,
 * since cJSON keeps no positions.
 */
#ifndef SERVQ_JSON_PRIV_H
#define SERVQ_JSON_PRIV_H

#include <stddef.h>

#include "servq/common.h"

struct cJSON;

/* A loaded JSON text: its tree and the place of every object key. */
struct servq_json {
    struct cJSON *root; /* owned: cJSON_Delete() by servq_json_release() */
    const char *text;   /* borrowed from the caller of servq_json_load() */
    size_t len;
    size_t *keys; /* byte offset of each key's opening quote, in document order */
    size_t n_keys;
    unsigned long long line0; /* where text starts in its input: the line, */
    unsigned long column0;    /* and the column, both from 1 */
    int one_line;  /* SERVQ_JSON_ONE_LINE */
    int malformed; /* the failure was cJSON's: the text breaks off or is not JSON */
};

/*
 * The text is one record of a stream (a state): on its first line a place
 * is "column C", as the reader of the stream names the line.
 */
#define SERVQ_JSON_ONE_LINE 1u

/*
 * Parses text[0..len) and checks it against the rules every JSON input of
 * servq follows, beyond what cJSON checks: the whole text is valid UTF-8;
 * no NUL byte is anywhere and no string holds \u0000 (cJSON would cut the
 * string there); nothing but white space follows the document; outside
 * strings only JSON's white space (space, tab, line feed, carriage return)
 * separates tokens; no object has the same key twice (cJSON would take the
 * first, jq and Python the last). On failure err holds "line L: column C:
 * why" (one line) for the first problem in the text.
 *
 * text must stay valid and unchanged until servq_json_release(), as the
 * places of keys are looked up in it.
 * @param flags 0 or SERVQ_JSON_ONE_LINE
 * @returns SERVQ_OK, SERVQ_ERR_JSON or SERVQ_ERR_NOMEM; j needs
 *          servq_json_release() either way
 */
enum servq_status servq_json_load(struct servq_json *j, const char *text, size_t len,
                                  unsigned flags, char *err, size_t errlen);

/*
 * servq_json_load() of a text that starts at line line0, column column0 of
 * its input (one of several documents one after another): every place in
 * err and from servq_json_where() is a place in that input.
 */
enum servq_status servq_json_load_at(struct servq_json *j, const char *text, size_t len,
                                     unsigned long long line0, unsigned long column0,
                                     unsigned flags, char *err, size_t errlen);

/* Frees the tree and the key table; j may be zeroed or released already. */
void servq_json_release(struct servq_json *j);

/* Takes the tree out of j (the caller frees it with cJSON_Delete()). */
struct cJSON *servq_json_steal(struct servq_json *j);

/*
 * The place of the key of member (an item of an object of j's tree) for a
 * message: "line L: column C: ", "column C: " (SERVQ_JSON_ONE_LINE, first
 * line), or "" when j is NULL or member is not a key of j's tree.
 * @returns buf
 */
const char *servq_json_where(const struct servq_json *j, const struct cJSON *member, char *buf,
                             size_t cap);

/*
 * Checks that every key of obj is in known (a NULL-terminated list). At
 * the first that is not, writes to msg "<place><prefix>unknown key "K" in
 * <what>", followed by "; did you mean "X"?" when a known key X is close
 * (servq_nearest()). prefix may be NULL. obj need not be an object.
 * @returns the member with the unknown key, or NULL when there is none
 */
const struct cJSON *servq_json_check_keys(const struct servq_json *j, const struct cJSON *obj,
                                          const char *const *known, const char *prefix,
                                          const char *what, char *msg, size_t cap);

/*
 * The optimal-string-alignment distance (Damerau-Levenshtein where no
 * substring is edited twice) between a[0..na) and b[0..nb), in bytes: the
 * fewest insertions, deletions, substitutions and swaps of two adjacent
 * bytes that turn a into b. Work is bounded: once the distance is known to
 * exceed max, max + 1 is returned.
 * @returns the distance, at most max + 1; (size_t)-1 when out of memory
 */
size_t servq_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t max);

/* servq_nearest() is public: include/servq/common.h. */

/*
 * Line and column (both from 1; the column counts UTF-8 characters, and a
 * byte-order mark at the start none) of byte off of text[0..len).
 */
void servq_json_position(const char *text, size_t len, size_t off, unsigned long long *line,
                         unsigned long *column);

#endif
