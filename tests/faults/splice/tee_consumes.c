// Fault: tee moves the bytes (as splice does), taking them out of the source pipe.
#include "splice_real.h"

ssize_t tee(int in, int out, size_t len, unsigned flags) { return real_splice(in, NULL, out, NULL, len, flags); }
