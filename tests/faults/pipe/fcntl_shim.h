// The pipe shims' fcntl(2) wrapper is the one all areas share.
#include "../fcntl_shim.h"
