/*
 * servq_report_render(): the documents read into the model
 * (report-model.c), laid out (report-layout.c) through the backend of the
 * format asked for. See report-priv.h for the line.
 */
#include "render/report-priv.h"

#include <string.h>

void servq_report_options_init(struct servq_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = SERVQ_REPORT_TEXT;
    o->lang = "en";
    o->top = 5;
}

/* The backend of each format, or NULL for a format servq does not know. */
static const struct rp_backend *backend_of(enum servq_report_format format)
{
    switch (format) {
    case SERVQ_REPORT_TEXT:
        return &servq_rp_text_backend;
    case SERVQ_REPORT_MARKDOWN:
        return &servq_rp_markdown_backend;
    case SERVQ_REPORT_HTML:
        return &servq_rp_html_backend;
    }
    return NULL;
}

enum servq_status servq_report_render(const char *const *docs, const size_t *lens, size_t n,
                                      const struct servq_report_options *o, char **out)
{
    struct servq_report_options defaults;
    struct rp_model m;
    struct rp_w w = {0};
    struct servq_buf b;
    enum servq_status st = SERVQ_OK;

    if (!o) {
        servq_report_options_init(&defaults);
        o = &defaults;
    }
    if (n == 0 || !docs || !lens || !out || !backend_of(o->format))
        return SERVQ_ERR_ARG;
    *out = NULL;
    if (o->result)
        memset(o->result, 0, sizeof *o->result);
    servq_buf_init(&b);
    SERVQ_TRY(servq_rp_model_build(&m, docs, lens, n, o));
    if (o->result) {
        o->result->targets = m.ntargets;
        o->result->missed_targets = m.nmissed;
    }
    w.be = backend_of(o->format);
    w.m = &m;
    w.b = &b;
    SERVQ_TRY(servq_rp_layout(&w));
    if (!b.data)
        SERVQ_TRY(servq_buf_adds(&b, ""));
    *out = servq_buf_steal(&b);
cleanup:
    servq_rp_model_release(&m);
    servq_buf_release(&b);
    return st;
}
