/*
 * Gap-analysis documents on standard output, and their warnings.
 */
#include "cli-gaps.h"
#include "cli-messages.h"
#include "cli-options.h"
#include "cli-output.h"

#include <string.h>

#include "servq/servq.h"

int cli_parse_gaps_format(const char *s, enum cli_gaps_format *out)
{
    int word;

    if (cli_vocab_option(SERVQ_VOCAB_GAPS_FORMAT, "format", s, &word) != 0)
        return -1;
    *out = (enum cli_gaps_format)word;
    return 0;
}

int cli_warn_gaps(const char *json, size_t len, const char *name, int strict)
{
    char *lines = NULL, *p, *end;
    int n = 0;

    if (servq_gaps_warnings(json, len, &lines) != SERVQ_OK)
        return 0; /* the document's own failure is the caller's to report */
    for (p = lines; *p; p = end + 1, n++) {
        end = strchr(p, '\n');
        *end = '\0';
        if (strict)
            cli_error("%s%s%s", name ? name : "", name ? ": " : "", p);
        else
            cli_warn("%s%s%s", name ? name : "", name ? ": " : "", p);
    }
    servq_free(lines);
    if (strict && n)
        cli_error("%s%sstopped: --strict makes the warnings above errors; nothing was written",
                  name ? name : "", name ? ": " : "");
    return n;
}

int cli_write_gaps(const char *json, enum cli_gaps_format format, const char *lang, int raw_csv)
{
    enum servq_status st = SERVQ_OK;
    char *text = NULL;

    if (format == CLI_GAPS_JSON) {
        cli_write_stdout(json, strlen(json));
        cli_write_stdout("\n", 1);
        return 0;
    }
    if (format == CLI_GAPS_TEXT)
        st = servq_gaps_render_text(json, strlen(json), lang, &text);
    else
        st = servq_gaps_render_csv(json, strlen(json), raw_csv, &text);
    if (st != SERVQ_OK) {
        cli_error("%s", servq_strerror(st));
        return -1;
    }
    cli_write_stdout(text, strlen(text));
    servq_free(text);
    return 0;
}
