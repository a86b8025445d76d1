/*
 * The report's translations. The catalogs are po/<lang>.po; at build time
 * po/po2c.py compiles them into a table (report-catalog.c), so a report in
 * any language needs no installed locale and no setlocale: the language is
 * an argument of every look-up.
 */
#ifndef SERVQ_REPORT_I18N_PRIV_H
#define SERVQ_REPORT_I18N_PRIV_H

#include <stddef.h>

/* Marks a translatable string for xgettext (po/meson.build) and po2c.py. */
#define N_(s) s

enum servq_lang { SERVQ_LANG_EN = 0, SERVQ_LANG_ES, SERVQ_LANG_PT, SERVQ_LANG_RU };

#define SERVQ_LANG_COUNT 4

/* One message: the English text and its translations (NULL: untranslated). */
struct servq_tr_entry {
    const char *msgid;
    const char *msgstr[SERVQ_LANG_COUNT - 1]; /* es, pt (Brazil), ru */
};

/* The table po2c.py writes, sorted by msgid as strcmp() orders them. */
extern const struct servq_tr_entry servq_tr_table[];
extern const size_t servq_tr_table_len;

/*
 * The language of a tag such as "es", "pt_BR", "ru_RU.UTF-8" or "es-MX"
 * by its first two letters (any case); English when NULL or unknown.
 */
enum servq_lang servq_lang_parse(const char *tag);

/* "en", "es", "pt" or "ru". */
const char *servq_lang_code(enum servq_lang lang);

/* msgid in lang; msgid itself for English or when it has no translation. */
const char *servq_tr(enum servq_lang lang, const char *msgid);

#endif
