/*
 * End-to-end test of the public API: instrument, reader, importer and gap
 * analysis, checked against reference values computed in R.
 *
 * usage: test-analysis SOURCE_ROOT (or SERVQ_SOURCE_ROOT in the
 * environment). Reads samples/exports/generic_servqual.csv and
 * tests/reference/generic_ttest.csv, which tests/reference/generic_ttest.R
 * made from it (Rscript tests/reference/generic_ttest.R, from the root).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"
#include "tap.h"
#include "testlib.h"

#define REL 1e-9
#define P_ABS 1e-9

/* ---- small helpers ---- */






/* ---- import ---- */

struct import_ctx {
    struct servq_importer *imp;
    struct text canon;      /* header and rows, as emitted */
    size_t *row_off;        /* start of each emitted piece in canon */
    size_t n_rows, cap_rows;
    unsigned long long reject_lines[64];
    size_t n_rejects;
    int reject_bad;         /* a reject lacked a reason or its CSV form */
    enum servq_status st;
};

static int on_emit(const char *buf, size_t len, void *user)
{
    struct import_ctx *c = user;

    if (c->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? c->cap_rows * 2 : 1024;
        size_t *p = realloc(c->row_off, cap * sizeof *p);
        if (!p)
            return SERVQ_CB_ABORT;
        c->row_off = p;
        c->cap_rows = cap;
    }
    c->row_off[c->n_rows++] = c->canon.len;
    return text_add(&c->canon, buf, len) == 0 ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int on_reject(const struct servq_reject *rej, void *user)
{
    struct import_ctx *c = user;
    char prefix[32];

    if (c->n_rejects < sizeof c->reject_lines / sizeof c->reject_lines[0])
        c->reject_lines[c->n_rejects] = rej->line;
    c->n_rejects++;
    snprintf(prefix, sizeof prefix, "%llu,", rej->line);
    if (!rej->reason || !rej->reason[0] || !rej->raw || !rej->csv ||
        strncmp(rej->csv, prefix, strlen(prefix)) != 0 || rej->csv[rej->csv_len - 1] != '\n')
        c->reject_bad = 1;
    printf("# rejected line %llu: %s\n", rej->line, rej->reason);
    return SERVQ_CB_OK;
}

static int import_record(const struct servq_record *rec, void *user)
{
    struct import_ctx *c = user;

    c->st = servq_importer_add(c->imp, rec);
    return c->st == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/* ---- analysis ---- */





/* ---- reference comparison ---- */

enum { REF_LEVEL, REF_ID, REF_N, REF_MEAN_E, REF_MEAN_P, REF_GAP, REF_SD_GAP, REF_CI_LOW,
       REF_CI_HIGH, REF_T, REF_DF, REF_P, REF_COLS };

static const char *const ref_names[REF_COLS] = {"level", "id", "n", "mean_e", "mean_p",
                                                 "gap", "sd_gap", "ci_low", "ci_high",
                                                 "t", "df", "p"};

struct ref_ctx {
    const cJSON *group;
    int header_ok;
    size_t rows, items, dims, importance, overall;
};

static double num(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}


static int compare_row(const struct servq_record *rec, void *user)
{
    struct ref_ctx *c = user;
    const char *level, *id;
    const cJSON *o = NULL, *ci;
    double want[REF_COLS];
    size_t i;
    char label[96];

    if (rec->number == 1) {
        c->header_ok = rec->n_fields == REF_COLS;
        for (i = 0; c->header_ok && i < REF_COLS; i++)
            c->header_ok = strcmp(rec->fields[i].data, ref_names[i]) == 0;
        return c->header_ok ? SERVQ_CB_OK : SERVQ_CB_ABORT;
    }
    if (!ok(rec->n_fields == REF_COLS, "reference line %llu has %d fields", rec->line,
            REF_COLS))
        return SERVQ_CB_ABORT;
    c->rows++;
    level = rec->fields[REF_LEVEL].data;
    id = rec->fields[REF_ID].data;
    for (i = REF_N; i < REF_COLS; i++) {
        char *end;
        want[i] = strtod(rec->fields[i].data, &end);
        if (*end || end == rec->fields[i].data)
            want[i] = NAN;
    }
    snprintf(label, sizeof label, "%s %s", level, id);
    if (strcmp(level, "importance") == 0) {
        /*
         * The mean importance share of a dimension: R puts it in the gap
         * column (its SD in sd_gap, which the document does not carry).
         */
        o = find_by_id(cJSON_GetObjectItemCaseSensitive(c->group, "dimensions"), id);
        c->importance++;
        if (!ok(o != NULL, "%s: present in the result", label))
            return SERVQ_CB_OK;
        is_close(num(o, "n_importance"), want[REF_N], 0, "%s: n", label);
        is_close(num(o, "importance_share"), want[REF_GAP], REL, "%s: share", label);
        return SERVQ_CB_OK;
    }
    if (strcmp(level, "overall") == 0 && strcmp(id, "wsq") == 0) {
        /* The weighted index: R repeats its mean in mean_e, mean_p and gap. */
        o = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c->group,
                                                                              "overall"),
                                             "wsq");
        c->overall++;
        if (!ok(cJSON_IsObject(o), "%s: present in the result", label))
            return SERVQ_CB_OK;
        ci = cJSON_GetObjectItemCaseSensitive(o, "ci");
        is_close(num(o, "n"), want[REF_N], 0, "%s: n", label);
        is_close(num(o, "mean"), want[REF_GAP], REL, "%s: mean", label);
        is_close(num(o, "sd"), want[REF_SD_GAP], REL, "%s: sd", label);
        is_close(cJSON_GetArraySize(ci) == 2 ? cJSON_GetArrayItem(ci, 0)->valuedouble : NAN,
                 want[REF_CI_LOW], REL, "%s: ci low", label);
        is_close(cJSON_GetArraySize(ci) == 2 ? cJSON_GetArrayItem(ci, 1)->valuedouble : NAN,
                 want[REF_CI_HIGH], REL, "%s: ci high", label);
        is_close(num(o, "t"), want[REF_T], REL, "%s: t", label);
        is_close(num(o, "df"), want[REF_DF], REL, "%s: df", label);
        is_within(num(o, "p_t"), want[REF_P], P_ABS, "%s: p", label);
        return SERVQ_CB_OK;
    }
    if (strcmp(level, "item") == 0) {
        o = find_by_id(cJSON_GetObjectItemCaseSensitive(c->group, "items"), id);
        c->items++;
    } else if (strcmp(level, "dimension") == 0) {
        o = find_by_id(cJSON_GetObjectItemCaseSensitive(c->group, "dimensions"), id);
        c->dims++;
    } else if (strcmp(level, "overall") == 0 && strcmp(id, "sq") == 0) {
        o = cJSON_GetObjectItemCaseSensitive(c->group, "overall");
        c->overall++;
    }
    /* A level this test does not know fails here, so new rows get a check. */
    if (!ok(o != NULL, "%s: present in the result", label))
        return SERVQ_CB_OK;
    ci = cJSON_GetObjectItemCaseSensitive(o, "ci");
    is_close(num(o, "n"), want[REF_N], 0, "%s: n", label);
    is_close(num(o, "mean_e"), want[REF_MEAN_E], REL, "%s: mean_e", label);
    is_close(num(o, "mean_p"), want[REF_MEAN_P], REL, "%s: mean_p", label);
    is_close(num(o, "gap"), want[REF_GAP], REL, "%s: gap", label);
    is_close(num(o, "sd_gap"), want[REF_SD_GAP], REL, "%s: sd_gap", label);
    ok(cJSON_IsArray(ci) && cJSON_GetArraySize(ci) == 2, "%s: ci is a pair", label);
    is_close(cJSON_GetArraySize(ci) == 2 ? cJSON_GetArrayItem(ci, 0)->valuedouble : NAN,
             want[REF_CI_LOW], REL, "%s: ci low", label);
    is_close(cJSON_GetArraySize(ci) == 2 ? cJSON_GetArrayItem(ci, 1)->valuedouble : NAN,
             want[REF_CI_HIGH], REL, "%s: ci high", label);
    is_close(num(o, "t"), want[REF_T], REL, "%s: t", label);
    is_close(num(o, "df"), want[REF_DF], REL, "%s: df", label);
    is_within(num(o, "p_t"), want[REF_P], P_ABS, "%s: p", label);
    return SERVQ_CB_OK;
}

/* ---- the tests ---- */

static void test_instrument_default(const char *root)
{
    struct servq_instrument *ins = NULL, *again = NULL;
    struct text file = {NULL, 0, 0};
    const char *fp;
    size_t i;
    int hex = 1;

    if (!ok(servq_instrument_default(&ins) == SERVQ_OK && ins, "default instrument loads"))
        return;
    is_str(servq_instrument_id(ins), "servqual22", "id");
    is_int((long long)servq_instrument_item_count(ins), 22, "22 items");
    is_int((long long)servq_instrument_dimension_count(ins), 5, "5 dimensions");
    is_int((long long)servq_instrument_extra_count(ins), 0, "no extras");
    is_int(servq_instrument_find_item(ins, "q1"), 0, "find_item q1");
    is_int(servq_instrument_find_item(ins, "q22"), 21, "find_item q22");
    is_int(servq_instrument_find_item(ins, "q23"), -1, "find_item q23 is absent");
    is_int(servq_instrument_find_item(ins, "Q1"), -1, "find_item is case sensitive");
    is_int(servq_instrument_find_item(ins, ""), -1, "find_item of \"\"");
    is_int(servq_instrument_find_dimension(ins, "tangibles"), 0, "find_dimension tangibles");
    is_int(servq_instrument_find_dimension(ins, "empathy"), 4, "find_dimension empathy");
    is_int(servq_instrument_find_dimension(ins, "q1"), -1, "find_dimension q1 is absent");
    is_int(servq_instrument_find_extra(ins, "nps"), -1, "find_extra nps is absent");
    is_str(servq_instrument_dimension_id(ins, 1), "reliability", "dimension 1 id");
    is_int((long long)servq_instrument_dimension_size(ins, 0), 4, "tangibles has 4 items");
    is_int((long long)servq_instrument_dimension_size(ins, 1), 5, "reliability has 5 items");
    is_int((long long)servq_instrument_dimension_size(ins, 4), 5, "empathy has 5 items");
    is_int((long long)servq_instrument_item_dimension(ins, 9), 2, "q10 is responsiveness");
    is_str(servq_instrument_item_id(ins, 13), "q14", "item 13 is q14");
    is_int(servq_instrument_item_min(ins, 0), 1, "scale min 1");
    is_int(servq_instrument_item_max(ins, 21), 7, "scale max 7");
    is_int(servq_instrument_item_reverse(ins, 0), 0, "q1 is not reverse-worded");
    ok(servq_instrument_has_measure(ins, SERVQ_MEASURE_E) &&
           servq_instrument_has_measure(ins, SERVQ_MEASURE_P),
       "has E and P");
    ok(!servq_instrument_has_measure(ins, SERVQ_MEASURE_A) &&
           !servq_instrument_has_measure(ins, SERVQ_MEASURE_D),
       "has no A or D");
    ok(!servq_instrument_has_measure(ins, SERVQ_MEASURE_COUNT), "has_measure out of range");
    ok(servq_instrument_has_importance(ins), "has importance");
    is_str(servq_instrument_item_label(ins, 0, "en"), "Modern-looking equipment", "label en");
    is_str(servq_instrument_item_label(ins, 0, "es"), "Equipos de apariencia moderna",
           "label es");
    is_str(servq_instrument_item_label(ins, 0, "pt_BR.UTF-8"),
           "Equipamentos de aparência moderna", "label pt_BR.UTF-8");
    is_str(servq_instrument_item_label(ins, 0, "de"), "Modern-looking equipment",
           "label de falls back to en");
    is_str(servq_instrument_item_label(ins, 0, NULL), "Modern-looking equipment",
           "label NULL falls back to en");
    is_str(servq_instrument_item_text(ins, 0, "en"), "The company has modern-looking equipment.",
           "text en");
    is_str(servq_instrument_dimension_name(ins, 0, "es"), "Elementos tangibles",
           "dimension name es");
    is_str(servq_instrument_name(ins, "ru_RU.UTF-8"), "SERVQUAL (22 пункта)",
           "instrument name ru_RU.UTF-8");
    is_str(servq_instrument_name(ins, "de"), "SERVQUAL (22 items)",
           "instrument name de falls back to en");
    is_str(servq_measure_name(SERVQ_MEASURE_P), "P", "measure name P");
    is_str(servq_measure_name(SERVQ_MEASURE_D), "D", "measure name D");

    fp = servq_instrument_fingerprint(ins);
    for (i = 0; fp[i]; i++)
        if (!((fp[i] >= '0' && fp[i] <= '9') || (fp[i] >= 'a' && fp[i] <= 'f')))
            hex = 0;
    ok(strlen(fp) == 16 && hex, "fingerprint is 16 lowercase hex digits");
    if (ok(read_file(root, "samples/instruments/servqual22.json", &file) == 0,
           "read samples/instruments/servqual22.json") &&
        ok(servq_instrument_parse(file.data, file.len, &again, NULL, 0) == SERVQ_OK,
           "parse the sample instrument"))
        is_str(servq_instrument_fingerprint(again), fp,
               "the built-in and the sample file have the same fingerprint");
    servq_instrument_free(again);
    servq_instrument_free(ins);
    servq_instrument_free(NULL);
    free(file.data);
}

struct bad_ins {
    const char *what;
    const char *json;
    enum servq_status want;
    const char *in_message; /* expected substring of the reason */
};

#define MINI_HEAD "{\"schema\":\"servq.instrument/1\",\"id\":\"mini\","
#define MINI_DIMS "\"dimensions\":[{\"id\":\"d1\"},{\"id\":\"d2\"}],"

static void test_instrument_errors(void)
{
    static const struct bad_ins cases[] = {
        {"malformed JSON", MINI_HEAD "\"dimensions\":[", SERVQ_ERR_JSON, "malformed JSON"},
        {"empty text", "", SERVQ_ERR_JSON, "malformed JSON"},
        {"not an object", "[1,2]", SERVQ_ERR_INSTRUMENT, "object"},
        {"unknown dimension",
         MINI_HEAD MINI_DIMS "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                             "{\"id\":\"b\",\"dimension\":\"d9\"}]}",
         SERVQ_ERR_INSTRUMENT, "d9"},
        {"duplicate item id",
         MINI_HEAD MINI_DIMS "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                             "{\"id\":\"a\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "'a'"},
        {"duplicate dimension id",
         MINI_HEAD "\"dimensions\":[{\"id\":\"d1\"},{\"id\":\"d1\"}],"
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"}]}",
         SERVQ_ERR_INSTRUMENT, "d1"},
        {"dimension without items",
         MINI_HEAD MINI_DIMS "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"}]}",
         SERVQ_ERR_INSTRUMENT, "d2"},
        {"scale max below min",
         MINI_HEAD "\"scale\":{\"min\":5,\"max\":1}," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        {"scale of one point",
         MINI_HEAD MINI_DIMS "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\","
                             "\"scale\":{\"min\":3,\"max\":3}},"
                             "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        {"scale not integer",
         MINI_HEAD "\"scale\":{\"min\":1,\"max\":7.5}," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        {"scale as a string",
         MINI_HEAD "\"scale\":{\"min\":\"1\",\"max\":7}," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        {"scale too wide",
         MINI_HEAD "\"scale\":{\"min\":0,\"max\":101}," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        /*
         * parse_scale() converts 1e10 with (int), which is undefined
         * behaviour; -fsanitize=float-cast-overflow reports it (GCC's
         * -fsanitize=undefined does not include that check).
         */
        {"scale huge (beyond int)",
         MINI_HEAD "\"scale\":{\"min\":1,\"max\":1e10}," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "scale"},
        {"bad item id",
         MINI_HEAD MINI_DIMS "\"items\":[{\"id\":\"a b\",\"dimension\":\"d1\"}]}",
         SERVQ_ERR_INSTRUMENT, "a b"},
        {"no items", MINI_HEAD MINI_DIMS "\"items\":[]}", SERVQ_ERR_INSTRUMENT, "items"},
        {"measures without P",
         MINI_HEAD "\"measures\":[\"E\"]," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "measures"},
        {"A without D",
         MINI_HEAD "\"measures\":[\"E\",\"P\",\"A\"]," MINI_DIMS
                   "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                   "{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_INSTRUMENT, "measures"},
        {"other schema",
         "{\"schema\":\"servq.instrument/2\",\"id\":\"x\"," MINI_DIMS
         "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},{\"id\":\"b\",\"dimension\":\"d2\"}]}",
         SERVQ_ERR_SCHEMA, "a servq.instrument/2 document, not servq.instrument/1"},
    };
    static const char good[] =
        MINI_HEAD "\"scale\":{\"min\":0,\"max\":10}," MINI_DIMS
                  "\"items\":[{\"id\":\"a\",\"dimension\":\"d1\"},"
                  "{\"id\":\"b\",\"dimension\":\"d2\",\"reverse\":true,"
                  "\"scale\":{\"min\":1,\"max\":5}}],"
                  "\"extras\":[{\"id\":\"rec\",\"type\":\"nps\"}]}";
    struct servq_instrument *sentinel = (struct servq_instrument *)&sentinel;
    struct servq_instrument *ins;
    char err[256];
    size_t i;
    enum servq_status st;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ins = sentinel;
        strcpy(err, "unset");
        st = servq_instrument_parse(cases[i].json, strlen(cases[i].json), &ins, err, sizeof err);
        if (!is_int(st, cases[i].want, "instrument %s: %s", cases[i].what,
                    servq_strerror(cases[i].want)) &&
            st == SERVQ_OK && ins != sentinel)
            servq_instrument_free(ins);
        ok(ins == sentinel, "instrument %s: out untouched", cases[i].what);
        if (!ok(strstr(err, cases[i].in_message) != NULL, "instrument %s: reason mentions '%s'",
                cases[i].what, cases[i].in_message))
            printf("#   reason: %s\n", err);
    }

    /* A reason is optional, and a short buffer is not overrun. */
    ins = sentinel;
    is_int(servq_instrument_parse("{", 1, &ins, NULL, 0), SERVQ_ERR_JSON, "no error buffer");
    memset(err, 'x', sizeof err);
    servq_instrument_parse(cases[3].json, strlen(cases[3].json), &ins, err, 8);
    ok(strlen(err) == 7 && err[8] == 'x', "reason truncated to the buffer");

    /* Text need not be NUL-terminated: parse a prefix of a longer buffer. */
    {
        char buf[sizeof good + 8];
        memcpy(buf, good, sizeof good - 1);
        memcpy(buf + sizeof good - 1, "garbage", 8);
        ins = NULL;
        st = servq_instrument_parse(buf, sizeof good - 1, &ins, err, sizeof err);
        if (!is_int(st, SERVQ_OK, "small instrument parses from a non-terminated buffer"))
            printf("#   reason: %s\n", err);
    }
    if (st != SERVQ_OK || !ins)
        return;
    is_str(servq_instrument_id(ins), "mini", "small instrument: id");
    is_int(servq_instrument_item_min(ins, 0), 0, "small instrument: inherited scale min");
    is_int(servq_instrument_item_max(ins, 0), 10, "small instrument: inherited scale max");
    is_int(servq_instrument_item_min(ins, 1), 1, "small instrument: own scale min");
    is_int(servq_instrument_item_max(ins, 1), 5, "small instrument: own scale max");
    is_int(servq_instrument_item_reverse(ins, 1), 1, "small instrument: reverse flag");
    is_int(servq_instrument_find_extra(ins, "rec"), 0, "small instrument: find_extra");
    is_int(servq_instrument_extra_kind(ins, 0), SERVQ_EXTRA_NPS, "small instrument: nps");
    is_int(servq_instrument_extra_max(ins, 0), 10, "small instrument: nps max 10");
    is_str(servq_instrument_item_label(ins, 1, "en"), "b", "label falls back to the id");
    is_str(servq_instrument_dimension_name(ins, 1, "ru"), "d2", "name falls back to the id");
    is_str(servq_instrument_name(ins, "es"), "mini", "instrument name falls back to the id");
    servq_instrument_free(ins);
}

/* ---- reliability against psych::alpha (tests/reference/generic_alpha.csv) ---- */

struct alpha_ctx {
    const cJSON *group[2]; /* listwise, pairwise */
    size_t rows, compared;
    int header_ok;
};

static const cJSON *alpha_object(const cJSON *group, const char *scale, const char *kind)
{
    char key[16];
    const cJSON *target;

    snprintf(key, sizeof key, "alpha_%s", strcmp(kind, "E") == 0 ? "e"
                                          : strcmp(kind, "P") == 0 ? "p"
                                                                   : "gap");
    if (strcmp(scale, "overall") == 0)
        target = cJSON_GetObjectItemCaseSensitive(group, "overall");
    else
        target = find_by_id(cJSON_GetObjectItemCaseSensitive(group, "dimensions"), scale);
    return cJSON_GetObjectItemCaseSensitive(target, key);
}

static int compare_alpha_row(const struct servq_record *rec, void *user)
{
    struct alpha_ctx *c = user;
    const char *scale, *kind, *mode, *item;
    const cJSON *a, *it;
    int pairwise;

    if (!c->header_ok) {
        c->header_ok = rec->n_fields == 7 && strcmp(rec->fields[0].data, "scale") == 0 &&
                       strcmp(rec->fields[6].data, "r_drop") == 0;
        return c->header_ok ? SERVQ_CB_OK : SERVQ_CB_ABORT;
    }
    c->rows++;
    scale = rec->fields[0].data;
    kind = rec->fields[1].data;
    mode = rec->fields[2].data;
    item = rec->fields[3].data;
    pairwise = strcmp(mode, "pairwise") == 0;
    a = alpha_object(c->group[pairwise], scale, kind);
    if (!ok(a != NULL, "alpha: %s %s %s present", scale, kind, mode))
        return SERVQ_CB_OK;
    if (item[0] == '\0') {
        is_close(num(a, "raw"), strtod(rec->fields[4].data, NULL), 1e-9, "alpha: %s %s %s raw",
                 scale, kind, mode);
        is_close(num(a, "std"), strtod(rec->fields[5].data, NULL), 1e-9, "alpha: %s %s %s std",
                 scale, kind, mode);
    } else {
        it = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(a, "items"), atoi(item) - 1);
        is_close(num(it, "alpha_if_dropped"), strtod(rec->fields[4].data, NULL), 1e-9,
                 "alpha: %s %s %s item %s alpha if dropped", scale, kind, mode, item);
        is_close(num(it, "r_drop"), strtod(rec->fields[6].data, NULL), 1e-9,
                 "alpha: %s %s %s item %s r.drop", scale, kind, mode, item);
    }
    c->compared++;
    return SERVQ_CB_OK;
}

/* Alpha of E, P and gap per dimension and overall, listwise and pairwise. */
static void test_alpha_reference(const char *root, const struct servq_instrument *ins,
                                 const char *canon, size_t len)
{
    struct servq_analysis_options o;
    struct text ref = {NULL, 0, 0};
    struct alpha_ctx c;
    char *json[2] = {NULL, NULL};
    cJSON *doc[2] = {NULL, NULL};
    int m;

    memset(&c, 0, sizeof c);
    if (!ok(read_file(root, "tests/reference/generic_alpha.csv", &ref) == 0,
            "alpha: read tests/reference/generic_alpha.csv"))
        return;
    for (m = 0; m < 2; m++) {
        servq_analysis_options_init(&o);
        o.missing = m ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
        json[m] = test_analyse(ins, canon, len, &o);
        doc[m] = json[m] ? cJSON_Parse(json[m]) : NULL;
        c.group[m] = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc[m], "groups"), 0);
    }
    if (ok(c.group[0] && c.group[1], "alpha: both analyses ran"))
        read_text(ref.data, ref.len, compare_alpha_row, &c);
    ok(c.header_ok && c.rows == 300 && c.compared == 300,
       "alpha: compared all 300 reference rows (6 scales x 3 kinds x 2 modes)");
    for (m = 0; m < 2; m++) {
        cJSON_Delete(doc[m]);
        servq_free(json[m]);
    }
    free(ref.data);
}

/* ---- bfi through a perception-only instrument (psych::alpha) ---- */

struct bfi_ctx {
    const struct servq_instrument *ins;
    struct text canon;
    long col[25];   /* field of each instrument item in the export */
    int header;
};

/* Writes the export as canonical responses, recoding reverse-keyed items. */
static int bfi_record(const struct servq_record *rec, void *user)
{
    struct bfi_ctx *c = user;
    char buf[64];
    size_t i, f;

    if (!c->header) {
        c->header = 1;
        text_add(&c->canon, "respondent_id", 13);
        for (i = 0; i < 25; i++) {
            const char *id = servq_instrument_item_id(c->ins, i);
            c->col[i] = -1;
            for (f = 0; f < rec->n_fields; f++)
                if (strlen(rec->fields[f].data) == 2 && (rec->fields[f].data[0] | 0x20) == id[0] &&
                    rec->fields[f].data[1] == id[1])
                    c->col[i] = (long)f;
            snprintf(buf, sizeof buf, ",P_%s", id);
            text_add(&c->canon, buf, strlen(buf));
        }
        text_add(&c->canon, "\n", 1);
        return SERVQ_CB_OK;
    }
    text_add(&c->canon, rec->fields[0].data, rec->fields[0].len);
    for (i = 0; i < 25; i++) {
        const struct servq_field *fl = &rec->fields[c->col[i]];
        text_add(&c->canon, ",", 1);
        if (fl->len) {
            long v = strtol(fl->data, NULL, 10);
            /* The instrument says which items are reverse-keyed: 1..6 becomes 6..1. */
            if (servq_instrument_item_reverse(c->ins, i))
                v = servq_instrument_item_min(c->ins, i) + servq_instrument_item_max(c->ins, i) - v;
            snprintf(buf, sizeof buf, "%ld", v);
            text_add(&c->canon, buf, strlen(buf));
        }
    }
    text_add(&c->canon, "\n", 1);
    return SERVQ_CB_OK;
}

struct bfi_ref_ctx {
    const cJSON *group[2];
    size_t compared;
    int header;
};

static const char *bfi_dimension(char letter)
{
    switch (letter) {
    case 'A': return "agreeableness";
    case 'C': return "conscientiousness";
    case 'E': return "extraversion";
    case 'N': return "neuroticism";
    default: return "openness";
    }
}

static int bfi_compare(const struct servq_record *rec, void *user)
{
    struct bfi_ref_ctx *c = user;
    const cJSON *dim, *alpha, *it = NULL, *e;
    const char *scale, *mode, *figure, *item;
    double want;
    char id[3];

    if (!c->header) {
        c->header = 1;
        return SERVQ_CB_OK;
    }
    scale = rec->fields[0].data;
    mode = rec->fields[1].data;
    figure = rec->fields[2].data;
    item = rec->fields[3].data;
    want = strtod(rec->fields[4].data, NULL);
    dim = find_by_id(cJSON_GetObjectItemCaseSensitive(c->group[strcmp(mode, "pairwise") == 0],
                                                      "dimensions"),
                     bfi_dimension(scale[0]));
    alpha = cJSON_GetObjectItemCaseSensitive(dim, "alpha_p");
    if (item[0]) {
        id[0] = (char)(item[0] | 0x20);
        id[1] = item[1];
        id[2] = '\0';
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(alpha, "items"))
        {
            if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id")), id) == 0)
                it = e;
        }
        is_close(num(it, strcmp(figure, "if_dropped") == 0 ? "alpha_if_dropped" : figure), want,
                 1e-9, "bfi: %s %s %s %s", scale, mode, figure, item);
    } else {
        is_close(num(alpha, figure), want, 1e-9, "bfi: %s %s %s", scale, mode, figure);
    }
    c->compared++;
    return SERVQ_CB_OK;
}

/*
 * psych's bfi data with its reverse-keyed items recoded as the instrument
 * says reproduces psych::alpha: the documented A .70, C .72, E .76, N .81,
 * O .60, and every figure of tests/reference/alpha_bfi.csv to 1e-9.
 */
static void test_bfi(const char *root)
{
    struct servq_instrument *ins = NULL;
    struct text raw = {NULL, 0, 0}, ins_json = {NULL, 0, 0}, ref = {NULL, 0, 0};
    struct bfi_ctx c;
    struct bfi_ref_ctx rc;
    struct servq_analysis_options o;
    char *json[2] = {NULL, NULL};
    cJSON *doc[2] = {NULL, NULL};
    int m;

    memset(&c, 0, sizeof c);
    memset(&rc, 0, sizeof rc);
    if (!ok(read_file(root, "tests/data/bfi/Rdatasets_psych_bfi.csv", &raw) == 0 &&
                read_file(root, "tests/data/instruments/bfi25.json", &ins_json) == 0 &&
                read_file(root, "tests/reference/alpha_bfi.csv", &ref) == 0,
            "bfi: read the data, the instrument and the reference"))
        goto cleanup;
    if (!ok(servq_instrument_parse(ins_json.data, ins_json.len, &ins, NULL, 0) == SERVQ_OK,
            "bfi: perception-only instrument parses"))
        goto cleanup;
    c.ins = ins;
    read_text(raw.data, raw.len, bfi_record, &c);
    for (m = 0; m < 2; m++) {
        servq_analysis_options_init(&o);
        o.missing = m ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
        json[m] = test_analyse(ins, c.canon.data, c.canon.len, &o);
        doc[m] = json[m] ? cJSON_Parse(json[m]) : NULL;
        rc.group[m] = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc[m], "groups"), 0);
    }
    if (!ok(rc.group[0] && rc.group[1], "bfi: both analyses ran"))
        goto cleanup;
    is_close(num(rc.group[0], "n"), 2800, 0, "bfi: 2800 respondents");
    read_text(ref.data, ref.len, bfi_compare, &rc);
    is_int((long long)rc.compared, 140, "bfi: compared all 140 psych figures");
cleanup:
    for (m = 0; m < 2; m++) {
        cJSON_Delete(doc[m]);
        servq_free(json[m]);
    }
    free(c.canon.data);
    free(raw.data);
    free(ins_json.data);
    free(ref.data);
    servq_instrument_free(ins);
}

static void test_end_to_end(const char *root)
{
    struct servq_instrument *ins = NULL;
    struct text export_csv = {NULL, 0, 0}, ref = {NULL, 0, 0}, rev = {NULL, 0, 0};
    struct import_ctx ic;
    struct servq_import_counts counts;
    struct ref_ctx rc;
    char *json = NULL, *json_rev = NULL;
    cJSON *doc = NULL, *groups;
    enum servq_status st;
    size_t i;
    static const unsigned long long want_rejects[] = {38, 113, 206, 289, 342, 420, 504, 578};
    int rejects_ok;

    memset(&ic, 0, sizeof ic);
    if (!ok(servq_instrument_default(&ins) == SERVQ_OK, "e2e: default instrument"))
        return;
    if (!ok(read_file(root, "samples/exports/generic_servqual.csv", &export_csv) == 0,
            "e2e: read samples/exports/generic_servqual.csv") ||
        !ok(read_file(root, "tests/reference/generic_ttest.csv", &ref) == 0,
            "e2e: read tests/reference/generic_ttest.csv"))
        goto cleanup;

    /* Import. */
    if (!ok(servq_importer_new(ins, NULL, on_emit, on_reject, &ic, &ic.imp) == SERVQ_OK,
            "e2e: importer_new"))
        goto cleanup;
    servq_importer_set_message_fn(ic.imp, on_message, NULL);
    st = read_text(export_csv.data, export_csv.len, import_record, &ic);
    is_int(st, SERVQ_OK, "e2e: import read the whole export");
    is_int(ic.st, SERVQ_OK, "e2e: importer_add never failed");
    is_int(servq_importer_finish(ic.imp), SERVQ_OK, "e2e: importer_finish");
    servq_importer_counts(ic.imp, &counts);
    is_int((long long)counts.read, 600, "e2e: 600 rows read");
    is_int((long long)counts.imported, 592, "e2e: 592 imported");
    is_int((long long)counts.rejected, 8, "e2e: 8 rejected");
    ok(counts.read == counts.imported + counts.rejected, "e2e: read = imported + rejected");
    is_int((long long)ic.n_rows, 1 + 592, "e2e: header and 592 rows emitted");
    rejects_ok = ic.n_rejects == sizeof want_rejects / sizeof want_rejects[0];
    for (i = 0; rejects_ok && i < ic.n_rejects; i++)
        rejects_ok = ic.reject_lines[i] == want_rejects[i];
    ok(rejects_ok, "e2e: rejected lines are 38,113,206,289,342,420,504,578");
    ok(!ic.reject_bad, "e2e: every reject has a reason, raw text and a CSV row");
    ok(ic.n_rows > 0 && strncmp(ic.canon.data, "respondent_id,", 14) == 0 &&
           strstr(ic.canon.data, ",E_q1,P_q1,") != NULL,
       "e2e: canonical header names E_q1 and P_q1");

    /* Analyse. */
    json = test_analyse(ins, ic.canon.data, ic.canon.len, NULL);
    if (!ok(json != NULL, "e2e: analysis result"))
        goto cleanup;
    doc = cJSON_Parse(json);
    if (!ok(doc != NULL, "e2e: result is valid JSON"))
        goto cleanup;
    is_str(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "schema")),
           "servq.gap-analysis/1", "e2e: schema");
    is_close(num(doc, "rows"), 592, 0, "e2e: rows 592");
    groups = cJSON_GetObjectItemCaseSensitive(doc, "groups");
    if (!ok(cJSON_IsArray(groups) && cJSON_GetArraySize(groups) == 1, "e2e: one group"))
        goto cleanup;
    rc.group = cJSON_GetArrayItem(groups, 0);
    is_close(num(rc.group, "n"), 592, 0, "e2e: group 0 n 592");
    ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(rc.group, "suppressed")),
       "e2e: group 0 is not suppressed");
    rc.header_ok = 0;
    rc.rows = rc.items = rc.dims = rc.importance = rc.overall = 0;
    st = read_text(ref.data, ref.len, compare_row, &rc);
    ok(st == SERVQ_OK && rc.header_ok, "e2e: reference header is %s,...,%s", ref_names[0],
       ref_names[REF_COLS - 1]);
    ok(rc.items == 22 && rc.dims == 5 && rc.importance == 5 && rc.overall == 2,
       "e2e: compared 22 items, 5 dimensions, 5 importance shares, sq and wsq");

    /* Row order: header first, then the rows in reverse. */
    text_add(&rev, ic.canon.data, ic.row_off[1]);
    for (i = ic.n_rows - 1; i >= 1; i--) {
        size_t end = i + 1 < ic.n_rows ? ic.row_off[i + 1] : ic.canon.len;
        text_add(&rev, ic.canon.data + ic.row_off[i], end - ic.row_off[i]);
    }
    ok(rev.len == ic.canon.len && strcmp(rev.data, ic.canon.data) != 0,
       "e2e: reversed input has the same bytes in another order");
    json_rev = test_analyse(ins, rev.data, rev.len, NULL);
    ok(json_rev != NULL && strcmp(json, json_rev) == 0,
       "e2e: reversed rows give a byte-identical document");

    test_alpha_reference(root, ins, ic.canon.data, ic.canon.len);

cleanup:
    cJSON_Delete(doc);
    servq_free(json);
    servq_free(json_rev);
    servq_importer_free(ic.imp);
    free(ic.canon.data);
    free(ic.row_off);
    free(export_csv.data);
    free(ref.data);
    free(rev.data);
    servq_instrument_free(ins);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : getenv("SERVQ_SOURCE_ROOT");

    if (!root) {
        printf("Bail out! no source root: pass it as argument or SERVQ_SOURCE_ROOT\n");
        return 1;
    }
    test_instrument_default(root);
    test_instrument_errors();
    test_end_to_end(root);
    test_bfi(root);
    return tap_done();
}
