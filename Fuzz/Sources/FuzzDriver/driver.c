// Intentionally empty: the target exists for its header (FuzzDriver.h).
#include "FuzzDriver.h"
