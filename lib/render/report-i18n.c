/*
 * The report's translations: look-ups in the table compiled from po/.
 */
#include "render/report-i18n-priv.h"

#include <stdlib.h>
#include <string.h>

enum servq_lang servq_lang_parse(const char *tag)
{
    static const char *const codes[SERVQ_LANG_COUNT] = {"en", "es", "pt", "ru"};
    char c[2];
    int i;

    if (!tag || !tag[0] || !tag[1])
        return SERVQ_LANG_EN;
    /* "es", "es_ES", "es-MX", "es_ES.UTF-8": only a whole two-letter tag. */
    if (tag[2] && tag[2] != '_' && tag[2] != '-' && tag[2] != '.' && tag[2] != '@')
        return SERVQ_LANG_EN;
    c[0] = (char)(tag[0] >= 'A' && tag[0] <= 'Z' ? tag[0] - 'A' + 'a' : tag[0]);
    c[1] = (char)(tag[1] >= 'A' && tag[1] <= 'Z' ? tag[1] - 'A' + 'a' : tag[1]);
    for (i = 0; i < SERVQ_LANG_COUNT; i++)
        if (codes[i][0] == c[0] && codes[i][1] == c[1])
            return (enum servq_lang)i;
    return SERVQ_LANG_EN;
}

const char *servq_lang_code(enum servq_lang lang)
{
    static const char *const codes[SERVQ_LANG_COUNT] = {"en", "es", "pt", "ru"};

    return (unsigned)lang < SERVQ_LANG_COUNT ? codes[lang] : "en";
}

static int cmp_entry(const void *key, const void *elem)
{
    return strcmp(key, ((const struct servq_tr_entry *)elem)->msgid);
}

const char *servq_tr(enum servq_lang lang, const char *msgid)
{
    const struct servq_tr_entry *e;

    if (lang == SERVQ_LANG_EN || (unsigned)lang >= SERVQ_LANG_COUNT)
        return msgid;
    e = bsearch(msgid, servq_tr_table, servq_tr_table_len, sizeof *e, cmp_entry);
    if (!e || !e->msgstr[lang - 1] || !e->msgstr[lang - 1][0])
        return msgid;
    return e->msgstr[lang - 1];
}
