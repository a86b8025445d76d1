/*
 * Calendar arithmetic, shared by the analysis (the ISO week of a response)
 * and the report (the days a document's periods cover).
 */
#ifndef SERVQ_DATE_PRIV_H
#define SERVQ_DATE_PRIV_H

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before). */
static inline long servq_days_from_civil(int y, int m, int d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

#endif
