/*
 * Unit tests for lib/render/render.c: the gap-analysis text table and
 * flat CSV of a tiny hand-written document, compared with the output
 * written out by hand below (column widths: a 28-column name, then
 * n, E and P 5 wide, the gap 6, the interval 16 left-aligned, p 6 for
 * dimensions and 7 for items).
 */
#include <stdio.h>
#include <string.h>

#include "servq/analysis.h"
#include "tap.h"

/*
 * One instrument of one dimension and two items; the North branch with
 * figures, the "=South" branch suppressed (its name is what a spreadsheet
 * would run as a formula). q2's label is longer than the name column; its
 * interval and p are null, as when nothing varies.
 */
static const char doc[] =
    "{\"schema\": \"servq.gap-analysis/1\",\n"
    " \"instrument\": {\"id\": \"tiny\", \"name\": {\"en\": \"Tiny\", \"es\": \"Diminuto\"},\n"
    "   \"dimensions\": [{\"id\": \"D1\", \"name\": {\"en\": \"Reliability\", "
    "\"es\": \"Fiabilidad\"}}],\n"
    "   \"items\": [{\"id\": \"q1\", \"dimension\": \"D1\", \"label\": {\"en\": \"On time\"}},\n"
    "             {\"id\": \"q2\", \"dimension\": \"D1\",\n"
    "              \"label\": {\"en\": \"Staff understand what each customer needs\"}}]},\n"
    " \"rows\": 7,\n"
    " \"options\": {\"by\": [\"branch\"], \"period\": \"none\", \"adjust\": \"bh\", \"min_n\": "
    "3},\n"
    " \"groups\": [\n"
    "  {\"key\": {\"branch\": \"North\"}, \"n\": 5,\n"
    "   \"overall\": {\"n\": 5, \"sq\": -0.5, \"gap\": -0.5, \"ci\": [-1.2, 0.2], \"p_t\": "
    "0.1234},\n"
    "   \"dimensions\": [{\"id\": \"D1\", \"n\": 5, \"mean_e\": 6, \"mean_p\": 5.5, \"gap\": "
    "-0.5,\n"
    "                   \"ci\": [-1.2, 0.2], \"p_t\": 0.1234}],\n"
    "   \"items\": [{\"id\": \"q1\", \"dimension\": \"D1\", \"n\": 5, \"mean_e\": 6.2, "
    "\"mean_p\": 5.2,\n"
    "              \"gap\": -1, \"ci\": [-1.5, -0.5], \"p_adj\": 0.0004},\n"
    "             {\"id\": \"q2\", \"dimension\": \"D1\", \"n\": 4, \"mean_e\": 5.8, "
    "\"mean_p\": 5.8,\n"
    "              \"gap\": 0, \"ci\": null, \"p_adj\": null, \"note\": \"no variation\"}]},\n"
    "  {\"key\": {\"branch\": \"=South\"}, \"n\": 2, \"suppressed\": true}]}\n";

/*
 * By hand: -0.5 with 2 decimals is "-0.50"; p 0.1234 with 3 is "0.123" and
 * takes "= "; 0.0004 is "<0.001"; the label "q2 Staff understand what each
 * customer needs" keeps 27 columns, "q2 Staff understand what ea", and an
 * ellipsis; missing figures are "-".
 */
static const char want_text[] =
    "servq gap analysis: Tiny (tiny), 7 respondents\n"
    "\n"
    "== branch=North (n = 5) ==\n"
    "SERVQUAL index (P - E): -0.50  95% CI [-1.20, 0.20]  p = 0.123\n"
    "\n"
    "Dimension                        n     E     P    Gap 95% CI                p\n"
    "Reliability                      5  6.00  5.50  -0.50 [-1.20, 0.20]     0.123\n"
    "\n"
    "Item                             n     E     P    Gap 95% CI             p(BH)\n"
    "q1 On time                       5  6.20  5.20  -1.00 [-1.50, -0.50]    <0.001\n"
    "q2 Staff understand what ea\xE2\x80\xA6     4  5.80  5.80   0.00 -                      -\n"
    "\n"
    "== branch==South (n = 2) ==\n"
    "suppressed: fewer than 3 respondents\n";

/*
 * The CSV: the --by column, scope, id, dimension, 23 figures (n, mean_e,
 * mean_p, gap, sd_gap, ci_low, ci_high, t, df, p_t, dz, v, p_wilcoxon,
 * p_adj, p_adj_wilcoxon, median_e, median_p, top_box_p, top_two_box_p,
 * importance_share, ipa, level, note) and adjust, which only item rows
 * fill. Items, then dimensions, then the overall row; a suppressed group
 * is one row with its n. "=South" is written "'=South" unless raw.
 */
#define CSV_HEADER                                                                                 \
    "branch,scope,id,dimension,n,mean_e,mean_p,gap,sd_gap,ci_low,ci_high,t,df,p_t,dz,v,"           \
    "p_wilcoxon,p_adj,p_adj_wilcoxon,median_e,median_p,top_box_p,top_two_box_p,"                   \
    "importance_share,ipa,level,note,adjust\n"
#define CSV_NORTH                                                                                  \
    "North,item,q1,D1,5,6.2,5.2,-1,,-1.5,-0.5,,,,,,,0.0004,,,,,,,,,,bh\n"                          \
    "North,item,q2,D1,4,5.8,5.8,0,,,,,,,,,,,,,,,,,,,no variation,bh\n"                             \
    "North,dimension,D1,,5,6,5.5,-0.5,,-1.2,0.2,,,0.1234,,,,,,,,,,,,,,\n"                          \
    "North,overall,,,5,,,-0.5,,-1.2,0.2,,,0.1234,,,,,,,,,,,,,,\n"

static const char want_csv[] =
    CSV_HEADER CSV_NORTH "'=South,suppressed,,,2,,,,,,,,,,,,,,,,,,,,,,,\n";
static const char want_csv_raw[] =
    CSV_HEADER CSV_NORTH "=South,suppressed,,,2,,,,,,,,,,,,,,,,,,,,,,,\n";

/* Prints the first line where got and want part, for a TAP comment. */
static void show_difference(const char *got, const char *want)
{
    int line = 1;

    while (*got && *got == *want) {
        line += *got == '\n';
        got++;
        want++;
    }
    printf("#   line %d differs:\n#   got  '%.*s'\n#   want '%.*s'\n", line,
           (int)strcspn(got, "\n"), got, (int)strcspn(want, "\n"), want);
}

static void same(const char *got, const char *want, const char *what)
{
    if (!ok(got && strcmp(got, want) == 0, "%s", what) && got)
        show_difference(got, want);
}

static void test_text(void)
{
    char *out = NULL;
    enum servq_status st = servq_gaps_render_text(doc, sizeof doc - 1, "en", &out);

    is_int(st, SERVQ_OK, "the text table renders");
    same(out, want_text, "the text table is the one written out by hand");
    servq_free(out);
    /* In Spanish only the instrument's and dimension's names change (items have no "es"). */
    out = NULL;
    if (servq_gaps_render_text(doc, sizeof doc - 1, "es", &out) == SERVQ_OK)
        ok(strncmp(out, "servq gap analysis: Diminuto (tiny), 7 respondents\n", 51) == 0 &&
               strstr(out, "\nFiabilidad                       5  6.00") != NULL &&
               strstr(out, "\nq1 On time   ") != NULL,
           "lang 'es' names the instrument and dimension in Spanish, items fall back to English");
    else
        ok(0, "lang 'es' renders");
    servq_free(out);
}

static void test_csv(void)
{
    char *out = NULL;

    is_int(servq_gaps_render_csv(doc, sizeof doc - 1, 0, &out), SERVQ_OK, "the CSV renders");
    same(out, want_csv, "the CSV is the one written out by hand");
    servq_free(out);
    out = NULL;
    is_int(servq_gaps_render_csv(doc, sizeof doc - 1, 1, &out), SERVQ_OK, "the raw CSV renders");
    same(out, want_csv_raw, "raw CSV leaves '=South' as it is");
    servq_free(out);
}

static void test_refused(void)
{
    static const char state[] = "{\"schema\": \"servq.state/1\", \"groups\": [], "
                                "\"instrument\": {}}";
    static const char no_groups[] = "{\"schema\": \"servq.gap-analysis/1\", \"instrument\": {}}";
    char *out = NULL;

    is_int(servq_gaps_render_text(state, sizeof state - 1, "en", &out), SERVQ_ERR_SCHEMA,
           "another schema is refused");
    is_int(servq_gaps_render_csv(no_groups, sizeof no_groups - 1, 0, &out), SERVQ_ERR_SCHEMA,
           "a document without groups is refused");
    is_int(servq_gaps_render_text("{\"schema\": ", 11, "en", &out), SERVQ_ERR_JSON,
           "broken JSON is refused");
    ok(out == NULL, "nothing is returned on failure");
}

int main(void)
{
    test_text();
    test_csv();
    test_refused();
    return tap_done();
}
