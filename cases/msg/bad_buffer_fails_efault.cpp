// MSG-27 (edge; msgop(2) ERRORS "EFAULT The address pointed to by msgp isn't
// accessible"): msgsnd from an address that cannot be read (NULL, and a page
// mapped PROT_NONE) fails with EFAULT and queues nothing; msgrcv into an
// address that cannot be written fails with EFAULT when there is a message to
// copy out. Where the kernel finds the fault only then, msgrcv on an empty
// queue with IPC_NOWAIT says ENOMSG first (recorded, as is what became of the
// message whose copy-out failed: Linux has already taken it off the queue).
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
// One page that may be neither read nor written, unmapped at the end.
struct NoAccessPage {
    void* at =
        ::mmap(nullptr, static_cast<std::size_t>(ipc::page_size()), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    NoAccessPage() {
        if (at == MAP_FAILED) ipc::broken("mmap of a PROT_NONE page: " + ipc::errno_name(errno));
    }
    ~NoAccessPage() { ::munmap(at, static_cast<std::size_t>(ipc::page_size())); }
};
}  // namespace

CLAIM("MSG-27", "msgsnd and msgrcv with an inaccessible buffer fail with EFAULT") {
    auto q = ipc::MsgQueue::create();
    NoAccessPage page;

    auto send_null = ipc::capture([&] { return ::msgsnd(q.id(), nullptr, 4, IPC_NOWAIT); });
    auto send_no_access = ipc::capture([&] { return ::msgsnd(q.id(), page.at, 4, IPC_NOWAIT); });
    ipc::evidence("msgsnd_from_NULL", ipc::describe(send_null));
    ipc::evidence("msgsnd_from_PROT_NONE", ipc::describe(send_no_access));
    CHECK_EQ(send_null, ipc::SyscallResult::failure(EFAULT));
    CHECK_EQ(send_no_access, ipc::SyscallResult::failure(EFAULT));
    CHECK_EQ(q.stat().msg_qnum, 0u);

    auto receive_empty = ipc::capture([&] { return ::msgrcv(q.id(), nullptr, 4, 0, IPC_NOWAIT); });
    ipc::evidence("msgrcv_into_NULL_empty_queue", ipc::describe(receive_empty));

    msgcase::send_all(q.id(), {{1, "abcd"}, {2, "efgh"}});
    auto receive_null = ipc::capture([&] { return ::msgrcv(q.id(), nullptr, 4, 0, IPC_NOWAIT); });
    auto receive_no_access = ipc::capture([&] { return ::msgrcv(q.id(), page.at, 4, 0, IPC_NOWAIT); });
    ipc::evidence("msgrcv_into_NULL", ipc::describe(receive_null));
    ipc::evidence("msgrcv_into_PROT_NONE", ipc::describe(receive_no_access));
    ipc::evidence("left_after_failed_copy_out", ipc::describe(ipc::msg_drain(q.id())));
    CHECK_EQ(receive_null, ipc::SyscallResult::failure(EFAULT));
    CHECK_EQ(receive_no_access, ipc::SyscallResult::failure(EFAULT));
}
