// SPLICE-06 (edge; splice(2), tee(2), vmsplice(2): without SPLICE_F_NONBLOCK
// the calls "block"; pipe(7) "If a process attempts to read from an empty
// pipe, then read(2) will block ... If a process attempts to write to a full
// pipe ... write(2) blocks"): without SPLICE_F_NONBLOCK, splice and tee from
// an empty pipe sleep in their call until bytes arrive, tee and vmsplice into
// a full pipe sleep until it is drained, and each then completes.
#include "splice_support.hpp"

namespace {

struct Moved {
    long value;
    int err;
};

// Runs call in a child, requires it to sleep in syscall nr (recorded under
// key), runs unblock, and returns what the call returned.
Moved blocked_until(const std::string& key, long nr, const std::function<long()>& call,
                    const std::function<void()>& unblock) {
    auto child = ipc::ReportingChild::fork([&](Moved& m) {
        errno = 0;
        m.value = call();
        m.err = errno;
        return 0;
    });
    auto blocked = ipc::require_blocked_in(child.pid(), nr, key + ".blocked");
    CHECK_MESSAGE(ipc::stays_blocked(child.pid(), blocked, key + ".blocked"), key << " returned (or woke) too early");
    unblock();
    auto result = child.finish();
    ipc::evidence(key + ".status", result.status.describe());
    auto moved = result.as<Moved>().value_or(Moved{-2, 0});
    ipc::evidence(key + ".returned", ipc::describe(ipc::SyscallResult{moved.value, moved.err}));
    return moved;
}

}  // namespace

CLAIM("SPLICE-06", "splice, tee and vmsplice wait for bytes in an empty pipe or room in a full one") {
    spl::require_calls(spl::uses_splice | spl::uses_tee);
    const long page = ipc::page_size();
    const std::string bytes = spl::pattern(static_cast<std::size_t>(page));

    {  // splice from an empty pipe waits for a writer.
        auto from = ipc::Pipe::make();
        auto to = ipc::Pipe::make();
        auto r = blocked_until(
            "splice.from_empty", SYS_splice,
            [&] { return static_cast<long>(::splice(from.r(), nullptr, to.w(), nullptr, page, 0)); },
            [&] { REQUIRE(ipc::write_all(from.w(), bytes)); });
        CHECK_EQ(r.value, page);
        CHECK(spl::reads_back(to.r(), bytes, "splice.from_empty.destination"));
    }
    {  // tee from an empty pipe waits for a writer; both pipes then hold the bytes.
        auto from = ipc::Pipe::make();
        auto to = ipc::Pipe::make();
        auto r = blocked_until(
            "tee.from_empty", SYS_tee, [&] { return static_cast<long>(::tee(from.r(), to.w(), page, 0)); },
            [&] { REQUIRE(ipc::write_all(from.w(), bytes)); });
        CHECK_EQ(r.value, page);
        CHECK(spl::reads_back(to.r(), bytes, "tee.from_empty.destination"));
        CHECK(spl::reads_back(from.r(), bytes, "tee.from_empty.source"));
    }
    {  // tee into a full pipe waits until it is drained.
        auto from = ipc::Pipe::make();
        auto to = ipc::Pipe::make();
        const long capacity = to.capacity();
        ipc::evidence("F_GETPIPE_SZ", capacity);
        REQUIRE(ipc::write_all(from.w(), bytes));
        REQUIRE(ipc::write_all(to.w(), spl::pattern(static_cast<std::size_t>(capacity), 5)));
        auto r = blocked_until(
            "tee.into_full", SYS_tee, [&] { return static_cast<long>(::tee(from.r(), to.w(), page, 0)); },
            [&] {
                CHECK_EQ(spl::read_held(to.r(), static_cast<std::size_t>(capacity)).size(),
                         static_cast<std::size_t>(capacity));
            });
        CHECK_EQ(r.value, page);
        CHECK(spl::reads_back(to.r(), bytes, "tee.into_full.destination"));
    }
    if (!spl::has_vmsplice()) {
        ipc::skip_part("vmsplice.into_full", "this kernel does not provide vmsplice (ENOSYS)");
        return;
    }
    {  // vmsplice into a full pipe waits until it is drained.
        auto to = ipc::Pipe::make();
        const long capacity = to.capacity();
        REQUIRE(ipc::write_all(to.w(), spl::pattern(static_cast<std::size_t>(capacity), 6)));
        std::string memory = bytes;
        iovec from_memory{memory.data(), memory.size()};
        auto r = blocked_until(
            "vmsplice.into_full", SYS_vmsplice,
            [&] { return static_cast<long>(::vmsplice(to.w(), &from_memory, 1, 0)); },
            [&] {
                CHECK_EQ(spl::read_held(to.r(), static_cast<std::size_t>(capacity)).size(),
                         static_cast<std::size_t>(capacity));
            });
        CHECK_EQ(r.value, page);
        CHECK(spl::reads_back(to.r(), bytes, "vmsplice.into_full.destination"));
    }
}
