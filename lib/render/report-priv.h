/*
 * The report, inside the library, is one line: model -> layout -> backend.
 * report-model.c reads the gap-analysis documents once into a struct
 * rp_model (what to say: rankings, changes, trends, targets, notes).
 * report-layout.c walks the model section by section and says what to
 * write through a struct rp_backend (report-backend-priv.h): begin,
 * heading, para, list, table, chart, end. The backends write it: text
 * (report-text.c: 80 columns, colours, Unicode or ASCII glyphs), Markdown
 * (report-markdown.c) and HTML with SVG charts (report-html.c). The layout
 * never asks which format it writes, only what the backend can do
 * (rp_backend.caps); a backend never calls the layout. Both use the words
 * and numbers of report-helpers.c, and report.c joins the three for
 * servq_report_render(). To add a backend, write report-<name>.c with the
 * seven functions and a const struct rp_backend, declare it in
 * report-backend-priv.h, list it in lib/render/meson.build, and give it a
 * format in servq/report.h and in report.c's table of backends.
 */
#ifndef SERVQ_REPORT_PRIV_H
#define SERVQ_REPORT_PRIV_H

#include "render/report-backend-priv.h"

/* Writes the whole report of w->m through w->be into w->b. */
enum servq_status servq_rp_layout(struct rp_w *w);

#endif
