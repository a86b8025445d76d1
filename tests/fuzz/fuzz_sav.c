/*
 * Fuzz target: SPSS system files, read from memory as servq-import reads
 * them, and imported.
 *
 * 1. servq_sav_read_memory() on the input. The status must be one it
 *    documents, and SERVQ_ERR_DATA and SERVQ_ERR_LIMIT come with a
 *    message. The records must be the header (line 0) and then cases 1,
 *    2, 3... in order, each as wide as the header, each field
 *    NUL-terminated and raw as long as it says.
 * 2. The same records go into an importer with the 'spss' option and the
 *    built-in instrument until it fails, as in servq-import: read =
 *    imported + rejected, and while it took every record, read is the
 *    number of cases handed over.
 * 3. Read again, stopping after a number of records taken from the input:
 *    the read must end with SERVQ_ERR_ABORTED right there (or end sooner
 *    on its own, as the first read did).
 */
#include <string.h>

#include "fuzz.h"
#include "servq/servq.h"

struct check {
    size_t width;
    unsigned long long records, stop_after;
    struct servq_importer *imp;
    int imp_failed;
    int messages;
};

static int on_record(const struct servq_record *rec, void *user)
{
    struct check *c = user;
    size_t i;

    FUZZ_CHECK(rec->line == c->records);
    if (c->records == 0)
        c->width = rec->n_fields;
    FUZZ_CHECK(rec->n_fields == c->width);
    /* Values are C strings, so a field holds no NUL and neither does raw. */
    for (i = 0; i < rec->n_fields; i++)
        FUZZ_CHECK(rec->fields[i].data && strlen(rec->fields[i].data) == rec->fields[i].len);
    FUZZ_CHECK(rec->raw != NULL && memchr(rec->raw, '\0', rec->raw_len) == NULL);
    c->records++;
    /* As servq-import does: the first importer error ends the read. */
    if (c->imp && !c->imp_failed && servq_importer_add(c->imp, rec) != SERVQ_OK) {
        c->imp_failed = 1;
        return SERVQ_CB_ABORT;
    }
    return c->stop_after && c->records == c->stop_after ? SERVQ_CB_ABORT : SERVQ_CB_OK;
}

static int emit(const char *buf, size_t len, void *user)
{
    (void)buf;
    (void)len;
    (void)user;
    return SERVQ_CB_OK;
}

static void on_message(const struct servq_message *m, void *user)
{
    struct check *c = user;

    FUZZ_CHECK(m->text && m->text[0] && !strchr(m->text, '\n'));
    c->messages++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct servq_import_options opt;
    struct servq_import_counts n;
    struct servq_instrument *ins = NULL;
    struct check c, again;
    enum servq_status st, st2;

    if (servq_instrument_default(&ins) != SERVQ_OK)
        return 0;
    memset(&c, 0, sizeof c);
    servq_import_options_init(&opt);
    opt.spss = 1;
    if (servq_importer_new(ins, &opt, emit, NULL, NULL, &c.imp) != SERVQ_OK) {
        servq_instrument_free(ins);
        return 0;
    }
    st = servq_sav_read_memory(data, size, on_record, &c, on_message, &c);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_DATA || st == SERVQ_ERR_LIMIT ||
               st == SERVQ_ERR_NOMEM || st == SERVQ_ERR_ABORTED);
    if (st == SERVQ_ERR_DATA || st == SERVQ_ERR_LIMIT)
        FUZZ_CHECK(c.messages > 0);
    if (st == SERVQ_OK)
        FUZZ_CHECK(c.records >= 1);
    if (st == SERVQ_OK && !c.imp_failed)
        FUZZ_CHECK(servq_importer_finish(c.imp) == SERVQ_OK);
    servq_importer_counts(c.imp, &n);
    FUZZ_CHECK(n.read == n.imported + n.rejected);
    if (!c.imp_failed)
        FUZZ_CHECK(n.read == (c.records ? c.records - 1 : 0));
    servq_importer_free(c.imp);
    servq_instrument_free(ins);

    if (c.records > 0) {
        memset(&again, 0, sizeof again);
        again.stop_after = 1 + (size ? data[size - 1] : 0) % c.records;
        st2 = servq_sav_read_memory(data, size, on_record, &again, NULL, NULL);
        FUZZ_CHECK(again.records == again.stop_after);
        FUZZ_CHECK(st2 == SERVQ_ERR_ABORTED);
    }
    return 0;
}
