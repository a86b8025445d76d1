/*
 * Small helpers shared inside libservq.
 */
#include "util-priv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void servq_buf_init(struct servq_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void servq_buf_release(struct servq_buf *b)
{
    free(b->data);
    servq_buf_init(b);
}

void servq_buf_clear(struct servq_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

enum servq_status servq_buf_reserve(struct servq_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > SIZE_MAX - b->len - 1)
        return SERVQ_ERR_NOMEM;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return SERVQ_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (!p)
        return SERVQ_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return SERVQ_OK;
}

enum servq_status servq_buf_add(struct servq_buf *b, const void *p, size_t n)
{
    if (servq_buf_reserve(b, n) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SERVQ_OK;
}

enum servq_status servq_buf_adds(struct servq_buf *b, const char *s)
{
    return servq_buf_add(b, s, strlen(s));
}

enum servq_status servq_buf_addc(struct servq_buf *b, char c)
{
    return servq_buf_add(b, &c, 1);
}

enum servq_status servq_buf_printf(struct servq_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return SERVQ_ERR_ARG;
    if (servq_buf_reserve(b, (size_t)n) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SERVQ_OK;
}

static int csv_needs_quotes(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return 1;
    for (i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return 1;
    return 0;
}

enum servq_status servq_buf_add_csv_field(struct servq_buf *b, const char *s, size_t n)
{
    size_t i;

    if (!csv_needs_quotes(s, n))
        return servq_buf_add(b, s, n);
    if (servq_buf_reserve(b, n + 2) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    b->data[b->len++] = '"';
    for (i = 0; i < n; i++) {
        if (s[i] == '"' && servq_buf_addc(b, '"') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        if (servq_buf_addc(b, s[i]) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    }
    return servq_buf_addc(b, '"');
}

static int looks_like_formula(const char *s, size_t n)
{
    double ignored;

    if (n == 0)
        return 0;
    if (s[0] != '=' && s[0] != '+' && s[0] != '-' && s[0] != '@' && s[0] != '\t' &&
        s[0] != '\r')
        return 0;
    /* A negative number such as -1.5 is data, not a formula. */
    return servq_parse_double(s, n, '.', &ignored) != 0;
}

enum servq_status servq_buf_add_csv_cell(struct servq_buf *b, const char *s, size_t n, int raw)
{
    enum servq_status st;
    char *tmp;

    if (raw || !looks_like_formula(s, n))
        return servq_buf_add_csv_field(b, s, n);
    tmp = malloc(n + 2);
    if (!tmp)
        return SERVQ_ERR_NOMEM;
    tmp[0] = '\'';
    memcpy(tmp + 1, s, n);
    st = servq_buf_add_csv_field(b, tmp, n + 1);
    free(tmp);
    return st;
}

char *servq_buf_steal(struct servq_buf *b)
{
    char *p = b->data;

    if (!p)
        p = calloc(1, 1);
    servq_buf_init(b);
    return p;
}

char *servq_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *servq_strdup(const char *s)
{
    return servq_strndup(s, strlen(s));
}

static int is_space_at(const char *s, size_t n, size_t i, size_t *width)
{
    unsigned char c = (unsigned char)s[i];

    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        *width = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
        *width = 2;
        return 1;
    }
    return 0;
}

const char *servq_trim(const char *s, size_t *n)
{
    size_t w;

    while (*n > 0 && is_space_at(s, *n, 0, &w)) {
        s += w;
        *n -= w;
    }
    while (*n > 0) {
        if (is_space_at(s, *n, *n - 1, &w))
            *n -= 1;
        else if (*n >= 2 && (unsigned char)s[*n - 2] == 0xC2 &&
                 (unsigned char)s[*n - 1] == 0xA0)
            *n -= 2;
        else
            break;
    }
    return s;
}

int servq_parse_int(const char *s, size_t n, long *out)
{
    size_t i = 0;
    int neg = 0;
    long v = 0;

    if (n == 0)
        return -1;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n || s[i] < '0' || s[i] > '9')
        return -1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (v > 100000000L)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    /* "7.0" and "7.00" are integers written by spreadsheets. */
    if (i < n && s[i] == '.') {
        i++;
        if (i == n)
            return -1;
        for (; i < n && s[i] == '0'; i++)
            ;
    }
    if (i != n)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

int servq_parse_double(const char *s, size_t n, char decimal_mark, double *out)
{
    char tmp[128];
    char *end;
    size_t i;
    int digits = 0;
    double v;

    if (n == 0 || n >= sizeof tmp)
        return -1;
    /*
     * Validate the shape ourselves so strtod's locale, hex, inf and nan
     * forms never get a say: [+-]digits[.digits][e[+-]digits].
     */
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            tmp[i] = c;
        } else if (c == decimal_mark) {
            tmp[i] = '.';
        } else if (c == '-' || c == '+' || c == 'e' || c == 'E') {
            tmp[i] = c;
        } else {
            return -1;
        }
    }
    tmp[n] = '\0';
    if (!digits)
        return -1;
    errno = 0;
    v = strtod(tmp, &end);
    if (end != tmp + n || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

void servq_format_double(char *out, size_t cap, double v)
{
    int prec;

    for (prec = 15; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

uint64_t servq_hash64(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL ^ seed;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    /* A final mix so short keys spread over the low bits a table uses. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

int servq_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        size_t len, k;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += len;
    }
    return 1;
}
