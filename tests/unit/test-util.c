/*
 * Unit tests for lib/common/util.c: strict, locale-free number parsing, number
 * formatting, CSV field writing and UTF-8 validation.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "common/util-priv.h"

static void int_ok(const char *s, long want)
{
    long v = -424242;
    int r = servq_parse_int(s, strlen(s), &v);

    if (!ok(r == 0 && v == want, "parse_int accepts '%s' as %ld", s, want))
        printf("#   got return %d, value %ld\n", r, v);
}

static void int_bad(const char *s)
{
    long v = -424242;
    int r = servq_parse_int(s, strlen(s), &v);

    if (!ok(r != 0 && v == -424242, "parse_int rejects '%s' and leaves *out alone", s))
        printf("#   got return %d, value %ld\n", r, v);
}

static void double_ok(const char *s, char mark, double want)
{
    double v = -424242;
    int r = servq_parse_double(s, strlen(s), mark, &v);

    if (!ok(r == 0 && v == want, "parse_double('%s', '%c') is %.17g", s, mark, want))
        printf("#   got return %d, value %.17g\n", r, v);
}

static void double_bad(const char *s, char mark)
{
    double v = -424242;
    int r = servq_parse_double(s, strlen(s), mark, &v);

    if (!ok(r != 0 && v == -424242, "parse_double rejects '%s' with mark '%c'", s, mark))
        printf("#   got return %d, value %.17g\n", r, v);
}

static void test_parse_int(void)
{
    long v = 0;

    int_ok("7", 7);
    int_ok("-3", -3);
    int_ok("+2", 2);
    int_ok("0", 0);
    int_ok("-0", 0);
    int_ok("007", 7);
    int_ok("7.0", 7);
    int_ok("7.00", 7);
    int_ok("-3.000", -3);
    int_ok("100", 100);

    int_bad("");
    int_bad(" 7");
    int_bad("7 ");
    int_bad("7.5");
    int_bad("7.01");
    int_bad("7.");
    int_bad(".0");
    int_bad("1e1");
    int_bad("0x7");
    int_bad("seven");
    int_bad("-");
    int_bad("+");
    int_bad("--1");
    int_bad("+-1");
    int_bad("7,0");
    int_bad("1 000");
    int_bad("\xC2\xA0" "7");
    int_bad("12345678901234567890");
    int_bad("99999999999999999999999999999999999999");
    int_bad("-99999999999999999999");
    int_bad("9223372036854775808");

    /* Only the first n bytes count: "7" out of "75". */
    ok(servq_parse_int("75", 1, &v) == 0 && v == 7, "parse_int honours n");
    ok(servq_parse_int("7x", 1, &v) == 0 && v == 7, "parse_int ignores bytes after n");
}

static void test_parse_double(void)
{
    double_ok("1.5", '.', 1.5);
    double_ok("-0.25", '.', -0.25);
    double_ok("+2", '.', 2);
    double_ok("1e3", '.', 1000);
    double_ok("1E-2", '.', 0.01);
    double_ok("2.5e+1", '.', 25);
    double_ok("0", '.', 0);
    double_ok("0.1", '.', 0.1);
    double_ok("3,5", ',', 3.5);
    double_ok("-0,125", ',', -0.125);
    double_ok("42", ',', 42);
    double_ok("1e308", '.', 1e308);

    double_bad("", '.');
    double_bad("1.5.2", '.');
    double_bad("inf", '.');
    double_bad("-inf", '.');
    double_bad("infinity", '.');
    double_bad("nan", '.');
    double_bad("NaN", '.');
    double_bad("1e400", '.');
    double_bad("-1e400", '.');
    double_bad("0x10", '.');
    double_bad("0X1p3", '.');
    double_bad("1,5", '.');
    double_bad("1.5", ',');
    double_bad("1 000", '.');
    double_bad("1,000.5", '.');
    double_bad(" 1.5", '.');
    double_bad("1.5 ", '.');
    double_bad("1.5x", '.');
    double_bad(".", '.');
    double_bad("-", '.');
    double_bad("e5", '.');
    double_bad("1e", '.');
    double_bad("1e+", '.');
    double_bad("+-1", '.');
    double_bad("--1", '.');
    double_bad("\xE2\x88\x92" "1", '.'); /* U+2212 MINUS SIGN */
}

static void round_trip(double v, const char *want)
{
    char buf[64];

    servq_format_double(buf, sizeof buf, v);
    if (want)
        is_str(buf, want, "format_double(%.17g)", v);
    ok(strtod(buf, NULL) == v && signbit(strtod(buf, NULL)) == signbit(v),
       "format_double(%.17g) = '%s' reads back identically", v, buf);
}

static void test_format_double(void)
{
    int i;
    double x = 1.0 / 3.0;
    int all = 1;

    round_trip(0.0, "0");
    round_trip(-0.0, "-0");
    round_trip(0.1, "0.1");
    round_trip(2.5, "2.5");
    round_trip(-1.25, "-1.25");
    round_trip(100, "100");
    round_trip(1e21, "1e+21");
    round_trip(1.0 / 3.0, "0.3333333333333333");
    round_trip(0.1 + 0.2, "0.30000000000000004");
    round_trip(DBL_MAX, NULL);
    round_trip(DBL_MIN, NULL);
    round_trip(4.9406564584124654e-324, NULL);
    round_trip(-123456789.123456789, NULL);
    round_trip(5.3889875666074598, "5.38898756660746");
    /* A sweep of awkward values. */
    for (i = 0; i < 2000; i++) {
        char buf[64];
        x = x * 1.7320508075688772 + 0.1;
        if (x > 1e200)
            x /= 1e250;
        servq_format_double(buf, sizeof buf, i % 2 ? -x : x);
        if (strtod(buf, NULL) != (i % 2 ? -x : x)) {
            all = 0;
            printf("# %.17g formatted as %s\n", x, buf);
            break;
        }
    }
    ok(all, "format_double round-trips 2000 awkward values");
}

/* want, printable on one TAP line. */
static const char *shown(const char *s)
{
    static char out[256];
    size_t k = 0;

    for (; *s && k + 3 < sizeof out; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            out[k++] = '\\';
            out[k++] = *s == '\n' ? 'n' : *s == '\r' ? 'r' : 't';
        } else {
            out[k++] = *s;
        }
    }
    out[k] = '\0';
    return out;
}

static void csv_field(const char *s, size_t n, const char *want)
{
    struct servq_buf b;

    servq_buf_init(&b);
    servq_buf_adds(&b, "<");
    servq_buf_add_csv_field(&b, s, n);
    servq_buf_adds(&b, ">");
    is_str(b.data, want, "csv_field %s", shown(want));
    servq_buf_release(&b);
}

static void csv_cell(const char *s, int raw, const char *want)
{
    struct servq_buf b;

    servq_buf_init(&b);
    servq_buf_adds(&b, "<");
    servq_buf_add_csv_cell(&b, s, strlen(s), raw);
    servq_buf_adds(&b, ">");
    is_str(b.data, want, "csv_cell%s %s", raw ? " (raw)" : "", shown(want));
    servq_buf_release(&b);
}

static void test_csv(void)
{
    struct servq_buf b;

    csv_field("plain", 5, "<plain>");
    csv_field("", 0, "<>");
    csv_field("a,b", 3, "<\"a,b\">");
    csv_field("say \"hi\"", 8, "<\"say \"\"hi\"\"\">");
    csv_field("\"", 1, "<\"\"\"\">");
    csv_field("line\nbreak", 10, "<\"line\nbreak\">");
    csv_field("cr\r", 3, "<\"cr\r\">");
    csv_field(" lead", 5, "<\" lead\">");
    csv_field("trail ", 6, "<\"trail \">");
    csv_field("in side", 7, "<in side>");
    csv_field("semi;colon", 10, "<semi;colon>");
    csv_field("ab,cd", 2, "<ab>"); /* only n bytes */

    servq_buf_init(&b);
    servq_buf_add_csv_field(&b, "x\0y", 3);
    ok(b.len == 3 && memcmp(b.data, "x\0y", 3) == 0, "csv_field copies embedded NUL bytes");
    servq_buf_release(&b);

    csv_cell("=1+2", 0, "<'=1+2>");
    csv_cell("+A1", 0, "<'+A1>");
    csv_cell("-A1", 0, "<'-A1>");
    csv_cell("@x", 0, "<'@x>");
    csv_cell("\tx", 0, "<'\tx>");
    csv_cell("\rx", 0, "<\"'\rx\">");
    csv_cell("=HYPERLINK(\"http://x\",\"y\")", 0,
             "<\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\">");
    csv_cell("-1.5", 0, "<-1.5>");
    csv_cell("+3", 0, "<+3>");
    csv_cell("-2e3", 0, "<-2e3>");
    csv_cell("12", 0, "<12>");
    csv_cell("", 0, "<>");
    csv_cell("a=b", 0, "<a=b>");
    csv_cell("=1+2", 1, "<=1+2>");
    csv_cell("@x", 1, "<@x>");
}

static void utf8(const char *s, size_t n, int want, const char *what)
{
    is_int(servq_utf8_valid(s, n), want, "utf8_valid: %s", what);
}

#define U(lit) lit, sizeof(lit) - 1

static void test_utf8(void)
{
    utf8(U(""), 1, "empty");
    utf8(U("plain ASCII"), 1, "ASCII");
    utf8(U("caf\xC3\xA9"), 1, "U+00E9 (2 bytes)");
    utf8(U("\xC2\x80"), 1, "U+0080, smallest 2-byte");
    utf8(U("\xDF\xBF"), 1, "U+07FF, largest 2-byte");
    utf8(U("\xE0\xA0\x80"), 1, "U+0800, smallest 3-byte");
    utf8(U("\xE2\x82\xAC"), 1, "U+20AC euro sign");
    utf8(U("\xED\x9F\xBF"), 1, "U+D7FF, just below the surrogates");
    utf8(U("\xEE\x80\x80"), 1, "U+E000, just above the surrogates");
    utf8(U("\xEF\xBB\xBF"), 1, "U+FEFF byte-order mark");
    utf8(U("\xEF\xBF\xBF"), 1, "U+FFFF");
    utf8(U("\xF0\x90\x80\x80"), 1, "U+10000, smallest 4-byte");
    utf8(U("\xF0\x9D\x84\x9E"), 1, "U+1D11E musical symbol");
    utf8(U("\xF4\x8F\xBF\xBF"), 1, "U+10FFFF, largest code point");
    utf8(U("\xD0\x9D\xD0\xB0\xD0\xB4\xD1\x91\xD0\xB6\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x8C"), 1,
         "Cyrillic word");
    utf8(U("a\0b"), 1, "embedded NUL is valid UTF-8");

    utf8(U("\x80"), 0, "lone continuation byte");
    utf8(U("\xBF"), 0, "lone continuation byte BF");
    utf8(U("\xC0\x80"), 0, "overlong NUL C0 80");
    utf8(U("\xC1\xBF"), 0, "overlong C1 BF");
    utf8(U("\xE0\x80\x80"), 0, "overlong 3-byte NUL");
    utf8(U("\xE0\x9F\xBF"), 0, "overlong U+07FF in 3 bytes");
    utf8(U("\xF0\x80\x80\x80"), 0, "overlong 4-byte NUL");
    utf8(U("\xF0\x8F\xBF\xBF"), 0, "overlong U+FFFF in 4 bytes");
    utf8(U("\xED\xA0\x80"), 0, "surrogate U+D800");
    utf8(U("\xED\xBF\xBF"), 0, "surrogate U+DFFF");
    utf8(U("\xED\xA0\xBD\xED\xB8\x80"), 0, "CESU-8 surrogate pair");
    utf8(U("\xF4\x90\x80\x80"), 0, "U+110000, above the last code point");
    utf8(U("\xF5\x80\x80\x80"), 0, "lead byte F5");
    utf8(U("\xF8\x88\x80\x80\x80"), 0, "5-byte form");
    utf8(U("\xFE"), 0, "byte FE");
    utf8(U("\xFF"), 0, "byte FF");
    utf8(U("\xC3"), 0, "truncated 2-byte at end");
    utf8(U("a\xC3"), 0, "truncated 2-byte after ASCII");
    utf8(U("\xE2\x82"), 0, "truncated 3-byte");
    utf8(U("\xF0\x9D\x84"), 0, "truncated 4-byte");
    utf8(U("\xC3" "A"), 0, "2-byte lead then ASCII");
    utf8(U("\xE2\x82" "A"), 0, "3-byte lead, one continuation, then ASCII");
    utf8(U("\xE2\xC3\xA9"), 0, "3-byte lead then a new lead byte");
    utf8(U("ok \xC3\xA9 then \xFF"), 0, "valid text then FF");
    /* n limits what is checked: a valid prefix of a longer buffer. */
    ok(servq_utf8_valid("ab\xFF", 2), "utf8_valid looks at n bytes only");
    ok(!servq_utf8_valid("\xC3\xA9", 1), "utf8_valid: a sequence cut by n is truncated");
}

static void test_trim_and_buf(void)
{
    size_t n;
    const char *s;
    struct servq_buf b;
    char *p;

    n = 9;
    s = servq_trim("  a b \t\r\n", &n);
    ok(n == 3 && memcmp(s, "a b", 3) == 0, "trim ASCII space");
    n = 7;
    s = servq_trim("\xC2\xA0x\xC2\xA0\xC2\xA0", &n);
    ok(n == 1 && s[0] == 'x', "trim NBSP at both ends");
    n = 3;
    s = servq_trim(" \t ", &n);
    ok(n == 0, "trim all space");

    servq_buf_init(&b);
    ok(servq_buf_printf(&b, "%d-%s", 42, "x") == SERVQ_OK && strcmp(b.data, "42-x") == 0,
       "buf_printf");
    servq_buf_clear(&b);
    ok(b.len == 0 && b.data[0] == '\0', "buf_clear leaves an empty string");
    p = servq_buf_steal(&b);
    ok(p && p[0] == '\0' && b.data == NULL, "buf_steal moves the data out");
    free(p);
    p = servq_buf_steal(&b);
    ok(p && p[0] == '\0', "buf_steal of an empty buffer gives \"\"");
    free(p);
    servq_buf_release(&b);
}

static void show_is(const char *s, size_t n, size_t max, const char *want)
{
    char out[64];

    servq_show_cell(s, n, max, out, sizeof out);
    if (!ok(strcmp(out, want) == 0, "show_cell gives '%s'", want))
        printf("#   got '%s'\n", out);
}

static void test_show_cell(void)
{
    show_is("abc", 3, 40, "abc");
    show_is("6\0", 2, 40, "6\\x00");
    show_is("a\nb\tc\x7f", 6, 40, "a\\x0Ab\\x09c\\x7F");
    show_is("S\xe3o", 3, 40, "S\\xE3o");
    show_is("S\xc3\xa3o", 4, 40, "S\xc3\xa3o");
    show_is("abcdef", 6, 4, "abcd...");
    /* Never cut a character in two: the whole of it, or none of it. */
    show_is("ab\xc3\xa3", 4, 3, "ab...");
    show_is("\xe2\x82", 2, 40, "\\xE2\\x82");
    show_is("", 0, 40, "");
}

static void test_find_duplicate(void)
{
    const char *none[] = {"a", "b", NULL, "c"};
    const char *dup[] = {"x", NULL, "y", "z", "y", "x"};
    const char *nulls[] = {NULL, NULL};
    size_t first = 99, second = 99, i;
    const char **many = malloc(100000 * sizeof *many);
    char(*names)[8] = malloc(100000 * sizeof *names);

    ok(servq_find_duplicate(none, 4, &first, &second) == 0, "find_duplicate: all differ");
    ok(servq_find_duplicate(nulls, 2, &first, &second) == 0, "find_duplicate: NULLs are skipped");
    ok(servq_find_duplicate(dup, 6, &first, &second) == 1 && first == 2 && second == 4,
       "find_duplicate: the first repeat (2 and 4), not a later one");
    for (i = 0; i < 100000; i++) {
        snprintf(names[i], sizeof names[i], "c%zu", i);
        many[i] = names[i];
    }
    ok(servq_find_duplicate(many, 100000, &first, &second) == 0,
       "find_duplicate: 100000 different names");
    many[99999] = "c5";
    ok(servq_find_duplicate(many, 100000, &first, &second) == 1 && first == 5 && second == 99999,
       "find_duplicate: a repeat at the end of 100000");
    free(many);
    free(names);
}

int main(void)
{
    test_show_cell();
    test_find_duplicate();
    test_parse_int();
    test_parse_double();
    test_format_double();
    test_csv();
    test_utf8();
    test_trim_and_buf();
    return tap_done();
}
