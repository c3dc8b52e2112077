// SIG-26 (edge; sigaltstack(2) "an alternate signal stack ... is used ...
// for a signal handler established with SA_ONSTACK", ss_flags SS_ONSTACK
// "The thread is currently executing on the alternate signal stack", ERRORS
// EPERM "An attempt was made to change the alternate signal stack while it
// was active (i.e., the thread was already executing on the current
// alternate signal stack)"; sigaction(2) SA_ONSTACK): a handler installed
// with SA_ONSTACK runs on the alternate stack (its locals lie inside it) and
// there sigaltstack reports SS_ONSTACK and refuses to change or disable the
// stack with EPERM; outside a handler SS_ONSTACK is clear; a handler without
// SA_ONSTACK runs on the ordinary stack. A stack laid over the very stack in
// use also reads SS_ONSTACK and cannot be changed (in a child, which cannot
// unwind from that). execve(2) ("the alternate signal stack is not
// preserved"): the new program has none. The stack size is the system's
// (sysconf(_SC_SIGSTKSZ)).
#include <vector>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {

struct Seen {
    std::uintptr_t local = 0;
    int flags = -1;
    int change = 0, change_errno = 0;
    int disable = 0, disable_errno = 0;
};
Seen on_usr1, on_usr2;
std::vector<char>* spare = nullptr;

void look(Seen& s) {
    char here = 0;
    s.local = reinterpret_cast<std::uintptr_t>(&here);
    stack_t now{};
    if (::sigaltstack(nullptr, &now) == 0) s.flags = now.ss_flags;
    stack_t other{};
    other.ss_sp = spare->data();
    other.ss_size = spare->size();
    s.change = ::sigaltstack(&other, nullptr);
    s.change_errno = errno;
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    s.disable = ::sigaltstack(&off, nullptr);
    s.disable_errno = errno;
}
void usr1(int) { look(on_usr1); }
void usr2(int) {
    char here = 0;
    on_usr2.local = reinterpret_cast<std::uintptr_t>(&here);
    stack_t now{};
    if (::sigaltstack(nullptr, &now) == 0) on_usr2.flags = now.ss_flags;
}

bool inside(std::uintptr_t p, const std::vector<char>& v) {
    auto lo = reinterpret_cast<std::uintptr_t>(v.data());
    return p >= lo && p < lo + v.size();
}

}  // namespace

// Executed with an alternate stack installed by its parent: 0 if it has none.
IPC_ROLE("altstack-after-exec") {
    stack_t now{};
    if (::sigaltstack(nullptr, &now) != 0) return 2;
    return now.ss_flags == SS_DISABLE ? 0 : 3;
}

CLAIM("SIG-26", "an SA_ONSTACK handler runs on the alternate stack, which cannot be changed while in use (EPERM)") {
    const long size = std::max<long>(::sysconf(_SC_SIGSTKSZ), SIGSTKSZ);
    ipc::evidence("stack_size", size);
    std::vector<char> alt(static_cast<std::size_t>(size)), other(static_cast<std::size_t>(size));
    spare = &other;
    stack_t ss{}, old{};
    ss.ss_sp = alt.data();
    ss.ss_size = alt.size();
    REQUIRE_WITH_ERRNO(::sigaltstack(&ss, &old) == 0, "sigaltstack");
    struct sigaction on_stack {
    }, off_stack{}, old1{}, old2{};
    on_stack.sa_handler = usr1;
    on_stack.sa_flags = SA_ONSTACK;
    off_stack.sa_handler = usr2;
    ::sigaction(SIGUSR1, &on_stack, &old1);
    ::sigaction(SIGUSR2, &off_stack, &old2);
    ::raise(SIGUSR1);
    ::raise(SIGUSR2);
    stack_t after{};
    ::sigaltstack(nullptr, &after);
    ::sigaction(SIGUSR1, &old1, nullptr);
    ::sigaction(SIGUSR2, &old2, nullptr);
    ::sigaltstack(&old, nullptr);

    ipc::evidence("SA_ONSTACK_handler.local_on_alternate_stack", inside(on_usr1.local, alt));
    ipc::evidence("SA_ONSTACK_handler.ss_flags", on_usr1.flags);
    ipc::evidence("SA_ONSTACK_handler.change", on_usr1.change == 0 ? "ok" : ipc::errno_name(on_usr1.change_errno));
    ipc::evidence("SA_ONSTACK_handler.disable", on_usr1.disable == 0 ? "ok" : ipc::errno_name(on_usr1.disable_errno));
    ipc::evidence("plain_handler.local_on_alternate_stack", inside(on_usr2.local, alt));
    ipc::evidence("outside_handler.ss_flags", after.ss_flags);
    CHECK(inside(on_usr1.local, alt));
    CHECK((on_usr1.flags & SS_ONSTACK) != 0);
    CHECK_EQ(on_usr1.change, -1);
    CHECK_EQ(ipc::errno_name(on_usr1.change_errno), "EPERM");
    CHECK_EQ(on_usr1.disable, -1);
    CHECK_EQ(ipc::errno_name(on_usr1.disable_errno), "EPERM");
    CHECK_FALSE(inside(on_usr2.local, alt));
    CHECK_EQ(on_usr2.flags & SS_ONSTACK, 0);
    CHECK_EQ(after.ss_flags & SS_ONSTACK, 0);
    CHECK_EQ(after.ss_sp, alt.data());  // still installed, unchanged

    // A stack laid over the one in use: on it already.
    auto child = ipc::Child::fork([] {
        char here = 0;
        const long page = ::sysconf(_SC_PAGESIZE);
        stack_t over{};
        over.ss_sp = &here - page;
        over.ss_size = static_cast<std::size_t>(2 * page);
        if (::sigaltstack(&over, nullptr) != 0) return 2;
        stack_t now{};
        if (::sigaltstack(nullptr, &now) != 0 || !(now.ss_flags & SS_ONSTACK)) return 3;
        if (::sigaltstack(&over, nullptr) != -1 || errno != EPERM) return 4;
        stack_t off{};
        off.ss_flags = SS_DISABLE;
        if (::sigaltstack(&off, nullptr) != -1 || errno != EPERM) return 5;
        return 0;
    });
    auto end = child.wait();
    ipc::evidence("stack_over_the_current_one",
                  end.describe() + " (2: refused, 3: not SS_ONSTACK, 4: changed, 5: disabled)");
    CHECK(end.exited_with(0));

    // execve: the new program starts with no alternate stack.
    auto execer = ipc::Child::fork([] {
        static std::vector<char> mine(static_cast<std::size_t>(std::max<long>(::sysconf(_SC_SIGSTKSZ), SIGSTKSZ)));
        stack_t s{};
        s.ss_sp = mine.data();
        s.ss_size = mine.size();
        if (::sigaltstack(&s, nullptr) != 0) return 2;
        auto program = ipc::Child::exec_role("altstack-after-exec");
        return program.wait().exited_with(0) ? 0 : 4;
    });
    auto exec_end = execer.wait();
    ipc::evidence("after_execve", exec_end.describe() + " (0: SS_DISABLE in the new program)");
    CHECK(exec_end.exited_with(0));
}
