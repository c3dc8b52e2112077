// EVENTFD-08 (edge; eventfd(2) "EFD_CLOEXEC Set the close-on-exec
// (FD_CLOEXEC) flag on the new file descriptor"): eventfd with EFD_CLOEXEC
// returns a descriptor with FD_CLOEXEC, without it one without.
#include <fcntl.h>

#include "eventfd_support.hpp"

CLAIM("EVENTFD-08", "EFD_CLOEXEC sets FD_CLOEXEC on the new descriptor, and only it does") {
    auto plain = efd::make(1, 0);
    const int plain_flags = static_cast<int>(ipc::must(::fcntl(plain.get(), F_GETFD), "F_GETFD"));
    ipc::evidence("without_flag.FD_CLOEXEC", (plain_flags & FD_CLOEXEC) != 0);
    CHECK_EQ(plain_flags & FD_CLOEXEC, 0);

    auto cloexec = efd::make(1, EFD_CLOEXEC);
    const int flags = static_cast<int>(ipc::must(::fcntl(cloexec.get(), F_GETFD), "F_GETFD"));
    ipc::evidence("EFD_CLOEXEC.FD_CLOEXEC", (flags & FD_CLOEXEC) != 0);
    CHECK_NE(flags & FD_CLOEXEC, 0);
}
