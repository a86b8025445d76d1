/*
 * Unit tests for lib/common/json.c, the strict JSON every input goes through:
 * the edit distance and the suggestion of a known key, the line and column
 * of a byte and of a key, and each rule servq_json_load() adds to cJSON.
 * Then every instrument, map and targets file of the repository, and every
 * example of one in docs/, must still load.
 *
 *   test-json SOURCE_ROOT
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "servq/servq.h"
#include "common/json-priv.h"
#include "tap.h"
#include "testlib.h"

static void adds(struct text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void distance_is(const char *a, const char *b, size_t max, size_t want)
{
    size_t got = servq_edit_distance(a, strlen(a), b, strlen(b), max);
    size_t back = servq_edit_distance(b, strlen(b), a, strlen(a), max);

    if (!ok(got == want && back == want, "distance('%s', '%s', max %zu) = %zu", a, b, max, want))
        printf("#   got %zu and, the other way round, %zu\n", got, back);
}

static void test_edit_distance(void)
{
    char a[80], b[80];

    distance_is("", "", 5, 0);
    distance_is("abc", "", 5, 3);
    distance_is("scale", "scale", 5, 0);
    /* By hand: k->s, e->i, +g. */
    distance_is("kitten", "sitting", 5, 3);
    /* One swap of neighbours is one edit, not two. */
    distance_is("scael", "scale", 5, 1);
    distance_is("wqs", "wsq", 5, 1);
    distance_is("revers", "reverse", 5, 1);
    distance_is("Scale", "scale", 5, 1);
    /*
     * Optimal string alignment, not full Damerau-Levenshtein: "ca" -> "abc"
     * would be 2 (swap, then insert between the two), but OSA edits no
     * substring twice, so it is 3.
     */
    distance_is("ca", "abc", 5, 3);
    /* Past max the answer is max + 1, from the lengths alone or not. */
    distance_is("abcdef", "ghijkl", 2, 3);
    distance_is("a", "abcdefgh", 3, 4);
    distance_is("kitten", "sitting", 3, 3);
    distance_is("kitten", "sitting", 2, 3);
    /* Rows wider than the buffer on the stack. */
    memset(a, 'a', 70);
    a[70] = '\0';
    memcpy(b, a, 71);
    b[35] = 'b';
    distance_is(a, b, 3, 1);
    b[70] = 'c';
    b[71] = '\0';
    distance_is(a, b, 3, 2);
}

static void test_nearest(void)
{
    static const char *const item[] = {"id", "dimension", "label", "text", "reverse", "scale",
                                       NULL};
    static const char *const targets[] = {"schema", "sq",         "wsq",   "nps",
                                          "csat",   "dimensions", "items", NULL};
    static const char *const tie[] = {"abcd", "abce", NULL};
    static const char *const bracket[] = {"abc[def", NULL};

    is_str(servq_nearest("scael", item), "scale", "nearest: a swap");
    is_str(servq_nearest("revers", item), "reverse", "nearest: a letter left out");
    is_str(servq_nearest("Label", item), "label", "nearest: a capital");
    is_str(servq_nearest("ID", item), "id", "nearest: capitals, however many");
    is_str(servq_nearest("SCALE", item), "scale", "nearest: capitals in a longer key");
    is_str(servq_nearest("ABC{DEF", bracket), NULL, "nearest: '{' is no small '['");
    is_str(servq_nearest("dimenson", item), "dimension", "nearest: in a long key");
    is_str(servq_nearest("wqs", targets), "wsq", "nearest: a short key, one swap");
    is_str(servq_nearest("dimension", targets), "dimensions", "nearest: singular");
    is_str(servq_nearest("foo", item), NULL, "nearest: nothing close");
    is_str(servq_nearest("xx", item), NULL, "nearest: two edits from \"id\" is too far");
    is_str(servq_nearest("ix", item), "id", "nearest: one edit from \"id\"");
    is_str(servq_nearest("colour", item), NULL, "nearest: three edits from a 5-letter key");
    is_str(servq_nearest("abcx", tie), "abcd", "nearest: a tie goes to the first");
    is_str(servq_nearest("", item), NULL, "nearest: the empty key");
}

static void position_is(const char *text, size_t off, unsigned long long line, unsigned long col)
{
    unsigned long long l = 0;
    unsigned long c = 0;

    servq_json_position(text, strlen(text), off, &l, &c);
    if (!is_int((long long)(l * 1000 + c), (long long)(line * 1000 + col),
                "byte %zu is at line %llu, column %lu", off, line, col))
        printf("#   got line %llu, column %lu\n", l, c);
}

static void test_position(void)
{
    position_is("{}", 0, 1, 1);
    position_is("ab\ncd", 4, 2, 2);
    position_is("ab\n\ncd", 4, 3, 1);
    /* Columns count characters: two two-byte letters, then the byte. */
    position_is("\xc3\xa9\xc3\xa9x", 4, 1, 3);
    /* A byte-order mark is no character. */
    position_is("\xef\xbb\xbf{}", 3, 1, 1);
    position_is("\xef\xbb\xbf{}", 4, 1, 2);
    /* Past the end: the end. */
    position_is("ab", 10, 1, 3);
}

/* Loads text; @returns the status, with the message in err. */
static enum servq_status load(const char *text, size_t len, unsigned flags, char *err,
                              size_t errlen)
{
    struct servq_json j;
    enum servq_status st = servq_json_load(&j, text, len, flags, err, errlen);

    servq_json_release(&j);
    return st;
}

static void refused(const char *text, size_t len, const char *want, const char *what)
{
    char err[256] = "";
    enum servq_status st = load(text, len, 0, err, sizeof err);

    if (!ok(st == SERVQ_ERR_JSON && strcmp(err, want) == 0, "refused: %s", what))
        printf("#   got %s: '%s'\n#  want '%s'\n", servq_strerror(st), err, want);
}

static void accepted(const char *text, size_t len, const char *what)
{
    char err[256] = "";
    enum servq_status st = load(text, len, 0, err, sizeof err);

    if (!ok(st == SERVQ_OK, "accepted: %s", what))
        printf("#   got %s: '%s'\n", servq_strerror(st), err);
}

#define REFUSED(lit, want, what) refused(lit, sizeof lit - 1, want, what)
#define ACCEPTED(lit, what) accepted(lit, sizeof lit - 1, what)

static void test_rules(void)
{
    struct text big = {0};
    char err[256];
    size_t i;

    ACCEPTED("{\"a\": [1, \"x\", {\"b\": null}]}", "a document");
    ACCEPTED("\xef\xbb\xbf{\"a\": 1}", "a byte-order mark");
    ACCEPTED("{\"a\": 1}\n\r\n \t", "white space after the document");
    ACCEPTED("{\"\xc3\xa9t\xc3\xa9\": \"\xe2\x82\xac \xf0\x9f\x98\x80\"}", "UTF-8 of 2, 3, 4 bytes");
    ACCEPTED("{\"a\": \"\\\\u0000\"}", "a backslash, then u0000: no NUL");
    ACCEPTED("{\"a\": \"\\u0001 \\ud83d\\ude00\"}", "escapes other than \\u0000");
    ACCEPTED("[{\"a\": 1}, {\"a\": 2}]", "one key in two objects");
    ACCEPTED("{\"a\": {\"a\": {\"a\": 1}}}", "one key at three depths");

    /* The message of cJSON's own failures. */
    REFUSED("{\"a\" 1}", "line 1: column 6: malformed JSON", "no colon");
    REFUSED("{\n  \"a\": 1,\n  \"b\" 2\n}", "line 3: column 7: malformed JSON", "on line 3");
    REFUSED("{\"\xc3\xa9\xc3\xa9\": ]", "line 1: column 8: malformed JSON",
            "columns count characters");
    REFUSED("{\"a\": [1,", "line 1: column 9: malformed JSON", "cut short");
    REFUSED("", "line 1: column 1: malformed JSON", "nothing");

    /* Invalid UTF-8 anywhere, at the first bad byte. */
    REFUSED("{\"a\": \"caf\xe9\"}", "line 1: column 11: invalid UTF-8: byte \\xE9",
            "Latin-1 in a string");
    REFUSED("{\"a\xff\": 1}", "line 1: column 4: invalid UTF-8: byte \\xFF", "in a key");
    REFUSED("{\"a\": 1}\n\xc3", "line 2: column 1: invalid UTF-8: byte \\xC3",
            "cut short after the document");
    REFUSED("{\"a\": \"\xed\xa0\x80\"}", "line 1: column 8: invalid UTF-8: byte \\xED",
            "a UTF-16 surrogate");
    REFUSED("{\"a\": \"\xc0\xaf\"}", "line 1: column 8: invalid UTF-8: byte \\xC0",
            "an overlong form");
    REFUSED("{\"x\":\n \"\xc3\xa9\xe2\x82\"}", "line 2: column 4: invalid UTF-8: byte \\xE2",
            "a character cut short; the column counts the one before");
    /* The first problem in the text wins, cJSON's or the pre-pass's. */
    /* (cJSON stops one byte past a comma that is not followed by a key.) */
    REFUSED("{\"a\": 1,, \"b\": \"\xe9\"}", "line 1: column 10: malformed JSON",
            "broken before the bad byte");
    REFUSED("{\"a\": \"\xe9\", ,}", "line 1: column 8: invalid UTF-8: byte \\xE9",
            "the bad byte before the break");

    /* NULs, raw and escaped. */
    REFUSED("{\"id\": \"q1\\u0000x\"}", "line 1: column 11: a NUL character (\\u0000) in a string",
            "\\u0000 in a value");
    REFUSED("{\"i\\u0000d\": 1}", "line 1: column 4: a NUL character (\\u0000) in a string",
            "\\u0000 in a key");
    REFUSED("{\"id\": \"q1\0x\"}", "line 1: column 11: a NUL byte in a string", "a raw NUL");
    REFUSED("{\"a\": 1}\0", "line 1: column 9: a NUL byte", "a NUL after the document");
    REFUSED("{\"a\":\0 1}", "line 1: column 6: a NUL byte", "a NUL between tokens");

    /* Bytes cJSON takes for white space that JSON does not. */
    REFUSED("{\"a\":\f1}", "line 1: column 6: malformed JSON", "a form feed between tokens");
    REFUSED("{\"a\":\x01 1}", "line 1: column 6: malformed JSON", "a control byte between tokens");
    ACCEPTED("{\"a\": \"tab\there\"}", "a control byte inside a string is left to cJSON");

    /* Trailing data. */
    REFUSED("{\"a\": 1} x", "line 1: column 10: data after the end of the JSON document",
            "a word after the document");
    REFUSED("{\"a\": 1}\n{\"a\": 2}\n",
            "line 2: column 1: data after the end of the JSON document", "two documents");
    REFUSED("[1]]", "line 1: column 4: data after the end of the JSON document",
            "a bracket too many");

    /* Keys twice. */
    REFUSED("{\"a\": 1, \"b\": 2, \"a\": 3}",
            "line 1: column 18: duplicate key \"a\"; the first is at line 1, column 2",
            "a key twice");
    REFUSED("{\"x\": [{\"k\": 1},\n {\"k\": 1, \"k\": 2}]}",
            "line 2: column 11: duplicate key \"k\"; the first is at line 2, column 3",
            "a key twice in an object in an array");
    REFUSED("{\"a\\\"b\": 1, \"a\\u0022b\": 2}",
            "line 1: column 13: duplicate key \"a\"b\"; the first is at line 1, column 2",
            "the same key written with two escapes");
    ACCEPTED("{\"a\": 1, \"A\": 2}", "keys differ in case");
    /* Objects too large to compare pair by pair: one key a line. */
    for (i = 0; i < 2; i++) {
        size_t k;
        big.len = 0;
        adds(&big, "{");
        for (k = 0; k < 1000; k++) {
            char key[40];
            /* The second time, the last key is the eighth again. */
            snprintf(key, sizeof key, "%s\"k%zu\": %zu", k ? ",\n" : "", i && k == 999 ? 7 : k, k);
            adds(&big, key);
        }
        adds(&big, "}");
        if (i == 0)
            accepted(big.data, big.len, "1000 different keys");
        else
            refused(big.data, big.len,
                    "line 1000: column 1: duplicate key \"k7\"; the first is at line 8, column 1",
                    "in 1000 keys, the last is the eighth again");
    }
    free(big.data);

    /* A state is one line: its reader names the line. */
    err[0] = '\0';
    is_int(load("{\"a\": 1, \"a\": 2}", 16, SERVQ_JSON_ONE_LINE, err, sizeof err), SERVQ_ERR_JSON,
           "one line: refused");
    is_str(err, "column 10: duplicate key \"a\"; the first is at column 2",
           "one line: the place is the column");
    load("{\"a\":\n1,}", 9, SERVQ_JSON_ONE_LINE, err, sizeof err);
    is_str(err, "line 2: column 3: malformed JSON", "one line: a second line is named");
    is_int(load("{\"a\": 1}", 8, 0, NULL, 0), SERVQ_OK, "no error buffer: fine");
    is_int(load("{", 1, 0, NULL, 0), SERVQ_ERR_JSON, "no error buffer: refused");
    load("{\"a\": 1} x", 10, 0, err, 12);
    is_str(err, "line 1: col", "a short error buffer: cut, terminated");
}

static void test_malformed_flag(void)
{
    struct servq_json j;

    servq_json_load(&j, "{\"a\": [1,", 9, 0, NULL, 0);
    ok(j.malformed, "malformed: a text cut short");
    servq_json_release(&j);
    servq_json_load(&j, "{\"a\": 1, \"a\": 1}", 16, 0, NULL, 0);
    ok(!j.malformed && j.root != NULL, "not malformed: a key twice; the tree is kept");
    servq_json_release(&j);
    servq_json_load(&j, "{\"a\": \"\xe9\"}", 10, 0, NULL, 0);
    ok(!j.malformed, "not malformed: bytes that are not UTF-8");
    servq_json_release(&j);
}

/* The place of the key path[0]/path[1]/... (objects only) in text. */
static void where_is(const char *text, const char *const *path, const char *want)
{
    struct servq_json j;
    const cJSON *v;
    char buf[64] = "?";

    if (!ok(servq_json_load(&j, text, strlen(text), 0, NULL, 0) == SERVQ_OK, "where: loads")) {
        servq_json_release(&j);
        return;
    }
    for (v = j.root; *path; path++) {
        if (cJSON_IsArray(v))
            v = cJSON_GetArrayItem(v, atoi(*path));
        else
            v = cJSON_GetObjectItemCaseSensitive(v, *path);
    }
    is_str(servq_json_where(&j, v, buf, sizeof buf), want, "where: %s", want);
    servq_json_release(&j);
}

static void test_where(void)
{
    static const char doc[] = "{\"schema\": \"x\",\n"
                              " \"items\": [\n"
                              "   {\"id\": \"q1\", \"a:b\": \"c:d\"},\n"
                              "   {\"id\": \"q\\\"2\", \"scale\": {\"min\": 1, \"max\": 5}}\n"
                              " ],\n"
                              " \"\xc3\xa9t\xc3\xa9\": {\"z\": [[], {}, {\"deep\": true}]}\n"
                              "}\n";
    static const char *const schema[] = {"schema", NULL};
    static const char *const items[] = {"items", NULL};
    static const char *const colon[] = {"items", "0", "a:b", NULL};
    static const char *const max[] = {"items", "1", "max", NULL};
    static const char *const scale_max[] = {"items", "1", "scale", "max", NULL};
    static const char *const deep[] = {"\xc3\xa9t\xc3\xa9", "z", "2", "deep", NULL};
    static const char *const elem[] = {"items", "0", NULL};
    struct servq_json j;
    char buf[64];

    where_is(doc, schema, "line 1: column 2: ");
    where_is(doc, items, "line 2: column 2: ");
    /* Colons and an escaped quote inside strings are no keys. */
    where_is(doc, colon, "line 3: column 17: ");
    where_is(doc, scale_max, "line 4: column 39: ");
    /* Columns count characters, not bytes. */
    where_is(doc, deep, "line 6: column 25: ");
    /* Not a key: an array's element, something missing. */
    where_is(doc, elem, "");
    where_is(doc, max, "");
    is_str(servq_json_where(NULL, NULL, buf, sizeof buf), "", "where: no text");
    servq_json_load(&j, "{\"a\": 1}", 8, SERVQ_JSON_ONE_LINE, NULL, 0);
    is_str(servq_json_where(&j, j.root->child, buf, sizeof buf), "column 2: ",
           "where: one line");
    servq_json_release(&j);
}

static void test_check_keys(void)
{
    static const char *const known[] = {"id", "dimension", "scale", "reverse", NULL};
    static const char text[] = "{\"id\": \"q3\",\n \"dimension\": \"d\",\n   \"scael\": 5,\n"
                               " \"revers\": true}";
    struct servq_json j;
    const cJSON *bad;
    char msg[256] = "";

    servq_json_load(&j, text, strlen(text), 0, NULL, 0);
    bad = servq_json_check_keys(&j, j.root, known, NULL, "item \"q3\"", msg, sizeof msg);
    ok(bad && strcmp(bad->string, "scael") == 0, "check_keys: the first unknown key");
    is_str(msg, "line 3: column 4: unknown key \"scael\" in item \"q3\"; did you mean \"scale\"?",
           "check_keys: place, key, object and suggestion");
    servq_json_check_keys(&j, j.root, known, "embedded instrument: ", "item \"q3\"", msg,
                          sizeof msg);
    is_str(msg,
           "line 3: column 4: embedded instrument: unknown key \"scael\" in item \"q3\"; did you "
           "mean \"scale\"?",
           "check_keys: the prefix goes after the place");
    servq_json_release(&j);

    servq_json_load(&j, "{\"id\": 1, \"\\tfoo\": 2}", strlen("{\"id\": 1, \"\\tfoo\": 2}"), 0,
                    NULL, 0);
    servq_json_check_keys(&j, j.root, known, NULL, "the thing", msg, sizeof msg);
    is_str(msg, "line 1: column 11: unknown key \"\\x09foo\" in the thing",
           "check_keys: no suggestion; a control byte shows as what it is");
    servq_json_release(&j);

    servq_json_load(&j, "{\"id\": 1, \"scale\": 2}", strlen("{\"id\": 1, \"scale\": 2}"), 0, NULL,
                    0);
    ok(servq_json_check_keys(&j, j.root, known, NULL, "x", msg, sizeof msg) == NULL,
       "check_keys: all known");
    ok(servq_json_check_keys(&j, cJSON_GetObjectItemCaseSensitive(j.root, "id"), known, NULL,
                             "x", msg, sizeof msg) == NULL,
       "check_keys: not an object");
    servq_json_release(&j);

    /* Without the text, no place. */
    bad = NULL;
    {
        cJSON *o = cJSON_Parse("{\"lable\": 1}");
        static const char *const lab[] = {"label", NULL};
        bad = servq_json_check_keys(NULL, o, lab, NULL, "x", msg, sizeof msg);
        ok(bad != NULL, "check_keys: without the text");
        is_str(msg, "unknown key \"lable\" in x; did you mean \"label\"?",
               "check_keys: without the text, no place");
        cJSON_Delete(o);
    }
}

/* ---- every instrument, map and targets file of the repository loads ---- */

static const char *root_dir;

static void instrument_loads(const char *name, const char *json, size_t len)
{
    struct servq_instrument *ins = NULL;
    char err[512] = "";
    enum servq_status st = servq_instrument_parse(json, len, &ins, err, sizeof err);

    if (!ok(st == SERVQ_OK, "instrument %s loads", name))
        printf("#   %s\n", err);
    servq_instrument_free(ins);
}

static void map_loads(const char *name, const char *dir, const char *json, size_t len)
{
    struct servq_map *map = NULL;
    struct text ins = {0};
    char err[512] = "", rel[4096];
    enum servq_status st = servq_map_parse(json, len, &map, err, sizeof err);

    if (!ok(st == SERVQ_OK, "map %s loads", name))
        printf("#   %s\n", err);
    /* The instrument a map names, relative to the map. */
    if (st == SERVQ_OK && dir && servq_map_instrument_path(map)) {
        snprintf(rel, sizeof rel, "%s/%s", dir, servq_map_instrument_path(map));
        if (ok(read_file(root_dir, rel, &ins) == 0, "map %s: its instrument is there", name))
            instrument_loads(rel, ins.data, ins.len);
        free(ins.data);
    }
    servq_map_free(map);
}

/* Appends the "id" keys of obj's object k as items or dimensions of an instrument. */
static void synth_ids(struct text *t, const cJSON *obj, const char *k, int items)
{
    const cJSON *e;
    char buf[256];

    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(obj, k))
    {
        /* Each dimension gets an item of its own, as it must have one. */
        if (items)
            snprintf(buf, sizeof buf, ",{\"id\": \"%.64s\", \"dimension\": \"d\"}", e->string);
        else
            snprintf(buf, sizeof buf, ",{\"id\": \"%.64s\"}", e->string);
        adds(t, buf);
    }
}

/* Keeps the library's message in the 256-byte buffer user. */
static void keep_text(const struct servq_message *m, void *user)
{
    snprintf(user, 256, "%s", m->text);
}

/*
 * A targets file loads for an instrument that has the ids it names (whether
 * they fit the instrument the file goes with is the CLI tests' business).
 */
static void targets_load(const char *name, const char *json, size_t len)
{
    struct servq_instrument *ins = NULL;
    struct servq_analysis *a = NULL;
    struct text t = {0};
    char err[512] = "", buf[256];
    cJSON *doc = cJSON_ParseWithLength(json, len);
    const cJSON *e;
    enum servq_status st;

    adds(&t, "{\"id\": \"t\", \"dimensions\": [{\"id\": \"d\"}");
    synth_ids(&t, doc, "dimensions", 0);
    adds(&t, "], \"items\": [{\"id\": \"i\", \"dimension\": \"d\"}");
    synth_ids(&t, doc, "items", 1);
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "dimensions"))
    {
        snprintf(buf, sizeof buf, ",{\"id\": \"i.%.64s\", \"dimension\": \"%.64s\"}", e->string,
                 e->string);
        adds(&t, buf);
    }
    adds(&t, "], \"extras\": [{\"id\": \"n\", \"type\": \"nps\"}, {\"id\": \"c\", \"type\": \"csat\"}]}");
    st = servq_instrument_parse(t.data, t.len, &ins, err, sizeof err);
    if (st == SERVQ_OK)
        st = servq_analysis_new(ins, NULL, &a);
    if (st == SERVQ_OK) {
        servq_analysis_set_message_fn(a, keep_text, err);
        st = servq_analysis_set_targets(a, json, len);
    }
    if (!ok(st == SERVQ_OK, "targets %s load", name))
        printf("#   %s: %s\n", servq_strerror(st), err);
    cJSON_Delete(doc);
    servq_analysis_free(a);
    servq_instrument_free(ins);
    free(t.data);
}

/* What a JSON text is by its "schema" (an instrument may have none). */
static const char *kind_of(const char *json, size_t len)
{
    static const char *const kinds[] = {"servq.instrument/1", "servq.map/1", "servq.targets/1"};
    const char *kind = NULL;
    cJSON *doc = cJSON_ParseWithLength(json, len);
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc, "schema");
    size_t i;

    for (i = 0; i < 3; i++)
        if (cJSON_IsString(schema) && strcmp(schema->valuestring, kinds[i]) == 0)
            kind = kinds[i];
    if (!schema && cJSON_GetObjectItemCaseSensitive(doc, "items") &&
        cJSON_GetObjectItemCaseSensitive(doc, "dimensions"))
        kind = kinds[0];
    cJSON_Delete(doc);
    return kind;
}

static int loads(const char *name, const char *dir, const char *json, size_t len)
{
    const char *kind = kind_of(json, len);

    if (!kind)
        return 0;
    if (strcmp(kind, "servq.instrument/1") == 0)
        instrument_loads(name, json, len);
    else if (strcmp(kind, "servq.map/1") == 0)
        map_loads(name, dir, json, len);
    else
        targets_load(name, json, len);
    return 1;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);

    return n >= m && strcmp(s + n - m, tail) == 0;
}

/*
 * Calls fn on every file under rel (relative to the root) whose name ends
 * with tail, in no set order, but not on the bad ones.
 */
static void walk(const char *rel, const char *tail, void (*fn)(const char *rel, const char *dir,
                                                             int *count),
                 int *count)
{
    char path[8192], sub[4096];
    struct dirent *e;
    struct stat sb;
    DIR *d;

    snprintf(path, sizeof path, "%s/%s", root_dir, rel);
    if (!(d = opendir(path))) {
        ok(0, "%s can be read", rel);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
        snprintf(path, sizeof path, "%s/%s", root_dir, sub);
        /* Broken on purpose, or raw fuzzer input. */
        if (strcmp(sub, "tests/cli/bad-input") == 0 || strcmp(sub, "tests/fuzz") == 0)
            continue;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            walk(sub, tail, fn, count);
        else if (ends_with(e->d_name, tail))
            fn(sub, rel, count);
    }
    closedir(d);
}

/* A *.json file: counted when it is an instrument, map or targets file. */
static void json_file(const char *rel, const char *dir, int *count)
{
    struct text t = {0};

    if (read_file(root_dir, rel, &t) != 0) {
        ok(0, "%s can be read", rel);
        return;
    }
    *count += loads(rel, dir, t.data, t.len);
    free(t.data);
}

/* Whether s[0..n) holds what. */
static int holds(const char *s, size_t n, const char *what)
{
    size_t m = strlen(what), i;

    for (i = 0; i + m <= n; i++)
        if (memcmp(s + i, what, m) == 0)
            return 1;
    return 0;
}

/* Every fenced block of doc (```, ```json) that is an instrument, map or targets file. */
static void doc_examples(const char *doc, const char *dir, int *examples)
{
    struct text t = {0};
    const char *p, *q, *end;
    int count = 0, block = 0;
    char name[256];

    (void)dir;
    if (read_file(root_dir, doc, &t) != 0) {
        ok(0, "%s can be read", doc);
        return;
    }
    for (p = t.data; (p = strstr(p, "```")) != NULL; p = end + 3) {
        q = strchr(p, '\n');
        if (!q || !(end = strstr(q, "\n```")))
            break;
        block++;
        snprintf(name, sizeof name, "%s, example %d", doc, block);
        if (holds(q, (size_t)(end - q), "\"servq.instrument/1\"") ||
            holds(q, (size_t)(end - q), "\"servq.map/1\"") ||
            holds(q, (size_t)(end - q), "\"servq.targets/1\"")) {
            if (!kind_of(q, (size_t)(end - q)))
                ok(0, "%s is an instrument, map or targets file", name);
            else
                count += loads(name, NULL, q, (size_t)(end - q));
        }
    }
    free(t.data);
    *examples += count;
}

static void test_repository(void)
{
    int files = 0, examples = 0;

    walk("samples", ".json", json_file, &files);
    walk("tests", ".json", json_file, &files);
    /* As many as there were when this test was written, or more. */
    ok(files >= 45, "%d instrument, map and targets files in samples/ and tests/", files);
    doc_examples("README.md", NULL, &examples);
    walk("docs", ".md", doc_examples, &examples);
    walk("docs", ".scd", doc_examples, &examples);
    ok(examples >= 5, "%d examples of them in the documentation", examples);
}

int main(int argc, char **argv)
{
    test_edit_distance();
    test_nearest();
    test_position();
    test_rules();
    test_malformed_flag();
    test_where();
    test_check_keys();
    if (argc > 1) {
        root_dir = argv[1];
        test_repository();
    } else {
        skip(1, "no source root given");
    }
    return tap_done();
}
