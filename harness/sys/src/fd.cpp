#include "ipc/fd.hpp"

#include <unistd.h>

namespace ipc {

void Fd::reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

}  // namespace ipc
