/*
 * clock.h: the time every command works with.
 *
 * OSPREP_NOW, when set, fixes the clock (ISO 8601, e.g.
 * "2025-03-01T09:00:00+09:00", "2025-03-01T00:00:00Z", "2025-03-01 09:00"
 * or "2025-03-01" in local time, or "@1740787200"), so tests and planning
 * can move time. Otherwise it is the system clock.
 */
#ifndef OSPREP_CLOCK_H
#define OSPREP_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Now in Unix seconds: OSPREP_NOW if set and valid, else the system clock. */
int64_t clock_now(void);

/*
 * 0 if OSPREP_NOW is unset or valid; else -1 with
 * `OSPREP_NOW: cannot read "x" as a time (...)` in err.
 */
int clock_check(char *err, size_t errlen);

/* Parse an ISO 8601 date or date-time; 0 or -1. */
int clock_parse(const char *s, int64_t *out);

/* Local midnight at or before t, and the local date/time as text. */
int64_t clock_day_start(int64_t t);
void clock_format_date(int64_t t, char *buf, size_t len);       /* 2025-03-01 */
void clock_format_time(int64_t t, char *buf, size_t len);       /* 2025-03-01 09:00 */
void clock_format_iso(int64_t t, char *buf, size_t len);        /* 2025-03-01T00:00:00Z (UTC) */

/*
 * A span of seconds as a short interval: 45s, 10m, 3h, 8d, 2.5mo, 1.2y,
 * or with korean set 45초, 10분, 3시간, 8일, 2.5개월, 1.2년.
 */
void clock_format_span(int64_t secs, int korean, char *buf, size_t len);

#endif
