/*
 * What an input is, by its first bytes. servq reads CSV and SPSS files;
 * a workbook, a PDF or an image given by mistake would otherwise be read
 * as Windows-1252 text and fail with a message about NUL bytes.
 */
#include <string.h>

#include "servq/reader.h"
#include "servq/sav.h"

static int starts(const unsigned char *b, size_t len, const void *magic, size_t n)
{
    return len >= n && memcmp(b, magic, n) == 0;
}

/* Whether the first bytes hold needle (the names of a ZIP's first entries). */
static int holds(const unsigned char *b, size_t len, const char *needle)
{
    size_t n = strlen(needle), i;

    for (i = 0; n <= len && i <= len - n; i++)
        if (b[i] == (unsigned char)needle[0] && memcmp(b + i, needle, n) == 0)
            return 1;
    return 0;
}

enum servq_input_kind servq_input_detect(const void *buf, size_t len,
                                         struct servq_input_info *info)
{
    static const struct servq_input_info kinds[] = {
        {SERVQ_INPUT_TEXT, "", ""},
        {SERVQ_INPUT_SAV, "an SPSS system file", ""},
        {SERVQ_INPUT_XLSX, "an Excel workbook (.xlsx)", "save it as CSV (UTF-8) and import that"},
        {SERVQ_INPUT_ODS, "an OpenDocument spreadsheet (.ods)",
         "save it as CSV (UTF-8) and import that"},
        {SERVQ_INPUT_ZIP, "a ZIP archive", "extract the export from it and import that"},
        {SERVQ_INPUT_XLS, "an Excel 97-2003 workbook (.xls) or another OLE2 document",
         "save it as CSV (UTF-8) and import that"},
        {SERVQ_INPUT_PDF, "a PDF document",
         "export the responses from the survey tool as CSV and import that"},
        {SERVQ_INPUT_PNG, "a PNG image",
         "export the responses from the survey tool as CSV and import that"},
        {SERVQ_INPUT_JPEG, "a JPEG image",
         "export the responses from the survey tool as CSV and import that"},
        {SERVQ_INPUT_GZIP, "gzip-compressed data",
         "decompress it (gunzip, or zcat FILE | servq import) and import that"},
    };
    static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF};
    static const unsigned char gzip[] = {0x1F, 0x8B};
    const unsigned char *b = buf;
    enum servq_input_kind k = SERVQ_INPUT_TEXT;

    if (!b)
        len = 0;
    if (servq_sav_detect(b, len))
        k = SERVQ_INPUT_SAV;
    else if (starts(b, len, "PK\x03\x04", 4)) {
        /* An OpenDocument file starts with its "mimetype" entry, stored. */
        if (holds(b, len, "application/vnd.oasis.opendocument.spreadsheet"))
            k = SERVQ_INPUT_ODS;
        else if (holds(b, len, "xl/"))
            k = SERVQ_INPUT_XLSX;
        else
            k = SERVQ_INPUT_ZIP;
    } else if (starts(b, len, ole2, sizeof ole2))
        k = SERVQ_INPUT_XLS;
    else if (starts(b, len, "%PDF-", 5))
        k = SERVQ_INPUT_PDF;
    else if (starts(b, len, png, sizeof png))
        k = SERVQ_INPUT_PNG;
    else if (starts(b, len, jpeg, sizeof jpeg))
        k = SERVQ_INPUT_JPEG;
    else if (starts(b, len, gzip, sizeof gzip))
        k = SERVQ_INPUT_GZIP;
    *info = kinds[k];
    return k;
}
