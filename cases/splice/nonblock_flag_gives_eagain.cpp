// SPLICE-05 (edge; splice(2) and tee(2) "EAGAIN SPLICE_F_NONBLOCK was
// specified in flags ... and the operation would block"; vmsplice(2)
// "EAGAIN SPLICE_F_NONBLOCK was specified in flags, and the operation would
// block"): with SPLICE_F_NONBLOCK, splice and tee from an empty pipe, splice,
// tee and vmsplice into a full pipe, fail with EAGAIN at once, and a splice
// that has bytes to move moves them.
#include "splice_support.hpp"

CLAIM("SPLICE-05", "with SPLICE_F_NONBLOCK an empty source or a full destination pipe gives EAGAIN") {
    spl::require_calls(spl::uses_splice | spl::uses_tee);
    const long page = ipc::page_size();
    auto empty = ipc::Pipe::make();
    auto other = ipc::Pipe::make();
    CHECK_EQ(spl::splice("splice.from_empty", empty.r(), nullptr, other.w(), nullptr, page, SPLICE_F_NONBLOCK),
             ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(spl::tee("tee.from_empty", empty.r(), other.w(), page, SPLICE_F_NONBLOCK),
             ipc::SyscallResult::failure(EAGAIN));

    auto full = ipc::Pipe::make();
    const long capacity = full.capacity();
    ipc::evidence("F_GETPIPE_SZ", capacity);
    REQUIRE(ipc::write_all(full.w(), spl::pattern(static_cast<std::size_t>(capacity))));
    auto source = ipc::Pipe::make();
    REQUIRE(ipc::write_all(source.w(), spl::pattern(static_cast<std::size_t>(page), 3)));
    CHECK_EQ(spl::splice("splice.into_full", source.r(), nullptr, full.w(), nullptr, page, SPLICE_F_NONBLOCK),
             ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(spl::tee("tee.into_full", source.r(), full.w(), page, SPLICE_F_NONBLOCK),
             ipc::SyscallResult::failure(EAGAIN));
    std::string memory = spl::pattern(static_cast<std::size_t>(page), 4);
    iovec from_memory{memory.data(), memory.size()};
    if (spl::has_vmsplice())
        CHECK_EQ(spl::vmsplice("vmsplice.into_full", full.w(), &from_memory, 1, SPLICE_F_NONBLOCK),
                 ipc::SyscallResult::failure(EAGAIN));
    else ipc::skip_part("vmsplice.into_full", "this kernel does not provide vmsplice (ENOSYS)");
    CHECK_EQ(spl::unread(source.r(), "source.unread_after_refusals"), page);
    CHECK_EQ(spl::unread(full.r(), "full.unread_after_refusals"), capacity);

    // A byte to move moves (into /dev/null); then the source is empty: EAGAIN.
    auto null = spl::open_file("/dev/null", O_WRONLY);
    auto one = ipc::Pipe::make();
    REQUIRE(ipc::write_all(one.w(), "."));
    CHECK_EQ(spl::splice("splice.one_byte_to_dev_null", one.r(), nullptr, null.get(), nullptr, 1, SPLICE_F_NONBLOCK),
             spl::moved(1));
    CHECK_EQ(spl::splice("splice.again_to_dev_null", one.r(), nullptr, null.get(), nullptr, 1, SPLICE_F_NONBLOCK),
             ipc::SyscallResult::failure(EAGAIN));
}
