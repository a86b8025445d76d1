/*
 * The vocabularies of lib/common/vocab.c: every word names the enumerator
 * its owner's header defines, written out here by hand, and the lists read
 * as the messages and --help print them.
 */
#include <string.h>

#include "servq/analysis.h"
#include "servq/import.h"
#include "servq/report.h"
#include "servq/score.h"
#include "model/instrument-priv.h"
#include "tap.h"

struct expect {
    enum servq_vocab v;
    const char *word;
    int value;
};

static const struct expect words[] = {
    {SERVQ_VOCAB_ADJUST, "holm", SERVQ_ADJUST_HOLM},
    {SERVQ_VOCAB_ADJUST, "bh", SERVQ_ADJUST_BH},
    {SERVQ_VOCAB_ADJUST, "none", SERVQ_ADJUST_NONE},
    {SERVQ_VOCAB_MISSING, "listwise", SERVQ_MISSING_LISTWISE},
    {SERVQ_VOCAB_MISSING, "pairwise", SERVQ_MISSING_PAIRWISE},
    {SERVQ_VOCAB_PERIOD, "week", SERVQ_PERIOD_WEEK},
    {SERVQ_VOCAB_PERIOD, "month", SERVQ_PERIOD_MONTH},
    {SERVQ_VOCAB_PERIOD, "quarter", SERVQ_PERIOD_QUARTER},
    {SERVQ_VOCAB_IPA_CENTER, "data", SERVQ_IPA_DATA},
    {SERVQ_VOCAB_IPA_CENTER, "scale", SERVQ_IPA_SCALE},
    {SERVQ_VOCAB_LANG, "en", SERVQ_LANG_EN},
    {SERVQ_VOCAB_LANG, "es", SERVQ_LANG_ES},
    {SERVQ_VOCAB_LANG, "pt", SERVQ_LANG_PT},
    {SERVQ_VOCAB_LANG, "ru", SERVQ_LANG_RU},
    {SERVQ_VOCAB_GAPS_FORMAT, "json", SERVQ_GAPS_JSON},
    {SERVQ_VOCAB_GAPS_FORMAT, "text", SERVQ_GAPS_TEXT},
    {SERVQ_VOCAB_GAPS_FORMAT, "csv", SERVQ_GAPS_CSV},
    {SERVQ_VOCAB_REPORT_FORMAT, "text", SERVQ_REPORT_TEXT},
    {SERVQ_VOCAB_REPORT_FORMAT, "markdown", SERVQ_REPORT_MARKDOWN},
    {SERVQ_VOCAB_REPORT_FORMAT, "md", SERVQ_REPORT_MARKDOWN},
    {SERVQ_VOCAB_REPORT_FORMAT, "html", SERVQ_REPORT_HTML},
    {SERVQ_VOCAB_SCORE_FORMAT, "csv", SERVQ_SCORE_CSV},
    {SERVQ_VOCAB_SCORE_FORMAT, "jsonl", SERVQ_SCORE_JSONL},
    {SERVQ_VOCAB_IMPORT_FORMAT, "auto", SERVQ_IMPORT_FORMAT_AUTO},
    {SERVQ_VOCAB_IMPORT_FORMAT, "csv", SERVQ_IMPORT_FORMAT_CSV},
    {SERVQ_VOCAB_IMPORT_FORMAT, "sav", SERVQ_IMPORT_FORMAT_SAV},
    {SERVQ_VOCAB_IMPORT_FORMAT, "zsav", SERVQ_IMPORT_FORMAT_SAV},
};

static void test_words(void)
{
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        ok(servq_vocab_value(words[i].v, words[i].word) == words[i].value, "vocabulary %d: %s",
           (int)words[i].v, words[i].word);
}

/* Only these words are read: a different case, a prefix or a neighbour's word is not. */
static void test_refused(void)
{
    ok(servq_vocab_value(SERVQ_VOCAB_ADJUST, "BH") == -1, "BH is not bh");
    ok(servq_vocab_value(SERVQ_VOCAB_ADJUST, "ho") == -1, "no prefixes");
    ok(servq_vocab_value(SERVQ_VOCAB_ADJUST, "") == -1, "the empty word");
    ok(servq_vocab_value(SERVQ_VOCAB_ADJUST, NULL) == -1, "NULL");
    ok(servq_vocab_value(SERVQ_VOCAB_MISSING, "holm") == -1, "a word of another vocabulary");
    ok(servq_vocab_value(SERVQ_VOCAB_COUNT, "holm") == -1, "no such vocabulary");
    ok(servq_vocab_value(SERVQ_VOCAB_PERIOD, "none") == -1, "no period has no word");
}

/* Written spellings: the first word, never an alias. */
static void test_written(void)
{
    ok(strcmp(servq_vocab_word(SERVQ_VOCAB_REPORT_FORMAT, SERVQ_REPORT_MARKDOWN), "markdown") == 0,
       "markdown is written markdown, not md");
    ok(strcmp(servq_vocab_word(SERVQ_VOCAB_IMPORT_FORMAT, SERVQ_IMPORT_FORMAT_SAV), "sav") == 0,
       "sav is written sav, not zsav");
    ok(strcmp(servq_vocab_word(SERVQ_VOCAB_PERIOD, SERVQ_PERIOD_QUARTER), "quarter") == 0,
       "quarter");
    ok(servq_vocab_word(SERVQ_VOCAB_PERIOD, SERVQ_PERIOD_NONE) == NULL, "no period: NULL");
    ok(servq_vocab_word(SERVQ_VOCAB_ADJUST, 7) == NULL, "no such value: NULL");
}

static void test_lists(void)
{
    char buf[64];
    size_t n;

    n = servq_vocab_list(SERVQ_VOCAB_ADJUST, ", ", " or ", buf, sizeof buf);
    ok(strcmp(buf, "holm, bh or none") == 0 && n == strlen("holm, bh or none"), "adjust: '%s'",
       buf);
    servq_vocab_list(SERVQ_VOCAB_REPORT_FORMAT, ", ", " or ", buf, sizeof buf);
    ok(strcmp(buf, "text, markdown or html") == 0, "aliases are not listed: '%s'", buf);
    servq_vocab_list(SERVQ_VOCAB_MISSING, ", ", " or ", buf, sizeof buf);
    ok(strcmp(buf, "listwise or pairwise") == 0, "two words: '%s'", buf);
    servq_vocab_list(SERVQ_VOCAB_LANG, ", ", ", ", buf, sizeof buf);
    ok(strcmp(buf, "en, es, pt, ru") == 0, "languages: '%s'", buf);
    /* "holm|bh|none" is 12 bytes: 8 bytes of room keep "holm|bh", cut and terminated. */
    n = servq_vocab_list(SERVQ_VOCAB_ADJUST, "|", "|", buf, 8);
    ok(n == 12 && strcmp(buf, "holm|bh") == 0, "cut to the room: '%s', needs %zu", buf, n);
    n = servq_vocab_list(SERVQ_VOCAB_ADJUST, "|", "|", NULL, 0);
    ok(n == 12, "the length alone: %zu", n);
}

int main(void)
{
    test_words();
    test_refused();
    test_written();
    test_lists();
    return tap_done();
}
