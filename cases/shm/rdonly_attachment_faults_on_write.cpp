// SHM-14 (shmop(2) SHM_RDONLY "the process must have read permission ... a
// write to the segment causes a fault"): a SHM_RDONLY attachment can be read
// but not written: a store into it raises SIGSEGV (SEGV_ACCERR), and the
// segment is unchanged.
#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM("SHM-14", "a write through a SHM_RDONLY attachment faults with SIGSEGV") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const std::size_t requested = page / 2;
    auto segment = ipc::ShmSegment::create(requested);
    auto writable = ipc::ShmAttachment::attach(segment.id());
    std::string("original").copy(writable.bytes(), 8);
    ipc::evidence("shmid", segment.id());
    ipc::evidence("page_size", static_cast<long long>(page));
    ipc::evidence("requested_size", static_cast<long long>(requested));

    auto readonly = ipc::ShmAttachment::attach(segment.id(), SHM_RDONLY);
    ipc::evidence("readonly.address", shmcase::address_of(readonly.address()));
    std::string read(readonly.bytes(), 8);
    ipc::evidence("readonly.read", read);
    CHECK_EQ(read, "original");

    // A store at an offset well inside the requested size.
    const std::size_t offset = requested / 2;
    auto store = shmcase::touch_in_child([&] { static_cast<volatile char*>(readonly.address())[offset] = 'X'; });
    ipc::evidence("store.status", store.status.describe());
    CHECK(store.status.killed_by(SIGSEGV));
    REQUIRE(store.caught);
    const auto fault_offset =
        static_cast<long long>(store.address - reinterpret_cast<std::uintptr_t>(readonly.address()));
    ipc::evidence("store.fault_offset", fault_offset);
    ipc::evidence("store.fault_offset_of_requested_size",
                  std::to_string(fault_offset) + " of " + std::to_string(requested));
    ipc::evidence("store.si_code", store.code_name());
    CHECK_EQ(fault_offset, static_cast<long long>(offset));
    CHECK_EQ(store.code_name(), "SEGV_ACCERR");
    CHECK_EQ(writable.bytes()[offset], '\0');  // nothing landed in the segment
}
