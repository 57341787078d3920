/*
 * ptydrive: run a program on a pseudo-terminal and type at it.
 *
 *   ptydrive [-c COLS] [-r ROWS] [-w MS] KEYS... -- PROGRAM [ARGS...]
 *
 * Each KEYS argument is typed once the program's output has been quiet for
 * MS milliseconds (default 150), the way a person waits for a prompt.
 * Escapes: \n \r \t \e \\ \xHH (so "\x7f" is Backspace, "\e[D" is Left,
 * "\x03" is Ctrl-C, "\x04" is Ctrl-D). Everything the program wrote is
 * copied to stdout; the exit status is the program's.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t
unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (*s != '\\') {
			out[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'n': out[n++] = '\n'; s++; break;
		case 'r': out[n++] = '\r'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'e': out[n++] = 27; s++; break;
		case '\\': out[n++] = '\\'; s++; break;
		case 'x': {
			char hex[3] = { 0 };
			if (s[1] && s[2]) {
				hex[0] = s[1];
				hex[1] = s[2];
				out[n++] = (char)strtol(hex, NULL, 16);
				s += 3;
			} else {
				s++;
			}
			break;
		}
		case '\0': break;
		default: out[n++] = *s++; break;
		}
	}
	return n;
}

/* Copy output to stdout until it has been quiet for quiet_ms (or max_ms). */
static int
drain(int fd, int quiet_ms, int max_ms)
{
	long long start = now_ms(), last = now_ms();
	char buf[4096];

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		long long t = now_ms();
		int r;
		if (t - last >= quiet_ms || t - start >= max_ms)
			return 0;
		r = poll(&p, 1, 20);
		if (r > 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			if (n <= 0)
				return -1;      /* the program has gone */
			fwrite(buf, 1, (size_t)n, stdout);
			fflush(stdout);
			last = now_ms();
		}
	}
}

int
main(int argc, char **argv)
{
	int cols = 80, rows = 24, quiet = 150, i, fd, status = 0, first_cmd = -1;
	struct winsize ws;
	pid_t pid;
	long long deadline;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			first_cmd = i + 1;
			break;
		}
	}
	if (first_cmd < 0 || first_cmd >= argc) {
		fprintf(stderr, "usage: ptydrive [-c COLS] [-r ROWS] [-w MS] KEYS... -- PROGRAM [ARGS...]\n");
		return 2;
	}
	i = 1;
	while (i < first_cmd - 1 && argv[i][0] == '-' && argv[i][1] != '\0' && argv[i][2] == '\0' &&
	       i + 1 < first_cmd - 1) {
		if (argv[i][1] == 'c')
			cols = atoi(argv[i + 1]);
		else if (argv[i][1] == 'r')
			rows = atoi(argv[i + 1]);
		else if (argv[i][1] == 'w')
			quiet = atoi(argv[i + 1]);
		else
			break;
		i += 2;
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ptydrive: forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[first_cmd], argv + first_cmd);
		perror("ptydrive: exec");
		_exit(127);
	}
	/* the first prompt may take a while under sanitizers */
	drain(fd, quiet * 3, 5000);
	for (; i < first_cmd - 1; i++) {
		char *keys = malloc(strlen(argv[i]) + 1);
		size_t n = unescape(argv[i], keys);
		if (write(fd, keys, n) != (ssize_t)n)
			break;
		free(keys);
		if (drain(fd, quiet, 5000) < 0)
			break;
	}
	/* wait for the program to leave, copying what it says */
	deadline = now_ms() + 10000;
	while (now_ms() < deadline) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid) {
			drain(fd, 50, 500);
			close(fd);
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		}
		drain(fd, 50, 100);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	fprintf(stderr, "ptydrive: program did not exit\n");
	return 124;
}
