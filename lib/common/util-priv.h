/*
 * Small helpers shared inside libservq: growable buffers, strict number
 * parsing that never looks at the locale, hashing.
 */
#ifndef SERVQ_UTIL_PRIV_H
#define SERVQ_UTIL_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "servq/common.h"

#define SERVQ_TRY(expr)                  \
    do {                                 \
        enum servq_status try_st_ = (expr); \
        if (try_st_ != SERVQ_OK) {       \
            st = try_st_;                \
            goto cleanup;                \
        }                                \
    } while (0)

/* Exact integer arithmetic wide enough for sums of squared scaled scores. */
__extension__ typedef __int128 servq_i128;

/* A growable byte buffer, always NUL-terminated when non-empty. */
struct servq_buf {
    char *data;
    size_t len;
    size_t cap;
};

void servq_buf_init(struct servq_buf *b);
void servq_buf_release(struct servq_buf *b);
void servq_buf_clear(struct servq_buf *b);
/* Makes room for extra more bytes and the terminating NUL. */
enum servq_status servq_buf_reserve(struct servq_buf *b, size_t extra);
enum servq_status servq_buf_adds(struct servq_buf *b, const char *s);

/*
 * Appending is on the hot path of import (every output cell), so the
 * common case, when the bytes fit, is inline; only growing is a call.
 * cap >= len + 1 whenever data is set, and cap == len == 0 when not, so
 * cap - len never wraps.
 */
static inline enum servq_status servq_buf_add(struct servq_buf *b, const void *p, size_t n)
{
    if (n >= b->cap - b->len && servq_buf_reserve(b, n) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SERVQ_OK;
}

static inline enum servq_status servq_buf_addc(struct servq_buf *b, char c)
{
    if (b->cap - b->len < 2 && servq_buf_reserve(b, 1) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return SERVQ_OK;
}

enum servq_status servq_buf_printf(struct servq_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s as one CSV field, quoted only when it must be. */
enum servq_status servq_buf_add_csv_field(struct servq_buf *b, const char *s, size_t n);
/*
 * Like servq_buf_add_csv_field, but a field that a spreadsheet would run as
 * a formula (leading = + - @ TAB CR) is prefixed with a single quote, as
 * OWASP advises, unless it is a plain number.
 */
enum servq_status servq_buf_add_csv_cell_any(struct servq_buf *b, const char *s, size_t n,
                                             int raw);

/* servq_buf_add_csv_cell_any, with a one-digit cell (a rating) inline. */
static inline enum servq_status servq_buf_add_csv_cell(struct servq_buf *b, const char *s,
                                                       size_t n, int raw)
{
    if (n == 1 && s[0] >= '0' && s[0] <= '9' && b->cap - b->len >= 2) {
        b->data[b->len++] = s[0];
        b->data[b->len] = '\0';
        return SERVQ_OK;
    }
    return servq_buf_add_csv_cell_any(b, s, n, raw);
}
/* Moves the contents out (caller frees with free()); b is left empty. */
char *servq_buf_steal(struct servq_buf *b);

/* Turns control bytes (line breaks, tabs...) into spaces: a message stays one line. */
void servq_one_line(char *s);

char *servq_strndup(const char *s, size_t n);
char *servq_strdup(const char *s);

struct cJSON;
/*
 * Whether v is a JSON number that is whole and within [lo, hi], so that
 * casting it to an integer type holding that range is defined.
 */
int servq_json_whole(const struct cJSON *v, double lo, double hi);

/* Trims ASCII white space (and NBSP) from both ends of s[0..*n). */
const char *servq_trim_any(const char *s, size_t *n);

/*
 * servq_trim_any, with the common case inline: both ends printable ASCII,
 * so neither white space nor an NBSP (0xC2 0xA0) is there to trim.
 */
static inline const char *servq_trim(const char *s, size_t *n)
{
    if (*n > 0 && (unsigned char)s[0] - 0x21u < 0x5Fu &&
        (unsigned char)s[*n - 1] - 0x21u < 0x5Fu)
        return s;
    return servq_trim_any(s, n);
}

/*
 * Parses a whole field as a decimal integer (optional sign, digits, then
 * optionally ".0..." zeros). Returns 0 on success, -1 otherwise.
 */
int servq_parse_int_any(const char *s, size_t n, long *out);

/* servq_parse_int_any, with the one-digit Likert answer inline. */
static inline int servq_parse_int(const char *s, size_t n, long *out)
{
    if (n == 1 && s[0] >= '0' && s[0] <= '9') {
        *out = s[0] - '0';
        return 0;
    }
    return servq_parse_int_any(s, n, out);
}

/*
 * Parses a whole field as a finite decimal number with '.' (or the given
 * decimal mark) and no thousands separators; rejects empty, junk, inf, nan,
 * hex and out-of-range values. Returns 0 on success, -1 otherwise.
 */
int servq_parse_double(const char *s, size_t n, char decimal_mark, double *out);

/*
 * Formats a finite double so it reads back identically ("%.17g"
 * shortened), with "." whatever the locale.
 */
void servq_format_double(char *out, size_t cap, double v);

/* "%.*f" of v with "." whatever the locale. */
void servq_format_fixed(char *out, size_t cap, double v, int decimals);

uint64_t servq_hash64(const void *p, size_t n, uint64_t seed);

/*
 * Finds the first repeated name among names[0..n), skipping NULLs: the
 * smallest *second whose name an earlier *first has too. A hash table,
 * as a header may have 100 000 columns.
 * @returns 1 when found, 0 when all differ, -1 when out of memory
 */
int servq_find_duplicate(const char *const *names, size_t n, size_t *first, size_t *second);

/* True when s[0..n) is valid UTF-8. */
int servq_utf8_valid(const char *s, size_t n);

/*
 * cJSON_Print (formatted) or cJSON_PrintUnformatted of item, with numbers
 * in the C locale's form whatever the thread's locale.
 * @returns the text (cJSON_free()), or NULL
 */
char *servq_json_print(const struct cJSON *item, int formatted);

/*
 * cJSON_ParseWithLengthOpts(text, len, end, 0), reading numbers in the C
 * locale's form whatever the thread's locale.
 */
struct cJSON *servq_cjson_parse(const char *text, size_t len, const char **end);

/*
 * Writes s[0..n) for a one-line message into out (cap bytes): at most max
 * bytes of it, cut on a character boundary and followed by "..." when
 * longer; control bytes, DEL and bytes that are not valid UTF-8 as \xNN,
 * so that a NUL, a line break or a broken byte sequence in a cell shows
 * as what it is instead of cutting or garbling the message.
 * @returns out
 */
const char *servq_show_cell(const char *s, size_t n, size_t max, char *out, size_t cap);

/*
 * Says why root is not a document of schema want: "a servq.x/2 document,
 * not servq.x/1", or "not a servq.x/1 document: no \"schema\"".
 */
void servq_schema_error(const struct cJSON *root, const char *want, char *err, size_t errlen);

#endif
