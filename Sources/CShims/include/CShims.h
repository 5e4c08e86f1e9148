#pragma once
/// Column width of one Unicode scalar, as the C library (and so ncurses) sees it.
int funnel_wcwidth(int codepoint);
