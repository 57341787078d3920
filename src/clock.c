/*
 * clock.c: the clock, and reading and writing times.
 */
#include "clock.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's method). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

int
clock_parse(const char *s, int64_t *out)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, have_zone = 0, off = 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '@') {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(p + 1, &end, 10);
		if (end == p + 1 || *end != '\0' || errno != 0)
			return -1;
		*out = v;
		return 0;
	}
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec))
				return -1;
			if (*p == '.' || *p == ',') {   /* fractions of a second are dropped */
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (*p == 'Z' || *p == 'z') {
			have_zone = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

			if (digits(&p, 2, &oh))
				return -1;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && digits(&p, 2, &om))
				return -1;
			if (oh > 23 || om > 59)
				return -1;
			have_zone = 1;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*p != '\0')
		return -1;
	if (have_zone) {
		*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	} else {
		struct tm tm = { 0 };
		time_t t;

		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
			return -1;
		*out = (int64_t)t;
	}
	return 0;
}

int
clock_check(char *err, size_t errlen)
{
	const char *s = getenv("OSPREP_NOW");
	int64_t t;

	if (s == NULL || *s == '\0' || clock_parse(s, &t) == 0)
		return 0;
	snprintf(err, errlen, "OSPREP_NOW: cannot read \"%s\" as a time "
	         "(use ISO 8601, e.g. 2025-03-01T09:00:00+09:00)", s);
	return -1;
}

int64_t
clock_now(void)
{
	const char *s = getenv("OSPREP_NOW");
	int64_t t;

	if (s != NULL && *s != '\0' && clock_parse(s, &t) == 0)
		return t;
	return (int64_t)time(NULL);
}

int64_t
clock_day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return t - ((t % 86400) + 86400) % 86400;
	tm.tm_hour = 0;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static void
format_local(int64_t t, int with_time, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n = 0;

	if (localtime_r(&tt, &tm) != NULL)
		n = with_time ? strftime(buf, len, "%Y-%m-%d %H:%M", &tm)
		              : strftime(buf, len, "%Y-%m-%d", &tm);
	if (n == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

void
clock_format_date(int64_t t, char *buf, size_t len)
{
	format_local(t, 0, buf, len);
}

void
clock_format_time(int64_t t, char *buf, size_t len)
{
	format_local(t, 1, buf, len);
}

void
clock_format_iso(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

void
clock_format_span(int64_t secs, int korean, char *buf, size_t len)
{
	double v;

	if (secs < 0)
		secs = 0;
	if (secs < 60) {
		snprintf(buf, len, korean ? "%lld초" : "%llds", (long long)secs);
	} else if (secs < 3600) {
		snprintf(buf, len, korean ? "%lld분" : "%lldm", (long long)((secs + 30) / 60));
	} else if (secs < 86400) {
		snprintf(buf, len, korean ? "%lld시간" : "%lldh", (long long)((secs + 1800) / 3600));
	} else if (secs < 30LL * 86400) {
		snprintf(buf, len, korean ? "%lld일" : "%lldd", (long long)((secs + 43200) / 86400));
	} else if (secs < 365LL * 86400) {
		v = round(secs / (30.4375 * 86400) * 10) / 10;
		snprintf(buf, len, korean ? "%g개월" : "%gmo", v);
	} else {
		v = round(secs / (365.25 * 86400) * 10) / 10;
		snprintf(buf, len, korean ? "%g년" : "%gy", v);
	}
}
