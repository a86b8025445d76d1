/*
 * Strict JSON (see json-priv.h). cJSON parses; a pre-pass over the bytes
 * checks what cJSON accepts but servq must not (bytes that are not UTF-8,
 * NULs, control bytes between tokens) and notes where every object key
 * starts. The pre-pass is not a second parser: it only has to find strings
 * exactly as cJSON does (a backslash always takes the next byte along), and
 * a string that is followed by a colon is a key. Keys come in the same
 * order in the text as in a pre-order walk of cJSON's tree, so the k-th key
 * of the walk is the k-th key of the text.
 */
#include "common/json-priv.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util-priv.h"

/* Objects up to this size are checked for repeated keys pair by pair. */
#define SMALL_OBJECT 16

/* What the pre-pass found. */
struct scan {
    const unsigned char *s;
    size_t n;
    size_t *keys, n_keys, cap_keys;
    size_t bad; /* offset of the first problem, or n when there is none */
    char why[64];
};

static void problem(struct scan *sc, size_t off, const char *why)
{
    sc->bad = off;
    snprintf(sc->why, sizeof sc->why, "%s", why);
}

static enum servq_status add_key(struct scan *sc, size_t off)
{
    size_t *t, cap;

    if (sc->n_keys == sc->cap_keys) {
        cap = sc->cap_keys ? 2 * sc->cap_keys : 64;
        if (cap > SIZE_MAX / sizeof *t)
            return SERVQ_ERR_NOMEM;
        t = realloc(sc->keys, cap * sizeof *t);
        if (!t)
            return SERVQ_ERR_NOMEM;
        sc->keys = t;
        sc->cap_keys = cap;
    }
    sc->keys[sc->n_keys++] = off;
    return SERVQ_OK;
}

/* Length of the UTF-8 character at s[0..n) that starts with a byte >= 0x80; 0 if invalid. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;

    if (k == 0 || k > n || !servq_utf8_valid((const char *)s, k))
        return 0;
    return k;
}

/* Checks s[i] >= 0x80; @returns its length, or 0 after noting the problem. */
static size_t check_utf8(struct scan *sc, size_t i)
{
    size_t k = utf8_char(sc->s + i, sc->n - i);
    char why[40];

    if (k == 0) {
        snprintf(why, sizeof why, "invalid UTF-8: byte \\x%02X", sc->s[i]);
        problem(sc, i, why);
    }
    return k;
}

/*
 * Stops at the first problem. A string left open is not one: cJSON says
 * where the text breaks off.
 */
static enum servq_status scan(struct scan *sc)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, i = 0, k, pending = SIZE_MAX;

    sc->bad = n;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n) {
        unsigned char c = s[i];
        if (c == '"') {
            size_t start = i++;
            for (;;) {
                if (i >= n)
                    return SERVQ_OK;
                c = s[i];
                if (c == '"')
                    break;
                if (c == '\\') {
                    if (n - i >= 6 && memcmp(s + i + 1, "u0000", 5) == 0) {
                        problem(sc, i, "a NUL character (\\u0000) in a string");
                        return SERVQ_OK;
                    }
                    i += 2;
                } else if (c == 0) {
                    problem(sc, i, "a NUL byte in a string");
                    return SERVQ_OK;
                } else if (c >= 0x80) {
                    if ((k = check_utf8(sc, i)) == 0)
                        return SERVQ_OK;
                    i += k;
                } else {
                    i++;
                }
            }
            i++;
            pending = start;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        if (c == ':' && pending != SIZE_MAX && add_key(sc, pending) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        pending = SIZE_MAX;
        if (c == 0) {
            problem(sc, i, "a NUL byte");
            return SERVQ_OK;
        }
        /* cJSON takes every byte up to 32 for white space; JSON does not. */
        if (c < 0x20) {
            problem(sc, i, "malformed JSON");
            return SERVQ_OK;
        }
        if (c >= 0x80) {
            if ((k = check_utf8(sc, i)) == 0)
                return SERVQ_OK;
            i += k;
            continue;
        }
        i++;
    }
    return SERVQ_OK;
}

void servq_json_position(const char *text, size_t len, size_t off, unsigned long long *line,
                         unsigned long *column)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    *line = 1;
    *column = 1;
    if (off > len)
        off = len;
    if (off >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    for (; i < off; i++) {
        if (s[i] == '\n') {
            ++*line;
            *column = 1;
        } else if ((s[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* "line L<sep>column C", or "column C" on the first line of a one-line text. */
static const char *place(const struct servq_json *j, size_t off, const char *sep, char *buf,
                         size_t cap)
{
    unsigned long long line;
    unsigned long column;

    servq_json_position(j->text, j->len, off, &line, &column);
    if (line == 1)
        column += j->column0 - 1;
    line += j->line0 - 1;
    if (j->one_line && line == 1)
        snprintf(buf, cap, "column %lu", column);
    else
        snprintf(buf, cap, "line %llu%scolumn %lu", line, sep, column);
    return buf;
}

static void say(char *err, size_t errlen, const char *where, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", where, why);
}

/* Finds member's number among the keys of a pre-order walk from v. */
static int key_number(const cJSON *v, const cJSON *member, size_t *k)
{
    const cJSON *c;
    int obj = cJSON_IsObject(v);

    for (c = v->child; c; c = c->next) {
        if (obj) {
            if (c == member)
                return 1;
            ++*k;
        }
        if (key_number(c, member, k))
            return 1;
    }
    return 0;
}

/* The byte offset of member's key, or SIZE_MAX when unknown. */
static size_t key_offset(const struct servq_json *j, const cJSON *member)
{
    size_t k = 0;

    if (!j || !j->root || !member || !j->n_keys || !key_number(j->root, member, &k) ||
        k >= j->n_keys)
        return SIZE_MAX;
    return j->keys[k];
}

const char *servq_json_where(const struct servq_json *j, const cJSON *member, char *buf,
                             size_t cap)
{
    size_t off = key_offset(j, member);
    char at[64];

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (off != SIZE_MAX)
        snprintf(buf, cap, "%s: ", place(j, off, ": ", at, sizeof at));
    return buf;
}

/* The walk after parsing: counts the keys and finds the first repeated one. */
struct walk {
    size_t count;
    const cJSON *first, *second;
    int nomem;
};

static void find_repeat(struct walk *w, const cJSON *o)
{
    const cJSON *a, *b, **nodes;
    const char **names;
    size_t n = 0, i = 0, x, y;
    int found;

    for (b = o->child; b; b = b->next)
        n++;
    if (n <= SMALL_OBJECT) {
        for (b = o->child; b; b = b->next)
            for (a = o->child; a != b; a = a->next)
                if (strcmp(a->string, b->string) == 0) {
                    w->first = a;
                    w->second = b;
                    return;
                }
        return;
    }
    names = malloc(n * sizeof *names);
    nodes = malloc(n * sizeof *nodes);
    if (!names || !nodes) {
        w->nomem = 1;
    } else {
        for (b = o->child; b; b = b->next, i++) {
            names[i] = b->string;
            nodes[i] = b;
        }
        found = servq_find_duplicate(names, n, &x, &y);
        if (found < 0)
            w->nomem = 1;
        else if (found) {
            w->first = nodes[x];
            w->second = nodes[y];
        }
    }
    free(names);
    free(nodes);
}

static void walk(struct walk *w, const cJSON *v)
{
    const cJSON *c;
    int obj = cJSON_IsObject(v);

    if (obj && !w->second && !w->nomem)
        find_repeat(w, v);
    for (c = v->child; c; c = c->next) {
        if (obj)
            w->count++;
        walk(w, c);
    }
}

static int json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum servq_status servq_json_load(struct servq_json *j, const char *text, size_t len,
                                  unsigned flags, char *err, size_t errlen)
{
    return servq_json_load_at(j, text, len, 1, 1, flags, err, errlen);
}

enum servq_status servq_json_load_at(struct servq_json *j, const char *text, size_t len,
                                     unsigned long long line0, unsigned long column0,
                                     unsigned flags, char *err, size_t errlen)
{
    struct scan sc;
    struct walk w = {0, NULL, NULL, 0};
    const char *end = NULL, *p;
    char at[64], at2[64], why[256], shown[96];
    size_t off;

    memset(j, 0, sizeof *j);
    memset(&sc, 0, sizeof sc);
    if (!text) {
        text = "";
        len = 0;
    }
    j->text = text;
    j->len = len;
    j->line0 = line0 ? line0 : 1;
    j->column0 = column0 ? column0 : 1;
    j->one_line = (flags & SERVQ_JSON_ONE_LINE) != 0;
    if (err && errlen)
        err[0] = '\0';
    sc.s = (const unsigned char *)text;
    sc.n = len;
    if (scan(&sc) != SERVQ_OK) {
        free(sc.keys);
        if (err && errlen)
            snprintf(err, errlen, "out of memory");
        return SERVQ_ERR_NOMEM;
    }
    j->keys = sc.keys;
    j->n_keys = sc.n_keys;
    j->root = servq_cjson_parse(text, len, &end);
    if (!j->root) {
        /* cJSON leaves end at the byte it stopped on (the last one at a cut). */
        off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        if (sc.bad < off)
            say(err, errlen, place(j, sc.bad, ": ", at, sizeof at), sc.why);
        else
            say(err, errlen, place(j, off, ": ", at, sizeof at), "malformed JSON");
        j->malformed = sc.bad >= off;
        return SERVQ_ERR_JSON;
    }
    if (sc.bad < len) {
        say(err, errlen, place(j, sc.bad, ": ", at, sizeof at), sc.why);
        return SERVQ_ERR_JSON;
    }
    for (p = end; p < text + len; p++)
        if (!json_space(*p)) {
            say(err, errlen, place(j, (size_t)(p - text), ": ", at, sizeof at),
                "data after the end of the JSON document");
            return SERVQ_ERR_JSON;
        }
    walk(&w, j->root);
    if (w.nomem) {
        if (err && errlen)
            snprintf(err, errlen, "out of memory");
        return SERVQ_ERR_NOMEM;
    }
    /* Cannot happen; if it did, messages would only lose their places. */
    if (w.count != j->n_keys)
        j->n_keys = 0;
    if (w.second) {
        off = key_offset(j, w.first);
        servq_show_cell(w.second->string, strlen(w.second->string), 64, shown, sizeof shown);
        if (off != SIZE_MAX)
            snprintf(why, sizeof why, "duplicate key \"%s\"; the first is at %s", shown,
                     place(j, off, ", ", at2, sizeof at2));
        else
            snprintf(why, sizeof why, "duplicate key \"%s\"", shown);
        off = key_offset(j, w.second);
        if (off != SIZE_MAX)
            say(err, errlen, place(j, off, ": ", at, sizeof at), why);
        else if (err && errlen)
            snprintf(err, errlen, "%s", why);
        return SERVQ_ERR_JSON;
    }
    return SERVQ_OK;
}

void servq_json_release(struct servq_json *j)
{
    cJSON_Delete(j->root);
    free(j->keys);
    memset(j, 0, sizeof *j);
}

cJSON *servq_json_steal(struct servq_json *j)
{
    cJSON *root = j->root;

    j->root = NULL;
    return root;
}

size_t servq_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t max)
{
    size_t small[3 * 33], *rows, *r0, *r1, *r2, *t, i, k, d, result;
    const char *s;

    /* Symmetric: let b be the shorter, the width of a row. */
    if (nb > na) {
        s = a, a = b, b = s;
        k = na, na = nb, nb = k;
    }
    if (na - nb > max)
        return max + 1;
    rows = nb + 1 <= 33 ? small : malloc(3 * (nb + 1) * sizeof *rows);
    if (!rows)
        return (size_t)-1;
    r0 = rows;
    r1 = rows + (nb + 1);
    r2 = rows + 2 * (nb + 1);
    for (k = 0; k <= nb; k++)
        r1[k] = k;
    for (i = 1; i <= na; i++) {
        r2[0] = i;
        for (k = 1; k <= nb; k++) {
            d = r1[k - 1] + (a[i - 1] != b[k - 1]);
            if (r1[k] + 1 < d)
                d = r1[k] + 1;
            if (r2[k - 1] + 1 < d)
                d = r2[k - 1] + 1;
            if (i > 1 && k > 1 && a[i - 1] == b[k - 2] && a[i - 2] == b[k - 1] &&
                r0[k - 2] + 1 < d)
                d = r0[k - 2] + 1;
            r2[k] = d;
        }
        t = r0;
        r0 = r1;
        r1 = r2;
        r2 = t;
    }
    result = r1[nb] > max ? max + 1 : r1[nb];
    if (rows != small)
        free(rows);
    return result;
}

/* Whether a and b are the same but for the case of ASCII letters. */
static int same_but_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (*a != *b && !((*a | 0x20) == (*b | 0x20) && (*a | 0x20) >= 'a' && (*a | 0x20) <= 'z'))
            return 0;
    return *a == *b;
}

const char *servq_nearest(const char *word, const char *const *cands)
{
    size_t wl = strlen(word), best_d = SIZE_MAX, cl, max, d;
    const char *const *c;
    const char *best = NULL;

    for (c = cands; *c; c++)
        if (same_but_case(word, *c))
            return *c;
    for (; *cands; cands++) {
        cl = strlen(*cands);
        max = cl <= 3 ? 1 : cl <= 6 ? 2 : 3;
        if (max >= cl)
            max = cl - 1;
        if (max == 0)
            continue;
        d = servq_edit_distance(word, wl, *cands, cl, max);
        if (d <= max && d < best_d) {
            best = *cands;
            best_d = d;
        }
    }
    return best;
}

const cJSON *servq_json_check_keys(const struct servq_json *j, const cJSON *obj,
                                   const char *const *known, const char *prefix,
                                   const char *what, char *msg, size_t cap)
{
    const char *const *k;
    const char *near;
    const cJSON *e;
    char at[80], shown[96];

    if (!cJSON_IsObject(obj))
        return NULL;
    cJSON_ArrayForEach(e, obj)
    {
        for (k = known; *k && strcmp(*k, e->string) != 0; k++)
            ;
        if (*k)
            continue;
        if (msg && cap) {
            near = servq_nearest(e->string, known);
            servq_show_cell(e->string, strlen(e->string), 64, shown, sizeof shown);
            snprintf(msg, cap, "%s%sunknown key \"%s\" in %s%s%s%s",
                     servq_json_where(j, e, at, sizeof at), prefix ? prefix : "", shown, what,
                     near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
        }
        return e;
    }
    return NULL;
}
