// SHM-28 (edge; mprotect(2) ERRORS "EACCES The memory cannot be given the
// specified access. This can happen, for example, if you mmap(2) a file to
// which you have read-only access, then ask mprotect() to mark it
// PROT_WRITE"; shmop(2) SHM_RDONLY "Attach the segment for read-only
// access"): an mprotect(PROT_READ|PROT_WRITE) of a SHM_RDONLY attachment
// fails with EACCES, while a read-write attachment made read-only can be made
// writable again, and a write through it then lands in the segment.
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

CLAIM("SHM-28", "mprotect cannot make a SHM_RDONLY attachment writable (EACCES); a read-write one may be restored") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(page);
    auto readonly = ipc::ShmAttachment::attach(segment.id(), SHM_RDONLY);
    CHECK_EQ(attempt("rdonly.mprotect_rw",
                     [&] { return ::mprotect(readonly.address(), page, PROT_READ | PROT_WRITE); }),
             failure(EACCES));

    auto writable = ipc::ShmAttachment::attach(segment.id());
    CHECK_EQ(attempt("rw.mprotect_read", [&] { return ::mprotect(writable.address(), page, PROT_READ); }).value, 0);
    CHECK_EQ(attempt("rw.mprotect_rw_again",
                     [&] { return ::mprotect(writable.address(), page, PROT_READ | PROT_WRITE); })
                 .value,
             0);
    writable.bytes()[0] = 'w';
    ipc::evidence("rdonly.read_after_write", std::string(1, readonly.bytes()[0]));
    CHECK_EQ(readonly.bytes()[0], 'w');
}
