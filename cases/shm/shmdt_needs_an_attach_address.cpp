// SHM-21 (edge; shmop(2) "shmdt() detaches the shared memory segment located
// at the address specified by shmaddr ... The to-be-detached segment must be
// currently attached with shmaddr equal to the value returned by the
// attaching shmat() call", ERRORS EINVAL "There is no shared memory segment
// attached at shmaddr; or, shmaddr is not aligned on a page boundary"):
// shmdt of an address inside an attachment but not its start, of an
// unaligned address, of an address no segment is attached at, and of an
// attachment already detached fails with EINVAL and detaches nothing; after
// the detach an access to the old address faults (SIGSEGV, SEGV_MAPERR).
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

CLAIM("SHM-21", "shmdt of an address that is not an attachment's start fails EINVAL; access after shmdt faults") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(2 * page);
    auto attached = ipc::ShmAttachment::attach(segment.id());
    char* start = attached.bytes();
    ipc::evidence("attached_at", shmcase::address_of(start));

    CHECK_EQ(attempt("shmdt.second_page", [&] { return ::shmdt(start + page); }), failure(EINVAL));
    CHECK_EQ(attempt("shmdt.unaligned", [&] { return ::shmdt(start + 1); }), failure(EINVAL));
    int on_the_stack = 0;
    CHECK_EQ(attempt("shmdt.not_a_segment", [&] { return ::shmdt(&on_the_stack); }), failure(EINVAL));
    auto still = shmcase::record_stat("after_refusals", segment.id());
    CHECK_EQ(still.shm_nattch, 1u);

    // In a child: detach, then touch the old address (and detach again).
    auto fault = shmcase::touch_in_child([&] {
        if (::shmdt(start) != 0) ipc::child_exit(2);
        if (::shmdt(start) != -1 || errno != EINVAL) ipc::child_exit(3);
        start[0] = 'x';
    });
    ipc::evidence("child.status", fault.status.describe());
    ipc::evidence("child.fault_address", shmcase::address_of(reinterpret_cast<void*>(fault.address)));
    ipc::evidence("child.fault_code", fault.code_name());
    CHECK(fault.status.killed_by(SIGSEGV));  // exit 3: the second shmdt did not fail with EINVAL
    CHECK(fault.caught);
    CHECK_EQ(fault.address, reinterpret_cast<std::uintptr_t>(start));
    CHECK_EQ(fault.code_name(), "SEGV_MAPERR");
    CHECK_EQ(segment.stat().shm_nattch, 1u);  // the child's inherited attachment is gone, the case's stays
}
