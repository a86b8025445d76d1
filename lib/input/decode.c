/*
 * The input decoder: bytes of an export in, UTF-8 out.
 *
 * Exports come as UTF-8 (with or without a byte-order mark), as Excel's
 * "Unicode text" (UTF-16 with a BOM), as Windows-1252 from older Windows
 * tools, or in a national encoding such as CP949 that only the user can
 * name. In automatic mode the first SNIFF_MAX bytes decide: a BOM names
 * its encoding; without one, text whose every other byte is zero is
 * UTF-16 (spreadsheets and PowerShell write it so); otherwise text that
 * is valid UTF-8 is UTF-8 and anything else is Windows-1252. A named
 * encoding goes through iconv(3), which needs no locale. Nothing here
 * reads files: bytes are pushed in.
 */
#include "servq/import.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/message-priv.h"
#include "common/util-priv.h"

/* How many bytes automatic detection looks at before it decides. */
#define SNIFF_MAX (64u * 1024u)

enum mode {
    MODE_SNIFF = 0, /* still collecting bytes to decide */
    MODE_UTF8,      /* UTF-8; stray invalid bytes read as Windows-1252 */
    MODE_CP1252,
    MODE_UTF16LE,
    MODE_UTF16BE,
    MODE_ICONV /* a named encoding */
};

struct servq_decoder {
    enum mode mode;
    int automatic;
    char name[64]; /* the encoding chosen, for messages */
    iconv_t cd;
    servq_emit_fn emit;
    void *user;
    struct servq_sink sink;

    struct servq_buf pending; /* undecided or incomplete input bytes */
    struct servq_buf out;     /* UTF-8 produced by one feed */
    unsigned long long lines; /* line ends emitted, for messages */
    unsigned long long stray; /* invalid UTF-8 bytes read as Windows-1252 */
    int warned_surrogate;
};

/* Windows-1252 0x80..0x9F; the five unassigned bytes keep their C1 code. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void say(struct servq_decoder *d, enum servq_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(struct servq_decoder *d, enum servq_level level, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(&d->sink, level, SERVQ_AT_LINE(level == SERVQ_LEVEL_INFO ? 0 : d->lines + 1), fmt,
               ap);
    va_end(ap);
}

static int name_is(const char *a, const char *b)
{
    /* Encoding names compare without case, '-' or '_': "cp-1252" is CP1252. */
    for (;;) {
        while (*a == '-' || *a == '_')
            a++;
        while (*b == '-' || *b == '_')
            b++;
        if (!*a || !*b)
            return *a == *b;
        if ((*a | 0x20) != (*b | 0x20))
            return 0;
        a++;
        b++;
    }
}

enum servq_status servq_decoder_new(const char *encoding, servq_emit_fn emit, void *user,
                                    struct servq_decoder **out)
{
    struct servq_decoder *d;

    if (!emit || !out || (encoding && (!*encoding || strlen(encoding) >= sizeof d->name)))
        return SERVQ_ERR_ARG;
    d = calloc(1, sizeof *d);
    if (!d)
        return SERVQ_ERR_NOMEM;
    d->cd = (iconv_t)-1;
    d->emit = emit;
    d->user = user;
    servq_buf_init(&d->pending);
    servq_buf_init(&d->out);
    if (!encoding || name_is(encoding, "auto")) {
        d->automatic = 1;
        d->mode = MODE_SNIFF;
    } else if (name_is(encoding, "windows1252") || name_is(encoding, "cp1252")) {
        /* Our own table: glibc's CP1252 refuses the five unassigned bytes. */
        d->mode = MODE_CP1252;
        snprintf(d->name, sizeof d->name, "Windows-1252");
    } else {
        d->cd = iconv_open("UTF-8", encoding);
        if (d->cd == (iconv_t)-1) {
            free(d);
            return SERVQ_ERR_ENCODING;
        }
        d->mode = MODE_ICONV;
        snprintf(d->name, sizeof d->name, "%s", encoding);
    }
    *out = d;
    return SERVQ_OK;
}

void servq_decoder_set_message_fn(struct servq_decoder *d, servq_message_fn fn, void *user)
{
    d->sink.fn = fn;
    d->sink.user = user;
}

void servq_decoder_free(struct servq_decoder *d)
{
    if (!d)
        return;
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    servq_buf_release(&d->pending);
    servq_buf_release(&d->out);
    free(d);
}

const char *servq_decoder_encoding(const struct servq_decoder *d)
{
    return d->mode == MODE_SNIFF ? NULL : d->name;
}

static enum servq_status put_cp(struct servq_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return servq_buf_add(b, u, n);
}

static uint32_t cp1252(unsigned char c)
{
    return c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
}

/*
 * Length of the valid UTF-8 sequence at s[0..n): 1..4; 0 when it is
 * invalid; -1 when it may be valid but is cut off by the end of s.
 */
static int utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    int len, k;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0;
    for (k = 1; k < len; k++) {
        if ((size_t)k >= n)
            return -1;
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    }
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

static void count_lines(struct servq_decoder *d, const char *s, size_t n)
{
    const char *e = s + n;

    if (n == 0)
        return;
    while ((s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
        d->lines++;
        s++;
    }
}

/* The end of the run of ASCII bytes from i, eight bytes at a time. */
static size_t ascii_run(const unsigned char *s, size_t n, size_t i)
{
    uint64_t w;

    while (i + 8 <= n) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* UTF-8 passes through; a byte that cannot start valid UTF-8 is Windows-1252. */
static enum servq_status decode_utf8(struct servq_decoder *d, const unsigned char *s, size_t n,
                                     int final, size_t *used)
{
    size_t i = 0, run = 0;
    enum servq_status st;

    while (i < n) {
        int k;
        if (s[i] < 0x80) {
            i = ascii_run(s, n, i + 1);
            continue;
        }
        k = utf8_seq(s + i, n - i);
        if (k > 0) {
            i += (size_t)k;
            continue;
        }
        if (k < 0 && !final)
            break;
        if ((st = servq_buf_add(&d->out, s + run, i - run)) != SERVQ_OK)
            return st;
        count_lines(d, (const char *)s + run, i - run);
        if (d->stray++ == 0)
            say(d, SERVQ_LEVEL_WARNING,
                "byte 0x%02X is not valid UTF-8; read as Windows-1252 (name the "
                "encoding with --encoding if this is wrong)",
                s[i]);
        if ((st = put_cp(&d->out, cp1252(s[i]))) != SERVQ_OK)
            return st;
        run = ++i;
    }
    count_lines(d, (const char *)s + run, i - run);
    *used = i;
    return servq_buf_add(&d->out, s + run, i - run);
}

static enum servq_status decode_cp1252(struct servq_decoder *d, const unsigned char *s, size_t n,
                                       size_t *used)
{
    size_t i;
    enum servq_status st;

    for (i = 0; i < n; i++) {
        if (s[i] == '\n')
            d->lines++;
        if ((st = put_cp(&d->out, cp1252(s[i]))) != SERVQ_OK)
            return st;
    }
    *used = n;
    return SERVQ_OK;
}

static enum servq_status decode_utf16(struct servq_decoder *d, const unsigned char *s, size_t n,
                                      int final, size_t *used)
{
    int be = d->mode == MODE_UTF16BE;
    size_t i = 0;
    enum servq_status st;

    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)s[i] << 8 | s[i + 1] : (uint32_t)s[i + 1] << 8 | s[i];
        size_t step = 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo;
            if (i + 3 >= n && !final)
                break;
            lo = i + 3 < n ? (be ? (uint32_t)s[i + 2] << 8 | s[i + 3]
                                 : (uint32_t)s[i + 3] << 8 | s[i + 2])
                           : 0;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                step = 4;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        if (u == 0xFFFD && !d->warned_surrogate++)
            say(d, SERVQ_LEVEL_WARNING, "an unpaired UTF-16 surrogate became U+FFFD");
        if (u == '\n')
            d->lines++;
        if ((st = put_cp(&d->out, u)) != SERVQ_OK)
            return st;
        i += step;
    }
    if (final && i < n) {
        say(d, SERVQ_LEVEL_ERROR, "the input ends in the middle of a UTF-16 character");
        return SERVQ_ERR_ENCODING;
    }
    *used = i;
    return SERVQ_OK;
}

static enum servq_status decode_iconv(struct servq_decoder *d, const unsigned char *s, size_t n,
                                      int final, size_t *used)
{
    char *in = (char *)s, chunk[4096];
    size_t left = n;
    enum servq_status st;

    while (left > 0) {
        char *o = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(d->cd, &in, &left, &o, &room);
        int err = errno;
        count_lines(d, chunk, (size_t)(o - chunk));
        if ((st = servq_buf_add(&d->out, chunk, (size_t)(o - chunk))) != SERVQ_OK)
            return st;
        if (r != (size_t)-1 || err == E2BIG)
            continue;
        if (err == EINVAL && !final)
            break;
        say(d, SERVQ_LEVEL_ERROR, "%s at byte 0x%02X: not valid %s",
            err == EINVAL ? "the input ends in the middle of a character" : "cannot decode",
            (unsigned char)*in, d->name);
        return SERVQ_ERR_ENCODING;
    }
    *used = n - left;
    return SERVQ_OK;
}

/*
 * UTF-16 without a byte-order mark: text in any script has ASCII
 * delimiters, digits and line ends, whose high byte is zero, while UTF-8
 * and the single-byte encodings have no zero bytes at all. So: at least
 * a quarter of the code units have a zero high byte, and almost none a
 * zero low byte. @returns MODE_UTF16LE, MODE_UTF16BE or MODE_SNIFF.
 */
static enum mode utf16_without_bom(const unsigned char *s, size_t n)
{
    size_t units = n / 2, i, zero_even = 0, zero_odd = 0;

    if (units < 2)
        return MODE_SNIFF;
    for (i = 0; i + 1 < n; i += 2) {
        zero_even += s[i] == 0;
        zero_odd += s[i + 1] == 0;
    }
    if (zero_odd * 4 >= units && zero_even * 20 <= units)
        return MODE_UTF16LE;
    if (zero_even * 4 >= units && zero_odd * 20 <= units)
        return MODE_UTF16BE;
    return MODE_SNIFF;
}

/* Decides the encoding from the sniffed bytes in d->pending. */
static void choose(struct servq_decoder *d, int final)
{
    const unsigned char *s = (const unsigned char *)d->pending.data;
    size_t n = d->pending.len, i = 0, skip = 0;

    /*
     * Only the first SNIFF_MAX bytes decide, however large the first feed:
     * a stray byte further on is a warning in UTF-8 mode, not a reason to
     * read the whole file as Windows-1252.
     */
    if (n > SNIFF_MAX) {
        n = SNIFF_MAX;
        final = 0;
    }

    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        d->mode = MODE_UTF16LE;
        skip = 2;
        snprintf(d->name, sizeof d->name, "UTF-16LE");
    } else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        d->mode = MODE_UTF16BE;
        skip = 2;
        snprintf(d->name, sizeof d->name, "UTF-16BE");
    } else if ((d->mode = utf16_without_bom(s, n)) != MODE_SNIFF) {
        snprintf(d->name, sizeof d->name, "%s", d->mode == MODE_UTF16LE ? "UTF-16LE" : "UTF-16BE");
        say(d, SERVQ_LEVEL_INFO,
            "encoding: %s (no byte-order mark; name another with --encoding if this is wrong)",
            d->name);
        return;
    } else {
        if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
            i = skip = 3;
        while (i < n) {
            int k = utf8_seq(s + i, n - i);
            if (k == 0 || (k < 0 && final))
                break;
            if (k < 0)
                i = n;
            else
                i += (size_t)k;
        }
        d->mode = i >= n ? MODE_UTF8 : MODE_CP1252;
        snprintf(d->name, sizeof d->name, "%s", i >= n ? "UTF-8" : "Windows-1252");
    }
    if (skip) {
        memmove(d->pending.data, d->pending.data + skip, d->pending.len - skip);
        d->pending.len -= skip;
    }
    if (d->mode == MODE_UTF16LE || d->mode == MODE_UTF16BE)
        say(d, SERVQ_LEVEL_INFO, "encoding: %s (byte-order mark)", d->name);
    else if (d->mode == MODE_CP1252)
        say(d, SERVQ_LEVEL_INFO,
            "encoding: Windows-1252 (the input is not valid UTF-8; name another with "
            "--encoding)");
}

/* Decodes what is pending and emits it. */
static enum servq_status drain(struct servq_decoder *d, int final)
{
    const unsigned char *s = (const unsigned char *)d->pending.data;
    size_t n = d->pending.len, used = 0;
    enum servq_status st = SERVQ_OK;

    servq_buf_clear(&d->out);
    if (n == 0)
        return SERVQ_OK;
    switch (d->mode) {
    case MODE_SNIFF:
        return SERVQ_OK;
    case MODE_UTF8:
        st = decode_utf8(d, s, n, final, &used);
        break;
    case MODE_CP1252:
        st = decode_cp1252(d, s, n, &used);
        break;
    case MODE_UTF16LE:
    case MODE_UTF16BE:
        st = decode_utf16(d, s, n, final, &used);
        break;
    case MODE_ICONV:
        st = decode_iconv(d, s, n, final, &used);
        break;
    }
    if (st != SERVQ_OK)
        return st;
    /* Keep only an incomplete character for the next feed. */
    memmove(d->pending.data, d->pending.data + used, n - used);
    d->pending.len = n - used;
    if (d->out.len && d->emit(d->out.data, d->out.len, d->user) != SERVQ_CB_OK)
        return SERVQ_ERR_ABORTED;
    return SERVQ_OK;
}

enum servq_status servq_decoder_feed(struct servq_decoder *d, const void *buf, size_t len)
{
    enum servq_status st;

    if (len == 0)
        return SERVQ_OK;
    if ((st = servq_buf_add(&d->pending, buf, len)) != SERVQ_OK)
        return st;
    if (d->mode == MODE_SNIFF) {
        if (d->pending.len < SNIFF_MAX)
            return SERVQ_OK;
        choose(d, 0);
    }
    return drain(d, 0);
}

enum servq_status servq_decoder_finish(struct servq_decoder *d)
{
    enum servq_status st;

    if (d->mode == MODE_SNIFF)
        choose(d, 1);
    if ((st = drain(d, 1)) != SERVQ_OK)
        return st;
    if (d->mode == MODE_ICONV) {
        /* Flush any shift state of a stateful encoding. */
        char chunk[64], *o = chunk;
        size_t room = sizeof chunk;
        if (iconv(d->cd, NULL, NULL, &o, &room) == (size_t)-1) {
            say(d, SERVQ_LEVEL_ERROR, "the input ends in the middle of a %s character", d->name);
            return SERVQ_ERR_ENCODING;
        }
        if (o > chunk && d->emit(chunk, (size_t)(o - chunk), d->user) != SERVQ_CB_OK)
            return SERVQ_ERR_ABORTED;
    }
    if (d->stray > 1)
        say(d, SERVQ_LEVEL_WARNING,
            "%llu bytes in all were not valid UTF-8 and were read as "
            "Windows-1252",
            d->stray);
    return SERVQ_OK;
}
