// SIG-03 (edge; signal(7) "Real-time signals", sigqueue(3)): real-time
// signals are queued: each one sent while blocked is delivered, the lowest
// signal number first, instances of one signal in the order sent, each with
// the value given to sigqueue().
#include <sstream>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {
using Sent = std::vector<std::pair<int, int>>;  // (signal, value)

std::string render(const Sent& list) {
    std::string out;
    for (auto [sig, value] : list)
        out += (out.empty() ? "" : ", ") + ipc::any_signal_name(sig) + "=" + std::to_string(value);
    return out;
}
}  // namespace

CLAIM("SIG-03", "real-time signals are queued and delivered lowest number first with their values") {
    const int low = SIGRTMIN + 1;
    const int high = SIGRTMIN + 3;
    // Sent interleaved, high first: delivery must sort by number, then by order sent.
    const Sent sent = {{high, 1}, {low, 2}, {high, 3}, {low, 4}, {low, 5}};
    const Sent expected = {{low, 2}, {low, 4}, {low, 5}, {high, 1}, {high, 3}};

    // Both signals blocked inside either handler, so each delivery completes
    // before the next one starts and the log is in delivery order.
    ipc::CatchOptions one_at_a_time{0, {low, high}};
    ipc::CaughtSignal catch_low(low, one_at_a_time);
    ipc::CaughtSignal catch_high(high, one_at_a_time);
    ipc::BlockedSignals blocked{low, high};
    for (auto [sig, value] : sent) CHECK_SUCCEEDS(::sigqueue(::getpid(), sig, sigval{value}));

    auto masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks("while_blocked", masks);
    CHECK(masks.pending_has(low));
    CHECK(masks.pending_has(high));
    CHECK_EQ(ipc::deliveries().size(), 0u);

    blocked.unblock();
    auto seen = ipc::deliveries();
    std::ostringstream order;
    Sent got;
    for (auto& d : seen) {
        order << (got.empty() ? "" : ", ") << ipc::describe(d);
        got.emplace_back(d.signo, d.value);
        CHECK_EQ(d.code, SI_QUEUE);
        CHECK_EQ(d.pid, ::getpid());
    }
    ipc::evidence("sent_in_order", render(sent));
    ipc::evidence("delivered_in_order", order.str());
    ipc::evidence("deliveries", seen.size());
    CHECK_EQ(catch_low.count(), 3);
    CHECK_EQ(catch_high.count(), 2);
    CHECK_EQ(render(got), render(expected));
    CHECK_FALSE(ipc::signal_masks(::getpid()).pending_has(low));
}
