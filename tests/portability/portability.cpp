// The portability matrix (issue 16): the whole suite under one condition,
// every claim's verdict compared with the expectations file.
//
//   portability CONDITION EXPECTED.toml [--out DIR]
//
// CONDITION is one of
//   idle     `ipc-claims run -j 2` as root on this host, nothing else added
//   loaded   the same while stress-ng keeps every CPU this process may use busy
//   one_cpu  the same with the runner and the cases confined to one CPU
//   nobody   the runner as uid/gid 65534 (setpriv), no supplementary groups
//   userns   the runner as uid 65534 in a user namespace of its own, mapped
//            to root there (`unshare --user --map-root-user`): root with
//            capabilities only inside the namespace, one uid mapped
//   gvisor   `--runtime gvisor`: each case in a runsc sandbox
//   tcg_6_1  `--kernel kernels/vmlinuz-6.1.*` under qemu's TCG (no KVM)
//
// A claim's expected verdict is PASS unless the file's table for the
// condition names it: `[gvisor] "FIFO-04" = { verdict = "FAIL", why = "..." }`.
// A verdict other than the expected one, in either direction, fails with the
// claim, both verdicts and the tail of the case's output. The whole file is
// checked every time: an unknown condition, a claim the catalogue does not
// have, PASS written out, a missing `why` fail every condition.
//
// Exit 0: every verdict as expected. 1: a verdict differs, the file is
// wrong, or the run did not complete. 77 (CTest's SKIP_RETURN_CODE): the
// condition cannot be made here (a tool, root or the kernel image missing),
// with the reason on the first line.
//
// The runner's results.json and report.md are kept in --out (default
// <build>/portability/CONDITION) for `ipc-claims diff`.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sched.h>
#include <set>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <thread>
#include <sys/wait.h>
#include <toml++/toml.h>
#include <unistd.h>
#include <vector>

// The harness's checks are doctest's: its implementation, without its main.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

// tests/support/command.hpp: run_command, compiled in (test_support brings doctest's main).
#include "model/catalogue.hpp"
#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "model/results.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int skip_code = 77;
const std::vector<std::string> known_conditions = {"idle",   "loaded", "one_cpu", "nobody",
                                                   "userns", "gvisor", "tcg_6_1"};
const std::set<std::string> difference_verdicts = {"FAIL", "SKIP", "BROKEN", "TIMEOUT"};

[[noreturn]] void skip(const std::string& why) {
    std::cout << "SKIP: " << why << std::endl;
    std::exit(skip_code);
}

struct Expectation {
    std::string verdict;
    std::string why;
};
// condition -> claim -> the verdict that differs from PASS there, and why.
using Expectations = std::map<std::string, std::map<std::string, Expectation>>;

Expectations read_expectations(const fs::path& file, const std::vector<runner::Claim>& catalogue,
                               std::vector<std::string>& problems) {
    std::map<std::string, const runner::Claim*> by_id;
    for (const auto& c : catalogue) by_id[c.id] = &c;
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << e.source().begin;
        problems.push_back(file.string() + ":" + where.str() + ": " + std::string(e.description()));
        return {};
    }
    Expectations out;
    for (const auto& [condition_key, node] : doc) {
        const std::string condition(condition_key.str());
        if (std::find(known_conditions.begin(), known_conditions.end(), condition) == known_conditions.end()) {
            problems.push_back("[" + condition +
                               "] is not a condition (idle, loaded, one_cpu, nobody, userns, gvisor, tcg_6_1)");
            continue;
        }
        const toml::table* table = node.as_table();
        if (!table) {
            problems.push_back(condition + " must be a table: [" + condition + "]");
            continue;
        }
        for (const auto& [claim_key, value] : *table) {
            const std::string claim(claim_key.str());
            const std::string where = "[" + condition + "] \"" + claim + "\"";
            auto found = by_id.find(claim);
            if (found == by_id.end()) {
                problems.push_back(where + ": no such claim in the catalogue");
                continue;
            }
            if (!found->second->implemented()) {
                problems.push_back(where + ": the claim has no case, so it has no verdict");
                continue;
            }
            const toml::table* e = value.as_table();
            if (!e) {
                problems.push_back(where + " must be { verdict = \"FAIL\", why = \"...\" }");
                continue;
            }
            for (const auto& [key, ignored] : *e)
                if (key.str() != "verdict" && key.str() != "why")
                    problems.push_back(where + ": unknown key " + std::string(key.str()) + " (verdict, why)");
            auto verdict = e->get_as<std::string>("verdict");
            auto why = e->get_as<std::string>("why");
            if (!verdict || !difference_verdicts.count(verdict->get())) {
                problems.push_back(
                    where + ": verdict must be FAIL, SKIP, BROKEN or TIMEOUT (PASS is the default, not a difference)");
                continue;
            }
            if (!why || why->get().find_first_not_of(" \t") == std::string::npos) {
                problems.push_back(where + ": no why: a difference is recorded with its reason");
                continue;
            }
            out[condition][claim] = {verdict->get(), why->get()};
        }
    }
    return out;
}

std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = std::string(path ? path : "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
    std::istringstream in(dirs);
    for (std::string dir; std::getline(in, dir, ':');)
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return dir + "/" + name;
    return "";
}

std::string last_lines(const std::string& text, std::size_t n, const std::string& indent) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::string out;
    for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i)
        out += indent + lines[i] + "\n";
    return out;
}

std::vector<int> allowed_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        for (int i = 0; i < CPU_SETSIZE; ++i)
            if (CPU_ISSET(i, &set)) cpus.push_back(i);
    return cpus;
}

// The 6.1 image scripts/check fetches ($IPC_CLAIMS_KERNELS or <source>/kernels), the newest if several.
fs::path kernel_6_1() {
    const char* env = std::getenv("IPC_CLAIMS_KERNELS");
    const fs::path dir = env ? env : fs::path(IPC_SOURCE_DIR) / "kernels";
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind("vmlinuz-6.1.", 0) == 0) found.push_back(e.path());
    std::sort(found.begin(), found.end());
    return found.empty() ? fs::path() : found.back();
}

// The runner, its catalogue and its cases where uid 65534 can read them (the
// build tree may sit under /root), and an output directory it owns.
struct Copy {
    std::string runner, catalogue, cases, out;
};

Copy copy_for_nobody(const fs::path& top) {
    Copy c{(top / "ipc-claims").string(), (top / "catalogue").string(), (top / "cases").string(),
           (top / "out").string()};
    fs::copy(IPC_CLAIMS_BIN, c.runner);
    fs::copy(IPC_BUILD_DIR "/catalogue", c.catalogue, fs::copy_options::recursive);
    for (auto it = fs::recursive_directory_iterator(IPC_BUILD_DIR "/cases"); it != fs::recursive_directory_iterator();
         ++it) {
        if (it->is_directory() && it->path().filename() == "CMakeFiles") {
            it.disable_recursion_pending();
            continue;
        }
        const fs::path to = fs::path(c.cases) / fs::relative(it->path(), IPC_BUILD_DIR "/cases");
        if (it->is_directory()) fs::create_directories(to);
        else if (it->is_regular_file() && (it->status().permissions() & fs::perms::owner_exec) != fs::perms::none)
            fs::copy_file(it->path(), to);
    }
    for (auto& e : fs::recursive_directory_iterator(top))
        if (e.is_directory()) fs::permissions(e.path(), fs::perms(0755));
    fs::permissions(top, fs::perms(0755));
    fs::create_directory(c.out);
    if (::chown(c.out.c_str(), 65534, 65534) != 0) throw std::runtime_error("chown " + c.out + " failed");
    return c;
}

// stress-ng on every CPU this process may use, in a process group of its
// own, with a deadline of its own in case this program is killed first.
class Load {
public:
    Load(const std::string& stress_ng, int cpus, std::chrono::seconds deadline) {
        pid_ = ::fork();
        if (pid_ == 0) {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            const std::string n = std::to_string(cpus), t = std::to_string(deadline.count()) + "s";
            ::execl(stress_ng.c_str(), "stress-ng", "--cpu", n.c_str(), "--timeout", t.c_str(), "--quiet",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (pid_ > 0) ::setpgid(pid_, pid_);
        group_ = pid_;
    }
    Load(const Load&) = delete;
    Load& operator=(const Load&) = delete;
    ~Load() { stop(); }

    // How it ended before it was stopped, or "" while it still runs.
    std::string ended_early() {
        if (pid_ <= 0) return "stress-ng could not be started";
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) != pid_) return "";
        pid_ = 0;
        return WIFEXITED(status) ? "stress-ng exited with code " + std::to_string(WEXITSTATUS(status))
                                 : "stress-ng was killed by signal " + std::to_string(WTERMSIG(status));
    }

    // SIGTERM to the group (stress-ng stops its workers), then SIGKILL to
    // whatever of the group is left after 5 s.
    void stop() {
        if (group_ <= 0) return;
        ::kill(-group_, SIGTERM);
        for (int i = 0; i < 50 && pid_ > 0; ++i) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = 0;
            else std::this_thread::sleep_for(100ms);
        }
        ::kill(-group_, SIGKILL);
        if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
        pid_ = group_ = 0;
    }

private:
    pid_t pid_ = -1;
    pid_t group_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string out_dir;
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--out") {
            out_dir = args[i + 1];
            args.erase(args.begin() + i, args.begin() + i + 2);
            break;
        }
    if (args.size() != 2 ||
        std::find(known_conditions.begin(), known_conditions.end(), args[0]) == known_conditions.end()) {
        std::cerr << "usage: portability idle|loaded|one_cpu|nobody|userns|gvisor|tcg_6_1 EXPECTED.toml [--out DIR]\n";
        return 2;
    }
    const std::string condition = args[0];
    const fs::path expected_file = args[1];
    if (out_dir.empty()) out_dir = IPC_BUILD_DIR "/portability/" + condition;

    // The expectations first: a wrong file fails wherever it is read.
    const auto catalogue = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    std::vector<std::string> problems;
    Expectations all = read_expectations(expected_file, catalogue, problems);
    if (!problems.empty()) {
        std::cout << "portability." << condition << ": " << expected_file.string() << " is wrong:\n";
        for (const auto& p : problems) std::cout << "  " << p << "\n";
        return 1;
    }
    const auto& expected = all[condition];

    // What the condition needs; without it the test is skipped, never passed.
    const bool root = ::geteuid() == 0;
    if (!root)
        skip(condition == "userns" || condition == "nobody"
                 ? "becoming uid 65534 needs root"
                 : "the expectations are root's (" + expected_file.filename().string() +
                       "); run as root, or see portability.userns and portability.nobody");
    const std::string setpriv = find_program("setpriv"), unshare = find_program("unshare");
    const std::string stress_ng = find_program("stress-ng"), runsc = find_program("runsc");
    const std::string qemu = find_program("qemu-system-x86_64");
    const fs::path kernel = condition == "tcg_6_1" ? kernel_6_1() : fs::path();
    if ((condition == "nobody" || condition == "userns") && setpriv.empty())
        skip("setpriv (util-linux) is not installed");
    if (condition == "userns" && unshare.empty()) skip("unshare (util-linux) is not installed");
    if (condition == "loaded" && stress_ng.empty()) skip("stress-ng is not installed (Debian's stress-ng)");
    if (condition == "gvisor" && runsc.empty()) skip("runsc is not installed (Debian's runsc)");
    if (condition == "tcg_6_1" && qemu.empty()) skip("qemu-system-x86_64 is not installed (Debian's qemu-system-x86)");
    if (condition == "tcg_6_1" && kernel.empty())
        skip("no kernels/vmlinuz-6.1.* (scripts/fetch-kernels kernels bookworm, as scripts/check does)");

    ipc::TempDir temp;
    const fs::path top = temp.path();
    Copy tree{IPC_CLAIMS_BIN, IPC_BUILD_DIR "/catalogue", IPC_BUILD_DIR "/cases", (top / "out").string()};
    std::vector<std::string> prefix;
    const std::vector<std::string> as_nobody = {setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"};
    std::string namespace_map;
    if (condition == "nobody" || condition == "userns") {
        tree = copy_for_nobody(top);
        prefix = as_nobody;
    }
    if (condition == "userns") {
        const std::vector<std::string> enter = {unshare, "--user", "--map-root-user"};
        prefix.insert(prefix.end(), enter.begin(), enter.end());
        // The same command, asked what it gets: uid 0 mapped to 65534, nothing else.
        std::vector<std::string> probe = prefix;
        probe.insert(probe.end(), {"/bin/cat", "/proc/self/uid_map"});
        auto r = testing::run_command(probe, 10s);
        if (r.exit_code != 0)
            skip("unprivileged user namespaces are not available here (kernel.unprivileged_userns_clone, "
                 "AppArmor or user.max_user_namespaces): " +
                 last_lines(r.output, 1, ""));
        std::istringstream words(r.output);
        std::string inside, outside, count;
        words >> inside >> outside >> count;
        namespace_map = inside + " -> " + outside + " (" + count + ")";
        if (inside != "0" || outside != "65534") {
            std::cout << "portability.userns: the namespace maps " << r.output << " not 0 to 65534\n";
            return 1;
        }
    }

    std::vector<std::string> argv_run = prefix;
    argv_run.insert(argv_run.end(), {tree.runner, "--catalogue", tree.catalogue, "--cases", tree.cases, "run"});
    std::chrono::seconds deadline = 300s;
    fs::path results = fs::path(tree.out) / "results.json";
    if (condition == "gvisor") {
        argv_run.insert(argv_run.end(), {"--runtime", "gvisor", "-j", "2"});
        deadline = 540s;
    } else if (condition == "tcg_6_1") {
        // The whole suite takes about 90 s in the guest; the runner reports a
        // guest that outlives its own deadline, with the console's tail.
        argv_run.insert(argv_run.end(), {"--accel", "tcg", "--kernel-timeout", "240", "--kernel", kernel.string()});
        deadline = 270s;
        results = fs::path(tree.out) / kernel.filename().string().substr(8) / "results.json";
    } else {
        argv_run.insert(argv_run.end(), {"-j", "2"});
    }
    argv_run.insert(argv_run.end(), {"--out", tree.out});

    std::string held;  // what was done to make the condition, for the summary
    std::optional<Load> load;
    const auto cpus = allowed_cpus();
    if (condition == "loaded") {
        load.emplace(stress_ng, static_cast<int>(cpus.size()), deadline + 30s);
        std::this_thread::sleep_for(500ms);  // its workers started and spinning
        held = "stress-ng --cpu " + std::to_string(cpus.size());
    }
    if (condition == "one_cpu") {
        // The runner and every case inherit this process's affinity.
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpus.front(), &one);
        if (::sched_setaffinity(0, sizeof one, &one) != 0) {
            std::cout << "portability.one_cpu: sched_setaffinity to CPU " << cpus.front() << " failed\n";
            return 1;
        }
        held = "runner and cases on CPU " + std::to_string(cpus.front()) + " only";
    }
    if (condition == "userns") held = "user namespace mapping " + namespace_map;

    auto r = testing::run_command(argv_run, deadline);
    if (condition == "tcg_6_1" && testing::contains(r.output, "within the kernel's deadline")) {
        // As tests/kernel_test.cpp: a guest that stalls under TCG (rare, never
        // reproduced) says nothing about the claims; one more boot, shown.
        std::cout << "the guest stalled under TCG; booting once more. First attempt:\n"
                  << last_lines(r.output, 30, "  | ");
        fs::remove_all(tree.out);
        fs::create_directory(tree.out);
        r = testing::run_command(argv_run, deadline);
    }
    std::string load_lost;
    if (load) {
        load_lost = load->ended_early();
        load->stop();
    }

    std::cout << "portability." << condition << ": `ipc-claims run` " << r.status << " after "
              << static_cast<int>(r.seconds) << " s" << (held.empty() ? "" : "; " + held) << "\n";
    if (!load_lost.empty()) {
        std::cout << "the load was not held through the run: " << load_lost << "\n";
        return 1;
    }
    runner::RunResults run;
    try {
        run = runner::read_results_file(results);
    } catch (const std::exception& e) {
        std::cout << "no results: " << e.what() << "\nthe runner's last lines:\n" << last_lines(r.output, 40, "  | ");
        return 1;
    }

    // The condition really held, as the run's own environment records it.
    const auto& env = run.environment;
    auto env_says = [&](bool ok, const std::string& what) {
        if (!ok) problems.push_back("the run's environment does not show the condition: " + what);
    };
    if (condition == "nobody")
        env_says(env.value("uid", -1) == 65534, "uid " + env.value("uid", nlohmann::json()).dump());
    if (condition == "userns" || condition == "idle" || condition == "loaded" || condition == "one_cpu")
        env_says(env.value("uid", -1) == 0, "uid " + env.value("uid", nlohmann::json()).dump());
    const std::string runtime = env.contains("runtime") ? env["runtime"].value("name", "native") : "native";
    env_says(runtime == (condition == "gvisor" ? "gvisor" : "native"), "runtime " + runtime);
    if (condition == "tcg_6_1") {
        env_says(env.contains("vm") && env["vm"].value("accel", "") == "tcg",
                 "vm " + env.value("vm", nlohmann::json()).dump());
        env_says(env.contains("kernel") && env["kernel"].value("release", "") == kernel.filename().string().substr(8),
                 "kernel " + env.value("kernel", nlohmann::json()).dump());
    }

    // Every claim with a case: its verdict against the expected one.
    std::map<std::string, const runner::CaseResult*> got;
    for (const auto& c : run.cases) got[c.claim] = &c;
    int compared = 0, as_expected_differences = 0;
    std::ostringstream wrong, confirmed;
    for (const auto& claim : catalogue) {
        if (!claim.implemented()) continue;
        ++compared;
        auto e = expected.find(claim.id);
        const std::string want = e == expected.end() ? "PASS" : e->second.verdict;
        auto g = got.find(claim.id);
        if (g == got.end()) {
            wrong << "  " << claim.id << ": expected " << want << ", got no verdict (not in results.json)\n";
            continue;
        }
        const std::string have = runner::to_string(g->second->status);
        if (have == want) {
            if (e != expected.end()) {
                ++as_expected_differences;
                confirmed << "  " << claim.id << " " << have << ": " << e->second.why << "\n";
            }
            continue;
        }
        wrong << "  " << claim.id << ": expected " << want << ", got " << have << " (" << g->second->exit << ")\n";
        if (e != expected.end()) wrong << "    expected because: " << e->second.why << "\n";
        wrong << "    " << claim.case_path() << ", the end of its output:\n"
              << last_lines(g->second->output, 15, "    | ");
    }
    for (const auto& [claim, ignored] : got)
        if (std::none_of(catalogue.begin(), catalogue.end(), [&](const runner::Claim& c) { return c.id == claim; }))
            wrong << "  " << claim << ": in results.json but not in the catalogue\n";

    std::cout << compared << " claims; " << expected.size() << " differences from PASS expected here, "
              << as_expected_differences << " seen as expected\n"
              << confirmed.str();
    if (!wrong.str().empty() || !problems.empty()) {
        std::cout << "VERDICTS NOT AS EXPECTED (" << expected_file.string() << ", [" << condition << "]):\n"
                  << wrong.str();
        for (const auto& p : problems) std::cout << "  " << p << "\n";
    }

    // Kept for `ipc-claims diff` and for reading the evidence.
    std::error_code ec;
    fs::remove_all(out_dir, ec);
    fs::create_directories(out_dir, ec);
    for (const char* name : {"results.json", "report.md", "console.log"})
        if (fs::exists(results.parent_path() / name))
            fs::copy_file(results.parent_path() / name, fs::path(out_dir) / name, ec);
    std::cout << "results: " << out_dir << "/results.json\n";
    return wrong.str().empty() && problems.empty() ? 0 : 1;
}
