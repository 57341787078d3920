/*
 * runner.c: run a demo in a forked child, in its own process group, and
 * get it back whatever it does: exit, crash, hang past the time limit, or
 * Ctrl-C from the user. The parent waits in one ppoll() that wakes on the
 * child's exit (a pidfd), on captured output, on SIGINT and on the deadline.
 * SIGINT is blocked except inside ppoll, so a Ctrl-C is never missed
 * between checking the flag and going to sleep.
 *
 * Cleaning up: the whole group is killed (threads die with the child,
 * grandchildren with the group), and while the demo runs osprep is a child
 * subreaper, so orphaned grandchildren come back to it to be reaped instead
 * of drifting to init.
 */
#include "demo.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNNER_GRACE_NS   50000000LL      /* SIGTERM to SIGKILL */
#define RUNNER_REAP_NS    500000000LL     /* longest wait for stragglers */
#define RUNNER_CAPTURE_MAX (16u << 20)

static volatile sig_atomic_t runner_sigint;

static void
runner_on_sigint(int sig)
{
	(void)sig;
	runner_sigint = 1;
}

static long long
runner_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* In the child: become the group, drop the parent's signal set-up, run. */
static void __attribute__((noreturn))
runner_child(const struct demo *d, int argc, char **argv, const struct demo_env *env,
             int out_fd, pid_t parent, const sigset_t *mask)
{
	struct sigaction sa;
	int sig, fd, status;

	setpgid(0, 0);
	/* if osprep dies (even by SIGKILL), the demo goes too */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		/* SIG_IGN first throws away a Ctrl-C that came before setpgid */
		sa.sa_handler = SIG_IGN;
		sigaction(sig, &sa, NULL);
		sa.sa_handler = SIG_DFL;
		sigaction(sig, &sa, NULL);
	}
	/* a background group may still write to the terminal */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTTOU, &sa, NULL);
	sigprocmask(SIG_SETMASK, mask, NULL);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	if (out_fd >= 0) {
		dup2(out_fd, STDOUT_FILENO);
		close(out_fd);
	}
	status = d->main(argc, argv, env);
	fflush(stdout);
	fflush(stderr);
	_exit(status & 0xff);
}

/* Append what the pipe has to res->out; 0 at end of file or error. */
static int
runner_read(int fd, struct demo_result *res, size_t *cap)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof buf);

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return 0;
	if (res->out_len + (size_t)n + 1 > *cap && res->out_len + (size_t)n < RUNNER_CAPTURE_MAX) {
		size_t want = *cap > 0 ? *cap : 16384;
		char *p;

		while (want < res->out_len + (size_t)n + 1)
			want *= 2;
		p = realloc(res->out, want);
		if (p == NULL)
			return 1;	/* keep draining, drop the rest */
		res->out = p;
		*cap = want;
	}
	if (res->out_len + (size_t)n + 1 <= *cap) {
		memcpy(res->out + res->out_len, buf, (size_t)n);
		res->out_len += (size_t)n;
		res->out[res->out_len] = '\0';
	}
	return 1;
}

/* Has the child exited? Leaves it unreaped so its pid and group stay ours. */
static int
runner_exited(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0)
		return errno == ECHILD;
	return si.si_pid == pid;
}

/*
 * Wait until the child exits, the deadline passes, or SIGINT arrives,
 * reading captured output meanwhile. Returns 0 on exit, 1 on the deadline,
 * 2 on SIGINT.
 */
static int
runner_wait(pid_t pid, int pidfd, int *out_fd, struct demo_result *res, size_t *cap,
            long long deadline, int watch_sigint, const sigset_t *waitmask)
{
	for (;;) {
		struct pollfd pfd[2];
		struct timespec ts;
		long long left;
		nfds_t n = 0;
		int r;

		if (runner_exited(pid))
			return 0;
		if (watch_sigint && runner_sigint)
			return 2;
		left = deadline - runner_now_ns();
		if (left <= 0)
			return 1;
		if (pidfd < 0 && left > 10000000LL)
			left = 10000000LL;	/* no pidfd: look every 10 ms */
		if (pidfd >= 0) {
			pfd[n].fd = pidfd;
			pfd[n++].events = POLLIN;
		}
		if (*out_fd >= 0) {
			pfd[n].fd = *out_fd;
			pfd[n++].events = POLLIN;
		}
		ts.tv_sec = (time_t)(left / 1000000000LL);
		ts.tv_nsec = (long)(left % 1000000000LL);
		r = ppoll(pfd, n, &ts, waitmask);
		if (r < 0 && errno != EINTR)
			return 1;
		if (r > 0 && *out_fd >= 0 && pfd[n - 1].revents != 0 &&
		    !runner_read(*out_fd, res, cap)) {
			close(*out_fd);
			*out_fd = -1;
		}
	}
}

int
demo_run(const struct demo *d, int argc, char **argv,
         const struct demo_run_opts *opts, struct demo_result *res)
{
	struct sigaction sa, old_int;
	sigset_t block, old_mask, waitmask;
	int pipefd[2] = { -1, -1 }, pidfd, status = 0, old_reaper = 0, how, saved;
	size_t cap = 0;
	pid_t pid, parent = getpid();
	long long start, deadline, stop;
	double timeout = opts->timeout_s > 0 ? opts->timeout_s : 15;

	memset(res, 0, sizeof *res);
	if (opts->capture && pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	runner_sigint = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = runner_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	waitmask = old_mask;
	sigdelset(&waitmask, SIGINT);
	prctl(PR_GET_CHILD_SUBREAPER, &old_reaper);
	prctl(PR_SET_CHILD_SUBREAPER, 1);

	fflush(stdout);
	fflush(stderr);
	start = runner_now_ns();
	pid = fork();
	if (pid < 0) {
		saved = errno;
		if (pipefd[0] >= 0) {
			close(pipefd[0]);
			close(pipefd[1]);
		}
		prctl(PR_SET_CHILD_SUBREAPER, old_reaper);
		sigaction(SIGINT, &old_int, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		if (pipefd[0] >= 0)
			close(pipefd[0]);
		runner_child(d, argc, argv, &opts->env, pipefd[1], parent, &old_mask);
	}

	/* both sides set the group, so it exists whichever runs first */
	setpgid(pid, pid);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	pidfd = pidfd_open(pid, 0);
	deadline = start + (long long)(timeout * 1e9);

	how = runner_wait(pid, pidfd, &pipefd[0], res, &cap, deadline, 1, &waitmask);
	if (how != 0) {
		res->timed_out = how == 1;
		res->interrupted = how == 2;
		kill(-pid, SIGTERM);
		stop = runner_now_ns() + RUNNER_GRACE_NS;
		if (runner_wait(pid, pidfd, &pipefd[0], res, &cap, stop, 0, &waitmask) != 0)
			kill(-pid, SIGKILL);
	}
	/* strays the demo left in its group, if any, go now; the group id is
	 * still ours because the child is not reaped yet */
	kill(-pid, SIGKILL);
	stop = runner_now_ns() + RUNNER_REAP_NS;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	res->elapsed_s = (double)(runner_now_ns() - start) / 1e9;

	/* the rest of the output, until every writer is gone */
	while (pipefd[0] >= 0) {
		struct pollfd p = { pipefd[0], POLLIN, 0 };
		long long left = stop - runner_now_ns();
		if (left <= 0 || poll(&p, 1, (int)(left / 1000000 + 1)) <= 0 ||
		    !runner_read(pipefd[0], res, &cap)) {
			close(pipefd[0]);
			pipefd[0] = -1;
		}
	}
	/* orphaned grandchildren were reparented to us: reap the whole group */
	for (;;) {
		pid_t w = waitpid(-pid, NULL, WNOHANG);
		struct timespec nap = { 0, 1000000 };

		if (w > 0)
			continue;
		if (w < 0 && errno != EINTR)
			break;	/* ECHILD: nobody left */
		if (runner_now_ns() > stop)
			break;
		nanosleep(&nap, NULL);
	}

	if (pidfd >= 0)
		close(pidfd);
	prctl(PR_SET_CHILD_SUBREAPER, old_reaper);
	/* a Ctrl-C still pending lands on our handler, not the caller's */
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGINT, &old_int, NULL);
	if (how != 0 && opts->env.progress)
		(void)!write(STDERR_FILENO, "\r\033[K", 4);	/* a half-drawn progress bar */

	if (WIFEXITED(status))
		res->status = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		res->status = 128 + WTERMSIG(status);
	if (res->out == NULL && opts->capture) {
		res->out = calloc(1, 1);
		if (res->out == NULL)
			return -1;
	}
	return 0;
}

void
demo_result_free(struct demo_result *res)
{
	free(res->out);
	res->out = NULL;
	res->out_len = 0;
}
