#include "ipc/pipe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "ipc/error.hpp"

namespace ipc {

Pipe Pipe::make(int flags) {
    int fds[2];
    check_call(::pipe2(fds, flags), "pipe2");
    return Pipe{Fd(fds[0]), Fd(fds[1])};
}

long Pipe::capacity() const { return check_call(::fcntl(w(), F_GETPIPE_SZ), "fcntl(F_GETPIPE_SZ)"); }

}  // namespace ipc
