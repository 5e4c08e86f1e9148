#pragma once
#include <sys/types.h>
/// Column width of one Unicode scalar, as the C library (and so ncurses) sees it.
/// `wcwidth` is hidden from Swift's Glibc import (it needs _XOPEN_SOURCE), hence this wrapper.
int funnel_wcwidth(int codepoint);

// ---------------------------------------------------------------------------------------------
// Signals and emergency terminal restore.
//
// ncurses is not async-signal-safe, so no handler here touches it. Instead:
//  * SIGINT, SIGTERM and SIGHUP write their number as one byte to a self-pipe that the event
//    loop polls next to stdin; the loop turns the byte into an event. Installing these before
//    `newterm` also keeps ncurses from installing its own handlers (which exit with status 1
//    and skip the app's cleanup).
//  * SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE (a Swift trap, a crash) restore the
//    termios saved at install time and write "leave alternate screen, show cursor" with
//    write(2), then re-raise the signal with its default action, so the shell is usable again
//    and the exit status still says what happened.
// ---------------------------------------------------------------------------------------------

/// Saves the terminal's termios, creates the self-pipe and installs the handlers.
/// Returns 0, or -1 with errno set. Calling it again while installed does nothing.
int funnel_signals_install(void);

/// Restores the signal dispositions that were in place before install and closes the pipe.
void funnel_signals_uninstall(void);

/// Call after `newterm`: SIGWINCH also writes a wake-up byte to the pipe, then runs the
/// handler ncurses installed (which makes get_wch report KEY_RESIZE). Undone by uninstall.
void funnel_signals_chain_winch(void);

/// The read end of the self-pipe (non-blocking), or -1 when not installed.
int funnel_signals_fd(void);

/// Reads one pending signal number from the self-pipe; 0 when none is pending.
int funnel_signals_next(void);

/// While non-zero, SIGINT is dropped instead of queued: a child process (such as $EDITOR)
/// that shares the terminal's process group gets Ctrl-C, not us (what system(3) does).
void funnel_signals_drop_interrupt(int drop);

/// Whether the emergency restore should also leave the alternate screen and show the cursor
/// (true while curses owns the screen).
void funnel_term_set_active(int active);

/// The async-signal-safe restore used by the fatal handlers: saved termios back, then
/// ESC[0m ESC[?1049l ESC[?25h on stdout when active. Safe to call from anywhere.
void funnel_term_emergency_restore(void);

/// Test hook: sends `sig` to this process (any thread not blocking it handles it), e.g. to
/// check the self-pipe. Delivery is asynchronous: poll `funnel_signals_fd()` for the byte.
int funnel_raise(int sig);

/// Opens a pseudo-terminal pair (master and slave, both read-write, neither the controlling
/// terminal) for tests that drive the real terminal code; 0 on success, -1 with errno set.
int funnel_open_pseudo_terminal(int *master, int *slave);

/// Starts `path` with `argv` (NULL-terminated) and this process's environment, its standard
/// input, output and error the given descriptors and no other open descriptor, every signal at
/// its default disposition and unblocked, as the leader of a new session (so of its own process
/// group: `kill(-pid, ...)` stops it and what it started; the terminal's Ctrl-C does not reach
/// it). posix_spawn(3) with POSIX_SPAWN_SETSID, which Swift's Glibc import does not expose.
/// Returns 0 and sets `*pid`, or an errno value.
int funnel_spawn_session(const char *path, char *const argv[], int in_fd, int out_fd, int err_fd, pid_t *pid);
