/*
 * Helpers shared by the unit tests that run whole analyses: reading files
 * from the source tree, feeding text through the reader, and running
 * servq_analysis over canonical responses.
 */
#ifndef SERVQ_TESTS_TESTLIB_H
#define SERVQ_TESTS_TESTLIB_H

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"

/* A growable NUL-terminated buffer. */
struct text {
    char *data;
    size_t len, cap;
};

static inline int text_add(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        char *p;
        while (cap < t->len + n + 1)
            cap *= 2;
        p = realloc(t->data, cap);
        if (!p)
            return -1;
        t->data = p;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
    return 0;
}

/* Appends the file root/rel to out; 0 or -1. */
static inline int read_file(const char *root, const char *rel, struct text *out)
{
    char path[4096];
    char buf[65536];
    size_t n;
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", root, rel);
    fp = fopen(path, "rb");
    if (!fp)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (text_add(out, buf, n) != 0) {
            fclose(fp);
            return -1;
        }
    if (ferror(fp)) {
        fclose(fp);
        return -1;
    }
    fclose(fp);
    return text_add(out, "", 0);
}

/* Feeds text through a reader to fn; returns the first failure. */
static inline enum servq_status read_text(const char *s, size_t n, servq_record_fn fn,
                                          void *user)
{
    struct servq_reader *r = NULL;
    enum servq_status st = servq_reader_new(NULL, fn, user, &r);

    if (st != SERVQ_OK)
        return st;
    st = servq_reader_feed(r, s, n);
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    servq_reader_free(r);
    return st;
}

/* Diagnostics become TAP comments. */
static inline void on_message(const struct servq_message *m, void *user)
{
    (void)user;
    printf("# message (line %llu, column %lu): %s\n", m->line, m->column, m->text);
}

struct analysis_ctx {
    struct servq_analysis *a;
    enum servq_status st;
};

static inline int analysis_record(const struct servq_record *rec, void *user)
{
    struct analysis_ctx *c = user;

    c->st = servq_analysis_add(c->a, rec);
    return c->st == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

/*
 * Runs the analysis over canonical text with options o (NULL for the
 * defaults); returns the JSON (servq_free()) or NULL after a TAP comment.
 */
static inline char *test_analyse(const struct servq_instrument *ins, const char *s, size_t n,
                                 const struct servq_analysis_options *o)
{
    struct analysis_ctx c;
    char *json = NULL;
    enum servq_status st;

    c.st = SERVQ_OK;
    st = servq_analysis_new(ins, o, &c.a);
    if (st != SERVQ_OK) {
        printf("# servq_analysis_new: %s\n", servq_strerror(st));
        return NULL;
    }
    servq_analysis_set_message_fn(c.a, on_message, NULL);
    st = read_text(s, n, analysis_record, &c);
    if (st != SERVQ_OK)
        printf("# analysis: reader %s, analysis %s\n", servq_strerror(st), servq_strerror(c.st));
    else if ((st = servq_analysis_result(c.a, &json)) != SERVQ_OK) {
        printf("# servq_analysis_result: %s\n", servq_strerror(st));
        json = NULL;
    }
    servq_analysis_free(c.a);
    return json;
}

/* The element of an array of objects whose "id" is id, or NULL. */
static inline const cJSON *find_by_id(const cJSON *arr, const char *id)
{
    const cJSON *e;

    cJSON_ArrayForEach(e, arr)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
            return e;
    }
    return NULL;
}

#endif
