// Abuse: a case that forks without bound or floods its output is contained
// and reported; a runner interrupted or killed mid-run leaves no case process
// and no IPC object.
#include <doctest/doctest.h>
#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.hpp"
#include "ipc/process.hpp"
#include "ipc/readiness.hpp"
#include "ipc/sysv.hpp"
#include "ipc/sysvipc.hpp"
#include "ipc/temp_dir.hpp"

namespace fs = std::filesystem;
using ipc::eventually;
using testing::ipc_claims;
using testing::test_program;

namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in, nullptr, false);
}

std::vector<pid_t> recorded_pids(const fs::path& dir) {
    std::vector<pid_t> pids;
    for (auto& entry : fs::directory_iterator(dir)) pids.push_back(std::stoi(entry.path().filename().string()));
    return pids;
}

// The IPC namespace (by inode) of every process alive now.
std::set<ino_t> live_ipc_namespaces() {
    std::set<ino_t> inodes;
    for (auto& entry : fs::directory_iterator("/proc")) {
        struct stat st;
        if (std::isdigit(static_cast<unsigned char>(entry.path().filename().string()[0])) &&
            ::stat((entry.path() / "ns" / "ipc").c_str(), &st) == 0)
            inodes.insert(st.st_ino);
    }
    return inodes;
}

// Whether the id is listed in /proc/sysvipc/<kind> (the host's namespace: ours).
bool listed_in_sysvipc(const char* kind, int id) {
    const auto objects = ipc::sysvipc_objects(kind).value_or(std::vector<ipc::SysvObject>{});
    return std::any_of(objects.begin(), objects.end(), [&](const ipc::SysvObject& o) { return o.id == id; });
}

}  // namespace

TEST_CASE("a case that forks without bound meets the process limit and is killed whole") {
    ipc::TempDir dir;
    auto r = ipc_claims({"exec", "--timeout", "2", "--result", dir.file("r.json"), test_program("process_bomb")});
    CHECK_EQ(r.exit_code, 124);
    auto result = read_json(dir.file("r.json"));
    INFO(result.dump(2));
    CHECK(result["leftover_processes"].get<int>() > 10);
    if (::geteuid() == 0)  // root gets a pids cgroup, which says how often it refused a fork
        CHECK(result["evidence"].value("runner.pids_limit_hit", 0L) > 0);
    auto survivors = testing::run_command({"/usr/bin/pgrep", "-x", "process_bomb"});
    CHECK_MESSAGE(survivors.exit_code == 1, "still running: " << survivors.output);
}

TEST_CASE("a case that floods its output is stopped at the file-size limit and reported") {
    ipc::TempDir dir;
    auto r = ipc_claims({"exec", "--timeout", "20", "--result", dir.file("r.json"), test_program("flood_output")});
    CHECK_EQ(r.exit_code, 1);
    auto result = read_json(dir.file("r.json"));
    CHECK_EQ(result["exit"], "killed by SIGXFSZ");
    CHECK(result["output"].get<std::string>().size() < 8192);  // only the tail is kept
}

TEST_CASE("a runner stopped mid-run by SIGINT, SIGTERM or SIGKILL leaves no case process") {
    for (int sig : {SIGINT, SIGTERM, SIGKILL}) {
        CAPTURE(sig);
        ipc::TempDir dir;
        const fs::path top = dir.path();
        fs::create_directories(top / "catalogue");
        fs::create_directories(top / "cases" / "x");
        fs::create_directories(top / "pids");
        fs::create_directories(top / "tmp");
        fs::create_directories(top / "ipc");
        fs::copy(test_program("hang_and_record"), top / "cases" / "x" / "hang");
        std::ofstream(top / "catalogue" / "x.toml")
            << "area = \"x\"\norder = 1\ntitle = \"X\"\n"
               "[[claim]]\nid = \"X-1\"\nkind = \"edge\"\nstatement = \"hangs\"\ncase = \"hang\"\n"
               "[[claim]]\nid = \"X-2\"\nkind = \"edge\"\nstatement = \"hangs too\"\ncase = \"hang\"\n";
        ::setenv("IPC_TEST_PID_DIR", (top / "pids").c_str(), 1);
        ::setenv("IPC_TEST_IPC_DIR", (top / "ipc").c_str(), 1);
        auto runner = ipc::Child::fork([&] {
            ::setenv("TMPDIR", (top / "tmp").c_str(), 1);
            ::execl(IPC_CLAIMS_BIN, "ipc-claims", "--catalogue", (top / "catalogue").c_str(), "--cases",
                    (top / "cases").c_str(), "run", "-j", "2", "--timeout", "60", "--out", (top / "out").c_str(),
                    static_cast<char*>(nullptr));
            return 127;
        });
        REQUIRE_MESSAGE(eventually([&] { return recorded_pids(top / "pids").size() == 4; }),
                        "the two cases did not start");
        // The check below can fail: the cases' namespaces are alive now.
        for (auto& entry : fs::directory_iterator(top / "ipc"))
            CHECK(live_ipc_namespaces().count(std::stoull(entry.path().filename().string())) == 1);
        runner.kill(sig);
        auto status = runner.wait();
        INFO("runner " << status.describe());
        if (sig != SIGKILL) CHECK(status.exited_with(128 + sig));
        for (pid_t pid : recorded_pids(top / "pids"))
            CHECK_MESSAGE(eventually([&] { return !testing::process_exists(pid); }), "pid " << pid << " survived");
        // The objects the cases made: gone with their IPC namespace when the
        // cases ran isolated (no process left in it), removed when they shared
        // the host's.
        struct stat host_ns;
        REQUIRE_EQ(::stat("/proc/self/ns/ipc", &host_ns), 0);
        for (auto& entry : fs::directory_iterator(top / "ipc")) {
            unsigned long long ns = 0;
            int msqid = -1, shmid = -1;
            REQUIRE_EQ(std::sscanf(entry.path().filename().c_str(), "%llu.%d.%d", &ns, &msqid, &shmid), 3);
            CHECK_MESSAGE(eventually([&] { return live_ipc_namespaces().count(ns) == 0; }),
                          "a process still holds the cases' IPC namespace " << ns);
            if (ns == host_ns.st_ino) {
                CHECK_MESSAGE(!listed_in_sysvipc("msg", msqid), "message queue " << msqid << " survived");
                CHECK_MESSAGE(!listed_in_sysvipc("shm", shmid), "segment " << shmid << " survived");
            }
        }
        CHECK_EQ(std::distance(fs::directory_iterator(top / "ipc"), fs::directory_iterator()), 2);
        // Nothing is left in the runner's $TMPDIR: the cases' directories are
        // removed by their supervisors, the run's scratch lives in its --out.
        CHECK_MESSAGE(eventually([&] { return fs::is_empty(top / "tmp"); }),
                      "left in TMPDIR: " << fs::directory_iterator(top / "tmp")->path());
    }
    ::unsetenv("IPC_TEST_PID_DIR");
    ::unsetenv("IPC_TEST_IPC_DIR");
}
