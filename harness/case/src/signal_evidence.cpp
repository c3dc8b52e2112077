#include "ipc/signal_evidence.hpp"

#include <cstdint>

#include "ipc/evidence.hpp"
#include "ipc/outcome.hpp"

namespace ipc {

SignalMasks signal_masks(pid_t pid, pid_t tid) {
    auto seen = observe_signal_masks(pid, tid);
    if (!seen.masks) skip(seen.why_not);
    return *seen.masks;
}

void record_signal_masks(const std::string& prefix, const SignalMasks& m) {
    auto put = [&](const char* field, std::uint64_t mask) {
        evidence(prefix + "." + field, mask_hex(mask) + " (" + mask_names(mask) + ")");
    };
    evidence(prefix + ".source", m.source);
    if (m.source == "proc-status") {
        put("SigPnd", m.pending);
        put("ShdPnd", m.shared_pending);
        put("SigBlk", m.blocked);
        put("SigIgn", m.ignored);
        put("SigCgt", m.caught);
        evidence(prefix + ".SigQ", m.queued);
        return;
    }
    // The same masks, named by the calls that gave them.
    if (m.split_pending) {
        put("pending_thread", m.pending);
        put("pending_shared", m.shared_pending);
    } else {
        put("sigpending", m.pending);
    }
    put("sigprocmask", m.blocked);
    put("sigaction_ignored", m.ignored);
    put("sigaction_caught", m.caught);
}

}  // namespace ipc
