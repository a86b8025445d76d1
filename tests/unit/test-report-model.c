/*
 * Unit tests for the report's model (lib/render/report-model.c) on tiny
 * hand-written gap-analysis documents: the ranking of the items, the
 * order of two periods and the change between them, the targets, and the
 * one message that names an input that fails.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/report-model-priv.h"
#include "tap.h"

/*
 * Three items of one dimension. Priorities: significant negative gaps,
 * worst gap x importance first: q2 (-1.0 x 2 = -2.0) before q1
 * (-0.5 x 3 = -1.5); q3 (+0.4, p 0.01) is the one strength.
 */
#define DOC(period, sq)                                                                            \
    "{\"schema\":\"servq.gap-analysis/1\",\"rows\":40,"                                            \
    "\"instrument\":{\"id\":\"t\",\"name\":{\"en\":\"Test\"},\"fingerprint\":\"f\","               \
    "\"dimensions\":[{\"id\":\"d\",\"name\":{\"en\":\"Dim\"}}],"                                   \
    "\"items\":[{\"id\":\"q1\",\"dimension\":\"d\",\"label\":{\"en\":\"One\"}},"                   \
    "{\"id\":\"q2\",\"dimension\":\"d\",\"label\":{\"en\":\"Two\"}},"                              \
    "{\"id\":\"q3\",\"dimension\":\"d\",\"label\":{\"en\":\"Three\"}}]},"                          \
    "\"targets\":[{\"scope\":\"overall\",\"value\":" sq ",\"min\":0,\"met\":false}],"              \
    "\"groups\":[{\"key\":{\"period\":\"" period "\"},\"n\":40,"                                   \
    "\"overall\":{\"sq\":" sq ",\"sd\":1,\"n\":40,\"level\":\"below\"},"                           \
    "\"items\":[{\"id\":\"q1\",\"dimension\":\"d\",\"gap\":-0.5,\"p_t\":0.001,\"importance\":3},"  \
    "{\"id\":\"q2\",\"dimension\":\"d\",\"gap\":-1.0,\"p_t\":0.002,\"importance\":2},"             \
    "{\"id\":\"q3\",\"dimension\":\"d\",\"gap\":0.4,\"p_t\":0.01,\"importance\":1}]}]}"

static char said[512];
static int nsaid;

static void keep(const struct servq_message *msg, void *user)
{
    (void)user;
    if (msg->level == SERVQ_LEVEL_ERROR) {
        snprintf(said, sizeof said, "%s", msg->text);
        nsaid++;
    }
}

static void test_one(void)
{
    const char *docs[1] = {DOC("2026-W10", "-0.30")};
    size_t lens[1] = {strlen(docs[0])};
    struct servq_report_options o;
    struct rp_model m;

    servq_report_options_init(&o);
    o.lang = "es";
    is_int(servq_rp_model_build(&m, docs, lens, 1, &o), SERVQ_OK, "one document");
    is_str(m.title, "Test", "the instrument's name (no Spanish one: English)");
    is_int(m.loc.mark, ',', "Spanish writes a decimal comma");
    is_int((long long)m.nitems, 3, "three items");
    is_int((long long)m.nprio, 2, "two significant shortfalls");
    if (m.nprio == 2) {
        is_str(m.prio[0]->id, "q2", "worst gap x importance first: -1.0 x 2");
        is_str(m.prio[1]->id, "q1", "then -0.5 x 3");
        is_close(m.prio[0]->score, -2.0, 1e-12, "q2's score");
    }
    is_int((long long)m.nstrong, 1, "one strength");
    is_int((long long)m.ntargets, 1, "one target");
    is_int((long long)m.nmissed, 1, "missed");
    servq_rp_model_release(&m);
}

static void test_two(void)
{
    /* Given newest first: the model sorts them by period. */
    const char *docs[2] = {DOC("2026-W11", "-0.10"), DOC("2026-W10", "-0.30")};
    size_t lens[2] = {strlen(docs[0]), strlen(docs[1])};
    struct servq_report_options o;
    struct rp_model m;

    servq_report_options_init(&o);
    is_int(servq_rp_model_build(&m, docs, lens, 2, &o), SERVQ_OK, "two documents");
    is_str(m.period[0], "2026-W10", "the older period first");
    is_str(m.period[1], "2026-W11", "the last one reported on");
    ok(m.nseries >= 1 && m.series[0].change.have, "the index has a change");
    if (m.nseries >= 1)
        is_close(m.series[0].change.diff, 0.2, 1e-12, "-0.10 - (-0.30)");
    servq_rp_model_release(&m);
}

static void test_failure(void)
{
    const char *docs[2] = {DOC("2026-W10", "-0.30"), "{\"schema\":\"other/1\"}"};
    size_t lens[2] = {strlen(docs[0]), strlen(docs[1])};
    struct servq_report_source src[2] = {{"a.json", 1, 1, 1, 1}, {NULL, 1, 1, 1, 1}};
    struct servq_report_result res;
    struct servq_report_options o;
    struct rp_model m;

    servq_report_options_init(&o);
    o.message = keep;
    o.result = &res;
    memset(&res, 0, sizeof res);
    nsaid = 0;
    is_int(servq_rp_model_build(&m, docs, lens, 2, &o), SERVQ_ERR_SCHEMA,
           "a document of another schema");
    servq_rp_model_release(&m);
    is_int((long long)res.failed_input, 1, "the second input failed");
    is_int(nsaid, 1, "one error message");
    ok(strncmp(said, "document 2: ", 12) == 0, "without sources it names the document: %s", said);
    o.sources = src;
    nsaid = 0;
    is_int(servq_rp_model_build(&m, docs, lens, 2, &o), SERVQ_ERR_SCHEMA, "again, with sources");
    servq_rp_model_release(&m);
    ok(strncmp(said, "standard input: ", 16) == 0, "a NULL path is standard input: %s", said);
}

int main(void)
{
    test_one();
    test_two();
    test_failure();
    return tap_done();
}
