// `ipc-claims bench`: bad input is one line and exit 2; a tiny bench writes a
// bench.json of schema 1 and a self-contained bench.html; --compare flags a
// figure that got worse (exit 1) and refuses emulated against real (exit 2);
// and nothing is left behind (IPC objects, processes, FIFOs), also after a
// SIGINT in the middle, and no shared memory segment after a SIGKILL. The
// bench runs in an IPC namespace of its own, so that what is left in it can
// be counted.
#include <doctest/doctest.h>

#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "bench/bench.hpp"
#include "command.hpp"
#include "ipc/io.hpp"
#include "ipc/own_namespace.hpp"
#include "ipc/pipe.hpp"
#include "ipc/process.hpp"
#include "ipc/temp_dir.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::contains;
using testing::lines_of;

namespace {

// Objects of a System V kind in the caller's IPC namespace (lines after the header).
int sysv_objects(const char* kind) {
    return std::max(0, lines_of(testing::slurp(std::string("/proc/sysvipc/") + kind)) - 1);
}

// Live processes (not zombies) whose parent is the caller.
int live_children() {
    int n = 0;
    const std::string me = std::to_string(::getpid());
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string stat = testing::slurp(e.path() / "stat");
        auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::string state, ppid;
        std::istringstream rest(stat.substr(close + 2));
        rest >> state >> ppid;
        if (ppid == me && state != "Z") ++n;
    }
    return n;
}

struct Isolated {
    int exit_code = -1;
    std::string status, output;
    int shm = -1, msg = -1, sem = -1, stray = -1;
    bool skipped = false;
};

// Shared memory segments of the caller's IPC namespace that two processes or
// more have attached (nattch, the seventh column).
int segments_shared() {
    std::istringstream table(testing::slurp("/proc/sysvipc/shm"));
    std::string line;
    std::getline(table, line);  // the header
    int n = 0;
    while (std::getline(table, line)) {
        std::istringstream columns(line);
        long long value[7] = {};
        for (auto& v : value) columns >> v;
        n += value[6] >= 2;
    }
    return n;
}

// A System V object or a FIFO directory exists in the bench's namespace and TMPDIR.
bool any_object_made(const std::string& tmp) {
    return sysv_objects("shm") + sysv_objects("sem") + sysv_objects("msg") > 0 || !fs::is_empty(tmp);
}

// A signal for the bench once a measurement is under way (when `under_way`
// holds); none when `signal` is 0.
struct Stop {
    int signal = 0;
    bool (*under_way)(const std::string& tmp) = any_object_made;
};

// An IPC sysctl of the namespace, "/proc/sys/kernel/msgmni", and its value.
using Sysctls = std::vector<std::pair<std::string, std::string>>;

// False when one cannot be written.
bool write_sysctls(const Sysctls& sysctls) {
    for (const auto& [path, value] : sysctls)
        if (!(std::ofstream(path) << value << std::flush)) return false;
    return true;
}

// Runs `ipc-claims bench ARGS` in a child that has an IPC namespace of its own
// (with `sysctls` written there) and adopts orphans (PR_SET_CHILD_SUBREAPER),
// with TMPDIR=tmp; optionally stops it with a signal in the middle of a
// measurement. Then counts what is left.
Isolated run_isolated(const std::vector<std::string>& args, const std::string& tmp, Stop stop = {},
                      const Sysctls& sysctls = {}) {
    auto report = ipc::Pipe::make(O_CLOEXEC);
    auto child = ipc::Child::fork([&] {
        report.read_end.reset();
        json r;
        if (!ipc::enter_own_ipc_namespace() || !write_sysctls(sysctls)) {
            r["skipped"] = true;
            (void)ipc::write_all(report.w(), r.dump());
            return 0;
        }
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        ::setenv("TMPDIR", tmp.c_str(), 1);
        auto out = ipc::Pipe::make(O_CLOEXEC);
        std::vector<std::string> argv{IPC_CLAIMS_BIN, "bench"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_t pid = ::fork();
        if (pid == 0) {
            ::dup2(out.w(), STDOUT_FILENO);
            ::dup2(out.w(), STDERR_FILENO);
            std::vector<char*> words;
            for (auto& w : argv) words.push_back(w.data());
            words.push_back(nullptr);
            ::execv(words[0], words.data());
            ::_exit(127);
        }
        out.write_end.reset();
        if (stop.signal) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (!stop.under_way(tmp) && std::chrono::steady_clock::now() < until) ::poll(nullptr, 0, 2);
            r["under_way_before_signal"] = stop.under_way(tmp);
            ::kill(pid, stop.signal);
        }
        std::string output;
        for (;;) {
            pollfd p{out.r(), POLLIN, 0};
            if (::poll(&p, 1, 60000) <= 0) break;
            auto part = ipc::read_some(out.r(), 65536);
            if (!part || part->empty()) break;
            output += *part;
        }
        int st = 0;
        ::waitpid(pid, &st, 0);
        r["exit_code"] = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        r["status"] = ipc::WaitStatus(st).describe();
        r["output"] = output;
        // Orphans that die with the bench (PR_SET_PDEATHSIG) take a moment
        // after it; one still alive after the deadline is a stray.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (live_children() > 0 && std::chrono::steady_clock::now() < until) ::poll(nullptr, 0, 2);
        r["stray"] = live_children();
        while (::waitpid(-1, nullptr, WNOHANG) > 0) {  // orphans that died: fine, reaped
        }
        r["shm"] = sysv_objects("shm");
        r["msg"] = sysv_objects("msg");
        r["sem"] = sysv_objects("sem");
        (void)ipc::write_all(report.w(), r.dump());
        return 0;
    });
    report.write_end.reset();
    std::string text;
    while (auto part = ipc::read_some(report.r(), 65536)) {
        if (part->empty()) break;
        text += *part;
    }
    auto status = child.wait(std::chrono::seconds(90));
    REQUIRE_MESSAGE(status.exited_with(0), status.describe());
    json r = json::parse(text);
    Isolated i;
    if (r.value("skipped", false)) {
        i.skipped = true;
        return i;
    }
    i.exit_code = r["exit_code"];
    i.status = r["status"];
    i.output = r["output"];
    i.shm = r["shm"];
    i.msg = r["msg"];
    i.sem = r["sem"];
    i.stray = r["stray"];
    if (stop.signal) CHECK_MESSAGE(r["under_way_before_signal"].get<bool>(), "no measurement was under way");
    return i;
}

bool dir_empty(const std::string& dir) { return fs::is_empty(dir); }

void check_nothing_left(const Isolated& r, const ipc::TempDir& tmp) {
    CHECK_EQ(r.shm, 0);
    CHECK_EQ(r.msg, 0);
    CHECK_EQ(r.sem, 0);
    CHECK_EQ(r.stray, 0);
    CHECK_MESSAGE(dir_empty(tmp.path()), "left in TMPDIR: " << tmp.path());
}

// A bench.json with one throughput and one latency figure.
json doc_with(double rate, double rate_spread, double p50, bool emulated = false) {
    auto summary = [](double median, double spread) {
        return json{{"reps", {median}}, {"min", median}, {"median", median}, {"max", median}, {"spread", spread}};
    };
    return {{"schema", 1},
            {"environment", {{"emulated", emulated}, {"kernel", {{"release", "x"}}}, {"time_s", 0.1}}},
            {"throughput",
             {{{"mechanism", "pipe"},
               {"size", 4096},
               {"placement", "same-cpu"},
               {"bytes_per_s", summary(rate, rate_spread)}},
              {{"mechanism", "sysv-msg"}, {"size", 65536}, {"placement", "same-cpu"}, {"na", "n/a (limit 8 KiB)"}}}},
            {"latency",
             {{{"mechanism", "pipe"},
               {"size", 64},
               {"placement", "same-cpu"},
               {"p50_ns", summary(p50, 0.02)},
               {"p99_ns", summary(2 * p50, 0.02)}}}}};
}

}  // namespace

TEST_CASE("bench: bad input is one line on stderr and exit 2, before anything runs") {
    ipc::TempDir tmp;
    const std::string file = tmp.file("a-file");
    std::ofstream(file) << "x";
    const std::vector<std::vector<std::string>> bad = {
        {"bench", "no-such-mechanism"},
        {"bench", "pipe", "--sizes", "0"},
        {"bench", "pipe", "--sizes", "12q"},
        {"bench", "pipe", "--sizes", ""},
        {"bench", "sysv-msg", "--sizes", "1M"},          // over kernel.msgmax
        {"bench", "posix-mq", "--latency-sizes", "1M"},  // over fs.mqueue.msgsize_max
        {"bench", "pipe", "--time", "0"},
        {"bench", "pipe", "--time", "-1"},
        {"bench", "pipe", "--time", "soon"},
        {"bench", "pipe", "--reps", "0"},
        {"bench", "pipe", "--placement", "everywhere"},
        {"bench", "pipe", "--out", file + "/sub"},  // under a regular file
        {"bench", "--compare", tmp.file("missing.json"), tmp.file("missing2.json")},
    };
    for (const auto& args : bad) {
        auto r = testing::ipc_claims(args, std::chrono::seconds(20));
        std::string command;
        for (const auto& a : args) command += " `" + a + "`";
        CAPTURE(command);
        CAPTURE(r.output);
        CHECK_EQ(r.exit_code, 2);
        CHECK_EQ(lines_of(r.output), 1);
        CHECK(contains(r.output, "ipc-claims bench: "));
        CHECK(r.seconds < 5);
    }
    auto r = testing::ipc_claims({"bench", "sysv-msg", "--sizes", "1M"});
    CHECK(contains(r.output, "kernel.msg"));  // the limit and where it comes from
}

TEST_CASE("bench: sizes, summaries and limits") {
    CHECK_EQ(bench::parse_size("64"), 64u);
    CHECK_EQ(bench::parse_size("4K"), 4096u);
    CHECK_EQ(bench::parse_size("4KiB"), 4096u);
    CHECK_EQ(bench::parse_size("1M"), 1048576u);
    CHECK_THROWS_AS(bench::parse_size("0"), bench::BadInput);
    CHECK_THROWS_AS(bench::parse_size("K"), bench::BadInput);
    CHECK_THROWS_AS(bench::parse_size("3T"), bench::BadInput);
    CHECK_EQ(bench::parse_sizes("1M,64,4K,64"), std::vector<std::size_t>{64, 4096, 1048576});
    CHECK_EQ(bench::size_label(65536), "64 KiB");
    auto s = bench::summarize({3, 1, 2, 10, 4});
    CHECK_EQ(s.min, 1);
    CHECK_EQ(s.median, 3);
    CHECK_EQ(s.max, 10);
    CHECK_EQ(s.spread, doctest::Approx(3.0));
    auto msgmax = bench::message_limit(bench::Mechanism::SysvMsg);
    REQUIRE(msgmax);
    CHECK(msgmax->bytes > 0);
    CHECK_FALSE(bench::message_limit(bench::Mechanism::Pipe));
}

TEST_CASE("bench: --compare flags what moved beyond the spread; worse is exit 1") {
    using bench::compare;
    // Within the floor (5%): nothing.
    auto c = compare(doc_with(1e9, 0.01, 5000), doc_with(0.97e9, 0.01, 5100));
    CHECK(c.moves.empty());
    CHECK_EQ(c.compared, 3u);  // throughput, p50, p99 (the n/a figure is not one)
    // Throughput down 20% with spreads of 2%: worse.
    c = compare(doc_with(1e9, 0.02, 5000), doc_with(0.8e9, 0.02, 5000));
    REQUIRE_EQ(c.moves.size(), 1u);
    CHECK(c.moves[0].worse);
    CHECK(c.any_worse());
    // The same move within a measured spread of 30%: not flagged.
    c = compare(doc_with(1e9, 0.3, 5000), doc_with(0.8e9, 0.02, 5000));
    CHECK(c.moves.empty());
    // Throughput up, latency down: better, not worse.
    c = compare(doc_with(1e9, 0.02, 5000), doc_with(1.5e9, 0.02, 3000));
    CHECK_EQ(c.moves.size(), 3u);
    CHECK_FALSE(c.any_worse());
    // Latency up: worse.
    c = compare(doc_with(1e9, 0.02, 5000), doc_with(1e9, 0.02, 8000));
    CHECK(c.any_worse());
    // Emulated against real: refused.
    CHECK_THROWS_AS(compare(doc_with(1e9, 0.02, 5000, true), doc_with(1e9, 0.02, 5000, false)), bench::BadInput);
    CHECK_NOTHROW(compare(doc_with(1e9, 0.02, 5000, true), doc_with(1e9, 0.02, 5000, true)));
    // A run the hypervisor disturbed (steal) is noted, not refused.
    json stolen = doc_with(1e9, 0.02, 5000);
    stolen["environment"]["steal_percent"] = 7.5;
    c = compare(doc_with(1e9, 0.02, 5000), stolen);
    REQUIRE_EQ(c.notes.size(), 1u);
    CHECK(contains(c.notes[0], "new run lost 7.5% of its CPU time to the hypervisor"));

    // The command's exit codes.
    ipc::TempDir tmp;
    auto put = [&](const std::string& name, const json& j) {
        std::ofstream(tmp.file(name)) << j.dump();
        return tmp.file(name);
    };
    const auto old_run = put("old.json", doc_with(1e9, 0.02, 5000));
    const auto same = put("same.json", doc_with(1.01e9, 0.02, 5000));
    const auto slower = put("slower.json", doc_with(0.7e9, 0.02, 5000));
    const auto emulated = put("emulated.json", doc_with(1e9, 0.02, 5000, true));
    json other = doc_with(1e9, 0.02, 5000);
    other["schema"] = 2;
    const auto schema2 = put("schema2.json", other);
    const auto junk = put("junk.json", json{{"hello", 1}});
    CHECK_EQ(testing::ipc_claims({"bench", "--compare", old_run, same}).exit_code, 0);
    auto r = testing::ipc_claims({"bench", "--compare", old_run, slower});
    CHECK_EQ(r.exit_code, 1);
    CHECK(contains(r.output, "WORSE"));
    CHECK(contains(r.output, "throughput pipe 4 KiB same-cpu"));
    r = testing::ipc_claims({"bench", "--compare", old_run, emulated});
    CHECK_EQ(r.exit_code, 2);
    CHECK(contains(r.output, "emulated"));
    CHECK_EQ(testing::ipc_claims({"bench", "--compare", old_run, schema2}).exit_code, 2);
    CHECK_EQ(testing::ipc_claims({"bench", "--compare", old_run, junk}).exit_code, 2);
}

TEST_CASE("bench: a tiny bench of two mechanisms writes bench.json and bench.html and leaves nothing") {
    ipc::TempDir tmp, out;
    auto r = run_isolated({"pipe", "shm-futex", "fifo", "--sizes", "4K", "--latency-sizes", "64", "--time", "0.05",
                           "--reps", "2", "--out", out.path()},
                          tmp.path());
    if (r.skipped) return;  // no IPC namespace of our own here
    CAPTURE(r.output);
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(contains(r.output, "throughput pipe 4 KiB same-cpu"));
    CHECK(contains(r.output, "Round trip"));
    check_nothing_left(r, tmp);

    json doc = json::parse(testing::slurp(out.file("bench.json")));
    CHECK_EQ(doc["schema"], 1);
    const json& env = doc["environment"];
    for (const char* key :
         {"kernel", "cpus", "sysctls", "emulated", "placements", "reps", "time_s", "hypervisor", "steal_percent"})
        CHECK_MESSAGE(env.contains(key), key);
    CHECK_EQ(env["reps"], 2);
    const std::size_t placements = env["placements"].size();
    CHECK_EQ(doc["throughput"].size(), 3 * placements);
    CHECK_EQ(doc["latency"].size(), 3 * placements);
    for (const auto& f : doc["throughput"]) {
        CHECK_EQ(f["size"], 4096);
        CHECK(f["bytes_per_s"]["median"].get<double>() > 0);
        CHECK_EQ(f["bytes_per_s"]["reps"].size(), 2u);
    }
    CHECK(env["steal_percent"].get<double>() >= 0);
    for (const auto& f : doc["latency"]) {
        CHECK(f["p50_ns"]["median"].get<double>() > 0);
        CHECK(f["p99_ns"]["median"].get<double>() >= f["p50_ns"]["median"].get<double>());
    }
    const std::string html = testing::slurp(out.file("bench.html"));
    CHECK(contains(html, "<svg"));
    CHECK(contains(html, "shm-futex"));
    for (std::size_t at = html.find("http"); at != std::string::npos; at = html.find("http", at + 1))
        CHECK_MESSAGE(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0, html.substr(at, 40));  // nothing fetched
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "src="));

    // A run compared with itself: nothing worse.
    CHECK_EQ(testing::ipc_claims({"bench", "--compare", out.file("bench.json"), out.file("bench.json")}).exit_code, 0);
    fs::remove(out.file("bench.json"));
    fs::remove(out.file("bench.html"));
}

TEST_CASE("bench: --cross-check records perf bench sched pipe beside the bench's pipe round trip") {
    ipc::TempDir tmp, out;
    auto r = run_isolated({"pipe", "--sizes", "64", "--latency-sizes", "none", "--time", "0.02", "--reps", "1",
                           "--placement", "same-cpu", "--cross-check", "--out", out.path()},
                          tmp.path());
    if (r.skipped) return;
    CAPTURE(r.output);
    REQUIRE_EQ(r.exit_code, 0);
    const json cc = json::parse(testing::slurp(out.file("bench.json")))["cross_check"];
    if (cc.contains("skipped")) {
        // Without perf the check says so, naming the package.
        CHECK(contains(cc["skipped"].get<std::string>(), "linux-perf"));
        return;
    }
    REQUIRE_EQ(cc["placements"].size(), 2u);  // unset and same-cpu
    for (const auto& p : cc["placements"]) {
        CHECK(p["bench_mean_ns"]["median"].get<double>() > 0);
        CHECK(p["perf_ns_per_op"]["median"].get<double>() > 0);
        CHECK_EQ(p["perf_ns_per_op"]["reps"].size(), p["bench_mean_ns"]["reps"].size());
        CHECK(p.contains("agree_within_15_percent"));
    }
    CHECK(contains(r.output, "perf bench sched pipe"));
    check_nothing_left(r, tmp);
    fs::remove(out.file("bench.json"));
    fs::remove(out.file("bench.html"));
}

TEST_CASE("bench: a default size over a limit is shown as n/a, not measured") {
    ipc::TempDir tmp;
    auto r = run_isolated({"sysv-msg", "--latency-sizes", "none", "--time", "0.02", "--reps", "1", "--placement",
                           "same-cpu"},
                          tmp.path());
    if (r.skipped) return;
    CAPTURE(r.output);
    CHECK_EQ(r.exit_code, 0);
    CHECK(contains(r.output, "n/a (limit"));
    check_nothing_left(r, tmp);
}

TEST_CASE(
    "bench: a mechanism whose objects cannot be made is reported unavailable, with why; the others are measured") {
    ipc::TempDir tmp, out;
    auto r = run_isolated({"pipe", "sysv-msg", "--sizes", "4K", "--latency-sizes", "64", "--time", "0.02", "--reps",
                           "2", "--placement", "same-cpu", "--out", out.path()},
                          tmp.path(), {}, {{"/proc/sys/kernel/msgmni", "0"}});  // msgget: ENOSPC
    if (r.skipped) return;  // no IPC namespace of our own, or its msgmni cannot be set
    CAPTURE(r.output);
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(contains(r.output, "sysv-msg is unavailable here (msgget(IPC_CREAT) failed: ENOSPC)"));
    check_nothing_left(r, tmp);
    const json doc = json::parse(testing::slurp(out.file("bench.json")));
    CHECK_EQ(doc["unavailable"], json{{"sysv-msg", "msgget(IPC_CREAT) failed: ENOSPC"}});
    for (const char* kind : {"throughput", "latency"})
        for (const auto& f : doc[kind]) {
            CAPTURE(f.dump());
            if (f["mechanism"] == "pipe") CHECK_FALSE(f.contains("na"));
            else CHECK(contains(f.value("na", ""), "unavailable here: msgget"));
        }
    CHECK(contains(testing::slurp(out.file("bench.html")),
                   "unavailable here</strong>: msgget(IPC_CREAT) failed: ENOSPC"));
    fs::remove(out.file("bench.json"));
    fs::remove(out.file("bench.html"));
}

TEST_CASE("bench: SIGINT in the middle removes every object and process") {
    for (const char* mech : {"shm-futex", "shm-sem", "fifo", "sysv-msg"}) {
        CAPTURE(mech);
        ipc::TempDir tmp;
        const std::vector<std::string> args{mech, "--sizes",         "4K",  "--time", "0.5", "--reps",
                                            "5",  "--latency-sizes", "none"};
        auto r = run_isolated(args, tmp.path(), {SIGINT});
        if (r.skipped) return;
        CAPTURE(r.output);
        CHECK_EQ(r.exit_code, 128 + SIGINT);
        CHECK(contains(r.output, "interrupted by SIGINT"));
        check_nothing_left(r, tmp);
    }
}

TEST_CASE("bench: SIGKILL in the middle leaves no shared memory segment behind") {
    // A segment is removed (IPC_RMID) as soon as it is attached: it goes with
    // the last detach, whatever ends the processes; the peer dies with the
    // bench (PR_SET_PDEATHSIG). shm-sem's semaphore set has no such end: a
    // SIGKILL leaves it, in this test's IPC namespace only.
    for (const std::string mech : {"shm-futex", "shm-spin", "shm-sem"}) {
        CAPTURE(mech);
        ipc::TempDir tmp;
        const std::vector<std::string> args{mech, "--sizes",         "4K",  "--time", "0.5", "--reps",
                                            "5",  "--latency-sizes", "none"};
        auto r = run_isolated(args, tmp.path(), {SIGKILL, [](const std::string&) { return segments_shared() > 0; }});
        if (r.skipped) return;
        CAPTURE(r.output);
        CHECK_EQ(r.status, "killed by SIGKILL");
        CHECK_EQ(r.shm, 0);
        CHECK_EQ(r.stray, 0);
    }
}
