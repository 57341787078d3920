/*
 * repl.h: the read-eval loop and the line-editor seam.
 *
 * With a terminal on stdin, lines are read with libedit (history in the
 * data dir, mode 0600; tab completion from the command table; Ctrl-C
 * clears the line; Ctrl-D leaves). Without one, lines are read plainly so
 * scripts and tests can drive the same loop.
 */
#ifndef OSPREP_REPL_H
#define OSPREP_REPL_H

#include <signal.h>

#include "cmd.h"

/* Run the loop until quit or end of input; returns the last command's status. */
int repl_run(struct ctx *ctx);

/* Set by the SIGINT handler; repl_take_interrupt() reads and clears it. */
extern volatile sig_atomic_t repl_sigint;
int repl_take_interrupt(void);

/* Install the flag-only SIGINT/SIGWINCH handlers (no SA_RESTART). */
void repl_signals(void);

/* Save history and release the editor. */
void repl_end(void);

#endif
