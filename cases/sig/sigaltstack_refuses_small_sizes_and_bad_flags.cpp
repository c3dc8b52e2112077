// SIG-27 (edge; sigaltstack(2) ERRORS: ENOMEM "The specified size of the new
// alternate signal stack ss.ss_size was less than MINSIGSTKSZ", EINVAL "ss
// is not NULL and the ss_flags field contains an invalid flag", EFAULT;
// SS_DISABLE "the other fields in ss are ignored"; getauxval(3)
// AT_MINSIGSTKSZ): sigaltstack refuses sizes 0, 1 and 2047 (MINSIGSTKSZ is
// 2048, sigaltstack(2); glibc's own MINSIGSTKSZ macro is now a sysconf()
// value of the C library's choosing, so the kernel's is named here) with
// ENOMEM and flags other than 0, SS_ONSTACK, SS_DISABLE (and SS_AUTODISARM)
// with EINVAL, an unreadable ss with EFAULT, keeping the stack installed
// before; SS_DISABLE with a size of 0 succeeds and reads back SS_DISABLE.
#include <sys/auxv.h>
#include <vector>

#include "ipc/case.hpp"
#include "sig_support.hpp"

CLAIM("SIG-27", "sigaltstack refuses a stack below MINSIGSTKSZ (ENOMEM) and unknown flags (EINVAL)") {
    constexpr std::size_t kernel_minsigstksz = 2048;  // sigaltstack(2), the kernel's uapi MINSIGSTKSZ
    ipc::evidence("kernel_MINSIGSTKSZ", kernel_minsigstksz);
    ipc::evidence("AT_MINSIGSTKSZ", static_cast<long>(::getauxval(AT_MINSIGSTKSZ)));
    const long size = std::max<long>(::sysconf(_SC_SIGSTKSZ), SIGSTKSZ);
    std::vector<char> good(static_cast<std::size_t>(size));
    stack_t ss{}, old{};
    ss.ss_sp = good.data();
    ss.ss_size = good.size();
    REQUIRE_WITH_ERRNO(::sigaltstack(&ss, &old) == 0, "sigaltstack");

    for (std::size_t small : {std::size_t{0}, std::size_t{1}, kernel_minsigstksz - 1}) {
        CAPTURE(small);
        stack_t tiny{};
        tiny.ss_sp = good.data();
        tiny.ss_size = small;
        ipc::evidence("size_" + std::to_string(small),
                      ipc::describe(ipc::capture([&] { return ::sigaltstack(&tiny, nullptr); })));
        CHECK_FAILS_WITH(::sigaltstack(&tiny, nullptr), ENOMEM);
    }
    for (int flags : {SS_ONSTACK | SS_DISABLE, 0x10, -1}) {
        CAPTURE(flags);
        stack_t bad = ss;
        bad.ss_flags = flags;
        ipc::evidence("flags_" + std::to_string(flags),
                      ipc::describe(ipc::capture([&] { return ::sigaltstack(&bad, nullptr); })));
        CHECK_FAILS_WITH(::sigaltstack(&bad, nullptr), EINVAL);
    }
    CHECK_FAILS_WITH(::sigaltstack(static_cast<stack_t*>(sigcase::bad_address()), nullptr), EFAULT);

    stack_t now{};
    ::sigaltstack(nullptr, &now);
    ipc::evidence("after_refusals", "ss_sp is the good stack: " + std::string(now.ss_sp == good.data() ? "yes" : "no") +
                                        ", ss_size " + std::to_string(now.ss_size));
    CHECK_EQ(now.ss_sp, good.data());
    CHECK_EQ(now.ss_size, good.size());

    stack_t off{};
    off.ss_flags = SS_DISABLE;  // size 0: ignored
    CHECK_SUCCEEDS(::sigaltstack(&off, nullptr));
    ::sigaltstack(nullptr, &now);
    ipc::evidence("after_SS_DISABLE.ss_flags", now.ss_flags);
    CHECK_EQ(now.ss_flags, SS_DISABLE);
    ::sigaltstack(&old, nullptr);
}
