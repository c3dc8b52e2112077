// The lab sandbox against hostile submissions (tests/hostile/<attempt>/, of
// the pipe lab: each tries one thing, says on standard error what it managed,
// then does the lab's task). They are graded in one batch with a neighbour
// holding a secret and the lab's reference, and every attempt is judged from
// the host after the batch: nothing new on the host, nothing of the
// neighbour or of the labs in anyone's report, the grader untouched, and the
// reference still at full marks. Also: the sweep that checks every
// submission's uid does find and remove what a uid leaves, and a grader
// without root keeps the private root and the empty network.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <random>
#include <regex>
#include <sstream>
#include <sys/file.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ipc/fd.hpp"
#include "ipc/privilege.hpp"
#include "ipc/process.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysvipc.hpp"
#include "ipc/temp_dir.hpp"
#include "labs/grader.hpp"
#include "uid_sweep.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path hostile_dir = fs::path(IPC_SOURCE_DIR) / "tests" / "hostile";
const fs::path pipe_lab = fs::path(IPC_SOURCE_DIR) / "labs" / "pipe";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The test's own listener on the host's loopback: an attempt that reached
// the host's network would be waiting in its backlog.
struct HostListener {
    ipc::Fd fd{::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)};
    int port = 0;
    HostListener() {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        REQUIRE(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd.get(), 8) == 0);
        REQUIRE(::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port = ntohs(a.sin_port);
    }
    bool reached() const { return ipc::Fd(::accept(fd.get(), nullptr, nullptr)).get() >= 0; }
};

// What the attempts are aimed at, and what the host checks afterwards.
struct Targets {
    std::string mark = "ipc-claims-hostile-" + std::to_string(::getpid());  // every file written outside
    std::string secret = "neighbour-secret-" + std::to_string(std::random_device{}());
    key_t lock_key = static_cast<key_t>(0x5a000000 | (::getpid() & 0xffffff));
    fs::path neighbour, out;
    std::string home = std::getenv("HOME") ? std::getenv("HOME") : "/root";
    int port = 0;

    std::string header() const {
        std::ostringstream h;
        h << "/* Written by tests/hostile_test.cpp: what to attack. */\n"
          << "#define MARK \"" << mark << "\"\n"
          << "#define NEIGHBOUR_DIR \"" << neighbour.string() << "\"\n"
          << "#define NEIGHBOUR_SECRET \"secret.txt\"\n"
          << "#define REFERENCE_FILE \"" << (pipe_lab / "reference" / "pipe_demo.c").string() << "\"\n"
          << "#define OUT_DIR \"" << out.string() << "\"\n"
          << "#define GRADER_HOME \"" << home << "\"\n"
          << "#define GRADER_PID " << ::getpid() << "\n"
          << "#define HOST_PORT " << port << "\n"
          << "#define LOCK_KEY " << lock_key << "\n";
        return h.str();
    }
};

// The submission of one attempt: its files, the shared hostile.h, target.h.
fs::path make_attempt(const std::string& name, const Targets& t, const fs::path& under) {
    const fs::path dir = under / name;
    fs::create_directories(dir);
    fs::copy(hostile_dir / name, dir, fs::copy_options::recursive);
    fs::copy_file(hostile_dir / "hostile.h", dir / "hostile.h");
    std::ofstream(dir / "target.h") << t.header();
    return dir;
}

// Processes, files in the shared temporary directories and System V
// objects of uid on the host, seen directly.
std::vector<std::string> held_by(uid_t uid) {
    std::vector<std::string> held;
    for (const fs::path dir : {"/proc", "/tmp", "/var/tmp", "/dev/shm"})
        for (const auto& e : fs::directory_iterator(dir)) {
            struct stat st {};
            if (::lstat(e.path().c_str(), &st) == 0 && st.st_uid == uid) held.push_back(e.path().string());
        }
    for (const char* kind : {"shm", "msg", "sem"})
        for (const auto& o : ipc::sysvipc_objects(kind).value_or(std::vector<ipc::SysvObject>{}))
            if (o.cuid == uid) held.push_back(std::string(kind) + " " + o.line);
    return held;
}

const std::vector<std::string> attempts = {"write_outside", "read_neighbour", "read_reference", "network",
                                           "ptrace_grader", "setuid",         "signals",        "fill_disk",
                                           "at_build_time", "hold_lock"};

}  // namespace

TEST_CASE("hostile submissions are contained, and the reference graded beside them keeps full marks") {
    if (::geteuid() != 0) {
        MESSAGE("not root: the programs would run as the grader's own uid, so there is no other uid to contain");
        return;
    }
    const ipc::TempDir temp("ipc-claims-hostile-test");
    ::chmod(temp.path().c_str(), 0755);
    const HostListener listener;
    Targets t;
    t.port = listener.port;
    t.out = fs::path(temp.path()) / "out";
    t.neighbour = fs::path(temp.path()) / "subs" / "neighbour";
    fs::create_directories(t.neighbour);
    fs::copy_file(pipe_lab / "reference" / "pipe_demo.c", t.neighbour / "pipe_demo.c");
    std::ofstream(t.neighbour / "secret.txt") << t.secret << "\n";

    std::vector<fs::path> batch{t.neighbour};
    for (const auto& a : attempts) batch.push_back(make_attempt(a, t, fs::path(temp.path()) / "subs"));
    batch.push_back(pipe_lab / "reference");  // graded after hold_lock: its locks must not hold it up

    const grading::Lab lab = grading::load_lab("pipe", pipe_lab.parent_path());
    grading::GradeOptions opt;
    opt.jobs = 3;
    opt.out_dir = t.out;
    const auto grades = grading::grade_class(lab, batch, opt);
    REQUIRE(grades.size() == batch.size());

    std::map<std::string, std::string> report;  // per submission: report.md
    for (const auto& g : grades) {
        CAPTURE(g.submission);
        report[g.submission] = slurp(t.out / g.submission / "report.md");
        // Each ran in the sandbox, and after it nothing of its uid was on the host.
        CHECK(contains(g.isolation, "IPC+PID+mount+net namespaces, private root"));
        CHECK(contains(g.isolation, "nothing of uid"));
        std::smatch uid;
        REQUIRE(std::regex_search(g.isolation, uid, std::regex("uid ([0-9]+)")));
        CHECK(held_by(static_cast<uid_t>(std::stoul(uid[1]))).empty());
        CHECK(contains(report[g.submission], "Sandbox: " + g.isolation.substr(0, 40)));
    }
    CHECK(grades.front().score == doctest::Approx(lab.max_score()));  // the neighbour
    CHECK(grades.back().score == doctest::Approx(lab.max_score()));   // the reference, graded beside them

    {  // nothing written outside is on the host
        for (const fs::path dir : {"/tmp", "/var/tmp", "/dev/shm", t.home.c_str(), t.out.c_str()})
            for (const auto& e : fs::directory_iterator(dir))
                if (contains(e.path().filename().string(), t.mark)) {
                    FAIL_CHECK("written outside, on the host: " << e.path());
                    fs::remove_all(e.path());  // leave nothing, even so
                }
        CHECK(contains(report["write_outside"], "refused: write " + t.out.string()));
        CHECK(contains(report["at_build_time"], "refused: write " + t.out.string()));
    }
    {  // no submission saw the neighbour's files or the labs
        for (const auto& e : fs::recursive_directory_iterator(t.out))
            if (e.is_regular_file()) CHECK_MESSAGE(!contains(slurp(e.path()), t.secret), e.path());
        const std::string reference_line = slurp(pipe_lab / "reference" / "pipe_demo.c").substr(0, 30);
        for (const char* who : {"read_reference", "at_build_time"}) {
            CHECK_MESSAGE(!contains(report[who], reference_line), who);
            CHECK_MESSAGE(contains(report[who], "refused: read " + (pipe_lab / "reference").string()), who);
        }
        CHECK(contains(report["read_neighbour"], "refused: read " + t.neighbour.string()));
    }
    {  // no network, AF_UNIX sockets kept
        CHECK_FALSE(listener.reached());
        const std::string& r = report["network"];
        CHECK(contains(r, "refused: connect 127.0.0.1"));
        CHECK(contains(r, "refused: connect 1.1.1.1:53 (a route out): ENETUNREACH"));
        CHECK(contains(r, "managed: listen on *:" + std::to_string(t.port)));  // not the host's port: its own network
        CHECK(contains(r, "managed: AF_UNIX socket file"));
        CHECK(contains(r, "managed: AF_UNIX abstract name"));
    }
    {  // the grader can be neither traced nor signalled, and no privilege is gained
        CHECK(contains(ipc::read_text("/proc/self/status").value_or(""), "TracerPid:\t0\n"));
        CHECK_FALSE(contains(report["ptrace_grader"], "managed: PTRACE_ATTACH"));
        CHECK(contains(report["ptrace_grader"], "refused: PTRACE_ATTACH pid 1 (1): EPERM"));
        CHECK(contains(report["signals"], "refused: kill pid 1 (the grader's supervisor): EPERM"));
        CHECK_FALSE(contains(report["signals"], "managed: kill " + std::to_string(::getpid())));
        CHECK(contains(report["setuid"], "refused: chmod u+s its own program"));
        CHECK(contains(report["setuid"], "refused: setuid(0): EPERM"));
        CHECK_FALSE(contains(report["setuid"], "euid 0"));
    }
    {  // a submission that fills the disk meets its own limits
        const std::string& r = report["fill_disk"];
        for (const char* dir : {"/tmp", "/dev/shm", "."})
            CHECK_MESSAGE(std::regex_search(r, std::regex(std::string("filled ") + dir +
                                                          " with [0-9]+ MiB in [0-9]+ files, then ENOSPC")),
                          dir);
    }
    {                                                                                 // no lock outlives its submission
        CHECK(contains(report["hold_lock"], "managed: flock(LOCK_EX) /etc/passwd"));  // while it lived
        const ipc::Fd passwd(::open("/etc/passwd", O_RDONLY | O_CLOEXEC));
        CHECK(::flock(passwd.get(), LOCK_EX | LOCK_NB) == 0);
        ::flock(passwd.get(), LOCK_UN);
        for (const auto& o : ipc::sysvipc_objects("sem").value_or(std::vector<ipc::SysvObject>{}))
            CHECK(o.key != t.lock_key);
    }
}

TEST_CASE("the sweep after a submission finds and removes what its uid left: processes, files, System V objects") {
    if (::geteuid() != 0) {
        MESSAGE("not root: no uid of its own to sweep");
        return;
    }
    const uid_t uid = 1845000000u + static_cast<uid_t>(::getpid() % 100000);
    const ipc::TempDir temp("ipc-claims-sweep-test");
    ::chmod(temp.path().c_str(), 01777);
    const fs::path file = fs::path(temp.path()) / "left.txt";
    std::ofstream(file) << "left\n";
    REQUIRE(::chown(file.c_str(), uid, uid) == 0);

    // A process of the uid that made a semaphore and waits for its pipe to close.
    int ready[2], hold[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(hold) == 0);
    ipc::Child child = ipc::Child::fork([&] {
        ::close(ready[0]);
        ::close(hold[1]);
        if (::setgid(uid) != 0 || ::setuid(uid) != 0) return 1;
        const int id = ::semget(IPC_PRIVATE, 1, 0600);
        (void)!::write(ready[1], &id, sizeof id);
        char c;
        (void)!::read(hold[0], &c, 1);
        return 0;
    });
    ::close(ready[1]);
    ::close(hold[0]);
    int sem = -1;
    REQUIRE(::read(ready[0], &sem, sizeof sem) == static_cast<ssize_t>(sizeof sem));
    ::close(ready[0]);

    const pid_t pid = child.pid();
    const auto found = grading::sweep_uid(uid, {temp.path()});
    ::close(hold[1]);
    const ipc::WaitStatus status = child.wait(std::chrono::seconds(10));
    if (::semctl(sem, 0, GETVAL) >= 0) ::semctl(sem, 0, IPC_RMID);  // the sweep missed it: leave nothing anyway

    std::string all;
    for (const auto& f : found) all += f + "\n";
    CAPTURE(all);
    CHECK(contains(all, "process " + std::to_string(pid) + " "));
    CHECK(contains(all, "(killed)"));
    CHECK(contains(all, "sem key 0x0 id " + std::to_string(sem) + " (removed)"));
    CHECK(contains(all, file.string() + " (removed)"));
    CHECK_FALSE(fs::exists(file));
    CHECK(status.signal() == SIGKILL);
    CHECK(grading::sweep_uid(uid, {temp.path()}).empty());
}

TEST_CASE("not root, the grader keeps the private root and the empty network, in a user namespace of its own") {
    if (::geteuid() != 0) {
        MESSAGE("not root: grade_test grades without root here");
        return;
    }
    // The lab copied where nobody may read it (the source tree may sit under /root).
    const ipc::TempDir temp("ipc-claims-grade-as-nobody");
    const fs::path labs = fs::path(temp.path()) / "labs", out = fs::path(temp.path()) / "out";
    fs::create_directories(labs / "pipe");
    fs::copy(pipe_lab, labs / "pipe", fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(temp.path()))
        if (e.is_directory()) fs::permissions(e.path(), fs::perms(0755));
    fs::permissions(temp.path(), fs::perms(0755));
    fs::create_directory(out);
    REQUIRE(::chown(out.c_str(), ipc::nobody_uid, ipc::nobody_gid) == 0);
    const grading::Lab lab = grading::load_lab("pipe", labs);

    ipc::Child grader = ipc::Child::fork([&] {
        if (ipc::drop_to_nobody() != 0) return 2;
        grading::GradeOptions opt;
        opt.out_dir = out;
        grading::grade_class(lab, {labs / "pipe" / "reference"}, opt);
        return 0;
    });
    REQUIRE(grader.wait(std::chrono::seconds(120)).exit_code() == 0);
    std::ifstream in(out / "reference" / "results.json");
    const auto results = nlohmann::json::parse(in);
    CHECK(results["score"].get<double>() == doctest::Approx(lab.max_score()));
    const std::string isolation = results["extra_data"]["isolation"];
    CAPTURE(isolation);
    CHECK(contains(isolation, "IPC+PID+mount+net namespaces, private root"));
    CHECK(contains(isolation, "the grader's own uid"));
    CHECK(contains(isolation, "the host's disk (unshare(CLONE_NEWNS): EPERM)"));
    CHECK(contains(isolation, "nothing swept"));
}
