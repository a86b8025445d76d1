/*
 * Fuzz target: the instrument JSON loader (servq_instrument_parse) and
 * the map loader (servq_map_parse), which may embed an instrument, and
 * under both the strict JSON of lib/common/json.c.
 *
 * The input is the JSON text. A failure must come with a reason in the
 * error buffer, which is as small as the input's last byte says, so cut
 * messages are tried too. A success is walked through every accessor,
 * in every language, and the instrument must make sense: ids findable,
 * scales of 2 to 101 points, every dimension holding items.
 *
 * servq_json_load() must accept only what cJSON accepts, give the same
 * tree, and accept nothing that breaks its rules (bytes that are not
 * UTF-8, NULs, a key twice). The place its pre-pass notes for each key
 * must be the key's opening quote, with the key's bytes after it, for
 * every key cJSON's walk finds: the pre-pass finds strings as cJSON does.
 */
#include <cjson/cJSON.h>
#include <string.h>

#include "fuzz.h"
#include "common/json-priv.h"
#include "servq/servq.h"
#include "common/util-priv.h"

/* Checks the key places of the members under v, from key number *k on. */
static void check_places(const struct servq_json *j, const cJSON *v, size_t *k)
{
    const cJSON *c, *d;
    char where[64];

    for (c = v->child; c; c = c->next) {
        if (cJSON_IsObject(v)) {
            size_t off, n = strlen(c->string);
            FUZZ_CHECK(*k < j->n_keys);
            off = j->keys[*k];
            FUZZ_CHECK(off < j->len && j->text[off] == '"');
            /* Without escapes, the text holds the key itself, then a quote. */
            if (off + 1 + n < j->len && !memchr(j->text + off + 1, '\\', n) &&
                j->text[off + 1 + n] == '"')
                FUZZ_CHECK(memcmp(j->text + off + 1, c->string, n) == 0);
            servq_json_where(j, c, where, sizeof where);
            FUZZ_CHECK(strncmp(where, "line ", 5) == 0 ||
                       (j->one_line && strncmp(where, "column ", 7) == 0));
            /* No key twice (pair by pair is enough for what fuzzing makes). */
            for (d = c->next; d; d = d->next)
                FUZZ_CHECK(strcmp(c->string, d->string) != 0);
            ++*k;
        }
        check_places(j, c, k);
    }
}

/* The edit distance on two pieces of the input: a metric, within its bounds. */
static void check_distance(const uint8_t *data, size_t size)
{
    size_t na = size / 2 < 40 ? size / 2 : 40, nb = size - size / 2 < 40 ? size - size / 2 : 40;
    const char *a = (const char *)data, *b = (const char *)data + size / 2;
    size_t d = servq_edit_distance(a, na, b, nb, 100), lo = na > nb ? na - nb : nb - na;

    FUZZ_CHECK(d == servq_edit_distance(b, nb, a, na, 100));
    FUZZ_CHECK(d >= lo && d <= (na > nb ? na : nb));
    FUZZ_CHECK(servq_edit_distance(a, na, a, na, 0) == 0);
    FUZZ_CHECK(servq_edit_distance(a, na, b, nb, d ? d - 1 : 0) == (d ? d : 0));
}

static void check_json(const uint8_t *data, size_t size)
{
    static const char *const known[] = {"schema", "id", "items", NULL};
    const char *text = (const char *)data;
    struct servq_json j;
    char err[300], msg[300];
    cJSON *plain = cJSON_ParseWithLength(text, size);
    enum servq_status st = servq_json_load(&j, text, size, data[0] & 1, err, sizeof err);
    const cJSON *bad;
    size_t k = 0;

    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_JSON || st == SERVQ_ERR_NOMEM);
    FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
    if (st == SERVQ_OK) {
        /* Printed, as cJSON_Compare() finds 1e400 (infinity) unlike itself. */
        char *x, *y;
        FUZZ_CHECK(plain != NULL);
        x = cJSON_PrintUnformatted(plain);
        y = cJSON_PrintUnformatted(j.root);
        FUZZ_CHECK(x && y && strcmp(x, y) == 0);
        cJSON_free(x);
        cJSON_free(y);
        FUZZ_CHECK(!memchr(text, '\0', size) && servq_utf8_valid(text, size));
        check_places(&j, j.root, &k);
        FUZZ_CHECK(k == j.n_keys);
        bad = servq_json_check_keys(&j, j.root, known, NULL, "x", msg, sizeof msg);
        FUZZ_CHECK(!bad || (strcmp(bad->string, "schema") && strcmp(bad->string, "id") &&
                            strcmp(bad->string, "items")));
    } else {
        FUZZ_CHECK(err[0] != '\0');
        /* A message says where, but for a tree servq cannot walk in memory. */
        FUZZ_CHECK(strncmp(err, "line ", 5) == 0 || strncmp(err, "column ", 7) == 0 ||
                   st == SERVQ_ERR_NOMEM);
    }
    servq_json_release(&j);
    cJSON_Delete(plain);
}

static void check_id(const char *id)
{
    size_t n;

    FUZZ_CHECK(id != NULL);
    n = strlen(id);
    FUZZ_CHECK(n >= 1 && n <= SERVQ_MAX_ID_LEN);
}

static void check_text(const char *s)
{
    FUZZ_CHECK(s != NULL);
    (void)strlen(s);
}

static void walk(const struct servq_instrument *ins)
{
    static const char *const langs[] = {NULL, "",      "e",           "en", "es", "pt",
                                        "ru", "pt-BR", "ru_RU.UTF-8", "ES", "xx", "de"};
    size_t i, n_items, n_dims, n_extras, sum = 0, l;
    const char *fp;
    int m;

    check_id(servq_instrument_id(ins));
    fp = servq_instrument_fingerprint(ins);
    FUZZ_CHECK(strlen(fp) == 16 && strspn(fp, "0123456789abcdef") == 16);
    n_items = servq_instrument_item_count(ins);
    n_dims = servq_instrument_dimension_count(ins);
    n_extras = servq_instrument_extra_count(ins);
    FUZZ_CHECK(n_items >= 1 && n_items <= SERVQ_MAX_ITEMS);
    FUZZ_CHECK(n_dims >= 1 && n_dims <= SERVQ_MAX_DIMENSIONS);
    FUZZ_CHECK(n_extras <= SERVQ_MAX_ITEMS);
    for (m = 0; m <= SERVQ_MEASURE_COUNT; m++) {
        int has = servq_instrument_has_measure(ins, (enum servq_measure)m);
        FUZZ_CHECK(has == 0 || has == 1);
        FUZZ_CHECK(m < SERVQ_MEASURE_COUNT || has == 0);
        check_text(servq_measure_name((enum servq_measure)m));
    }
    /* P always; E may be missing (perception-only, SERVPERF) */
    FUZZ_CHECK(servq_instrument_has_measure(ins, SERVQ_MEASURE_P));
    FUZZ_CHECK(servq_instrument_has_measure(ins, SERVQ_MEASURE_A) ==
               servq_instrument_has_measure(ins, SERVQ_MEASURE_D));
    (void)servq_instrument_has_importance(ins);

    for (i = 0; i < n_items; i++) {
        const char *id = servq_instrument_item_id(ins, i);
        int lo = servq_instrument_item_min(ins, i), hi = servq_instrument_item_max(ins, i);
        check_id(id);
        FUZZ_CHECK(servq_instrument_find_item(ins, id) == (long)i);
        FUZZ_CHECK(servq_instrument_item_dimension(ins, i) < n_dims);
        FUZZ_CHECK(lo >= -1000 && hi <= 1000 && lo < hi && hi - lo + 1 <= SERVQ_MAX_SCALE_POINTS);
        FUZZ_CHECK(servq_instrument_item_reverse(ins, i) == 0 ||
                   servq_instrument_item_reverse(ins, i) == 1);
        for (l = 0; l < sizeof langs / sizeof langs[0]; l++) {
            check_text(servq_instrument_item_label(ins, i, langs[l]));
            check_text(servq_instrument_item_text(ins, i, langs[l]));
        }
    }
    for (i = 0; i < n_dims; i++) {
        const char *id = servq_instrument_dimension_id(ins, i);
        check_id(id);
        FUZZ_CHECK(servq_instrument_find_dimension(ins, id) == (long)i);
        FUZZ_CHECK(servq_instrument_dimension_size(ins, i) >= 1);
        sum += servq_instrument_dimension_size(ins, i);
        for (l = 0; l < sizeof langs / sizeof langs[0]; l++)
            check_text(servq_instrument_dimension_name(ins, i, langs[l]));
    }
    FUZZ_CHECK(sum == n_items);
    for (i = 0; i < n_extras; i++) {
        const char *id = servq_instrument_extra_id(ins, i);
        enum servq_extra_kind k = servq_instrument_extra_kind(ins, i);
        check_id(id);
        FUZZ_CHECK(servq_instrument_find_extra(ins, id) == (long)i);
        FUZZ_CHECK(servq_instrument_find_item(ins, id) == -1);
        FUZZ_CHECK(k == SERVQ_EXTRA_NPS || k == SERVQ_EXTRA_CSAT || k == SERVQ_EXTRA_TEXT);
        if (k != SERVQ_EXTRA_TEXT)
            FUZZ_CHECK(servq_instrument_extra_min(ins, i) < servq_instrument_extra_max(ins, i));
    }
    FUZZ_CHECK(servq_instrument_find_item(ins, "") == -1);
    FUZZ_CHECK(servq_instrument_find_dimension(ins, "") == -1);
    FUZZ_CHECK(servq_instrument_find_extra(ins, "") == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct servq_instrument *ins = (struct servq_instrument *)&ins, *again = NULL;
    struct servq_map *map;
    size_t errlen = size ? 1 + data[size - 1] % 200 : 64;
    char *err = malloc(errlen);
    enum servq_status st;

    FUZZ_CHECK(err != NULL);
    if (size) {
        check_json(data, size);
        check_distance(data, size);
    }
    st = servq_instrument_parse((const char *)data, size, &ins, err, errlen);
    FUZZ_CHECK(memchr(err, '\0', errlen) != NULL);
    if (st == SERVQ_OK) {
        walk(ins);
        /* Parsing is deterministic: the same text, the same fingerprint. */
        FUZZ_CHECK(servq_instrument_parse((const char *)data, size, &again, NULL, 0) == SERVQ_OK);
        FUZZ_CHECK(strcmp(servq_instrument_fingerprint(ins), servq_instrument_fingerprint(again)) ==
                   0);
        servq_instrument_free(again);
        servq_instrument_free(ins);
    } else {
        FUZZ_CHECK(st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA || st == SERVQ_ERR_INSTRUMENT ||
                   st == SERVQ_ERR_LIMIT);
        /* untouched on failure */
        FUZZ_CHECK(ins == (struct servq_instrument *)&ins);
        FUZZ_CHECK(errlen == 1 || err[0] != '\0');
    }

    /* The same text as a map ("servq.map/1"). */
    map = (struct servq_map *)&map;
    err[0] = '\0';
    st = servq_map_parse((const char *)data, size, &map, err, errlen);
    FUZZ_CHECK(memchr(err, '\0', errlen) != NULL);
    if (st == SERVQ_OK) {
        const struct servq_instrument *embedded = servq_map_instrument(map);
        const char *s;
        char c;
        if (embedded)
            walk(embedded);
        if ((s = servq_map_instrument_path(map)) != NULL)
            (void)strlen(s);
        if ((s = servq_map_encoding(map)) != NULL)
            (void)strlen(s);
        c = servq_map_delimiter(map);
        (void)c;
        c = servq_map_decimal(map);
        FUZZ_CHECK(c == '\0' || c == '.' || c == ',');
        (void)servq_dialect_name(servq_map_dialect(map));
        servq_map_free(map);
    } else {
        FUZZ_CHECK(st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA || st == SERVQ_ERR_INSTRUMENT ||
                   st == SERVQ_ERR_LIMIT);
        FUZZ_CHECK(map == (struct servq_map *)&map);
        FUZZ_CHECK(errlen == 1 || err[0] != '\0');
    }
    free(err);
    return 0;
}
