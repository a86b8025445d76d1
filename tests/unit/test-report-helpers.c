/*
 * Unit tests for the report's words and numbers
 * (lib/render/report-helpers.c): templates, numbers and percentages in
 * English and Spanish, localized names, glyph charts and the escapers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/report-helpers-priv.h"
#include "tap.h"

static const struct rp_locale en = {SERVQ_LANG_EN, "en", '.', 0};
static const struct rp_locale es = {SERVQ_LANG_ES, "es", ',', 0};
static const struct rp_locale ascii = {SERVQ_LANG_EN, "en", '.', 1};

static void test_numbers(void)
{
    char s[32];

    servq_rp_num(&es, s, sizeof s, 1.25, 1);
    is_str(s, "1,2", "1.25 (exact in binary) to one decimal: the tie goes to even");
    servq_rp_signed(&en, s, sizeof s, 0.5, 2);
    is_str(s, "+0.50", "signed");
    servq_rp_percent(&en, s, sizeof s, 45, 0);
    is_str(s, "45%", "English percent");
    servq_rp_percent(&es, s, sizeof s, 45, 0);
    is_str(s, "45 %", "Spanish puts a space before the sign");
    servq_rp_percent(&es, s, sizeof s, NAN, 0);
    is_str(s, "-", "no figure");
}

static void test_words(void)
{
    struct servq_buf b;
    const char *args[2] = {"x", "y"};

    servq_buf_init(&b);
    ok(servq_rp_fill(&b, "{2} and {1}, {3}", args, 2) == SERVQ_OK, "fill");
    is_str(b.data, "y and x, ", "arguments by number; a missing one is empty");
    is_str(servq_rp_level(&en, "below"), "below expectations", "a level in English");
    is_str(servq_rp_level(&en, ""), "-", "no level");
    is_str(servq_rp_quadrant(&en, "low_priority"), "Low priority", "a quadrant");
    is_str(servq_rp_zot(&en, "odd"), "odd", "an unknown zone as it is");
    servq_buf_release(&b);
}

static void test_glyphs(void)
{
    static const double v[3] = {1, NAN, 3};
    struct servq_buf b;

    servq_buf_init(&b);
    ok(servq_rp_spark(&ascii, &b, v, 3) == SERVQ_OK, "spark");
    is_str(b.data, "_ #", "lowest, a gap, highest");
    servq_buf_clear(&b);
    ok(servq_rp_bar(&ascii, &b, 0.5, 4) == SERVQ_OK, "bar");
    is_str(b.data, "##  ", "half of 4 columns");
    servq_buf_clear(&b);
    ok(servq_rp_bar(&en, &b, 0.3, 2) == SERVQ_OK, "a Unicode bar");
    /* 0.3 x 2 x 8 = 4.8: 5 eighths, no full block, then one space. */
    is_str(b.data, "\xE2\x96\x8B ", "five eighths");
    servq_buf_clear(&b);
    ok(servq_rp_add_md(&b, "a*b|<") == SERVQ_OK, "markdown");
    is_str(b.data, "a\\*b\\|&lt;", "markdown escapes");
    servq_buf_clear(&b);
    ok(servq_rp_add_html(&b, "'\"&") == SERVQ_OK, "html");
    is_str(b.data, "&#39;&quot;&amp;", "html escapes");
    servq_buf_release(&b);
}

int main(void)
{
    test_numbers();
    test_words();
    test_glyphs();
    return tap_done();
}
