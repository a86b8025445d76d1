/*
 * Likert answer text to scale values.
 *
 * Exports from Qualtrics, SurveyMonkey, Google Forms and LimeSurvey carry
 * answer labels in the questionnaire's language and letter case, so every
 * comparison is made between folded forms: the built-in tables are stored
 * already folded and each answer is folded once per lookup.
 */
#include "import/labels-priv.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Room for a folded answer. Longer answers cannot be labels (the longest
 * user label is SERVQ_LABEL_MAX bytes), so they need no allocation.
 */
#define ANSWER_MAX 1024

#define UTF8_INVALID UINT32_C(0xFFFFFFFF)

struct label_row {
    const char *label;
    size_t len;
    int points;
    int value;
};

struct word_row {
    const char *form;
    size_t form_len;
    const char *canonical;
    size_t canonical_len;
};

struct user_entry {
    char *label;
    size_t len;
    int points;
    enum servq_label_kind kind;
    int value;
};

struct servq_labels {
    struct user_entry *v;
    size_t n;
    size_t cap;
};

#define ROW(p, v, s) { s, sizeof(s) - 1, p, v }
#define WORD(f, c) { f, sizeof(f) - 1, c, sizeof(c) - 1 }

/*
 * Agreement, satisfaction and quality scales, stored folded (see
 * servq_text_fold()), without commas and with masculine adjectives, which
 * is the form dict_key() gives an answer. One label can sit on both scales
 * with different values: "de acuerdo" is 6 of 7 but 4 of 5, because a
 * 5-point scale merges the "somewhat" and plain points.
 */
static const struct label_row dict_rows[] = {
    /* English, 7 points */
    ROW(7, 1, "strongly disagree"),
    ROW(7, 1, "completely disagree"),
    ROW(7, 1, "totally disagree"),
    ROW(7, 1, "disagree strongly"),
    ROW(7, 1, "disagree completely"),
    ROW(7, 2, "disagree"),
    ROW(7, 2, "mostly disagree"),
    ROW(7, 2, "moderately disagree"),
    ROW(7, 3, "somewhat disagree"),
    ROW(7, 3, "slightly disagree"),
    ROW(7, 3, "mildly disagree"),
    ROW(7, 3, "disagree somewhat"),
    ROW(7, 3, "disagree slightly"),
    ROW(7, 4, "neither agree nor disagree"),
    ROW(7, 4, "neither agree or disagree"),
    ROW(7, 4, "neither disagree nor agree"),
    ROW(7, 4, "neither"),
    ROW(7, 4, "neutral"),
    ROW(7, 4, "undecided"),
    ROW(7, 5, "somewhat agree"),
    ROW(7, 5, "slightly agree"),
    ROW(7, 5, "mildly agree"),
    ROW(7, 5, "agree somewhat"),
    ROW(7, 5, "agree slightly"),
    ROW(7, 6, "agree"),
    ROW(7, 6, "mostly agree"),
    ROW(7, 6, "moderately agree"),
    ROW(7, 7, "strongly agree"),
    ROW(7, 7, "completely agree"),
    ROW(7, 7, "totally agree"),
    ROW(7, 7, "agree strongly"),
    ROW(7, 7, "agree completely"),

    /* Spanish, 7 points */
    ROW(7, 1, "totalmente en desacuerdo"),
    ROW(7, 1, "muy en desacuerdo"),
    ROW(7, 1, "completamente en desacuerdo"),
    ROW(7, 1, "fuertemente en desacuerdo"),
    ROW(7, 2, "en desacuerdo"),
    ROW(7, 3, "algo en desacuerdo"),
    ROW(7, 3, "ligeramente en desacuerdo"),
    ROW(7, 3, "un poco en desacuerdo"),
    ROW(7, 3, "parcialmente en desacuerdo"),
    ROW(7, 4, "ni de acuerdo ni en desacuerdo"),
    ROW(7, 4, "ni acuerdo ni desacuerdo"),
    ROW(7, 4, "indiferente"),
    ROW(7, 5, "algo de acuerdo"),
    ROW(7, 5, "ligeramente de acuerdo"),
    ROW(7, 5, "un poco de acuerdo"),
    ROW(7, 5, "parcialmente de acuerdo"),
    ROW(7, 6, "de acuerdo"),
    ROW(7, 7, "totalmente de acuerdo"),
    ROW(7, 7, "muy de acuerdo"),
    ROW(7, 7, "completamente de acuerdo"),
    ROW(7, 7, "fuertemente de acuerdo"),

    /* Portuguese (Brazil and Portugal), 7 points */
    ROW(7, 1, "discordo totalmente"),
    ROW(7, 1, "discordo completamente"),
    ROW(7, 1, "discordo fortemente"),
    ROW(7, 1, "totalmente em desacordo"),
    ROW(7, 2, "discordo"),
    ROW(7, 2, "em desacordo"),
    ROW(7, 3, "discordo parcialmente"),
    ROW(7, 3, "discordo em parte"),
    ROW(7, 3, "discordo um pouco"),
    ROW(7, 3, "discordo ligeiramente"),
    ROW(7, 4, "nem concordo nem discordo"),
    ROW(7, 4, "nao concordo nem discordo"),
    ROW(7, 4, "nem de acordo nem em desacordo"),
    ROW(7, 4, "neutro"),
    ROW(7, 5, "concordo parcialmente"),
    ROW(7, 5, "concordo em parte"),
    ROW(7, 5, "concordo um pouco"),
    ROW(7, 5, "concordo ligeiramente"),
    ROW(7, 6, "concordo"),
    ROW(7, 6, "de acordo"),
    ROW(7, 7, "concordo totalmente"),
    ROW(7, 7, "concordo completamente"),
    ROW(7, 7, "concordo fortemente"),
    ROW(7, 7, "totalmente de acordo"),

    /* Russian, 7 points */
    ROW(7, 1, "полностью не согласен"),
    ROW(7, 1, "совершенно не согласен"),
    ROW(7, 1, "абсолютно не согласен"),
    ROW(7, 1, "категорически не согласен"),
    ROW(7, 1, "совсем не согласен"),
    ROW(7, 2, "не согласен"),
    ROW(7, 3, "скорее не согласен"),
    ROW(7, 3, "отчасти не согласен"),
    ROW(7, 3, "частично не согласен"),
    ROW(7, 3, "скорее не согласен чем согласен"),
    ROW(7, 4, "ни согласен ни не согласен"),
    ROW(7, 4, "нейтрально"),
    ROW(7, 4, "и да и нет"),
    ROW(7, 4, "ни да ни нет"),
    ROW(7, 5, "скорее согласен"),
    ROW(7, 5, "отчасти согласен"),
    ROW(7, 5, "частично согласен"),
    ROW(7, 5, "скорее согласен чем не согласен"),
    ROW(7, 6, "согласен"),
    ROW(7, 7, "полностью согласен"),
    ROW(7, 7, "совершенно согласен"),
    ROW(7, 7, "абсолютно согласен"),

    /* English, 5 points */
    ROW(5, 1, "strongly disagree"),
    ROW(5, 1, "completely disagree"),
    ROW(5, 1, "totally disagree"),
    ROW(5, 1, "disagree strongly"),
    ROW(5, 1, "disagree completely"),
    ROW(5, 2, "disagree"),
    ROW(5, 2, "mostly disagree"),
    ROW(5, 2, "moderately disagree"),
    ROW(5, 2, "somewhat disagree"),
    ROW(5, 2, "slightly disagree"),
    ROW(5, 2, "mildly disagree"),
    ROW(5, 2, "disagree somewhat"),
    ROW(5, 2, "disagree slightly"),
    ROW(5, 3, "neither agree nor disagree"),
    ROW(5, 3, "neither agree or disagree"),
    ROW(5, 3, "neither disagree nor agree"),
    ROW(5, 3, "neither"),
    ROW(5, 3, "neutral"),
    ROW(5, 3, "undecided"),
    ROW(5, 4, "somewhat agree"),
    ROW(5, 4, "slightly agree"),
    ROW(5, 4, "mildly agree"),
    ROW(5, 4, "agree somewhat"),
    ROW(5, 4, "agree slightly"),
    ROW(5, 4, "agree"),
    ROW(5, 4, "mostly agree"),
    ROW(5, 4, "moderately agree"),
    ROW(5, 5, "strongly agree"),
    ROW(5, 5, "completely agree"),
    ROW(5, 5, "totally agree"),
    ROW(5, 5, "agree strongly"),
    ROW(5, 5, "agree completely"),
    ROW(5, 1, "very dissatisfied"),
    ROW(5, 1, "extremely dissatisfied"),
    ROW(5, 1, "completely dissatisfied"),
    ROW(5, 1, "very unsatisfied"),
    ROW(5, 2, "dissatisfied"),
    ROW(5, 2, "somewhat dissatisfied"),
    ROW(5, 2, "unsatisfied"),
    ROW(5, 3, "neither satisfied nor dissatisfied"),
    ROW(5, 3, "neither satisfied or dissatisfied"),
    ROW(5, 3, "neither dissatisfied nor satisfied"),
    ROW(5, 4, "satisfied"),
    ROW(5, 4, "somewhat satisfied"),
    ROW(5, 5, "very satisfied"),
    ROW(5, 5, "extremely satisfied"),
    ROW(5, 5, "completely satisfied"),
    ROW(5, 1, "very poor"),
    ROW(5, 2, "poor"),
    ROW(5, 3, "fair"),
    ROW(5, 3, "average"),
    ROW(5, 4, "good"),
    ROW(5, 5, "excellent"),

    /* Spanish, 5 points */
    ROW(5, 1, "totalmente en desacuerdo"),
    ROW(5, 1, "muy en desacuerdo"),
    ROW(5, 1, "completamente en desacuerdo"),
    ROW(5, 1, "fuertemente en desacuerdo"),
    ROW(5, 2, "en desacuerdo"),
    ROW(5, 2, "algo en desacuerdo"),
    ROW(5, 2, "ligeramente en desacuerdo"),
    ROW(5, 2, "un poco en desacuerdo"),
    ROW(5, 2, "parcialmente en desacuerdo"),
    ROW(5, 3, "ni de acuerdo ni en desacuerdo"),
    ROW(5, 3, "ni acuerdo ni desacuerdo"),
    ROW(5, 3, "indiferente"),
    ROW(5, 4, "algo de acuerdo"),
    ROW(5, 4, "ligeramente de acuerdo"),
    ROW(5, 4, "un poco de acuerdo"),
    ROW(5, 4, "parcialmente de acuerdo"),
    ROW(5, 4, "de acuerdo"),
    ROW(5, 5, "totalmente de acuerdo"),
    ROW(5, 5, "muy de acuerdo"),
    ROW(5, 5, "completamente de acuerdo"),
    ROW(5, 5, "fuertemente de acuerdo"),
    ROW(5, 1, "muy insatisfecho"),
    ROW(5, 1, "totalmente insatisfecho"),
    ROW(5, 1, "nada satisfecho"),
    ROW(5, 2, "insatisfecho"),
    ROW(5, 2, "algo insatisfecho"),
    ROW(5, 2, "poco satisfecho"),
    ROW(5, 3, "ni satisfecho ni insatisfecho"),
    ROW(5, 4, "satisfecho"),
    ROW(5, 4, "algo satisfecho"),
    ROW(5, 5, "muy satisfecho"),
    ROW(5, 5, "totalmente satisfecho"),
    ROW(5, 1, "muy malo"),
    ROW(5, 2, "malo"),
    ROW(5, 3, "regular"),
    ROW(5, 4, "bueno"),
    ROW(5, 5, "excelente"),

    /* Portuguese (Brazil and Portugal), 5 points */
    ROW(5, 1, "discordo totalmente"),
    ROW(5, 1, "discordo completamente"),
    ROW(5, 1, "discordo fortemente"),
    ROW(5, 1, "totalmente em desacordo"),
    ROW(5, 2, "discordo"),
    ROW(5, 2, "em desacordo"),
    ROW(5, 2, "discordo parcialmente"),
    ROW(5, 2, "discordo em parte"),
    ROW(5, 2, "discordo um pouco"),
    ROW(5, 2, "discordo ligeiramente"),
    ROW(5, 3, "nem concordo nem discordo"),
    ROW(5, 3, "nao concordo nem discordo"),
    ROW(5, 3, "nem de acordo nem em desacordo"),
    ROW(5, 3, "neutro"),
    ROW(5, 4, "concordo parcialmente"),
    ROW(5, 4, "concordo em parte"),
    ROW(5, 4, "concordo um pouco"),
    ROW(5, 4, "concordo ligeiramente"),
    ROW(5, 4, "concordo"),
    ROW(5, 4, "de acordo"),
    ROW(5, 5, "concordo totalmente"),
    ROW(5, 5, "concordo completamente"),
    ROW(5, 5, "concordo fortemente"),
    ROW(5, 5, "totalmente de acordo"),
    ROW(5, 1, "muito insatisfeito"),
    ROW(5, 1, "totalmente insatisfeito"),
    ROW(5, 1, "nada satisfeito"),
    ROW(5, 2, "insatisfeito"),
    ROW(5, 2, "pouco satisfeito"),
    ROW(5, 3, "nem satisfeito nem insatisfeito"),
    ROW(5, 4, "satisfeito"),
    ROW(5, 5, "muito satisfeito"),
    ROW(5, 5, "totalmente satisfeito"),
    ROW(5, 1, "muito ruim"),
    ROW(5, 1, "muito mau"),
    ROW(5, 2, "ruim"),
    ROW(5, 2, "mau"),
    ROW(5, 3, "razoavel"),
    ROW(5, 4, "bom"),

    /* Russian, 5 points */
    ROW(5, 1, "полностью не согласен"),
    ROW(5, 1, "совершенно не согласен"),
    ROW(5, 1, "абсолютно не согласен"),
    ROW(5, 1, "категорически не согласен"),
    ROW(5, 1, "совсем не согласен"),
    ROW(5, 2, "не согласен"),
    ROW(5, 2, "скорее не согласен"),
    ROW(5, 2, "отчасти не согласен"),
    ROW(5, 2, "частично не согласен"),
    ROW(5, 2, "скорее не согласен чем согласен"),
    ROW(5, 3, "ни согласен ни не согласен"),
    ROW(5, 3, "нейтрально"),
    ROW(5, 3, "и да и нет"),
    ROW(5, 3, "ни да ни нет"),
    ROW(5, 4, "скорее согласен"),
    ROW(5, 4, "отчасти согласен"),
    ROW(5, 4, "частично согласен"),
    ROW(5, 4, "скорее согласен чем не согласен"),
    ROW(5, 4, "согласен"),
    ROW(5, 5, "полностью согласен"),
    ROW(5, 5, "совершенно согласен"),
    ROW(5, 5, "абсолютно согласен"),
    ROW(5, 1, "очень недоволен"),
    ROW(5, 1, "совсем не доволен"),
    ROW(5, 1, "совсем не удовлетворен"),
    ROW(5, 1, "совершенно не удовлетворен"),
    ROW(5, 1, "полностью не удовлетворен"),
    ROW(5, 2, "недоволен"),
    ROW(5, 2, "не доволен"),
    ROW(5, 2, "скорее недоволен"),
    ROW(5, 2, "не удовлетворен"),
    ROW(5, 2, "неудовлетворен"),
    ROW(5, 2, "скорее не удовлетворен"),
    ROW(5, 3, "ни доволен ни недоволен"),
    ROW(5, 3, "ни удовлетворен ни не удовлетворен"),
    ROW(5, 4, "доволен"),
    ROW(5, 4, "скорее доволен"),
    ROW(5, 4, "удовлетворен"),
    ROW(5, 4, "скорее удовлетворен"),
    ROW(5, 5, "очень доволен"),
    ROW(5, 5, "полностью доволен"),
    ROW(5, 5, "полностью удовлетворен"),
    ROW(5, 5, "совершенно удовлетворен"),
    ROW(5, 1, "очень плохо"),
    ROW(5, 2, "плохо"),
    ROW(5, 3, "удовлетворительно"),
    ROW(5, 4, "хорошо"),
    ROW(5, 5, "отлично")
};

/*
 * Answers meaning "no value" on any scale. These are matched on the folded
 * text itself, not on dict_key(), so punctuation such as "n/a" must agree.
 */
static const struct label_row missing_rows[] = {
    ROW(0, 0, "n/a"),
    ROW(0, 0, "na"),
    ROW(0, 0, "n.a"),
    ROW(0, 0, "not applicable"),
    ROW(0, 0, "does not apply"),
    ROW(0, 0, "no basis for evaluation"),
    ROW(0, 0, "no basis to judge"),
    ROW(0, 0, "don't know"),
    ROW(0, 0, "dont know"),
    ROW(0, 0, "do not know"),
    ROW(0, 0, "i don't know"),
    ROW(0, 0, "prefer not to say"),
    ROW(0, 0, "prefer not to answer"),
    ROW(0, 0, "no answer"),
    ROW(0, 0, "unfamiliar (n/a)"),
    ROW(0, 0, "no se"),
    ROW(0, 0, "no lo se"),
    ROW(0, 0, "no sabe/no contesta"),
    ROW(0, 0, "no aplica"),
    ROW(0, 0, "no procede"),
    ROW(0, 0, "no corresponde"),
    ROW(0, 0, "ns/nc"),
    ROW(0, 0, "prefiero no responder"),
    ROW(0, 0, "prefiero no contestar"),
    ROW(0, 0, "sin respuesta"),
    ROW(0, 0, "nao sei"),
    ROW(0, 0, "nao se aplica"),
    ROW(0, 0, "nao aplicavel"),
    ROW(0, 0, "prefiro nao responder"),
    ROW(0, 0, "prefiro nao dizer"),
    ROW(0, 0, "sem resposta"),
    ROW(0, 0, "ns/nr"),
    ROW(0, 0, "не знаю"),
    ROW(0, 0, "затрудняюсь ответить"),
    ROW(0, 0, "затрудняюсь с ответом"),
    ROW(0, 0, "неприменимо"),
    ROW(0, 0, "не применимо"),
    ROW(0, 0, "нет ответа"),
    ROW(0, 0, "отказ от ответа")
};

/*
 * Respondents pick the adjective that agrees with them, so a woman answers
 * "согласна" and a Spanish form may say "satisfecha". Mapping these words
 * to the masculine form keeps the dictionaries to one row per meaning; the
 * Russian short forms drop or keep a fleeting vowel (согласен/согласна,
 * доволен/довольна), which is why this is a word list, not a suffix rule.
 */
static const struct word_row word_rows[] = {
    WORD("согласна", "согласен"),
    WORD("согласны", "согласен"),
    WORD("довольна", "доволен"),
    WORD("довольны", "доволен"),
    WORD("недовольна", "недоволен"),
    WORD("недовольны", "недоволен"),
    WORD("удовлетворена", "удовлетворен"),
    WORD("удовлетворены", "удовлетворен"),
    WORD("неудовлетворена", "неудовлетворен"),
    WORD("неудовлетворены", "неудовлетворен"),
    WORD("satisfecha", "satisfecho"),
    WORD("insatisfecha", "insatisfecho"),
    WORD("mala", "malo"),
    WORD("buena", "bueno"),
    WORD("satisfeita", "satisfeito"),
    WORD("insatisfeita", "insatisfeito")
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Base letters of U+00C0..U+00FF and U+0100..U+017F. '-' marks a code
 * point that is not an accented letter (×, ÷, þ) or folds to two letters;
 * fold_latin() handles those first.
 */
static const char latin1_base[] =
    "aaaaaa-ceeeeiiii" "dnooooo-ouuuuy--"
    "aaaaaa-ceeeeiiii" "dnooooo-ouuuuy-y";
static const char latin_ext_a_base[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "--" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "--" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

_Static_assert(sizeof(latin1_base) == 0x40 + 1, "one letter per code point");
_Static_assert(sizeof(latin_ext_a_base) == 0x80 + 1, "one letter per code point");

/*
 * Where folded bytes go. n keeps counting past cap so the caller learns
 * the folded length is too long; keep is where the text would end if no
 * more letters came, which is how a trailing '.' (and the space before
 * it) is dropped without a second pass.
 */
struct fold_sink {
    unsigned char *out;
    size_t cap;
    size_t n;
    size_t keep;
    int space;
};

static void sink_byte(struct fold_sink *k, unsigned char c)
{
    if (k->n < k->cap)
        k->out[k->n] = c;
    k->n++;
}

static void sink_unit(struct fold_sink *k, const unsigned char *b, size_t len)
{
    size_t before = k->n;
    size_t i;

    /* Leading white space is never written; inner runs become one space. */
    if (k->space && k->n > 0)
        sink_byte(k, ' ');
    k->space = 0;
    for (i = 0; i < len; i++)
        sink_byte(k, b[i]);
    k->keep = len == 1 && b[0] == '.' ? before : k->n;
}

static void sink_ascii(struct fold_sink *k, const char *s)
{
    sink_unit(k, (const unsigned char *)s, strlen(s));
}

static void sink_cp(struct fold_sink *k, uint32_t cp)
{
    unsigned char b[3];

    /* Only letters below U+0800 are ever rewritten. */
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        sink_unit(k, b, 1);
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        sink_unit(k, b, 2);
    } else {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        sink_unit(k, b, 3);
    }
}

/*
 * Decodes one code point. Malformed, overlong and surrogate sequences give
 * UTF8_INVALID for one byte, which the caller copies unchanged: the text
 * then simply matches nothing.
 */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t need, i;
    uint32_t v, min;

    *cp = UTF8_INVALID;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 1;
    }
    if (len <= need)
        return 1;
    for (i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 1;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 1;
    *cp = v;
    return need + 1;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* Invisible characters that editors and exporters leave inside words. */
static int is_ignorable(uint32_t cp)
{
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
           cp == 0xFEFF;
}

/* Word processors turn "Don't know" into "Don’t know". */
static int is_apostrophe(uint32_t cp)
{
    return cp == 0x2018 || cp == 0x2019 || cp == 0x2BC || cp == 0xB4;
}

/*
 * Decomposed text spells á as a + U+0301, so the mark alone goes. The
 * exception is Cyrillic й = и + breve: й is a letter of its own, and
 * dropping the breve would make "нейтрально" unmatchable.
 */
static void fold_mark(struct fold_sink *k, uint32_t cp)
{
    if (cp != 0x306 || k->space || k->n < 2 || k->n > k->cap)
        return;
    if (k->out[k->n - 2] == 0xD0 && k->out[k->n - 1] == 0xB8)
        k->out[k->n - 1] = 0xB9;
}

static void fold_latin(struct fold_sink *k, uint32_t cp,
                       const unsigned char *raw, size_t rawlen)
{
    char base[2] = { 0, 0 };

    switch (cp) {
    case 0xC6: case 0xE6:
        sink_ascii(k, "ae");
        return;
    case 0xDF:
        sink_ascii(k, "ss");
        return;
    case 0x132: case 0x133:
        sink_ascii(k, "ij");
        return;
    case 0x152: case 0x153:
        sink_ascii(k, "oe");
        return;
    case 0xDE:
        sink_cp(k, 0xFE);
        return;
    default:
        break;
    }
    base[0] = cp < 0x100 ? latin1_base[cp - 0xC0] : latin_ext_a_base[cp - 0x100];
    if (base[0] == '-')
        sink_unit(k, raw, rawlen);
    else
        sink_ascii(k, base);
}

static uint32_t fold_cyrillic(uint32_t cp)
{
    if (cp <= 0x40F)
        cp += 0x50;
    else if (cp <= 0x42F)
        cp += 0x20;
    else if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
             cp >= 0x4D0)
        cp |= 1;
    else if (cp == 0x4C0)
        cp = 0x4CF;
    else if (cp >= 0x4C1 && cp <= 0x4CE && (cp & 1))
        cp++;
    /* ё is written as е at will in Russian; ѐ and ѝ are е and и stressed. */
    if (cp == 0x450 || cp == 0x451)
        return 0x435;
    if (cp == 0x45D)
        return 0x438;
    return cp;
}

static void fold_char(struct fold_sink *k, uint32_t cp,
                      const unsigned char *raw, size_t rawlen)
{
    unsigned char c;

    if (is_space(cp)) {
        k->space = 1;
    } else if (is_ignorable(cp)) {
        return;
    } else if (cp >= 0x300 && cp <= 0x36F) {
        fold_mark(k, cp);
    } else if (cp < 0x80) {
        c = (unsigned char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        sink_unit(k, &c, 1);
    } else if (is_apostrophe(cp)) {
        sink_ascii(k, "'");
    } else if (cp >= 0xC0 && cp <= 0x17F) {
        fold_latin(k, cp, raw, rawlen);
    } else if (cp >= 0x400 && cp <= 0x4FF) {
        sink_cp(k, fold_cyrillic(cp));
    } else {
        sink_unit(k, raw, rawlen);
    }
}

size_t servq_text_fold(const char *s, size_t len, char *out, size_t cap)
{
    struct fold_sink k = { (unsigned char *)out, cap, 0, 0, 0 };
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    if ((!s && len > 0) || !out || cap == 0)
        return (size_t)-1;
    while (i < len) {
        uint32_t cp;
        size_t step = utf8_next(p + i, len - i, &cp);

        fold_char(&k, cp, p + i, step);
        i += step;
    }
    if (k.keep >= cap)
        return (size_t)-1;
    out[k.keep] = '\0';
    return k.keep;
}

/*
 * Length of s[0..n) without a trailing balanced "(...)" and the space
 * before it, or n when there is none. *open receives the index of the
 * '(' so the caller can read a code from it. The part before must not be
 * empty: a lone "(7)" is not "label (code)".
 */
static size_t strip_paren(const char *s, size_t n, size_t *open)
{
    size_t depth = 0;
    size_t i = n;

    if (n == 0 || s[n - 1] != ')')
        return n;
    while (i > 0) {
        i--;
        if (s[i] == ')') {
            depth++;
        } else if (s[i] == '(' && --depth == 0) {
            *open = i;
            if (i > 0 && s[i - 1] == ' ')
                i--;
            return i > 0 ? i : n;
        }
    }
    return n;
}

/* Reads "(N)" at s[0..n), s[0] being '(', allowing a sign and spaces. */
static int parse_code(const char *s, size_t n, int *value)
{
    size_t i = 1, end = n - 1, digits = 0;
    int sign = 1, v = 0;

    if (i < end && s[i] == ' ')
        i++;
    if (end > i && s[end - 1] == ' ')
        end--;
    if (i < end && (s[i] == '-' || s[i] == '+')) {
        sign = s[i] == '-' ? -1 : 1;
        i++;
    }
    /* Nine digits cannot overflow an int; a tenth is left unread and fails. */
    for (; i < end && s[i] >= '0' && s[i] <= '9' && digits < 9; i++, digits++)
        v = v * 10 + (s[i] - '0');
    if (i != end || digits == 0)
        return 0;
    *value = sign * v;
    return 1;
}

static const struct user_entry *user_find(const struct servq_labels *t,
                                          const char *s, size_t n, int points)
{
    const struct user_entry *any = NULL;
    size_t i;

    if (!t)
        return NULL;
    for (i = 0; i < t->n; i++) {
        const struct user_entry *e = &t->v[i];

        if (e->len != n || memcmp(e->label, s, n) != 0)
            continue;
        if (e->points == points)
            return e;
        if (e->points == 0 && !any)
            any = e;
    }
    return any;
}

static int row_find(const struct label_row *rows, size_t count,
                    const char *s, size_t n, int points)
{
    size_t i;

    for (i = 0; i < count; i++) {
        if (rows[i].points == points && rows[i].len == n &&
            memcmp(rows[i].label, s, n) == 0)
            return (int)i;
    }
    return -1;
}

static int is_missing(const char *s, size_t n)
{
    return row_find(missing_rows, COUNT(missing_rows), s, n, 0) >= 0;
}

static const char *canonical_word(const char *w, size_t n, size_t *out_len)
{
    size_t i;

    for (i = 0; i < COUNT(word_rows); i++) {
        if (word_rows[i].form_len == n && memcmp(word_rows[i].form, w, n) == 0) {
            *out_len = word_rows[i].canonical_len;
            return word_rows[i].canonical;
        }
    }
    *out_len = n;
    return w;
}

/*
 * The form the dictionaries are stored in: words of the folded text with
 * commas treated as spaces ("Ни согласен, ни не согласен") and each
 * feminine or plural adjective replaced by its masculine form.
 */
static size_t dict_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, k = 0;

    for (;;) {
        size_t start, wlen;
        const char *w;

        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
        start = i;
        while (i < n && s[i] != ' ' && s[i] != ',')
            i++;
        if (i == start)
            return k;
        w = canonical_word(s + start, i - start, &wlen);
        if (wlen + 1 > cap - k)
            return (size_t)-1;
        if (k > 0)
            out[k++] = ' ';
        memcpy(out + k, w, wlen);
        k += wlen;
    }
}

static int dict_find(const char *s, size_t n, int points, int *value)
{
    char key[ANSWER_MAX];
    size_t kn = dict_key(s, n, key, sizeof key);
    int row;

    if (kn == (size_t)-1)
        return 0;
    row = row_find(dict_rows, COUNT(dict_rows), key, kn, points);
    if (row < 0)
        return 0;
    *value = dict_rows[row].value;
    return 1;
}

/* Built-in values count from 1; a 0..4 scale wants them one lower. */
static enum servq_label_kind shifted(int v, int min, int *value)
{
    long long r = (long long)v + min - 1;

    if (r < INT_MIN || r > INT_MAX)
        return SERVQ_LABEL_UNKNOWN;
    if (value)
        *value = (int)r;
    return SERVQ_LABEL_VALUE;
}

static enum servq_label_kind found(const struct user_entry *e, int *value)
{
    if (e->kind == SERVQ_LABEL_VALUE && value)
        *value = e->value;
    return e->kind;
}

enum servq_label_kind servq_labels_lookup(const struct servq_labels *t,
                                          const char *s, size_t len,
                                          int points, int min, int *value)
{
    char buf[ANSWER_MAX];
    size_t n = servq_text_fold(s, len, buf, sizeof buf);
    size_t open = 0, base;
    const struct user_entry *e;
    int v;

    if (n == (size_t)-1 || n == 0)
        return SERVQ_LABEL_UNKNOWN;
    base = strip_paren(buf, n, &open);
    e = user_find(t, buf, n, points);
    if (!e && base < n)
        e = user_find(t, buf, base, points);
    if (e)
        return found(e, value);
    if (is_missing(buf, n) || (base < n && is_missing(buf, base)))
        return SERVQ_LABEL_MISSING;
    if (base < n && parse_code(buf + open, n - open, &v)) {
        if (value)
            *value = v;
        return SERVQ_LABEL_VALUE;
    }
    if (points != 5 && points != 7)
        return SERVQ_LABEL_UNKNOWN;
    if (dict_find(buf, n, points, &v) || (base < n && dict_find(buf, base, points, &v)))
        return shifted(v, min, value);
    return SERVQ_LABEL_UNKNOWN;
}

int servq_labels_fit(const struct servq_labels *t, const char *s, size_t len,
                     struct servq_label_fit *fit)
{
    char buf[ANSWER_MAX];
    size_t n = servq_text_fold(s, len, buf, sizeof buf);
    size_t open = 0, base, i;
    int v;

    memset(fit, 0, sizeof *fit);
    if (n == (size_t)-1 || n == 0)
        return 0;
    base = strip_paren(buf, n, &open);
    /* A user entry, for any scale, or a missing-value word: not the dictionaries'. */
    for (i = 0; t && i < t->n; i++)
        if ((t->v[i].len == n && memcmp(t->v[i].label, buf, n) == 0) ||
            (base < n && t->v[i].len == base && memcmp(t->v[i].label, buf, base) == 0))
            return 0;
    if (is_missing(buf, n) || (base < n && is_missing(buf, base)))
        return 0;
    if (base < n && parse_code(buf + open, n - open, &v))
        return 0;
    fit->on5 = dict_find(buf, n, 5, &v) || (base < n && dict_find(buf, base, 5, &v));
    if (dict_find(buf, n, 7, &v) || (base < n && dict_find(buf, base, 7, &v))) {
        fit->on7 = 1;
        fit->level7 = v;
    }
    return fit->on5 || fit->on7;
}

struct servq_labels *servq_labels_new(void)
{
    return calloc(1, sizeof(struct servq_labels));
}

void servq_labels_free(struct servq_labels *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < t->n; i++)
        free(t->v[i].label);
    free(t->v);
    free(t);
}

static int user_grow(struct servq_labels *t)
{
    size_t cap;
    struct user_entry *v;

    if (t->n < t->cap)
        return 0;
    cap = t->cap ? t->cap * 2 : 8;
    if (cap > SIZE_MAX / sizeof(*v))
        return -1;
    v = realloc(t->v, cap * sizeof(*v));
    if (!v)
        return -1;
    t->v = v;
    t->cap = cap;
    return 0;
}

int servq_labels_add(struct servq_labels *t, const char *label, size_t len,
                     int points, enum servq_label_kind kind, int value)
{
    char buf[SERVQ_LABEL_MAX + 1];
    struct user_entry *e;
    size_t n, i;
    char *copy;

    if (!t || !label || len == 0 || len > SERVQ_LABEL_MAX || points < 0)
        return -1;
    if (kind != SERVQ_LABEL_VALUE && kind != SERVQ_LABEL_MISSING)
        return -1;
    n = servq_text_fold(label, len, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0)
        return -1;
    if (kind == SERVQ_LABEL_MISSING)
        value = 0;
    for (i = 0; i < t->n; i++) {
        e = &t->v[i];
        if (e->points == points && e->len == n && memcmp(e->label, buf, n) == 0) {
            e->kind = kind;
            e->value = value;
            return 0;
        }
    }
    if (user_grow(t) != 0)
        return -1;
    copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, buf, n + 1);
    e = &t->v[t->n++];
    e->label = copy;
    e->len = n;
    e->points = points;
    e->kind = kind;
    e->value = value;
    return 0;
}

int servq_labels_builtin(size_t i, const char **label, int *points,
                         enum servq_label_kind *kind, int *value)
{
    const struct label_row *row;
    enum servq_label_kind k = SERVQ_LABEL_VALUE;

    if (i < COUNT(dict_rows)) {
        row = &dict_rows[i];
    } else if (i - COUNT(dict_rows) < COUNT(missing_rows)) {
        row = &missing_rows[i - COUNT(dict_rows)];
        k = SERVQ_LABEL_MISSING;
    } else {
        return 0;
    }
    if (label)
        *label = row->label;
    if (points)
        *points = row->points;
    if (kind)
        *kind = k;
    if (value)
        *value = row->value;
    return 1;
}

int servq_labels_builtin_word(size_t i, const char **form,
                              const char **canonical)
{
    if (i >= COUNT(word_rows))
        return 0;
    if (form)
        *form = word_rows[i].form;
    if (canonical)
        *canonical = word_rows[i].canonical;
    return 1;
}
