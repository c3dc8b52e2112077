// SHM-03 (seed §2.3, "the key usually comes from ftok"; ftok(3)): ftok(path,
// id) yields the same key in different processes for the same path and id, so
// unrelated programs that agree on a file and an id agree on the key. The
// other process is a separately executed program (a role of this binary) that
// gets only the path and the id; a different id gives a different key.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

// Prints nothing but evidence; exits 0 when its ftok(path, id) equals the
// case's key (args: path, id, the case's key).
IPC_ROLE("other") {
    key_t mine = ::ftok(args.at(0).c_str(), std::stoi(args.at(1)));
    ipc::evidence("other.ftok", std::to_string(mine));
    ipc::evidence("other.pid", ::getpid());
    if (mine == -1) ipc::evidence("other.errno", ipc::errno_name(errno));
    return mine != -1 && mine == shmcase::parse_key(args.at(2)) ? 0 : 1;
}

CLAIM("SHM-03", "ftok(path, id) yields the same key in different processes") {
    ipc::TempDir dir;
    const std::string path = dir.file("ftok-anchor");
    ipc::Fd anchor(static_cast<int>(
        ipc::must(::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600), "create the anchor file")));
    struct stat st {};
    ipc::must(::stat(path.c_str(), &st), "stat");
    ipc::evidence("path.st_dev", std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev)));
    ipc::evidence("path.st_ino", static_cast<long long>(st.st_ino));

    const int id = 'S';
    const key_t key = ::ftok(path.c_str(), id);
    REQUIRE_WITH_ERRNO(key != -1, "ftok");
    ipc::evidence("proj_id", id);
    ipc::evidence("case.ftok", std::to_string(key));
    char hex[16];
    std::snprintf(hex, sizeof hex, "%#010x", static_cast<unsigned>(key));
    ipc::evidence("case.ftok_hex", hex);

    auto other = ipc::Child::exec_role("other", {path, std::to_string(id), std::to_string(key)});
    auto status = other.wait();
    ipc::evidence("other_status", status.describe());
    CHECK(status.exited_with(0));

    // The same call again here agrees too, and another id names another key.
    CHECK_EQ(::ftok(path.c_str(), id), key);
    const key_t other_id = ::ftok(path.c_str(), id + 1);
    ipc::evidence("ftok_with_id_plus_1", std::to_string(other_id));
    CHECK_NE(other_id, key);
}
