#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include "CShims.h"

int funnel_wcwidth(int codepoint) { return wcwidth((wchar_t)codepoint); }

// kill, not raise: raise targets the calling thread, which may block signals (a worker thread).
int funnel_raise(int sig) { return kill(getpid(), sig); }

int funnel_open_pseudo_terminal(int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    const char *name = (grantpt(m) == 0 && unlockpt(m) == 0) ? ptsname(m) : NULL;
    int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (s < 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    *master = m;
    *slave = s;
    return 0;
}

static int pipe_fds[2] = {-1, -1};
static volatile sig_atomic_t installed = 0;
static volatile sig_atomic_t drop_interrupt = 0;
static volatile sig_atomic_t screen_active = 0;

static int tty_fd = -1;
static int have_saved_termios = 0;
static struct termios saved_termios;

static const int forwarded_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int fatal_signals[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
static struct sigaction old_forwarded[COUNT(forwarded_signals)];
static struct sigaction old_fatal[COUNT(fatal_signals)];

// An alternate stack so a stack overflow (SIGSEGV on a guard page) can still restore the tty.
static char alt_stack_memory[64 * 1024];

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += n;
        length -= (size_t)n;
    }
}

void funnel_term_emergency_restore(void) {
    int saved_errno = errno;
    if (have_saved_termios && tty_fd >= 0) tcsetattr(tty_fd, TCSANOW, &saved_termios);
    if (screen_active) {
        static const char reset[] = "\033[0m\033[?1049l\033[?25h";
        write_all(STDOUT_FILENO, reset, sizeof(reset) - 1);
    }
    errno = saved_errno;
}

void funnel_term_set_active(int active) { screen_active = active ? 1 : 0; }

static void on_forwarded_signal(int sig) {
    int saved_errno = errno;
    if (!(sig == SIGINT && drop_interrupt) && pipe_fds[1] >= 0) {
        unsigned char byte = (unsigned char)sig;
        // Non-blocking: if the pipe is full the loop has plenty to read already.
        (void)!write(pipe_fds[1], &byte, 1);
    }
    errno = saved_errno;
}

// SIGWINCH stays ncurses' business (its handler sets the flag that makes get_wch return
// KEY_RESIZE); ours only adds a wake-up byte, because the signal may land on a thread other than
// the one blocked in poll() and then nothing would interrupt the wait.
static struct sigaction ncurses_winch;
static volatile sig_atomic_t winch_chained = 0;

static void on_winch(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    // ncurses first, so its resize flag is set before the loop wakes up and calls get_wch.
    if (ncurses_winch.sa_flags & SA_SIGINFO) {
        if (ncurses_winch.sa_sigaction) ncurses_winch.sa_sigaction(sig, info, context);
    } else if (ncurses_winch.sa_handler != SIG_DFL && ncurses_winch.sa_handler != SIG_IGN) {
        ncurses_winch.sa_handler(sig);
    }
    if (pipe_fds[1] >= 0) {
        unsigned char byte = (unsigned char)sig;
        (void)!write(pipe_fds[1], &byte, 1);
    }
    errno = saved_errno;
}

void funnel_signals_chain_winch(void) {
    if (!installed || winch_chained) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_sigaction = on_winch;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    if (sigaction(SIGWINCH, &action, &ncurses_winch) == 0) winch_chained = 1;
}

static void on_fatal_signal(int sig) {
    funnel_term_emergency_restore();
    // SA_RESETHAND already put the default action back; deliver the signal again so the
    // process dies the way it would have (core dump, exit status).
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static int set_flags(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return -1;
    int fdflags = fcntl(fd, F_GETFD);
    if (fdflags < 0 || fcntl(fd, F_SETFD, fdflags | FD_CLOEXEC) < 0) return -1;
    return 0;
}

int funnel_signals_install(void) {
    if (installed) return 0;
    if (pipe(pipe_fds) != 0) return -1;
    if (set_flags(pipe_fds[0]) != 0 || set_flags(pipe_fds[1]) != 0) {
        int e = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        pipe_fds[0] = pipe_fds[1] = -1;
        errno = e;
        return -1;
    }

    tty_fd = isatty(STDOUT_FILENO) ? STDOUT_FILENO : (isatty(STDIN_FILENO) ? STDIN_FILENO : -1);
    have_saved_termios = (tty_fd >= 0 && tcgetattr(tty_fd, &saved_termios) == 0);

    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alt_stack_memory;
    stack.ss_size = sizeof alt_stack_memory;
    sigaltstack(&stack, NULL);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_forwarded_signal;
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < COUNT(forwarded_signals); i++)
        sigaction(forwarded_signals[i], &action, &old_forwarded[i]);

    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_fatal_signal;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (size_t i = 0; i < COUNT(fatal_signals); i++)
        sigaction(fatal_signals[i], &action, &old_fatal[i]);

    installed = 1;
    return 0;
}

void funnel_signals_uninstall(void) {
    if (!installed) return;
    for (size_t i = 0; i < COUNT(forwarded_signals); i++)
        sigaction(forwarded_signals[i], &old_forwarded[i], NULL);
    for (size_t i = 0; i < COUNT(fatal_signals); i++)
        sigaction(fatal_signals[i], &old_fatal[i], NULL);
    if (winch_chained) {
        sigaction(SIGWINCH, &ncurses_winch, NULL);
        winch_chained = 0;
    }
    installed = 0;
    screen_active = 0;
    drop_interrupt = 0;
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    pipe_fds[0] = pipe_fds[1] = -1;
}

int funnel_signals_fd(void) { return pipe_fds[0]; }

int funnel_signals_next(void) {
    if (pipe_fds[0] < 0) return 0;
    unsigned char byte;
    for (;;) {
        ssize_t n = read(pipe_fds[0], &byte, 1);
        if (n == 1) return byte;
        if (n < 0 && errno == EINTR) continue;
        return 0;
    }
}

void funnel_signals_drop_interrupt(int drop) { drop_interrupt = drop ? 1 : 0; }

// ---------------------------------------------------------------------------------------------
// Starting a child in a session of its own (the campaign sender's mail command).
// ---------------------------------------------------------------------------------------------
#include <spawn.h>
extern char **environ;

int funnel_spawn_session(const char *path, char *const argv[], int in_fd, int out_fd, int err_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attributes);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); return rc; }
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if ((rc = posix_spawn_file_actions_adddup2(&actions, in_fd, 0)) == 0
        && (rc = posix_spawn_file_actions_adddup2(&actions, out_fd, 1)) == 0
        && (rc = posix_spawn_file_actions_adddup2(&actions, err_fd, 2)) == 0
        && (rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3)) == 0
        && (rc = posix_spawnattr_setsigmask(&attributes, &none)) == 0
        && (rc = posix_spawnattr_setsigdefault(&attributes, &all)) == 0
        && (rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) == 0) {
        rc = posix_spawn(pid, path, &actions, &attributes, argv, environ);
    }
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}
