/*
 * A tiny TAP producer for servq's unit tests (meson runs them with
 * protocol: 'tap'). Header-only so each test is one executable.
 */
#ifndef SERVQ_TESTS_TAP_H
#define SERVQ_TESTS_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline void tap_vresult(int ok, const char *fmt, va_list ap)
{
    tap_count++;
    if (!ok)
        tap_failed++;
    printf("%s %d - ", ok ? "ok" : "not ok", tap_count);
    vprintf(fmt, ap);
    putchar('\n');
}

static inline int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(cond, fmt, ap);
    va_end(ap);
    return cond;
}

/*
 * Relative agreement as docs/statistics.md requires (1e-9 relative); an
 * absolute floor keeps values near zero comparable.
 */
static inline int tap_close(double got, double want, double rel, double abs_floor)
{
    if (isnan(want))
        return isnan(got);
    if (got == want)
        return 1;
    return fabs(got - want) <= fmax(rel * fabs(want), abs_floor);
}

static inline int is_close(double got, double want, double rel, const char *fmt, ...)
{
    va_list ap;
    int good = tap_close(got, want, rel, 1e-12);
    va_start(ap, fmt);
    tap_vresult(good, fmt, ap);
    va_end(ap);
    if (!good)
        printf("#   got %.17g, want %.17g\n", got, want);
    return good;
}

/* Absolute agreement, for p-values (docs/statistics.md: 1e-9 absolute). */
static inline int is_within(double got, double want, double abs_tol, const char *fmt, ...)
{
    va_list ap;
    int good = tap_close(got, want, 0, abs_tol);
    va_start(ap, fmt);
    tap_vresult(good, fmt, ap);
    va_end(ap);
    if (!good)
        printf("#   got %.17g, want %.17g\n", got, want);
    return good;
}

static inline int is_int(long long got, long long want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(got == want, fmt, ap);
    va_end(ap);
    if (got != want)
        printf("#   got %lld, want %lld\n", got, want);
    return got == want;
}

static inline int is_str(const char *got, const char *want, const char *fmt, ...)
{
    va_list ap;
    int good = got && want ? strcmp(got, want) == 0 : got == want;
    va_start(ap, fmt);
    tap_vresult(good, fmt, ap);
    va_end(ap);
    if (!good)
        printf("#   got '%s', want '%s'\n", got ? got : "(null)",
               want ? want : "(null)");
    return good;
}

/* n tests that cannot run here, reported as passed with a # SKIP reason. */
static inline void skip(int n, const char *why)
{
    while (n-- > 0)
        printf("ok %d # SKIP %s\n", ++tap_count, why);
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
