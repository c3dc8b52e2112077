// SIG-30 (edge; signal(7) "The signals SIGKILL and SIGSTOP cannot be caught,
// blocked, or ignored" (and only those), "Using these system calls, a process
// can elect one of the following behaviors to occur on delivery of the
// signal: perform the default action; ignore the signal; or catch the signal
// with a signal handler"; sigaction(2)): every signal from 1 to SIGRTMAX but
// SIGKILL and SIGSTOP can be caught, its handler then running with that
// signal's number and a siginfo naming the sender, and can be ignored, the
// process then surviving it even where the default action terminates. In a
// child. Signals 32 and 33 are caught through glibc only as the C library
// allows (it keeps them for its threads: sigaction refuses them, EINVAL), so
// for them the handler part is left out, and only ignoring is checked.
#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"

namespace {

volatile sig_atomic_t last_signo = 0;
volatile sig_atomic_t last_pid = 0;
void record(int sig, siginfo_t* info, void*) {
    last_signo = sig;
    last_pid = info ? info->si_pid : 0;
}

struct Outcome {
    std::uint64_t caught;   // signals whose handler ran with the right number
    std::uint64_t ignored;  // signals survived while ignored
    std::uint64_t tried_catch;
};

bool glibc_internal(int sig) { return sig > 31 && sig < SIGRTMIN; }

}  // namespace

CLAIM("SIG-30", "every signal but SIGKILL and SIGSTOP can be caught or ignored") {
    const int last = SIGRTMAX;
    auto child = ipc::ReportingChild::fork([last](Outcome& r) {
        for (int sig = 1; sig <= last; ++sig) {
            if (sig == SIGKILL || sig == SIGSTOP) continue;
            const std::uint64_t bit = std::uint64_t{1} << (sig - 1);
            if (!glibc_internal(sig)) {
                r.tried_catch |= bit;
                struct sigaction act {};
                act.sa_sigaction = record;
                act.sa_flags = SA_SIGINFO;
                ::sigemptyset(&act.sa_mask);
                last_signo = 0;
                if (::sigaction(sig, &act, nullptr) == 0 && ::kill(::getpid(), sig) == 0 && last_signo == sig &&
                    last_pid == ::getpid())
                    r.caught |= bit;
            }
            struct sigaction ignore {};
            ignore.sa_handler = SIG_IGN;
            // Ignored: sent, it must leave the process running (or there is no report).
            if (::syscall(SYS_rt_sigaction, sig, nullptr, nullptr, 8) == 0) {
                struct sigaction now {};
                if (glibc_internal(sig)) {
                    // glibc's sigaction refuses these; the kernel's ignores as asked.
                    struct {
                        void* handler;
                        unsigned long flags;
                        void* restorer;
                        std::uint64_t mask;
                    } k{reinterpret_cast<void*>(SIG_IGN), 0, nullptr, 0};
                    if (::syscall(SYS_rt_sigaction, sig, &k, nullptr, 8) != 0) continue;
                } else if (::sigaction(sig, &ignore, &now) != 0) {
                    continue;
                }
                if (::kill(::getpid(), sig) == 0) r.ignored |= bit;
            }
        }
        return 0;
    });
    auto done = child.finish();
    auto r = done.as<Outcome>();
    ipc::evidence("child", done.status.describe());
    REQUIRE_MESSAGE(r, "the child sent no report (a signal it ignored killed it?): " << done.status.describe());
    std::uint64_t all = 0;
    for (int sig = 1; sig <= last; ++sig)
        if (sig != SIGKILL && sig != SIGSTOP) all |= std::uint64_t{1} << (sig - 1);
    ipc::evidence("signals", std::to_string(last) + " (1.." + std::to_string(last) + ")");
    ipc::evidence("caught.missing", ipc::mask_names(r->tried_catch & ~r->caught));
    ipc::evidence("ignored.missing", ipc::mask_names(all & ~r->ignored));
    ipc::evidence("not_tried_to_catch", ipc::mask_names(all & ~r->tried_catch));
    CHECK_EQ(ipc::mask_names(r->tried_catch & ~r->caught), "none");
    CHECK_EQ(ipc::mask_names(all & ~r->ignored), "none");
    CHECK(done.status.exited_with(0));
}
