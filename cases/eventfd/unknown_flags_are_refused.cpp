// EVENTFD-09 (edge; eventfd(2) "EINVAL An unsupported value was specified
// in flags"): eventfd fails with EINVAL for any flag bit other than
// EFD_CLOEXEC, EFD_NONBLOCK and EFD_SEMAPHORE, and accepts all three at once.
#include "eventfd_support.hpp"

CLAIM("EVENTFD-09", "eventfd refuses any flag but EFD_CLOEXEC, EFD_NONBLOCK and EFD_SEMAPHORE with EINVAL") {
    const unsigned known = EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE;
    auto all = efd::make(0, static_cast<int>(known));
    std::string accepted;
    for (unsigned bit = 0; bit < 32; ++bit) {
        const unsigned flag = 1U << bit;
        if (flag & known) continue;
        errno = 0;
        ipc::Fd fd(::eventfd(0, static_cast<int>(flag)));
        const int err = errno;
        if (fd || err != EINVAL)
            accepted += (accepted.empty() ? "" : " ") + std::to_string(bit) + ":" +
                        (fd ? std::string("ok") : ipc::errno_name(err));
    }
    ipc::evidence("unknown_bits_not_refused_with_EINVAL", accepted.empty() ? "none" : accepted);
    CHECK_EQ(accepted, "");
}
