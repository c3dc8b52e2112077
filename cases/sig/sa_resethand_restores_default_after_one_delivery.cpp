// SIG-11 (edge; sigaction(2) SA_RESETHAND "Restore the signal action to the
// default upon entry to the signal handler", SA_SIGINFO; signal(7)): a
// handler installed with SA_RESETHAND | SA_SIGINFO runs once, with a siginfo;
// on entry the action is already SIG_DFL (its SA_SIGINFO flag still set),
// the signal itself is blocked while it runs (SA_RESETHAND alone is not
// SA_NODEFER on Linux); the next such signal takes the default action and
// terminates the process. In a child, which the second signal kills. The
// same with the signal also in sa_mask: blocked in the handler, reset.
#include <fcntl.h>

#include <cstring>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {

struct InHandler {
    int calls;
    int had_info;
    int info_signo;
    int info_code;
    int action_was_default;
    int action_kept_siginfo;
    int signal_blocked;
};
InHandler seen{};

void once(int sig, siginfo_t* info, void*) {
    ++seen.calls;
    seen.had_info = info != nullptr;
    seen.info_signo = info ? info->si_signo : 0;
    seen.info_code = info ? info->si_code : 0;
    struct sigaction now {};
    ::sigaction(sig, nullptr, &now);
    seen.action_was_default = now.sa_handler == SIG_DFL;
    seen.action_kept_siginfo = (now.sa_flags & SA_SIGINFO) != 0;
    sigset_t mask;
    ::sigemptyset(&mask);
    ::sigprocmask(SIG_BLOCK, nullptr, &mask);
    seen.signal_blocked = ::sigismember(&mask, sig) == 1;
}

}  // namespace

CLAIM("SIG-11", "an SA_RESETHAND handler runs once, then the default action applies") {
    auto report = ipc::Pipe::make(O_CLOEXEC);
    auto child = ipc::Child::fork([&]() -> int {
        struct sigaction act {};
        act.sa_sigaction = once;
        act.sa_flags = SA_RESETHAND | SA_SIGINFO;
        ::sigemptyset(&act.sa_mask);
        if (::sigaction(SIGUSR1, &act, nullptr) != 0) return 2;
        ::kill(::getpid(), SIGUSR1);  // delivered on return from kill
        ipc::write_all(report.w(), std::string(reinterpret_cast<const char*>(&seen), sizeof seen));
        ::kill(::getpid(), SIGUSR1);  // the default action now: terminates
        return 3;                     // still alive: the handler stayed
    });
    report.write_end.reset();
    const std::string bytes = ipc::read_exactly(report.r(), sizeof(InHandler));
    auto status = child.wait();
    ipc::evidence("child_after_second_SIGUSR1", status.describe());
    REQUIRE_MESSAGE(bytes.size() == sizeof(InHandler), "the child sent no report: " << status.describe());
    InHandler in{};
    std::memcpy(&in, bytes.data(), sizeof in);
    ipc::evidence("handler_calls", in.calls);
    ipc::evidence("handler.siginfo", in.had_info ? ipc::si_code_name(in.info_signo, in.info_code) : "null");
    ipc::evidence("handler.action_on_entry", in.action_was_default ? "SIG_DFL" : "still the handler");
    ipc::evidence("handler.action_kept_SA_SIGINFO", in.action_kept_siginfo != 0);
    ipc::evidence("handler.SIGUSR1_blocked", in.signal_blocked != 0);
    CHECK_EQ(in.calls, 1);
    CHECK(in.had_info);
    CHECK_EQ(in.info_signo, SIGUSR1);
    CHECK_EQ(in.info_code, SI_USER);
    CHECK(in.action_was_default);
    CHECK(in.action_kept_siginfo);
    CHECK(in.signal_blocked);
    CHECK(status.killed_by(SIGUSR1));

    // The signal also in sa_mask: blocked in the handler all the same.
    auto masked = ipc::Child::fork([] {
        struct sigaction act {};
        act.sa_sigaction = once;
        act.sa_flags = SA_RESETHAND | SA_SIGINFO;
        ::sigemptyset(&act.sa_mask);
        ::sigaddset(&act.sa_mask, SIGUSR1);
        if (::sigaction(SIGUSR1, &act, nullptr) != 0) return 2;
        ::kill(::getpid(), SIGUSR1);
        return seen.calls == 1 && seen.signal_blocked && seen.action_was_default ? 0 : 3;
    });
    auto masked_end = masked.wait();
    ipc::evidence("with_SIGUSR1_in_sa_mask", masked_end.describe() + " (0: ran once, blocked, reset)");
    CHECK(masked_end.exited_with(0));
}
