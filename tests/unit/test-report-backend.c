/*
 * Unit tests for the report's backends (lib/render/report-text.c,
 * report-markdown.c, report-html.c) and its tables (report-table.c): each
 * backend is driven through its table with the same short sequence, a
 * heading, a paragraph and a 2x2 table, and what it writes is compared
 * with the text written out below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/report-backend-priv.h"
#include "tap.h"

static const struct rp_col cols[2] = {
    {"Item", 6, 0, 0, 0},
    {"Gap", 6, 1, 0, 0},
};

/* Drives be with heading "Top & tail", a paragraph, a 2x2 table; returns the output (free). */
static char *drive(const struct rp_backend *be, int ascii)
{
    struct rp_model m;
    struct servq_buf b;
    struct rp_table t;
    struct rp_w w = {0};
    enum servq_status st = SERVQ_OK;

    memset(&m, 0, sizeof m);
    m.loc.lang = SERVQ_LANG_EN;
    m.loc.code = "en";
    m.loc.mark = '.';
    m.loc.ascii = ascii;
    servq_buf_init(&b);
    servq_rp_table_init(&t, cols, 2);
    w.be = be;
    w.m = &m;
    w.b = &b;
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", "a_b"));
    SERVQ_TRY(servq_rp_cell(&t, RP_BAD, "%s", "-0.50"));
    SERVQ_TRY(servq_rp_cell(&t, RP_PLAIN, "%s", "<c>"));
    SERVQ_TRY(servq_rp_cell(&t, RP_GOOD, "%+.2f", 0.25));
    SERVQ_TRY(be->heading(&w, "top", "Top & tail", RP_PLAIN));
    SERVQ_TRY(be->para(&w, "One line.", RP_MUTED));
    SERVQ_TRY(be->table(&w, &t));
cleanup:
    servq_rp_table_release(&t);
    if (st != SERVQ_OK) {
        servq_buf_release(&b);
        return NULL;
    }
    return servq_buf_steal(&b);
}

static void test_text(void)
{
    char *u = drive(&servq_rp_text_backend, 0), *a = drive(&servq_rp_text_backend, 1);

    is_str(u,
           "\nTop & tail\n"
           "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
           "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\n"
           "\n  One line.\n"
           "\n  Item      Gap\n"
           "  a_b     -0.50\n"
           "  <c>     +0.25\n",
           "text: a heading underlined to its width, a paragraph indented, a table in columns");
    is_str(a,
           "\nTop & tail\n----------\n\n  One line.\n\n  Item      Gap\n  a_b     -0.50\n"
           "  <c>     +0.25\n",
           "text --ascii: the rule in ASCII");
    free(u);
    free(a);
}

static void test_markdown(void)
{
    char *s = drive(&servq_rp_markdown_backend, 0);

    is_str(s,
           "\n## Top &amp; tail\n"
           "\n*One line.*\n"
           "\n| Item | Gap |\n"
           "| --- | ---: |\n"
           "| a\\_b | **-0.50** |\n"
           "| &lt;c&gt; | +0.25 |\n",
           "markdown: escaped text, a muted paragraph in italics, a bad cell in bold");
    free(s);
}

static void test_html(void)
{
    char *s = drive(&servq_rp_html_backend, 0);

    is_str(s,
           "<section id=\"top\">\n<h2>Top &amp; tail</h2>\n"
           "<p class=\"muted\">One line.</p>\n"
           "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Item</th>"
           "<th class=\"num\" scope=\"col\">Gap</th></tr></thead>\n<tbody>\n"
           "<tr><td>a_b</td><td class=\"num bad\">-0.50</td></tr>\n"
           "<tr><td>&lt;c&gt;</td><td class=\"num good\">+0.25</td></tr>\n"
           "</tbody></table></div>\n",
           "html: a section per heading, classes for numbers and tones, escaped text");
    free(s);
}

static void test_table(void)
{
    struct rp_table t;

    servq_rp_table_init(&t, cols, 2);
    ok(servq_rp_cell(&t, RP_PLAIN, "%d", 1) == SERVQ_OK, "a cell");
    is_int((long long)servq_rp_table_rows(&t), 0, "half a row is no row");
    ok(servq_rp_cell(&t, RP_PLAIN, "%s", "x") == SERVQ_OK, "a second cell");
    is_int((long long)servq_rp_table_rows(&t), 1, "two cells of two columns: one row");
    is_str(t.cells[0].s, "1", "the cell is printf's text");
    servq_rp_table_release(&t);
    ok(servq_rp_shown(0, RP_GLYPHS), "a mask of 0 shows everywhere");
    ok(servq_rp_shown(RP_WIDE, servq_rp_html_backend.caps), "html is wide");
    ok(!servq_rp_shown(RP_WIDE, servq_rp_text_backend.caps), "text is not");
    ok(!servq_rp_shown(RP_DRAWN, servq_rp_markdown_backend.caps), "markdown draws no charts");
}

int main(void)
{
    test_text();
    test_markdown();
    test_html();
    test_table();
    return tap_done();
}
