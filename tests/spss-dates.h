/*
 * Dates for the SPSS test fixtures (tests/cli/make-sav.c and
 * tests/unit/test-sav.c), computed independently of lib/input/sav.c.
 */
#ifndef SERVQ_TESTS_SPSS_DATES_H
#define SERVQ_TESTS_SPSS_DATES_H

/* Days from 1970-01-01 (Howard Hinnant's days_from_civil). */
static inline long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

#endif
