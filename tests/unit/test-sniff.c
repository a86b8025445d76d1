/*
 * Unit tests for lib/input/sniff.c: the kind of an input by its first
 * bytes, each magic number written out from its format's specification,
 * and what servq says of each kind.
 */
#include <string.h>

#include "servq/reader.h"
#include "tap.h"

/* A string literal and its length without the final NUL. */
#define BYTES(s) s, sizeof s - 1

struct sniff_case {
    const char *what;
    const char *bytes;
    size_t len;
    enum servq_input_kind want;
};

static void test_kinds(void)
{
    static const struct sniff_case cases[] = {
        {"CSV", BYTES("id,E1,P1\n1,5,6\n"), SERVQ_INPUT_TEXT},
        {"UTF-8 CSV with a BOM", BYTES("\xEF\xBB\xBFid,E1\n"), SERVQ_INPUT_TEXT},
        {"UTF-16LE text", BYTES("\xFF\xFEi\0d\0"), SERVQ_INPUT_TEXT},
        /* SPSS system files start "$FL2", or "$FL3" when compressed with zlib. */
        {"SPSS $FL2", BYTES("$FL2@(#) IBM SPSS"), SERVQ_INPUT_SAV},
        {"SPSS $FL3", BYTES("$FL3@(#) IBM SPSS"), SERVQ_INPUT_SAV},
        {"'$FL4'", BYTES("$FL4"), SERVQ_INPUT_TEXT},
        {"'$FL' cut short", BYTES("$FL"), SERVQ_INPUT_TEXT},
        /* A ZIP local file header is "PK\3\4"; .xlsx names xl/ among its first entries. */
        {"an .xlsx", BYTES("PK\x03\x04\x14\0\x06\0[Content_Types].xml PK\x03\x04 xl/workbook.xml"),
         SERVQ_INPUT_XLSX},
        {"an .ods",
         BYTES("PK\x03\x04\x14\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
         SERVQ_INPUT_ODS},
        {"another ZIP", BYTES("PK\x03\x04\x14\0\0\0export.csv"), SERVQ_INPUT_ZIP},
        /* An empty ZIP is only an end-of-directory record, "PK\5\6": no local header. */
        {"'PK\\5\\6'", BYTES("PK\x05\x06"), SERVQ_INPUT_TEXT},
        {"OLE2 (.xls)", BYTES("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), SERVQ_INPUT_XLS},
        {"OLE2 cut at 7 bytes", BYTES("\xD0\xCF\x11\xE0\xA1\xB1\x1A"), SERVQ_INPUT_TEXT},
        {"PDF", BYTES("%PDF-1.4\n%\xE2\xE3"), SERVQ_INPUT_PDF},
        {"'%PDF' without its dash", BYTES("%PDF"), SERVQ_INPUT_TEXT},
        /* PNG: 0x89 "PNG" CR LF 0x1A LF, all eight bytes. */
        {"PNG", BYTES("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), SERVQ_INPUT_PNG},
        {"PNG with LF for CRLF", BYTES("\x89PNG\n\n\x1A\n"), SERVQ_INPUT_TEXT},
        {"JPEG", BYTES("\xFF\xD8\xFF\xDB"), SERVQ_INPUT_JPEG},
        {"gzip", BYTES("\x1F\x8B\x08\0"), SERVQ_INPUT_GZIP},
        {"one byte of gzip", BYTES("\x1F"), SERVQ_INPUT_TEXT},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct servq_input_info info;
        enum servq_input_kind k = servq_input_detect(cases[i].bytes, cases[i].len, &info);
        if (!ok(k == cases[i].want && info.kind == k, "%s is kind %d", cases[i].what,
                (int)cases[i].want))
            printf("#   got %d (%s)\n", (int)k, info.what);
    }
}

static void test_info(void)
{
    struct servq_input_info info;

    servq_input_detect("id\n", 3, &info);
    ok(info.what[0] == '\0' && info.fix[0] == '\0', "text: nothing to say");
    servq_input_detect("$FL2", 4, &info);
    ok(strcmp(info.what, "an SPSS system file") == 0 && info.fix[0] == '\0',
       "SPSS is read, not refused: no fix");
    servq_input_detect("PK\x03\x04 xl/", 8, &info);
    is_str(info.what, "an Excel workbook (.xlsx)", "what an .xlsx is");
    is_str(info.fix, "save it as CSV (UTF-8) and import that", "what to do with it");
    servq_input_detect("\x1F\x8B", 2, &info);
    is_str(info.fix, "decompress it (gunzip, or zcat FILE | servq import) and import that",
           "what to do with gzip");
    ok(servq_input_detect(NULL, 5, &info) == SERVQ_INPUT_TEXT && info.what[0] == '\0',
       "no buffer is empty text, whatever the length");
}

int main(void)
{
    test_kinds();
    test_info();
    return tap_done();
}
