#define _XOPEN_SOURCE 700
#include <wchar.h>
#include "CShims.h"
int funnel_wcwidth(int codepoint) { return wcwidth((wchar_t)codepoint); }
