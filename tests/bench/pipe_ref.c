/*
 * pipe_ref.c: the reference that tests/bench/demos.sh holds `demo pipe`'s
 * one-CPU throughput against. Nothing but the loop: two processes pinned
 * to one CPU, one write()s 64 KiB at a time into a pipe, the other read()s
 * until MIB MiB have arrived. Prints MiB/s on one line.
 *
 *   pipe_ref [MIB [CPU]]      (defaults: 256, the first usable CPU)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static char buf[CHUNK];

int
main(int argc, char **argv)
{
	long long total, done = 0;
	struct timespec t0, t1;
	cpu_set_t set;
	int p[2], cpu = -1, status;
	pid_t pid;
	ssize_t n;
	double s;

	total = (argc > 1 ? atoll(argv[1]) : 256) << 20;
	if (argc > 2)
		cpu = atoi(argv[2]);
	if (total <= 0) {
		fprintf(stderr, "pipe_ref: MiB must be a positive whole number\n");
		return 2;
	}
	CPU_ZERO(&set);
	if (cpu < 0) {
		if (sched_getaffinity(0, sizeof set, &set) != 0)
			return 1;
		for (cpu = 0; cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &set); cpu++)
			;
		CPU_ZERO(&set);
	}
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0 || pipe(p) != 0) {
		perror("pipe_ref");
		return 1;
	}
	for (n = 0; n < CHUNK; n++)
		buf[n] = 'x';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("pipe_ref: fork");
		return 1;
	}
	if (pid == 0) {    /* the writer; it inherits the CPU */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(p[0]);
		while (done < total) {
			n = write(p[1], buf, CHUNK);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				_exit(1);
			done += n;
		}
		_exit(0);
	}
	close(p[1]);
	while (done < total) {
		n = read(p[0], buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "pipe_ref: read: %s\n", n == 0 ? "writer gone" : "failed");
			return 1;
		}
		done += n;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	waitpid(pid, &status, 0);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.1f\n", (double)total / (1024.0 * 1024) / s);
	return 0;
}
