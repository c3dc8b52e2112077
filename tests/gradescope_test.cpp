// Each lab's Gradescope autograder (`grade --export gradescope`), run as
// Gradescope runs it: unpacked in /autograder/source of a scratch root (a
// private mount namespace, the host's system directories bound read-only,
// /autograder its own), setup.sh run as root there, then run_autograder on
// the lab's reference and on each faulty submission put in
// /autograder/submission; each /autograder/results/results.json is checked
// against Gradescope's specification. setup.sh's build is the slow part: it
// runs once, in the first lab's root, and the other labs' roots take the
// grader it built (their bundles' sources are checked to be the same).
// Needs root (mount namespaces, chroot; the grader's sandbox): else SKIP (77).
#include <doctest/doctest.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <sstream>
#include <fstream>
#include <map>
#include <sched.h>
#include <set>
#include <sys/mount.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "labs/grader.hpp"
#include "labs/lab_check.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::contains;
using testing::ipc_claims;
using testing::run_command;

namespace {

const bool checked = [] {
    if (::geteuid() == 0) return true;
    std::printf("SKIP: Gradescope's layout needs root (a mount namespace, chroot) and so does the grader's sandbox\n");
    std::fflush(stdout);
    std::_Exit(77);
}();

std::vector<std::string> shipped_labs() {
    std::vector<std::string> labs;
    for (const auto& e : fs::directory_iterator(fs::path(IPC_SOURCE_DIR) / "labs"))
        if (fs::exists(e.path() / "lab.toml")) labs.push_back(e.path().filename().string());
    std::sort(labs.begin(), labs.end());
    return labs;
}

void bind(const fs::path& from, const fs::path& to, bool read_only) {
    fs::create_directories(to);
    if (::mount(from.c_str(), to.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) std::_Exit(120);
    if (read_only && ::mount(nullptr, to.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
        std::_Exit(121);
}

// In a forked child: a private mount namespace in which `root` holds the
// host's system directories (read-only; /dev, /proc, /sys and /root as they
// are: the grader's sandbox makes cgroups, ccache keeps its cache), a /tmp of
// its own and `exchange` at /exchange; then chroot there and run the script
// with bash in /autograder. Never returns.
[[noreturn]] void run_in_scratch_root(const fs::path& root, const fs::path& exchange, const std::string& script) {
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        std::_Exit(119);
    // A container's root is a mount point (Docker's, on Gradescope): bound
    // onto itself, so that the grader's sandbox can make it private there.
    if (::mount(root.c_str(), root.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) std::_Exit(118);
    for (const char* d : {"bin", "sbin", "lib", "lib32", "lib64", "libx32"}) {
        const fs::path host = fs::path("/") / d;
        if (fs::is_symlink(root / d)) continue;  // made by an earlier run in this root
        if (fs::is_symlink(host)) fs::create_symlink(fs::read_symlink(host), root / d);
        else if (fs::is_directory(host)) bind(host, root / d, true);
    }
    for (const char* d : {"usr", "etc", "var", "opt"})
        if (fs::is_directory(fs::path("/") / d)) bind(fs::path("/") / d, root / d, true);
    for (const char* d : {"dev", "proc", "sys", "root"}) bind(fs::path("/") / d, root / d, false);
    fs::create_directories(root / "tmp");
    if (::mount("tmpfs", (root / "tmp").c_str(), "tmpfs", 0, "mode=1777") != 0) std::_Exit(122);
    bind(exchange, root / "exchange", false);
    fs::create_directories(root / "autograder");
    if (::chroot(root.c_str()) != 0 || ::chdir("/autograder") != 0) std::_Exit(123);
    ::execl("/bin/bash", "bash", "-c", script.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
}

// Runs the script in the scratch root, as a child with a deadline.
ipc::Child start_in_scratch_root(const fs::path& root, const fs::path& exchange, const std::string& script) {
    fs::create_directories(root);
    return ipc::Child::fork([=]() -> int {
        ::setpgid(0, 0);
        run_in_scratch_root(root, exchange, script);
    });
}

// What Gradescope's specification asks of results.json; empty when it holds.
std::string spec_violations(const json& r) {
    static const std::set<std::string> visibilities = {"hidden", "after_due_date", "after_published", "visible"};
    std::string bad;
    auto need = [&](bool ok, const std::string& what) {
        if (!ok) bad += what + "; ";
    };
    need(r.is_object(), "not an object");
    if (!r.is_object()) return bad;
    need(r.contains("score") && r["score"].is_number(), "score is not a number");
    need(r.contains("tests") && r["tests"].is_array(), "tests is not an array");
    for (const char* k : {"execution_time", "max_score"})
        if (r.contains(k)) need(r[k].is_number(), std::string(k) + " is not a number");
    for (const char* k : {"output"})
        if (r.contains(k)) need(r[k].is_string(), std::string(k) + " is not a string");
    for (const char* k : {"visibility", "stdout_visibility"})
        if (r.contains(k)) need(r[k].is_string() && visibilities.count(r[k]), std::string(k) + " is not a visibility");
    if (!bad.empty()) return bad;
    double score = 0, max_score = 0;
    for (const auto& t : r["tests"]) {
        need(t.is_object() && t.contains("name") && t["name"].is_string(), "a test without a name");
        need(t.value("score", json()).is_number() && t.value("max_score", json()).is_number(),
             "a test without score and max_score");
        if (!bad.empty()) return bad;
        if (t.contains("output")) need(t["output"].is_string(), "a test's output is not a string");
        if (t.contains("status")) need(t["status"] == "passed" || t["status"] == "failed", "a test's status");
        if (t.contains("visibility"))
            need(t["visibility"].is_string() && visibilities.count(t["visibility"]), "a test's visibility");
        score += t["score"].get<double>();
        max_score += t["max_score"].get<double>();
    }
    need(std::abs(score - r["score"].get<double>()) < 1e-6, "score is not the sum of the tests' scores");
    if (r.contains("max_score"))
        need(std::abs(max_score - r["max_score"].get<double>()) < 1e-6, "max_score is not the sum of the tests'");
    return bad;
}

std::vector<std::string> zip_entries(const fs::path& zip) {
    auto r = run_command({"/usr/bin/unzip", "-Z1", zip.string()});
    std::vector<std::string> names;
    std::string line;
    for (std::istringstream in(r.output); std::getline(in, line);) names.push_back(line);
    return names;
}

// unzip -v's listing of everything but the lab: length, CRC and name of each file.
std::string sources_listing(const fs::path& zip) {
    return run_command({"/bin/sh", "-c",
                        "unzip -v '" + zip.string() +
                            "' | awk '$8 ~ /^ipc-claims\\/|^setup.sh$|^run_autograder$/ {print $1, $7, $8}'"})
        .output;
}

}  // namespace

TEST_CASE("each lab's Gradescope bundle, run as Gradescope runs it, grades its reference at full marks and each "
          "faulty submission at less, with a valid results.json") {
    const ipc::TempDir temp("ipc-claims-gradescope-test");
    const fs::path dir = temp.path();
    const auto labs = shipped_labs();
    REQUIRE(!labs.empty());

    // The bundles: the scripts at the root, the lab's lab.toml, none of its submissions.
    std::map<std::string, std::vector<grading::ShippedSubmission>> shipped;
    for (const auto& lab : labs) {
        CAPTURE(lab);
        const fs::path exchange = dir / "exchange" / lab;
        auto r = ipc_claims({"grade", "--export", "gradescope", lab, "--out", exchange.string()});
        REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        const auto names = zip_entries(exchange / "autograder.zip");
        for (const char* needed : {"setup.sh", "run_autograder", "lab/lab.toml", "ipc-claims/CMakeLists.txt"})
            CHECK_MESSAGE(std::find(names.begin(), names.end(), needed) != names.end(), needed);
        for (const auto& n : names)
            for (const char* secret : {"reference/", "faulty/", "document/", "FAULT.toml"})
                CHECK_MESSAGE(!contains(n, secret), n);
        shipped[lab] = grading::shipped_submissions(grading::load_lab(lab, fs::path(IPC_SOURCE_DIR) / "labs"));
        for (const auto& s : shipped[lab]) {
            const fs::path to = exchange / "submissions" / fs::path(s.name).filename();
            fs::create_directories(to);
            fs::copy(s.dir, to, fs::copy_options::recursive);
            fs::remove(to / "FAULT.toml");
        }
        const std::string listing = sources_listing(exchange / "autograder.zip");
        CHECK(contains(listing, "ipc-claims/labs/grader/src/grader.cpp"));
        CHECK_MESSAGE(listing == sources_listing(dir / "exchange" / labs.front() / "autograder.zip"),
                      "the bundles differ beyond lab/");
    }

    // setup.sh once, in the first lab's root, as root (with ccache when the
    // machine has it: CMake takes its launcher from the environment).
    const fs::path first = dir / "roots" / labs.front();
    const std::string setup =
        "set -e; cd /autograder; unzip -q /exchange/" + labs.front() +
        "/autograder.zip -d /autograder/source; cp /autograder/source/run_autograder /autograder/run_autograder; "
        "if command -v ccache >/dev/null; then export CMAKE_CXX_COMPILER_LAUNCHER=ccache "
        "CMAKE_C_COMPILER_LAUNCHER=ccache; fi; "
        "start=$(date +%s); bash /autograder/source/setup.sh > /exchange/setup.log 2>&1; "
        "echo $(( $(date +%s) - start )) > /exchange/setup.seconds";
    {
        auto child = start_in_scratch_root(first, dir / "exchange", setup);
        const auto status = child.wait(std::chrono::minutes(12));
        if (!status.exited_with(0)) ::kill(-child.pid(), SIGKILL);  // what is left of its group
        REQUIRE_MESSAGE(status.exited_with(0), status.describe()
                                                   << "\n"
                                                   << testing::slurp((dir / "exchange/setup.log").string()));
        MESSAGE("setup.sh (build of the grader) took " << testing::slurp((dir / "exchange/setup.seconds").string())
                                                       << " s");
    }

    // Every lab in a root of its own, at once; its submissions one after the other, as Gradescope would.
    std::vector<ipc::Child> runs;
    for (const auto& lab : labs) {
        const fs::path root = dir / "roots" / lab;
        if (lab != labs.front()) {
            fs::create_directories(root / "autograder/source/build");
            fs::copy_file(first / "autograder/source/build/ipc-claims", root / "autograder/source/build/ipc-claims");
        }
        std::string script =
            "cd /autograder; unzip -q -o /exchange/" + lab +
            "/autograder.zip -d /autograder/source; cp /autograder/source/run_autograder /autograder/; ";
        for (const auto& s : shipped[lab]) {
            const std::string name = fs::path(s.name).filename().string();
            const std::string from = "/exchange/" + lab + "/submissions/" + name;
            script += "rm -rf /autograder/submission /autograder/results; mkdir -p /autograder/submission "
                      "/autograder/results; cp -r " +
                      from +
                      "/. /autograder/submission/; "
                      "/autograder/run_autograder > " +
                      from +
                      ".log 2>&1; "
                      "cp /autograder/results/results.json " +
                      from + ".json; ";
        }
        runs.push_back(start_in_scratch_root(root, dir / "exchange", script));
    }
    for (auto& run : runs) {
        const auto status = run.wait(std::chrono::minutes(6));
        if (!status.exited_with(0)) ::kill(-run.pid(), SIGKILL);  // what is left of its group
        CHECK_MESSAGE(status.exited_with(0), status.describe());
    }

    for (const auto& lab : labs)
        for (const auto& s : shipped[lab]) {
            const fs::path base = dir / "exchange" / lab / "submissions" / fs::path(s.name).filename();
            CAPTURE(lab);
            CAPTURE(s.name);
            std::ifstream in(base.string() + ".json");
            const json r = json::parse(in, nullptr, false);
            INFO(testing::slurp(base.string() + ".log"));
            const std::string bad = spec_violations(r);
            REQUIRE_MESSAGE(bad.empty(), bad);
            const double max = r.value("max_score", 0.0);
            CHECK(max > 0);
            // Exactly the points of the checks its FAULT.toml names, as `lab check` wants them.
            const std::string mismatch = grading::grade_mismatch(s, grading::grade_from_gradescope(r));
            CHECK_MESSAGE(mismatch.empty(), mismatch);
        }
}
