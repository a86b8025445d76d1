/*
 * Unit tests for lib/input/decode.c: UTF-8 with and without a byte-order
 * mark, UTF-16LE and BE with one, Windows-1252 by name and by detection,
 * invalid UTF-8 after the detection window, and an iconv encoding with
 * shift states. Each input goes through the decoder whole and in feeds
 * of 1, 2, 3, 5, 7 and 4096 bytes: a character cut by a feed boundary
 * must come out whole, so every feed size gives the same text.
 *
 * Automatic detection waits for 64 KiB before it decides (or for the end
 * of the input), so the long inputs here are longer than that: their
 * tails are decoded feed by feed, not all at once at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/import.h"
#include "tap.h"
#include "testlib.h"

/* Past the decoder's 64 KiB detection window. */
#define PAST_WINDOW (70u * 1024u)

static const size_t steps[] = {1, 2, 3, 5, 7, 4096, (size_t)-1};

/* What the decoder said: how many messages of each level, the first warning. */
struct heard {
    int info, warning, error;
    unsigned long long warning_line, info_line;
    char first_warning[256], last[256];
};

static void hear(const struct servq_message *m, void *user)
{
    struct heard *h = user;

    if (m->level == SERVQ_LEVEL_INFO) {
        h->info++;
        h->info_line = m->line;
    } else if (m->level == SERVQ_LEVEL_WARNING) {
        if (h->warning++ == 0) {
            h->warning_line = m->line;
            snprintf(h->first_warning, sizeof h->first_warning, "%s", m->text);
        }
    } else {
        h->error++;
    }
    snprintf(h->last, sizeof h->last, "%s", m->text);
}

static int collect(const char *s, size_t n, void *user)
{
    return text_add(user, s, n) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

struct run {
    enum servq_status st;
    struct text out;
    struct heard heard;
    char encoding[64];
};

/* Decodes in[0..n) by feeds of step bytes ((size_t)-1: one feed). */
static void run(const char *enc, const void *in, size_t n, size_t step, struct run *r)
{
    struct servq_decoder *d = NULL;
    const char *bytes = in;
    size_t i;

    free(r->out.data);
    memset(r, 0, sizeof *r);
    text_add(&r->out, "", 0);
    if ((r->st = servq_decoder_new(enc, collect, &r->out, &d)) != SERVQ_OK)
        return;
    servq_decoder_set_message_fn(d, hear, &r->heard);
    for (i = 0; i < n && r->st == SERVQ_OK; i += step)
        r->st = servq_decoder_feed(d, bytes + i, n - i < step ? n - i : step);
    if (r->st == SERVQ_OK)
        r->st = servq_decoder_finish(d);
    snprintf(r->encoding, sizeof r->encoding, "%s",
             servq_decoder_encoding(d) ? servq_decoder_encoding(d) : "(none)");
    servq_decoder_free(d);
}

/* Where two texts first differ, for a TAP comment. */
static void show_difference(const struct text *got, const char *want, size_t want_len)
{
    size_t i = 0;

    while (i < got->len && i < want_len && got->data[i] == want[i])
        i++;
    printf("#   %zu bytes, want %zu; first difference at byte %zu\n", got->len, want_len, i);
}

/*
 * Decodes in with every feed size; passes when each gives want and the
 * encoding named, with the given number of warnings.
 */
static void check_all_steps(const char *what, const char *enc, const void *in, size_t n,
                            const char *want, size_t want_len, const char *want_encoding,
                            int want_warnings)
{
    struct run r = {0};
    size_t k;
    int good = 1;

    for (k = 0; k < sizeof steps / sizeof steps[0] && good; k++) {
        run(enc, in, n, steps[k], &r);
        if (r.st != SERVQ_OK || r.out.len != want_len || memcmp(r.out.data, want, want_len) != 0 ||
            strcmp(r.encoding, want_encoding) != 0 || r.heard.warning != want_warnings) {
            printf("# %s, feeds of %zu: %s, %s, %d warnings\n", what, steps[k],
                   servq_strerror(r.st), r.encoding, r.heard.warning);
            show_difference(&r.out, want, want_len);
            good = 0;
        }
    }
    ok(good, "%s: the same text (%s) at every feed size", what, want_encoding);
    free(r.out.data);
}

/* Appends n copies of s (len bytes) to t. */
static void repeat(struct text *t, const char *s, size_t len, size_t n)
{
    while (n-- > 0)
        text_add(t, s, len);
}

/* One row in UTF-8: "São,€,😀" (U+00E3, U+20AC, U+1F600: 2, 3 and 4 bytes). */
static const char row_utf8[] = "S\xC3\xA3o,\xE2\x82\xAC,\xF0\x9F\x98\x80\n";
/* The same row in UTF-16LE: U+1F600 is the surrogate pair D83D DE00. */
static const char row_utf16le[] = "S\0\xE3\0o\0,\0\xAC\x20,\0\x3D\xD8\x00\xDE\n\0";
static const char row_utf16be[] = "\0S\0\xE3\0o\0,\x20\xAC\0,\xD8\x3D\xDE\x00\0\n";

static void test_utf8(void)
{
    static const char bom[] = "\xEF\xBB\xBF";
    struct text with_bom = {0}, without = {0};
    size_t rows = PAST_WINDOW / (sizeof row_utf8 - 1);

    text_add(&with_bom, bom, 3);
    text_add(&with_bom, row_utf8, sizeof row_utf8 - 1);
    check_all_steps("one UTF-8 row with a BOM", NULL, with_bom.data, with_bom.len, row_utf8,
                    sizeof row_utf8 - 1, "UTF-8", 0);
    check_all_steps("one UTF-8 row without a BOM", NULL, row_utf8, sizeof row_utf8 - 1, row_utf8,
                    sizeof row_utf8 - 1, "UTF-8", 0);
    repeat(&with_bom, row_utf8, sizeof row_utf8 - 1, rows);
    repeat(&without, row_utf8, sizeof row_utf8 - 1, rows + 1);
    check_all_steps("70 KiB of UTF-8 with a BOM", NULL, with_bom.data, with_bom.len, without.data,
                    without.len, "UTF-8", 0);
    check_all_steps("70 KiB of UTF-8 without a BOM", "auto", without.data, without.len,
                    without.data, without.len, "UTF-8", 0);
    free(with_bom.data);
    free(without.data);
}

static void test_utf16(void)
{
    struct text le = {0}, be = {0}, want = {0};
    size_t rows = PAST_WINDOW / (sizeof row_utf16le - 1) + 1;
    struct run r = {0};

    text_add(&le, "\xFF\xFE", 2);
    text_add(&be, "\xFE\xFF", 2);
    repeat(&le, row_utf16le, sizeof row_utf16le - 1, rows);
    repeat(&be, row_utf16be, sizeof row_utf16be - 1, rows);
    repeat(&want, row_utf8, sizeof row_utf8 - 1, rows);
    check_all_steps("70 KiB of UTF-16LE with a BOM", NULL, le.data, le.len, want.data, want.len,
                    "UTF-16LE", 0);
    check_all_steps("70 KiB of UTF-16BE with a BOM", NULL, be.data, be.len, want.data, want.len,
                    "UTF-16BE", 0);
    run(NULL, le.data, le.len, 4096, &r);
    ok(r.heard.info == 1 && r.heard.info_line == 0 &&
           strcmp(r.heard.last, "encoding: UTF-16LE (byte-order mark)") == 0,
       "UTF-16 by its BOM is said once, as information without a line");

    /*
     * Unpaired surrogates: D800 followed by 'A', then a lone DC00. Each
     * becomes U+FFFD (EF BF BD) and 'A' stays; one warning says so.
     */
    run(NULL, "\xFF\xFE\x00\xD8\x41\x00\x00\xDC\n\0", 10, 1, &r);
    ok(r.st == SERVQ_OK &&
           strcmp(r.out.data, "\xEF\xBF\xBD"
                              "A"
                              "\xEF\xBF\xBD\n") == 0 &&
           r.heard.warning == 1,
       "unpaired UTF-16 surrogates become U+FFFD, with one warning");
    /* A high surrogate as the last unit has nothing to pair with: U+FFFD. */
    run(NULL,
        "\xFF\xFE"
        "a\0\x3D\xD8",
        6, 1, &r);
    ok(r.st == SERVQ_OK && strcmp(r.out.data, "a\xEF\xBF\xBD") == 0,
       "a surrogate pair cut by the end of the input ends in U+FFFD");
    /* An odd byte at the end is half a code unit: an error, after 70 KiB too. */
    text_add(&le, "x", 1);
    run(NULL, le.data, le.len, 7, &r);
    ok(r.st == SERVQ_ERR_ENCODING && r.heard.error == 1,
       "UTF-16 that ends in half a code unit is an error (%s)", servq_strerror(r.st));
    free(r.out.data);
    free(le.data);
    free(be.data);
    free(want.data);
}

/*
 * Windows-1252 by name, against the code chart: 0x80 U+20AC, 0x85 U+2026,
 * 0x8A U+0160, 0x93 U+201C, 0x99 U+2122, 0x9F U+0178; the five bytes the
 * chart leaves unassigned (0x81 0x8D 0x8F 0x90 0x9D) keep their C1 code
 * points; 0xA0..0xFF are Latin-1 (U+00A0, U+00E9, U+00FF).
 */
static void test_cp1252(void)
{
    static const char in[] = "\x80\x85\x8A\x93\x99\x9F|\x81\x8D\x8F\x90\x9D|\xA0\xE9\xFF\n";
    static const char want[] = "\xE2\x82\xAC"
                               "\xE2\x80\xA6"
                               "\xC5\xA0"
                               "\xE2\x80\x9C"
                               "\xE2\x84\xA2"
                               "\xC5\xB8|"
                               "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D|"
                               "\xC2\xA0\xC3\xA9\xC3\xBF\n";
    struct run r = {0};

    check_all_steps("Windows-1252 named 'windows-1252'", "windows-1252", in, sizeof in - 1, want,
                    sizeof want - 1, "Windows-1252", 0);
    check_all_steps("Windows-1252 named 'CP_1252'", "CP_1252", in, sizeof in - 1, want,
                    sizeof want - 1, "Windows-1252", 0);
    /* Not valid UTF-8 in the first 64 KiB: detection reads the whole input as Windows-1252. */
    check_all_steps("'caf\\xE9' detected", NULL, "caf\xE9\n", 5, "caf\xC3\xA9\n", 6, "Windows-1252",
                    0);
    run(NULL, "caf\xE9\n", 5, 1, &r);
    ok(r.heard.info == 1 && strstr(r.heard.last, "Windows-1252") != NULL,
       "detected Windows-1252 is said as information");
    free(r.out.data);
}

/*
 * After 70 KiB of valid UTF-8, the mode is UTF-8 and each invalid byte is
 * read as Windows-1252 on its own, by hand:
 *   C3 '('     C3 needs a continuation byte: C3 -> U+00C3 (C3 83), '(' stays
 *   C0 AF      C0 never starts UTF-8 (overlong): U+00C0 (C3 80), U+00AF (C2 AF)
 *   ED A0 80   a surrogate: U+00ED (C3 AD), U+00A0 (C2 A0), U+20AC (E2 82 AC)
 *   E2 82      cut by the end of the input: U+00E2 (C3 A2), U+201A (E2 80 9A)
 * That is 1 + 2 + 3 + 2 = 8 bytes; the first is on line 7001.
 */
static void test_invalid_utf8(void)
{
    static const char tail[] = "x\xC3(\n\xC0\xAF\n\xED\xA0\x80\n\xE2\x82";
    static const char tail_read[] = "x\xC3\x83(\n"
                                    "\xC3\x80\xC2\xAF\n"
                                    "\xC3\xAD\xC2\xA0\xE2\x82\xAC\n"
                                    "\xC3\xA2\xE2\x80\x9A";
    struct text in = {0}, want = {0};
    struct run r = {0};
    size_t k;
    int lines_right = 1;

    repeat(&in, "r,1234567\n", 10, 7000);
    repeat(&want, "r,1234567\n", 10, 7000);
    text_add(&in, tail, sizeof tail - 1);
    text_add(&want, tail_read, sizeof tail_read - 1);
    check_all_steps("invalid UTF-8 after 70 KiB", NULL, in.data, in.len, want.data, want.len,
                    "UTF-8", 2);
    for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        run(NULL, in.data, in.len, steps[k], &r);
        if (r.heard.warning_line != 7001 ||
            strstr(r.heard.first_warning, "byte 0xC3 is not valid UTF-8") == NULL) {
            printf("# feeds of %zu: line %llu: %s\n", steps[k], r.heard.warning_line,
                   r.heard.first_warning);
            lines_right = 0;
        }
    }
    ok(lines_right, "the first invalid byte is named, on line 7001, at every feed size");
    is_str(r.heard.last, "8 bytes in all were not valid UTF-8 and were read as Windows-1252",
           "the end counts every invalid byte");
    free(r.out.data);
    free(in.data);
    free(want.data);
}

/*
 * ISO-2022-JP through iconv: ESC $ B switches to JIS X 0208, where 0x467C
 * is U+65E5 (E6 97 A5) and 0x4B5C U+672C (E6 9C AC); ESC ( B back to ASCII.
 */
static void test_iconv(void)
{
    static const char jis[] = "\x1B$BF|K\\\x1B(B\n";
    static const char want[] = "\xE6\x97\xA5\xE6\x9C\xAC\n";
    struct run r = {0};

    check_all_steps("ISO-2022-JP", "ISO-2022-JP", jis, sizeof jis - 1, want, sizeof want - 1,
                    "ISO-2022-JP", 0);
    run("ISO-2022-JP", "\x1B$BF", 4, 1, &r);
    ok(r.st == SERVQ_ERR_ENCODING && r.heard.error == 1 &&
           strstr(r.heard.last, "the input ends in the middle of a character") != NULL,
       "a named encoding cut in the middle of a character is an error (%s)", r.heard.last);
    free(r.out.data);
}

static int refuse(const char *s, size_t n, void *user)
{
    (void)s;
    (void)n;
    (void)user;
    return SERVQ_CB_ABORT;
}

static void test_api(void)
{
    char long_name[65];
    struct servq_decoder *d = NULL;
    struct text big = {0};
    struct run r = {0};

    memset(long_name, 'x', 64);
    long_name[64] = '\0';
    is_int(servq_decoder_new(NULL, NULL, NULL, &d), SERVQ_ERR_ARG, "no emit callback");
    is_int(servq_decoder_new("", collect, NULL, &d), SERVQ_ERR_ARG, "an empty encoding name");
    is_int(servq_decoder_new(long_name, collect, NULL, &d), SERVQ_ERR_ARG,
           "a 64-byte encoding name");
    long_name[63] = '\0';
    is_int(servq_decoder_new(long_name, collect, NULL, &d), SERVQ_ERR_ENCODING,
           "a 63-byte name iconv does not know");

    if (servq_decoder_new("AUTO", collect, &r.out, &d) == SERVQ_OK) {
        ok(servq_decoder_feed(d, "id,E1\n", 6) == SERVQ_OK && servq_decoder_encoding(d) == NULL &&
               r.out.len == 0,
           "'AUTO' detects: nothing is decided or emitted before 64 KiB or the end");
        ok(servq_decoder_feed(d, "x", 0) == SERVQ_OK && servq_decoder_finish(d) == SERVQ_OK &&
               strcmp(servq_decoder_encoding(d), "UTF-8") == 0 && r.out.len == 6,
           "an empty feed changes nothing; the end decides UTF-8 and emits the 6 bytes");
        servq_decoder_free(d);
    } else {
        skip(2, "servq_decoder_new failed");
    }
    servq_decoder_free(NULL);

    repeat(&big, "r,1\n", 4, PAST_WINDOW / 4);
    if (servq_decoder_new(NULL, refuse, NULL, &d) == SERVQ_OK) {
        is_int(servq_decoder_feed(d, big.data, big.len), SERVQ_ERR_ABORTED,
               "a feed whose text the callback refuses is SERVQ_ERR_ABORTED");
        servq_decoder_free(d);
    }
    if (servq_decoder_new(NULL, refuse, NULL, &d) == SERVQ_OK) {
        ok(servq_decoder_feed(d, "a\n", 2) == SERVQ_OK &&
               servq_decoder_finish(d) == SERVQ_ERR_ABORTED,
           "so is the end, when the text is emitted only then");
        servq_decoder_free(d);
    }
    run(NULL, "", 0, 1, &r);
    ok(r.st == SERVQ_OK && r.out.len == 0 && strcmp(r.encoding, "UTF-8") == 0 &&
           r.heard.info + r.heard.warning + r.heard.error == 0,
       "no input: UTF-8, no text, nothing said");
    free(r.out.data);
    free(big.data);
}

int main(void)
{
    test_utf8();
    test_utf16();
    test_cp1252();
    test_invalid_utf8();
    test_iconv();
    test_api();
    return tap_done();
}
