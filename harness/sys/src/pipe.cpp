#include "ipc/pipe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "ipc/outcome.hpp"

namespace ipc {

Pipe Pipe::make(int flags) {
    int fds[2];
    must(::pipe2(fds, flags), "pipe2");
    return Pipe{Fd(fds[0]), Fd(fds[1])};
}

long Pipe::capacity() const {
    return must(::fcntl(w(), F_GETPIPE_SZ), "fcntl(F_GETPIPE_SZ)");
}

}  // namespace ipc
