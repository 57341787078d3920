/*
 * runstat: run a command N times; print the median wall time (ms) and the
 * largest peak RSS (KiB) of the runs, as "median_ms max_rss_kib".
 *
 *   runstat N COMMAND [ARGS...]     (the command's output goes to /dev/null)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int n, i;
	double *ms;
	long maxrss = 0;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: runstat N COMMAND [ARGS...]\n");
		return 2;
	}
	ms = calloc((size_t)n, sizeof *ms);
	for (i = 0; i < n; i++) {
		struct timespec a, b;
		struct rusage ru;
		int status;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &a);
		pid = fork();
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);
			dup2(fd, 1);
			dup2(fd, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
			fprintf(stderr, "runstat: %s failed\n", argv[2]);
			return 1;
		}
		ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp);
	printf("%.1f %ld\n", n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, maxrss);
	return 0;
}
