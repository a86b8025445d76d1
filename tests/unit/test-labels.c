/*
 * Unit tests for lib/import/labels.c: Likert answer text to scale values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/labels-priv.h"
#include "tap.h"

#define NBSP "\xC2\xA0"

static const char *kind_name(enum servq_label_kind k)
{
    switch (k) {
    case SERVQ_LABEL_VALUE:
        return "VALUE";
    case SERVQ_LABEL_MISSING:
        return "MISSING";
    default:
        return "UNKNOWN";
    }
}

static void check_value(const struct servq_labels *t, const char *s,
                        int points, int min, int want)
{
    int v = -9999;
    enum servq_label_kind k = servq_labels_lookup(t, s, strlen(s), points, min, &v);

    if (!ok(k == SERVQ_LABEL_VALUE && v == want, "'%s' on %d points from %d is %d",
            s, points, min, want))
        printf("#   got %s %d\n", kind_name(k), v);
}

static void check_kind(const struct servq_labels *t, const char *s, int points,
                       enum servq_label_kind want)
{
    int v = -9999;
    enum servq_label_kind k = servq_labels_lookup(t, s, strlen(s), points, 1, &v);

    if (!ok(k == want, "'%s' on %d points is %s", s, points, kind_name(want)))
        printf("#   got %s %d\n", kind_name(k), v);
}

static void check_fold(const char *s, const char *want)
{
    char out[128];
    size_t n = servq_text_fold(s, strlen(s), out, sizeof out);

    if (n == (size_t)-1) {
        ok(0, "fold '%s' fits", s);
        return;
    }
    is_str(out, want, "fold '%s'", s);
}

static void test_english(void)
{
    static const char *const seven[] = {
        "Strongly disagree", "Disagree", "Somewhat disagree",
        "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"
    };
    static const char *const five[] = {
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
        "Strongly agree"
    };
    int i;

    for (i = 0; i < 7; i++)
        check_value(NULL, seven[i], 7, 1, i + 1);
    for (i = 0; i < 5; i++)
        check_value(NULL, five[i], 5, 1, i + 1);
    check_value(NULL, "Completely agree", 7, 1, 7);
    check_value(NULL, "Totally disagree", 7, 1, 1);
    check_value(NULL, "Slightly disagree", 7, 1, 3);
    check_value(NULL, "Mostly agree", 7, 1, 6);
    check_value(NULL, "Moderately agree", 7, 1, 6);
    check_value(NULL, "Neutral", 7, 1, 4);
    check_value(NULL, "Somewhat agree", 5, 1, 4);
    check_value(NULL, "Somewhat disagree", 5, 1, 2);
    check_value(NULL, "Neutral", 5, 1, 3);
    check_value(NULL, "Very dissatisfied", 5, 1, 1);
    check_value(NULL, "Dissatisfied", 5, 1, 2);
    check_value(NULL, "Neither satisfied nor dissatisfied", 5, 1, 3);
    check_value(NULL, "Satisfied", 5, 1, 4);
    check_value(NULL, "Very satisfied", 5, 1, 5);
    check_value(NULL, "Very poor", 5, 1, 1);
    check_value(NULL, "Poor", 5, 1, 2);
    check_value(NULL, "Fair", 5, 1, 3);
    check_value(NULL, "Good", 5, 1, 4);
    check_value(NULL, "Excellent", 5, 1, 5);
}

static void test_spanish(void)
{
    static const char *const seven[] = {
        "Totalmente en desacuerdo", "En desacuerdo", "Algo en desacuerdo",
        "Ni de acuerdo ni en desacuerdo", "Algo de acuerdo", "De acuerdo",
        "Totalmente de acuerdo"
    };
    static const char *const five[] = {
        "Totalmente en desacuerdo", "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo", "De acuerdo", "Totalmente de acuerdo"
    };
    int i;

    for (i = 0; i < 7; i++)
        check_value(NULL, seven[i], 7, 1, i + 1);
    for (i = 0; i < 5; i++)
        check_value(NULL, five[i], 5, 1, i + 1);
    check_value(NULL, "Muy en desacuerdo", 7, 1, 1);
    check_value(NULL, "Ligeramente en desacuerdo", 7, 1, 3);
    check_value(NULL, "Un poco en desacuerdo", 7, 1, 3);
    check_value(NULL, "Indiferente", 7, 1, 4);
    check_value(NULL, "Un poco de acuerdo", 7, 1, 5);
    check_value(NULL, "Muy de acuerdo", 7, 1, 7);
    check_value(NULL, "Completamente de acuerdo", 7, 1, 7);
    check_value(NULL, "Muy insatisfecho", 5, 1, 1);
    check_value(NULL, "Insatisfecha", 5, 1, 2);
    check_value(NULL, "Satisfecha", 5, 1, 4);
    check_value(NULL, "Muy satisfecha", 5, 1, 5);
    check_value(NULL, "Muy malo", 5, 1, 1);
    check_value(NULL, "Mala", 5, 1, 2);
    check_value(NULL, "Regular", 5, 1, 3);
    check_value(NULL, "Bueno", 5, 1, 4);
    check_value(NULL, "Excelente", 5, 1, 5);
}

static void test_portuguese(void)
{
    static const char *const seven[] = {
        "Discordo totalmente", "Discordo", "Discordo parcialmente",
        "Nem concordo nem discordo", "Concordo parcialmente", "Concordo",
        "Concordo totalmente"
    };
    static const char *const five[] = {
        "Discordo totalmente", "Discordo", "Não concordo nem discordo",
        "Concordo", "Concordo totalmente"
    };
    int i;

    for (i = 0; i < 7; i++)
        check_value(NULL, seven[i], 7, 1, i + 1);
    for (i = 0; i < 5; i++)
        check_value(NULL, five[i], 5, 1, i + 1);
    check_value(NULL, "Discordo completamente", 7, 1, 1);
    check_value(NULL, "Discordo em parte", 7, 1, 3);
    check_value(NULL, "Não concordo nem discordo", 7, 1, 4);
    check_value(NULL, "Neutro", 7, 1, 4);
    check_value(NULL, "Concordo um pouco", 7, 1, 5);
    check_value(NULL, "Concordo fortemente", 7, 1, 7);
    check_value(NULL, "Concordo parcialmente", 5, 1, 4);
    check_value(NULL, "Discordo parcialmente", 5, 1, 2);
    check_value(NULL, "Muito insatisfeito", 5, 1, 1);
    check_value(NULL, "Insatisfeita", 5, 1, 2);
    check_value(NULL, "Satisfeita", 5, 1, 4);
    check_value(NULL, "Muito satisfeita", 5, 1, 5);
    check_value(NULL, "Muito ruim", 5, 1, 1);
    check_value(NULL, "Ruim", 5, 1, 2);
    check_value(NULL, "Razoável", 5, 1, 3);
    check_value(NULL, "Bom", 5, 1, 4);
    check_value(NULL, "Excelente", 5, 1, 5);
}

static void test_russian(void)
{
    static const char *const seven[] = {
        "Полностью не согласен", "Не согласен", "Скорее не согласен",
        "Ни согласен, ни не согласен", "Скорее согласен", "Согласен",
        "Полностью согласен"
    };
    static const char *const five[] = {
        "Полностью не согласен", "Скорее не согласен", "Нейтрально",
        "Скорее согласен", "Полностью согласен"
    };
    int i;

    for (i = 0; i < 7; i++)
        check_value(NULL, seven[i], 7, 1, i + 1);
    for (i = 0; i < 5; i++)
        check_value(NULL, five[i], 5, 1, i + 1);
    check_value(NULL, "Отчасти не согласен", 7, 1, 3);
    check_value(NULL, "Нейтрально", 7, 1, 4);
    check_value(NULL, "И да, и нет", 7, 1, 4);
    check_value(NULL, "Отчасти согласен", 7, 1, 5);
    check_value(NULL, "Совершенно согласен", 7, 1, 7);
    check_value(NULL, "Не согласен", 5, 1, 2);
    check_value(NULL, "Согласен", 5, 1, 4);
    check_value(NULL, "Согласна", 7, 1, 6);
    check_value(NULL, "Согласны", 7, 1, 6);
    check_value(NULL, "Не согласна", 7, 1, 2);
    check_value(NULL, "Скорее согласна", 7, 1, 5);
    check_value(NULL, "Полностью согласна", 7, 1, 7);
    check_value(NULL, "Полностью согласна", 5, 1, 5);
    check_value(NULL, "Ни согласна, ни не согласна", 5, 1, 3);
    check_value(NULL, "Очень недоволен", 5, 1, 1);
    check_value(NULL, "Совсем не удовлетворён", 5, 1, 1);
    check_value(NULL, "Недовольна", 5, 1, 2);
    check_value(NULL, "Довольна", 5, 1, 4);
    check_value(NULL, "Удовлетворена", 5, 1, 4);
    check_value(NULL, "Очень довольна", 5, 1, 5);
    check_value(NULL, "Полностью удовлетворена", 5, 1, 5);
    check_value(NULL, "Очень плохо", 5, 1, 1);
    check_value(NULL, "Плохо", 5, 1, 2);
    check_value(NULL, "Удовлетворительно", 5, 1, 3);
    check_value(NULL, "Хорошо", 5, 1, 4);
    check_value(NULL, "Отлично", 5, 1, 5);
}

static void test_scale_dependent(void)
{
    check_value(NULL, "De acuerdo", 7, 1, 6);
    check_value(NULL, "De acuerdo", 5, 1, 4);
    check_value(NULL, "Totalmente de acuerdo", 7, 1, 7);
    check_value(NULL, "Totalmente de acuerdo", 5, 1, 5);
    check_value(NULL, "Concordo totalmente", 7, 1, 7);
    check_value(NULL, "Concordo totalmente", 5, 1, 5);
    check_value(NULL, "Полностью согласен", 7, 1, 7);
    check_value(NULL, "Полностью согласен", 5, 1, 5);
    check_kind(NULL, "Strongly agree", 4, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "Strongly agree", 11, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "Bom", 7, SERVQ_LABEL_UNKNOWN);
}

static void test_insensitivity(void)
{
    check_value(NULL, "  TOTALMENTE DE ACUERDO ", 7, 1, 7);
    check_value(NULL, "totalmente de acuerdo", 7, 1, 7);
    check_value(NULL, "Totalmente\t de" NBSP NBSP "acuerdo", 7, 1, 7);
    check_value(NULL, "strongly  AGREE.", 7, 1, 7);
    check_value(NULL, "NÃO CONCORDO NEM DISCORDO", 7, 1, 4);
    check_value(NULL, "nao concordo nem discordo", 7, 1, 4);
    check_value(NULL, "ПОЛНОСТЬЮ СОГЛАСНА", 7, 1, 7);
    check_value(NULL, "полностью согласен", 7, 1, 7);
    /* decomposed: a + U+0303, и + U+0306 */
    check_value(NULL, "Na\xCC\x83o concordo nem discordo", 5, 1, 3);
    check_value(NULL, "Не\xD0\xB8\xCC\x86трально", 7, 1, 4);
    check_value(NULL, "Ni de acuerdo, ni en desacuerdo", 7, 1, 4);
    check_kind(NULL, "Não sei", 5, SERVQ_LABEL_MISSING);
    check_kind(NULL, "nao sei", 5, SERVQ_LABEL_MISSING);
    check_kind(NULL, "NÃO SEI", 5, SERVQ_LABEL_MISSING);
}

static void test_missing(void)
{
    static const char *const words[] = {
        "N/A", "NA", "n.a.", "Not applicable", "No basis for evaluation",
        "Don't know", "Don\xE2\x80\x99t know", "Do not know", "Prefer not to say",
        "No answer", "Unfamiliar (N/A)",
        "No sé", "No lo sé", "No aplica", "No corresponde", "NS/NC",
        "Prefiero no responder", "Sin respuesta",
        "Não sei", "Não se aplica", "Prefiro não responder", "Sem resposta",
        "NS/NR",
        "Не знаю", "Затрудняюсь ответить", "Неприменимо", "Не применимо",
        "Нет ответа", "Отказ от ответа"
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        check_kind(NULL, words[i], 7, SERVQ_LABEL_MISSING);
        check_kind(NULL, words[i], 5, SERVQ_LABEL_MISSING);
        check_kind(NULL, words[i], 11, SERVQ_LABEL_MISSING);
    }
}

static void test_codes(void)
{
    check_value(NULL, "Strongly agree (7)", 7, 1, 7);
    check_value(NULL, "Somewhat agree (8)", 7, 1, 8);
    check_kind(NULL, "Not Applicable (8)", 7, SERVQ_LABEL_MISSING);
    check_kind(NULL, "N/A (99)", 5, SERVQ_LABEL_MISSING);
    check_value(NULL, "Strongly agree (7)", 7, 0, 7);
    check_value(NULL, "Extremely likely (10)", 11, 0, 10);
    check_value(NULL, "Agree ( -2 )", 7, -3, -2);
    check_value(NULL, "Strongly agree (SA)", 7, 1, 7);
    check_kind(NULL, "(7)", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "Other (1234567890)", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "Other (7a)", 7, SERVQ_LABEL_UNKNOWN);
}

static void test_min_shift(void)
{
    check_value(NULL, "Strongly agree", 5, 0, 4);
    check_value(NULL, "Strongly disagree", 5, 0, 0);
    check_value(NULL, "Strongly disagree", 7, -3, -3);
    check_value(NULL, "Agree", 7, -3, 2);
    check_value(NULL, "De acuerdo", 5, 0, 3);
}

static void test_user_entries(void)
{
    struct servq_labels *t = servq_labels_new();
    char big[SERVQ_LABEL_MAX + 2];

    if (!ok(t != NULL, "servq_labels_new"))
        return;
    is_int(servq_labels_add(t, "Agree", 5, 7, SERVQ_LABEL_VALUE, 5), 0,
           "add 'Agree' = 5 on 7 points");
    check_value(t, "AGREE", 7, 1, 5);
    check_value(t, "Agree", 5, 1, 4);
    is_int(servq_labels_add(t, " agree ", 7, 0, SERVQ_LABEL_VALUE, 9), 0,
           "add 'agree' = 9 on any scale");
    check_value(t, "Agree", 5, 1, 9);
    check_value(t, "Agree", 7, 1, 5);
    is_int(servq_labels_add(t, "agree", 5, 7, SERVQ_LABEL_VALUE, 6), 0,
           "re-add 'agree' on 7 points");
    check_value(t, "Agree", 7, 1, 6);
    check_value(t, "Agree", 7, 0, 6);

    is_int(servq_labels_add(t, "Sin opinión", strlen("Sin opinión"), 0,
                            SERVQ_LABEL_MISSING, 42), 0, "add missing text");
    check_kind(t, "SIN OPINION", 5, SERVQ_LABEL_MISSING);
    is_int(servq_labels_add(t, "99", 2, 0, SERVQ_LABEL_MISSING, 0), 0,
           "add missing code text");
    check_kind(t, "99", 7, SERVQ_LABEL_MISSING);
    check_kind(t, "Sin opinión (99)", 7, SERVQ_LABEL_MISSING);
    is_int(servq_labels_add(t, "Neutral", 7, 5, SERVQ_LABEL_MISSING, 3), 0,
           "add 'Neutral' as missing on 5 points");
    check_kind(t, "Neutral", 5, SERVQ_LABEL_MISSING);
    check_kind(t, "Neutral (3)", 5, SERVQ_LABEL_MISSING);
    check_value(t, "Neutral", 7, 1, 4);
    is_int(servq_labels_add(t, "Excelente", 9, 10, SERVQ_LABEL_VALUE, 10), 0,
           "add a label for 10 points");
    check_value(t, "EXCELENTE", 10, 1, 10);
    check_value(t, "Excelente", 5, 1, 5);
    is_int(servq_labels_add(t, "N/A", 3, 0, SERVQ_LABEL_VALUE, 0), 0,
           "add a value for a built-in missing word");
    check_value(t, "n/a", 5, 1, 0);

    is_int(servq_labels_add(t, "", 0, 0, SERVQ_LABEL_VALUE, 1), -1, "empty label");
    is_int(servq_labels_add(t, " \t" NBSP, 4, 0, SERVQ_LABEL_VALUE, 1), -1,
           "white-space label");
    memset(big, 'x', sizeof big);
    big[sizeof big - 1] = '\0';
    is_int(servq_labels_add(t, big, SERVQ_LABEL_MAX + 1, 0, SERVQ_LABEL_VALUE, 1),
           -1, "label of %d bytes", SERVQ_LABEL_MAX + 1);
    big[SERVQ_LABEL_MAX] = '\0';
    is_int(servq_labels_add(t, big, SERVQ_LABEL_MAX, 0, SERVQ_LABEL_VALUE, 1), 0,
           "label of %d bytes", SERVQ_LABEL_MAX);
    check_value(t, big, 7, 1, 1);
    is_int(servq_labels_add(NULL, "x", 1, 0, SERVQ_LABEL_VALUE, 1), -1, "NULL table");
    is_int(servq_labels_add(t, NULL, 1, 0, SERVQ_LABEL_VALUE, 1), -1, "NULL label");
    is_int(servq_labels_add(t, "x", 1, -1, SERVQ_LABEL_VALUE, 1), -1,
           "negative points");
    is_int(servq_labels_add(t, "x", 1, 0, SERVQ_LABEL_UNKNOWN, 1), -1,
           "kind UNKNOWN");
    servq_labels_free(t);
    servq_labels_free(NULL);
}

static void test_many_user_entries(void)
{
    struct servq_labels *t = servq_labels_new();
    char label[32];
    int i, good = 1;

    if (!ok(t != NULL, "servq_labels_new"))
        return;
    for (i = 0; i < 100; i++) {
        snprintf(label, sizeof label, "Label %d", i);
        if (servq_labels_add(t, label, strlen(label), 0, SERVQ_LABEL_VALUE, i) != 0)
            good = 0;
    }
    ok(good, "100 user entries added");
    check_value(t, "label 0", 3, 1, 0);
    check_value(t, "LABEL 99", 3, 1, 99);
    servq_labels_free(t);
}

static void test_unknown(void)
{
    char huge[2000];
    int v = 1234;

    check_kind(NULL, "banana", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "   ", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "Strongly agreed", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "3", 7, SERVQ_LABEL_UNKNOWN);
    check_kind(NULL, "\xFF\xFE", 7, SERVQ_LABEL_UNKNOWN);
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    check_kind(NULL, huge, 7, SERVQ_LABEL_UNKNOWN);
    is_int(servq_labels_lookup(NULL, "Agree", 5, 7, 1, NULL), SERVQ_LABEL_VALUE,
           "value may be NULL");
    servq_labels_lookup(NULL, "banana", 6, 7, 1, &v);
    is_int(v, 1234, "*value untouched for UNKNOWN");
    servq_labels_lookup(NULL, "N/A", 3, 7, 1, &v);
    is_int(v, 1234, "*value untouched for MISSING");
}

static void test_fold(void)
{
    char out[8];

    check_fold("  Strongly" NBSP NBSP " AGREE  ", "strongly agree");
    check_fold("Всё", "все");
    check_fold("ЁЖИК", "ежик");
    check_fold("Agree.", "agree");
    check_fold("Agree .", "agree");
    check_fold("etc..", "etc.");
    check_fold("n.a.", "n.a");
    check_fold("ÀÉÎÕÜ  Çñ", "aeiou cn");
    check_fold("Straße", "strasse");
    check_fold("Œuvre Æ", "oeuvre ae");
    check_fold("ŁÓDŹ Şİ Ĳ", "lodz si ij");
    check_fold("ÞÓR ×÷", "þor ×÷");
    check_fold("e\xCC\x81", "e");
    check_fold("И\xCC\x86", "й");
    check_fold("Don\xE2\x80\x99t", "don't");
    check_fold("\xEF\xBB\xBF" "a\xE2\x80\x8B" "b", "ab");
    check_fold("a\xE2\x80\x83\xE3\x80\x80" "b", "a b");
    check_fold("ҐЇ Ӂ", "ґї ӂ");
    is_int((long long)servq_text_fold("\xFF" "A", 2, out, sizeof out), 2,
           "fold keeps a byte that is not UTF-8");
    ok(memcmp(out, "\xFF" "a", 3) == 0, "fold lowercases after a bad byte");

    is_int((long long)servq_text_fold("abc", 3, out, 3), -1, "fold overflow");
    is_int((long long)servq_text_fold("abc", 3, out, 4), 3, "fold exact fit");
    is_int((long long)servq_text_fold("abc", 3, out, 0), -1, "fold into nothing");
    is_int((long long)servq_text_fold("ab .", 4, out, 3), 2,
           "dropped dot makes room");
    is_str(out, "ab", "fold 'ab .' into 3 bytes");
    is_int((long long)servq_text_fold("", 0, out, 1), 0, "fold empty");
    is_str(out, "", "fold empty is empty");
    is_int((long long)servq_text_fold(NULL, 0, out, sizeof out), 0, "fold NULL, 0");
    is_int((long long)servq_text_fold("Ж", 2, out, 2), -1,
           "fold overflow in a two-byte letter");
}

/*
 * A typo in a table row (an accent, a capital, a comma, a feminine form)
 * would make it unreachable, so every row must fold to itself and look
 * itself up.
 */
static void test_tables(void)
{
    const char *label, *form, *canon;
    char out[SERVQ_LABEL_MAX + 1];
    enum servq_label_kind kind;
    int points, value, v;
    size_t i, j, rows = 0, bad = 0, badlookup = 0;

    for (i = 0; servq_labels_builtin(i, &label, &points, &kind, &value); i++) {
        size_t n = servq_text_fold(label, strlen(label), out, sizeof out);

        rows++;
        if (n == (size_t)-1 || strcmp(out, label) != 0) {
            bad++;
            ok(0, "row '%s' folds to itself", label);
        }
        if (kind == SERVQ_LABEL_VALUE) {
            v = -1;
            if (servq_labels_lookup(NULL, label, strlen(label), points, 1, &v)
                    != SERVQ_LABEL_VALUE || v != value) {
                badlookup++;
                ok(0, "row '%s' on %d points looks up %d", label, points, value);
            }
        } else if (servq_labels_lookup(NULL, label, strlen(label), 7, 1, &v)
                       != SERVQ_LABEL_MISSING) {
            badlookup++;
            ok(0, "row '%s' looks up as missing", label);
        }
    }
    ok(rows > 250, "%zu built-in rows", rows);
    ok(bad == 0, "every built-in row folds to itself");
    ok(badlookup == 0, "every built-in row looks itself up");

    bad = 0;
    for (i = 0; servq_labels_builtin(i, &label, &points, NULL, NULL); i++) {
        const char *other;
        int op;

        for (j = i + 1; servq_labels_builtin(j, &other, &op, NULL, NULL); j++) {
            if (op == points && strcmp(other, label) == 0) {
                bad++;
                ok(0, "row '%s' on %d points is unique", label, points);
            }
        }
    }
    ok(bad == 0, "no built-in row is repeated");

    /* A 5-point agreement scale merges "somewhat" into the plain points. */
    bad = 0;
    for (i = 0; servq_labels_builtin(i, &label, &points, NULL, &value); i++) {
        static const int collapse[8] = { 0, 1, 2, 2, 3, 4, 4, 5 };

        if (points != 7)
            continue;
        if (servq_labels_lookup(NULL, label, strlen(label), 5, 1, &v)
                != SERVQ_LABEL_VALUE || v != collapse[value]) {
            bad++;
            ok(0, "7-point '%s' (%d) is %d on 5 points", label, value,
               collapse[value]);
        }
    }
    ok(bad == 0, "every 7-point label has its 5-point value");

    bad = 0;
    for (i = 0; servq_labels_builtin_word(i, &form, &canon); i++) {
        size_t used = 0;

        if (servq_text_fold(form, strlen(form), out, sizeof out) == (size_t)-1 ||
            strcmp(out, form) != 0 ||
            servq_text_fold(canon, strlen(canon), out, sizeof out) == (size_t)-1 ||
            strcmp(out, canon) != 0 || strcmp(form, canon) == 0) {
            bad++;
            ok(0, "word '%s' -> '%s' is folded", form, canon);
        }
        for (j = 0; servq_labels_builtin(j, &label, NULL, NULL, NULL); j++) {
            const char *p = strstr(label, canon);
            size_t cl = strlen(canon);

            if (p && (p == label || p[-1] == ' ') && (p[cl] == ' ' || p[cl] == '\0'))
                used++;
        }
        if (used == 0) {
            bad++;
            ok(0, "word '%s' is used by a row", canon);
        }
    }
    ok(i > 0 && bad == 0, "every word form is folded and used");
}

static void check_fit(const struct servq_labels *t, const char *s, int want, int on5, int on7,
                      int level7)
{
    struct servq_label_fit f;
    int r = servq_labels_fit(t, s, strlen(s), &f);

    if (!ok(r == want && (!want || (f.on5 == on5 && f.on7 == on7 && f.level7 == level7)),
            "fit of '%s': %d (on5 %d, on7 %d, level %d)", s, want, on5, on7, level7))
        printf("#   got %d (on5 %d, on7 %d, level %d)\n", r, f.on5, f.on7, f.level7);
}

/*
 * Where the dictionaries place an answer whatever the item's scale, which
 * the importer's check of answers against the item's scale relies on.
 */
static void test_fit(void)
{
    struct servq_labels *t = servq_labels_new();

    if (!ok(t != NULL, "servq_labels_new"))
        return;
    check_fit(t, "Agree", 1, 1, 1, 6);
    check_fit(t, "somewhat agree", 1, 1, 1, 5);
    check_fit(t, "Totalmente de acuerdo", 1, 1, 1, 7);
    check_fit(t, "Discordo parcialmente", 1, 1, 1, 3);
    check_fit(t, "Ни согласна, ни не согласна", 1, 1, 1, 4);
    check_fit(t, "Strongly agree (7)", 0, 0, 0, 0);
    check_fit(t, "Agree (seven)", 1, 1, 1, 6);
    check_fit(t, "Very satisfied", 1, 1, 0, 0);
    check_fit(t, "Bom", 1, 1, 0, 0);
    check_fit(t, "Хорошо", 1, 1, 0, 0);
    check_fit(t, "N/A", 0, 0, 0, 0);
    check_fit(t, "Не знаю", 0, 0, 0, 0);
    check_fit(t, "5", 0, 0, 0, 0);
    check_fit(t, "maybe", 0, 0, 0, 0);
    check_fit(t, "", 0, 0, 0, 0);
    is_int(servq_labels_add(t, "Agree", 5, 4, SERVQ_LABEL_VALUE, 3), 0,
           "add 'Agree' = 3 on 4 points");
    check_fit(t, "AGREE", 0, 0, 0, 0);
    check_fit(t, "Agree (3)", 0, 0, 0, 0);
    check_fit(NULL, "Agree", 1, 1, 1, 6);
    servq_labels_free(t);
}

/*
 * Every 7-point agreement word is also a 5-point one, at the point a
 * 5-point scale merges it to (1; 2, 3; 4; 5, 6; 7 become 1; 2; 3; 4; 5), so
 * that the two 5-point sets are the 7-point levels 1 2 4 6 7 and 1 3 4 5 7.
 */
static void test_seven_in_five(void)
{
    static const int merged[8] = {0, 1, 2, 2, 3, 4, 4, 5};
    const char *label;
    int points, value, v5, bad = 0;
    enum servq_label_kind kind;
    size_t i;

    for (i = 0; servq_labels_builtin(i, &label, &points, &kind, &value); i++) {
        if (points != 7)
            continue;
        if (servq_labels_lookup(NULL, label, strlen(label), 5, 1, &v5) != SERVQ_LABEL_VALUE ||
            v5 != merged[value]) {
            bad++;
            ok(0, "'%s' (%d of 7) is %d of 5", label, value, merged[value]);
        }
    }
    ok(bad == 0, "every 7-point word is on the 5-point scale, merged");
}

int main(void)
{
    test_english();
    test_spanish();
    test_portuguese();
    test_russian();
    test_scale_dependent();
    test_insensitivity();
    test_missing();
    test_codes();
    test_min_shift();
    test_user_entries();
    test_many_user_entries();
    test_unknown();
    test_fold();
    test_tables();
    test_fit();
    test_seven_in_five();
    return tap_done();
}
