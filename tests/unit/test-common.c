/*
 * Unit tests for lib/common/common.c: every status has its own string, and
 * the version is the project's (meson passes it as the first argument).
 */
#include <stdio.h>
#include <string.h>

#include "servq/common.h"
#include "tap.h"

/* What servq(3) promises for each status, written out once more here. */
static const struct {
    enum servq_status st;
    const char *text;
} expected[] = {
    {SERVQ_OK, "success"},
    {SERVQ_ERR_NOMEM, "out of memory"},
    {SERVQ_ERR_ARG, "invalid argument"},
    {SERVQ_ERR_CSV, "malformed CSV"},
    {SERVQ_ERR_JSON, "malformed JSON"},
    {SERVQ_ERR_INSTRUMENT, "invalid instrument"},
    {SERVQ_ERR_DATA, "unusable data"},
    {SERVQ_ERR_LIMIT, "size limit exceeded"},
    {SERVQ_ERR_NUMERIC, "numerical failure"},
    {SERVQ_ERR_SCHEMA, "wrong document kind or version"},
    {SERVQ_ERR_ENCODING, "cannot decode text"},
    {SERVQ_ERR_ABORTED, "aborted"},
};

#define N_EXPECTED (sizeof expected / sizeof expected[0])

static void test_strerror(void)
{
    size_t i, j;
    int distinct = 1;

    for (i = 0; i < N_EXPECTED; i++)
        is_str(servq_strerror(expected[i].st), expected[i].text, "status %d is '%s'",
               (int)expected[i].st, expected[i].text);
    /*
     * The table above lists the statuses in order from SERVQ_OK to the
     * last one, so a status added to the enum without a test shows here.
     */
    is_int((long long)N_EXPECTED, (long long)SERVQ_ERR_ABORTED + 1,
           "the table covers every status up to SERVQ_ERR_ABORTED");
    for (i = 0; i < N_EXPECTED; i++)
        for (j = i + 1; j < N_EXPECTED; j++)
            distinct &= strcmp(servq_strerror(expected[i].st), servq_strerror(expected[j].st)) != 0;
    ok(distinct, "no two statuses share a string");
    is_str(servq_strerror((enum servq_status)(SERVQ_ERR_ABORTED + 1)), "unknown error",
           "a status past the last is 'unknown error'");
    is_str(servq_strerror((enum servq_status) - 1), "unknown error", "a negative status too");
    ok(servq_strerror(SERVQ_OK) == servq_strerror(SERVQ_OK), "the string is static");
}

/* "MAJOR.MINOR.PATCH": three runs of digits and two dots, nothing else. */
static int is_semver(const char *s)
{
    int parts = 0, digits = 0;

    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            digits++;
            continue;
        }
        if (digits == 0)
            return 0;
        parts++;
        digits = 0;
        if (*s == '\0')
            return parts == 3;
        if (*s != '.')
            return 0;
    }
}

static void test_version(const char *project_version)
{
    is_str(servq_version(), project_version, "servq_version() is meson's project version");
    ok(is_semver(servq_version()), "'%s' is MAJOR.MINOR.PATCH", servq_version());
    ok(!is_semver("1.2") && !is_semver("1.2.3.4") && !is_semver("1..3") && !is_semver("v1.2.3"),
       "the MAJOR.MINOR.PATCH check refuses what is not");
}

int main(int argc, char **argv)
{
    test_strerror();
    if (argc > 1)
        test_version(argv[1]);
    else
        skip(3, "no project version given");
    return tap_done();
}
