/*
 * Unit tests for lib/common/date-priv.h: days since 1970-01-01 of a
 * proleptic Gregorian date, and "YYYY-MM-DD" read as YYYYMMDD. The ISO 8601
 * week of a response (analysis) and of a period (report) are computed from
 * servq_days_from_civil, so the dates around year ends where ISO weeks and
 * calendar years part are checked here too. Every expected value is worked
 * out by hand in the comment next to it.
 */
#include <stdio.h>

#include "common/date-priv.h"
#include "tap.h"

/* The weekday of a day count, Monday 0 to Sunday 6: 1970-01-01 was a Thursday (3). */
static int weekday(long days)
{
    long r = (days + 3) % 7;

    return (int)(r < 0 ? r + 7 : r);
}

/* ISO 8601: week 1 is the week (from Monday) that holds January 4. */
static long iso_week1_monday(int y)
{
    long jan4 = servq_days_from_civil(y, 1, 4);

    return jan4 - weekday(jan4);
}

static void test_days(void)
{
    is_int(servq_days_from_civil(1970, 1, 1), 0, "1970-01-01 is day 0");
    is_int(servq_days_from_civil(1969, 12, 31), -1, "1969-12-31 is day -1");
    /*
     * 1970..1999 is 30 years with 7 leap days (1972, 76, 80, 84, 88, 92,
     * 96): 30 * 365 + 7 = 10957 for 2000-01-01; January 31 and February's
     * 28 more give 2000-02-29 = 10957 + 59 = 11016, and 2000-03-01 = 11017.
     */
    is_int(servq_days_from_civil(2000, 1, 1), 10957, "2000-01-01 is day 10957");
    is_int(servq_days_from_civil(2000, 2, 29), 11016, "2000-02-29 is day 11016");
    is_int(servq_days_from_civil(2000, 3, 1), 11017, "2000-03-01 is day 11017");
    /* 400 Gregorian years are 146097 days: 1600-01-01 = 10957 - 146097 = -135140. */
    is_int(servq_days_from_civil(1600, 1, 1), -135140, "1600-01-01 is day -135140");
    /*
     * 2000-01-01 + 21 years: 21 * 365 + 6 leap days (2000, 04, 08, 12, 16,
     * 20) = 7671, so 2021-01-01 = 10957 + 7671 = 18628.
     */
    is_int(servq_days_from_civil(2021, 1, 1), 18628, "2021-01-01 is day 18628");
    /* 9999-12-31 = 10957 + 20 * 146097 (2000..9999) - 1 = 2932896. */
    is_int(servq_days_from_civil(9999, 12, 31), 2932896, "9999-12-31 is day 2932896");
}

/* Year lengths and February 29: every fourth year, not centuries, but every fourth century. */
static void test_leap_years(void)
{
    static const struct {
        int year, days;
    } years[] = {
        {1600, 366}, {1700, 365}, {1900, 365}, {1996, 366}, {1999, 365},
        {2000, 366}, {2023, 365}, {2024, 366}, {2100, 365}, {2400, 366},
    };
    size_t i;

    for (i = 0; i < sizeof years / sizeof years[0]; i++)
        is_int(servq_days_from_civil(years[i].year + 1, 1, 1) -
                   servq_days_from_civil(years[i].year, 1, 1),
               years[i].days, "%d has %d days", years[i].year, years[i].days);
    /* March 1 - February 28: 2 in a leap year, 1 otherwise. */
    is_int(servq_days_from_civil(1900, 3, 1) - servq_days_from_civil(1900, 2, 28), 1,
           "1900: February 28 is followed by March 1");
    is_int(servq_days_from_civil(2024, 3, 1) - servq_days_from_civil(2024, 2, 28), 2,
           "2024: February has a 29th");
}

/*
 * The weekdays around year ends, and ISO week 1 of each year: its Monday
 * is the Monday on or before January 4 (hand-checked against a calendar).
 */
static void test_iso_weeks(void)
{
    static const struct {
        int year, m, d; /* the Monday of ISO week 1 */
        int weeks;      /* ISO weeks in the year */
    } years[] = {
        /* 2004-01-01 is a Thursday: week 1 starts 2003-12-29; any year from a Thursday has 53. */
        {2004, 12, 29, 53},
        /* 2009-01-01 is a Thursday: week 1 starts 2008-12-29, and 2009 has 53 weeks. */
        {2009, 12, 29, 53},
        /* 2010-01-01 is a Friday, so it is in 2009-W53; week 1 starts 2010-01-04. */
        {2010, 1, 4, 52},
        /* 2015-01-01 is a Thursday: week 1 starts 2014-12-29; 53 weeks. */
        {2015, 12, 29, 53},
        /* 2020-01-01 is a Wednesday: week 1 starts 2019-12-30; a leap year from Wednesday has 53.
         */
        {2020, 12, 30, 53},
        /* 2021-01-01 is a Friday (2020-W53): week 1 starts 2021-01-04. */
        {2021, 1, 4, 52},
        /* 2025-01-01 is a Wednesday: week 1 starts 2024-12-30; 52 weeks. */
        {2025, 12, 30, 52},
        /* 2026-01-01 is a Thursday: week 1 starts 2025-12-29; 53 weeks. */
        {2026, 12, 29, 53},
        /* 2027-01-01 is a Friday (2026-W53): week 1 starts 2027-01-04. */
        {2027, 1, 4, 52},
    };
    size_t i;

    is_int(weekday(servq_days_from_civil(1970, 1, 1)), 3, "1970-01-01 was a Thursday");
    is_int(weekday(servq_days_from_civil(1969, 12, 29)), 0, "1969-12-29 was a Monday");
    /* 18628 = 7 * 2661 + 1: one day after a Thursday, a Friday. */
    is_int(weekday(servq_days_from_civil(2021, 1, 1)), 4, "2021-01-01 was a Friday");
    is_int(weekday(servq_days_from_civil(2000, 2, 29)), 1, "2000-02-29 was a Tuesday");
    for (i = 0; i < sizeof years / sizeof years[0]; i++) {
        int y = years[i].year, start_year = years[i].m == 12 ? y - 1 : y;
        is_int(iso_week1_monday(y), servq_days_from_civil(start_year, years[i].m, years[i].d),
               "ISO %d-W01 starts on %d-%02d-%02d", y, start_year, years[i].m, years[i].d);
        is_int((iso_week1_monday(y + 1) - iso_week1_monday(y)) / 7, years[i].weeks,
               "ISO %d has %d weeks", y, years[i].weeks);
    }
    /* 2020-12-31 (Thursday) and 2021-01-03 (Sunday) are both in 2020-W53. */
    is_int((servq_days_from_civil(2021, 1, 3) - iso_week1_monday(2020)) / 7 + 1, 53,
           "2021-01-03 is in week 53 of ISO 2020");
}

static void test_ymd(void)
{
    static const struct {
        const char *s;
        long want;
    } cases[] = {
        {"2026-11-05", 20261105},
        {"1900-01-01", 19000101}, /* the first year the date column takes */
        {"9999-12-31", 99991231},
        {"2024-02-29", 20240229}, /* leap: 2024 = 4 * 506 */
        {"2000-02-29", 20000229}, /* leap: 2000 = 400 * 5 */
        {"2023-02-29", 0},        /* 2023 is not a multiple of 4 */
        {"1900-02-29", 0},        /* a century not a multiple of 400 */
        {"2100-02-29", 0},
        {"2026-12-31", 20261231}, /* December's length comes from January of the next year */
        {"2026-12-32", 0},
        {"2026-04-30", 20260430},
        {"2026-04-31", 0}, /* April has 30 days */
        {"2026-01-31", 20260131},
        {"2026-13-01", 0},
        {"2026-00-10", 0},
        {"2026-05-00", 0},
        {"1899-12-31", 0}, /* before 1900 */
        {"2026-4-01", 0},  /* the month needs two digits */
        {"2026-04-01x", 0},
        {"2026-04-01 ", 0},
        {"2026/04/01", 0},
        {"20260401", 0},
        {"", 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_int(servq_date_ymd(cases[i].s), cases[i].want, "'%s' reads as %ld", cases[i].s,
               cases[i].want);
    is_int(servq_date_ymd(NULL), 0, "NULL reads as 0");
    ok(servq_date_ymd("2025-12-31") < servq_date_ymd("2026-01-01"),
       "dates compare as numbers across a year end");
}

int main(void)
{
    test_days();
    test_leap_years();
    test_iso_weeks();
    test_ymd();
    return tap_done();
}
