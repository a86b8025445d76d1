/*
 * analyse: prints the SERVQUAL index (the mean gap P - E over all items
 * and respondents, "overall" "gap" of the gap analysis) of a survey
 * export, using only libservq's public API.
 *
 * Usage: analyse EXPORT [INSTRUMENT.json]   (default: SERVQUAL-22)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <servq/servq.h>

/* Canonical rows from the import stream go through a reader into the analysis. */
static int to_reader(const char *buf, size_t len, void *user)
{
    return servq_reader_feed(user, buf, len) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int to_analysis(const struct servq_record *rec, void *user)
{
    return servq_analysis_add(user, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static void say(const struct servq_message *m, void *user)
{
    fprintf(stderr, "%s: line %llu: %s\n", (const char *)user, m->line, m->text);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (fp && fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL)
        *len = fread(buf, 1, (size_t)n, fp);
    if (fp)
        fclose(fp);
    return buf;
}

int main(int argc, char **argv)
{
    struct servq_instrument *ins = NULL;
    struct servq_analysis *a = NULL;
    struct servq_reader *r = NULL;
    struct servq_import_stream *s = NULL;
    char *text = NULL, *json = NULL, *ins_json = NULL, *gap;
    size_t len = 0, ins_len = 0;
    int ret = 1;

    if (argc < 2 || !(text = slurp(argv[1], &len)))
        return fprintf(stderr, "usage: analyse EXPORT [INSTRUMENT.json]\n"), 2;
    if (argc > 2 && (!(ins_json = slurp(argv[2], &ins_len)) ||
                     servq_instrument_parse(ins_json, ins_len, &ins, NULL, 0) != SERVQ_OK))
        goto cleanup;
    if ((!ins && servq_instrument_default(&ins) != SERVQ_OK) ||
        servq_analysis_new(ins, NULL, &a) != SERVQ_OK ||
        servq_reader_new(NULL, to_analysis, a, &r) != SERVQ_OK ||
        servq_import_stream_new(ins, NULL, NULL, to_reader, NULL, r, &s) != SERVQ_OK)
        goto cleanup;
    servq_import_stream_set_message_fn(s, say, argv[1]);
    if (servq_import_stream_feed(s, text, len) != SERVQ_OK ||
        servq_import_stream_finish(s) != SERVQ_OK || servq_reader_finish(r) != SERVQ_OK ||
        servq_analysis_result(a, &json) != SERVQ_OK)
        goto cleanup;
    /* The first group is everyone; its "overall" holds the index. */
    if ((gap = strstr(json, "\"overall\":")) && (gap = strstr(gap, "\"gap\":"))) {
        printf("SERVQUAL index: %.6f\n", strtod(gap + 6, NULL));
        ret = 0;
    }
cleanup:
    servq_free(json);
    servq_import_stream_free(s);
    servq_reader_free(r);
    servq_analysis_free(a);
    servq_instrument_free(ins);
    free(ins_json);
    free(text);
    return ret;
}
