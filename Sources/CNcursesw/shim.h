// Wide-character ncurses for Swift. NCURSES_WIDECHAR must come before <curses.h>
// (SwiftPM drops pkg-config -D flags); see ../shared/notes/ncurses-from-swift.md.
#define NCURSES_WIDECHAR 1
#include <curses.h>
