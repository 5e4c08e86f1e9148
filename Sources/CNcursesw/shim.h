// Wide-character ncurses for Swift. NCURSES_WIDECHAR must come before <curses.h>
// (SwiftPM drops pkg-config -D flags); see ../shared/notes/ncurses-from-swift.md.
#define NCURSES_WIDECHAR 1
#include <stdio.h>
#include <curses.h>

// Expression macros (A_BOLD, ...) and C globals (stdscr, COLORS, stdin, stdout) are not
// importable into Swift 6 (not imported / "not concurrency-safe"), so they are wrapped here.

static inline attr_t funnel_a_normal(void) { return A_NORMAL; }
static inline attr_t funnel_a_bold(void) { return A_BOLD; }
static inline attr_t funnel_a_dim(void) { return A_DIM; }
static inline attr_t funnel_a_reverse(void) { return A_REVERSE; }
static inline attr_t funnel_a_underline(void) { return A_UNDERLINE; }

static inline WINDOW *funnel_stdscr(void) { return stdscr; }
static inline WINDOW *funnel_curscr(void) { return curscr; }
static inline int funnel_colors(void) { return COLORS; }
static inline int funnel_color_pairs(void) { return COLOR_PAIRS; }

static inline FILE *funnel_stdin_file(void) { return stdin; }
static inline FILE *funnel_stdout_file(void) { return stdout; }
