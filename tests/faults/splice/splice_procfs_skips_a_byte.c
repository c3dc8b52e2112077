// Fault: splice from a /proc file starts one byte in, so that the text it
// moves lacks its first character.
#include <sys/vfs.h>

#include "splice_real.h"

#define PROC_MAGIC 0x9fa0

ssize_t splice(int in, loff_t* off_in, int out, loff_t* off_out, size_t len, unsigned flags) {
    struct statfs fs;
    int saved = errno;
    if (!off_in && kind_of(in) == S_IFREG && fstatfs(in, &fs) == 0 && fs.f_type == PROC_MAGIC) {
        errno = saved;
        loff_t one = 1;
        return real_splice(in, &one, out, off_out, len, flags);
    }
    errno = saved;
    return real_splice(in, off_in, out, off_out, len, flags);
}
