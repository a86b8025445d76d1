/*
 * Small helpers shared inside libservq.
 */
#include "common/util-priv.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <float.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
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

enum servq_status servq_buf_adds(struct servq_buf *b, const char *s)
{
    return servq_buf_add(b, s, strlen(s));
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

/* Bytes that force a CSV field into quotes: , " LF CR. */
static const unsigned char csv_special[256] = {
    ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

static int csv_needs_quotes(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return 1;
    for (i = 0; i < n; i++)
        if (csv_special[(unsigned char)s[i]])
            return 1;
    return 0;
}

/* Any field: quoted, with quotes doubled, when it must be. */
static __attribute__((noinline)) enum servq_status add_csv_field_any(struct servq_buf *b,
                                                                     const char *s, size_t n)
{
    size_t i;

    if (!csv_needs_quotes(s, n))
        return servq_buf_add(b, s, n);
    /* Worst case: every byte a doubled quote, plus the two around. */
    if (n > (SIZE_MAX - 2) / 2 || servq_buf_reserve(b, 2 * n + 2) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    b->data[b->len++] = '"';
    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            b->data[b->len++] = '"';
        b->data[b->len++] = s[i];
    }
    b->data[b->len++] = '"';
    b->data[b->len] = '\0';
    return SERVQ_OK;
}

enum servq_status servq_buf_add_csv_field(struct servq_buf *b, const char *s, size_t n)
{
    size_t i;

    /*
     * The common case, a short field that fits and needs no quotes, in one
     * pass that copies while it checks; a special byte sends the field to
     * the general path, which rewrites from b->len.
     */
    if (n > 0 && n < b->cap - b->len && s[0] != ' ' && s[n - 1] != ' ') {
        char *d = b->data + b->len;
        for (i = 0; i < n && !csv_special[(unsigned char)s[i]]; i++)
            d[i] = s[i];
        if (i == n) {
            d[n] = '\0';
            b->len += n;
            return SERVQ_OK;
        }
    }
    return add_csv_field_any(b, s, n);
}

/* Bytes that start a spreadsheet formula: = + - @ TAB CR. */
static const unsigned char formula_start[256] = {
    ['='] = 1, ['+'] = 1, ['-'] = 1, ['@'] = 1, ['\t'] = 1, ['\r'] = 1,
};

static int looks_like_formula(const char *s, size_t n)
{
    double ignored;

    if (n == 0 || !formula_start[(unsigned char)s[0]])
        return 0;
    /* A negative number such as -1.5 is data, not a formula. */
    return servq_parse_double(s, n, '.', &ignored) != 0;
}

enum servq_status servq_buf_add_csv_cell_any(struct servq_buf *b, const char *s, size_t n,
                                             int raw)
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

void servq_one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

char *servq_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return NULL;
    if (n) /* s may be NULL when n is 0, as an empty cJSON key is */
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int servq_json_whole(const struct cJSON *v, double lo, double hi)
{
    return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
           v->valuedouble == floor(v->valuedouble);
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

const char *servq_trim_any(const char *s, size_t *n)
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

int servq_parse_int_any(const char *s, size_t n, long *out)
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

/*
 * The exact fast path for plain decimals ([+-]digits[.digits], at most 15
 * digits): the digits as an integer m < 2^53 and 10^k are both exact
 * doubles, so m / 10^k is one correctly rounded division, the very value
 * strtod returns (Clinger 1990). Only where double arithmetic is not done
 * in a wider format. @returns 0 with *out set, or -1 for "use strtod".
 */
static int parse_plain_decimal(const char *s, size_t n, char decimal_mark, double *out)
{
#if FLT_EVAL_METHOD == 0
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
    uint64_t m = 0;
    size_t i = 0, digits = 0, frac = 0;
    int neg = 0, point = 0;
    double v;

    if (n > 16 || (decimal_mark != '.' && decimal_mark != ','))
        return -1;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    for (; i < n; i++) {
        unsigned d = (unsigned char)s[i] - (unsigned)'0';
        if (d <= 9) {
            m = m * 10 + d;
            digits++;
            frac += (size_t)point;
        } else if (s[i] == decimal_mark && !point) {
            point = 1;
        } else {
            return -1;
        }
    }
    if (digits == 0 || digits > 15)
        return -1;
    /* m / 1 is m: a whole number needs no division. */
    v = frac ? (double)m / pow10[frac] : (double)m;
    *out = neg ? -v : v;
    return 0;
#else
    (void)s;
    (void)n;
    (void)decimal_mark;
    (void)out;
    return -1;
#endif
}

/*
 * The decimal mark printf writes and strtod reads in the calling thread's
 * locale (LC_NUMERIC): "." in C, "," in de_DE, two bytes in some locales.
 * Numbers go through printf and strtod with this mark swapped for ".", so
 * what servq writes and reads never depends on the locale, and nothing
 * needs to switch the locale to get there.
 */
static const char *locale_point(void)
{
    const char *p = nl_langinfo(RADIXCHAR);

    return p && *p && strlen(p) < 8 ? p : ".";
}

/* Replaces the first locale decimal mark in s (printf's output) by ".". */
static void to_point(char *s)
{
    const char *mark = locale_point();
    size_t len = strlen(mark);
    char *at;

    if (strcmp(mark, ".") == 0 || !(at = strstr(s, mark)))
        return;
    *at = '.';
    memmove(at + 1, at + len, strlen(at + len) + 1);
}

int servq_parse_double(const char *s, size_t n, char decimal_mark, double *out)
{
    char tmp[136];
    const char *mark;
    char *end;
    size_t i, o = 0, mark_len;
    int digits = 0;
    double v;

    if (parse_plain_decimal(s, n, decimal_mark, out) == 0)
        return 0;
    if (n == 0 || n >= 128)
        return -1;
    mark = locale_point();
    mark_len = strlen(mark);
    /*
     * Validate the shape ourselves so strtod's locale, hex, inf and nan
     * forms never get a say: [+-]digits[.digits][e[+-]digits]. The decimal
     * mark becomes the locale's, which is the one strtod reads.
     */
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            tmp[o++] = c;
        } else if (c == decimal_mark) {
            memcpy(tmp + o, mark, mark_len);
            o += mark_len;
        } else if (c == '-' || c == '+' || c == 'e' || c == 'E') {
            tmp[o++] = c;
        } else {
            return -1;
        }
    }
    tmp[o] = '\0';
    if (!digits)
        return -1;
    errno = 0;
    v = strtod(tmp, &end);
    if (end != tmp + o || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

void servq_format_double(char *out, size_t cap, double v)
{
    char tmp[48];
    double back;
    int prec;

    /*
     * Whole numbers below 10^15 print as "%.15g" prints them, all digits
     * and no exponent, and read back exactly: write them directly. -0 is
     * left to printf.
     */
    if (fabs(v) < 1e15 && cap > 0) {
        int64_t iv = (int64_t)v;
        if ((double)iv == v && (iv != 0 || !signbit(v))) {
            uint64_t u = iv < 0 ? (uint64_t)0 - (uint64_t)iv : (uint64_t)iv;
            size_t k = sizeof tmp, len;
            do {
                tmp[--k] = (char)('0' + u % 10);
                u /= 10;
            } while (u);
            if (iv < 0)
                tmp[--k] = '-';
            len = sizeof tmp - k;
            if (len > cap - 1)
                len = cap - 1;
            memcpy(out, tmp + k, len);
            out[len] = '\0';
            return;
        }
    }
    for (prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        to_point(tmp);
        if (prec == 17 || (servq_parse_double(tmp, strlen(tmp), '.', &back) == 0 && back == v))
            break;
    }
    snprintf(out, cap, "%s", tmp);
}

void servq_format_fixed(char *out, size_t cap, double v, int decimals)
{
    char tmp[352];

    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    to_point(tmp);
    snprintf(out, cap, "%s", tmp);
}

/*
 * cJSON prints numbers with sprintf and reads them with strtod, swapping
 * only a one-byte decimal mark; around its calls the thread uses the C
 * locale (uselocale changes the calling thread alone, and is put back).
 */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    /* glibc returns its built-in C locale here: this cannot fail. */
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t enter_c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void leave_c_locale(locale_t old)
{
    if (old)
        uselocale(old);
}

char *servq_json_print(const cJSON *item, int formatted)
{
    locale_t old = enter_c_locale();
    char *text = formatted ? cJSON_Print(item) : cJSON_PrintUnformatted(item);

    leave_c_locale(old);
    return text;
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

cJSON *servq_cjson_parse(const char *text, size_t len, const char **end)
{
    locale_t old = enter_c_locale();
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, 0);

    leave_c_locale(old);
    return root;
}

/* Appends c to out as \xNN; @returns the new length. */
static size_t show_hex(char *out, size_t o, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";

    out[o++] = '\\';
    out[o++] = 'x';
    out[o++] = hex[c >> 4];
    out[o++] = hex[c & 15];
    return o;
}

const char *servq_show_cell(const char *s, size_t n, size_t max, char *out, size_t cap)
{
    size_t i = 0, o = 0, k;

    if (cap == 0)
        return out;
    /* Room for the longest step (4 bytes or \xNN), "..." and the NUL. */
    while (i < n && i < max && o + 8 < cap) {
        unsigned char c = (unsigned char)s[i];
        k = 1;
        if (c >= 0x80) {
            for (k = 2; k <= 4 && !servq_utf8_valid(s + i, k <= n - i ? k : n - i); k++)
                ;
            if (k > 4 || k > n - i)
                k = 0;
        }
        if (k == 0 || c < 0x20 || c == 0x7F) {
            o = show_hex(out, o, c);
            i++;
            continue;
        }
        if (i + k > max)
            break;
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

void servq_schema_error(const cJSON *root, const char *want, char *err, size_t errlen)
{
    const cJSON *schema =
        cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "schema") : NULL;
    char shown[96];

    if (!err || !errlen)
        return;
    if (cJSON_IsString(schema))
        snprintf(err, errlen, "a %s document, not %s",
                 servq_show_cell(schema->valuestring, strlen(schema->valuestring), 64, shown,
                                 sizeof shown),
                 want);
    else
        snprintf(err, errlen, "not a %s document: no \"schema\"", want);
}

int servq_find_duplicate(const char *const *names, size_t n, size_t *first, size_t *second)
{
    size_t cap = 16, i, s, *slots;
    int found = 0;

    while (cap < 2 * n)
        cap *= 2;
    slots = malloc(cap * sizeof *slots);
    if (!slots)
        return -1;
    /* Open addressing over index + 1; 0 is an empty slot. */
    memset(slots, 0, cap * sizeof *slots);
    for (i = 0; i < n && !found; i++) {
        if (!names[i])
            continue;
        s = (size_t)servq_hash64(names[i], strlen(names[i]), 0) & (cap - 1);
        while (slots[s] && strcmp(names[slots[s] - 1], names[i]) != 0)
            s = (s + 1) & (cap - 1);
        if (slots[s]) {
            *first = slots[s] - 1;
            *second = i;
            found = 1;
        } else {
            slots[s] = i + 1;
        }
    }
    free(slots);
    return found;
}
