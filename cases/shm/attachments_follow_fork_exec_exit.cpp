// SHM-15 (shmop(2) NOTES "After a fork(2), the child inherits the attached
// shared memory segments. After an execve(2), all attached shared memory
// segments are detached from the process. Upon _exit(2), all attached shared
// memory segments are detached"): the attach count follows: +1 on fork, -1 on
// exec, -1 on exit; /proc/PID/maps shows the mapping come and go (where it
// names System V mappings at all: the case's own attachment must show there
// first, else the maps part is skipped, with the reason, and nattch decides).
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// How many System V shared memory mappings /proc/PID/maps lists.
int sysv_mappings(pid_t pid) {
    auto maps = ipc::read_text("/proc/" + std::to_string(pid) + "/maps").value_or("");
    int count = 0;
    for (auto at = maps.find("/SYSV"); at != std::string::npos; at = maps.find("/SYSV", at + 1)) ++count;
    return count;
}

// A forked child that inherited the parent's attachment: it checks that the
// token is there at the same address, then waits to be told to exec (the
// idle role) through exec_now. Returns once it has checked.
ipc::Child child_with_the_inherited_attachment(const ipc::ShmAttachment& mine, const std::string& token,
                                               const ipc::Pipe& exec_now) {
    auto inherited = ipc::Pipe::make();
    auto child = ipc::Child::fork([&] {
        bool same = std::string(mine.bytes(), token.size()) == token;
        if (!ipc::write_all(inherited.w(), same ? "y" : "n") || ipc::read_exactly(exec_now.r(), 1) != "x") return 2;
        char self[] = "/proc/self/exe", role[] = "--role", idle[] = "idle";
        char* argv[] = {self, role, idle, nullptr};
        ::execv(self, argv);
        return ipc::exit_broken;
    });
    inherited.write_end.reset();  // the child's end: its death is end of file here
    REQUIRE_EQ(ipc::read_exactly(inherited.r(), 1), "y");
    return child;
}

// A child that leaves without shmdt gives its inherited attachment back.
void check_exit_detaches(const ipc::ShmSegment& segment) {
    auto leaver = ipc::Child::fork([] { return 0; });
    const pid_t leaver_pid = leaver.pid();
    auto left = leaver.wait();
    ipc::evidence("exiting_child.pid", leaver_pid);
    ipc::evidence("exiting_child.status", left.describe());
    auto after_exit = shmcase::record_stat("after_exit", segment.id());
    CHECK_EQ(after_exit.shm_nattch, 1u);
    CHECK_EQ(after_exit.shm_lpid, leaver_pid);  // the last detach was its exit
}
}  // namespace

// What the forked child becomes after exec: waits for the case's go.
IPC_ROLE("idle") {
    shmcase::GoSignal go;
    go.wait();
    return 0;
}

CLAIM("SHM-15", "attachments are inherited across fork and dropped on exec and on exit") {
    auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()));
    ipc::evidence("shmid", segment.id());
    auto mine = ipc::ShmAttachment::attach(segment.id());
    const std::string token = "inherited";
    token.copy(mine.bytes(), token.size());
    CHECK_EQ(shmcase::record_stat("parent_attached", segment.id()).shm_nattch, 1u);
    // A second source, calibrated on ourselves: gVisor does not name the mapping /SYSV.
    const bool maps_name_sysv = sysv_mappings(::getpid()) == 1;
    ipc::evidence("maps_source", maps_name_sysv ? "/proc/PID/maps (names /SYSV mappings)"
                                                : "none: this system's /proc/PID/maps does not name the case's own "
                                                  "System V mapping /SYSV; attach counts only");

    // fork: the child has the parent's attachment, at the same address.
    auto exec_now = ipc::Pipe::make();
    auto child = child_with_the_inherited_attachment(mine, token, exec_now);
    ipc::evidence("after_fork.child_maps_sysv", sysv_mappings(child.pid()));
    CHECK_EQ(shmcase::record_stat("after_fork", segment.id()).shm_nattch, 2u);
    if (maps_name_sysv) CHECK_EQ(sysv_mappings(child.pid()), 1);

    // exec: the new program starts without it.
    ipc::must(ipc::write_all(exec_now.w(), "x") ? 0 : -1, "tell the child to exec");
    shmcase::await_go_wait(child, "after_exec.child");
    ipc::evidence("after_exec.child_maps_sysv", sysv_mappings(child.pid()));
    CHECK_EQ(shmcase::record_stat("after_exec", segment.id()).shm_nattch, 1u);
    if (maps_name_sysv) CHECK_EQ(sysv_mappings(child.pid()), 0);
    shmcase::go(child);
    auto status = child.wait();
    ipc::evidence("exec_child_status", status.describe());
    CHECK(status.exited_with(0));

    // exit: a child that leaves without shmdt gives its inherited attachment back.
    check_exit_detaches(segment);
}
