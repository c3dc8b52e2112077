// `ipc-claims coverage` without a kernel: the archive a guest sends back
// (cpio out and in), the host's reading of counters with gcov (on a small
// program built with --coverage here, laid out as the guest lays out a
// snapshot), the per-claim differences, what every claim shares, the dark
// functions, and the pages. The run in a real gcov kernel is
// tests/kernel-coverage/check (label kernel-coverage).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "kernel_coverage/analysis.hpp"
#include "kernel_coverage/gcov_data.hpp"
#include "report/kernel_coverage.hpp"
#include "vm/cpio.hpp"

namespace fs = std::filesystem;
using namespace kcov;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string archive_of(const fs::path& root, const std::vector<std::string>& entries) {
    int fd = ::memfd_create("cpio", 0);
    runner::kernel::CpioWriter cpio(fd);
    runner::kernel::add_files(cpio, root, entries);
    cpio.finish();
    std::string bytes(cpio.bytes(), '\0');
    REQUIRE(::pread(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
    ::close(fd);
    return bytes;
}

SourceCounts source(const std::string& file, std::vector<std::pair<std::string, std::uint64_t>> calls,
                    std::map<int, std::uint64_t> lines = {}) {
    SourceCounts s;
    s.file = file;
    int line = 10;
    for (auto& [name, n] : calls) {
        s.functions.push_back({name, line, line + 5, n, static_cast<std::size_t>(line)});
        line += 10;
    }
    s.lines = std::move(lines);
    return s;
}

}  // namespace

TEST_CASE("cpio: what the guest packs comes back whole, and a hostile archive is refused") {
    ipc::TempDir dir("kcov-cpio");
    const fs::path in = fs::path(dir.path()) / "in", out = fs::path(dir.path()) / "out";
    write(in / "results.json", "{\"schema\": 1}");
    write(in / "snapshots/claims/001-PIPE-01/ipc/msg.gcda", std::string("\0\1\2gcda", 7));
    write(in / "left-out.txt", "not sent");
    const std::string bytes = archive_of(in, {"results.json", "snapshots", "anchor.json"});  // anchor.json: missing
    runner::kernel::extract_cpio(bytes, out);
    CHECK(testing::slurp(out / "results.json") == "{\"schema\": 1}");
    CHECK(testing::slurp(out / "snapshots/claims/001-PIPE-01/ipc/msg.gcda") == std::string("\0\1\2gcda", 7));
    CHECK_FALSE(fs::exists(out / "left-out.txt"));

    CHECK_THROWS_WITH_AS(runner::kernel::extract_cpio(bytes.substr(0, bytes.size() / 2), out),
                         doctest::Contains("cut short"), std::runtime_error);
    CHECK_THROWS_AS(runner::kernel::extract_cpio("not an archive", out), std::runtime_error);
    write(in / "evil/x", "x");
    std::string evil = archive_of(in, {"evil"});
    const auto at = evil.find("evil/x");
    REQUIRE(at != std::string::npos);
    evil.replace(at, 6, "../e/x");  // the same length: only the climb out is wrong
    CHECK_THROWS_WITH_AS(runner::kernel::extract_cpio(evil, out), doctest::Contains("refusing"), std::runtime_error);
}

TEST_CASE("gcov data: a snapshot laid out as the guest copies debugfs/gcov is read per function and line") {
    ipc::TempDir dir("kcov-gcov");
    const fs::path build = fs::path(dir.path()) / "build", snapshot = fs::path(dir.path()) / "snapshot";
    write(build / "ipc/fixture.c", "static int twice(int x) { return x * 2; }\n"
                                   "static int never(int x) {\n"
                                   "  return x + 1;\n"
                                   "}\n"
                                   "int main(void) { return twice(1) + twice(2) - 6; }\n");
    // Built as the kernel builds a file: from the tree's top, with a relative name.
    auto cc = testing::run_command(
        {"/bin/sh", "-c", "cd " + build.string() + " && cc --coverage -O0 -o ipc/fixture ipc/fixture.c"});
    REQUIRE_MESSAGE(cc.exit_code == 0, cc.output);
    auto run = testing::run_command({(build / "ipc/fixture").string()});
    REQUIRE(run.exit_code == 0);
    // cc names the notes after the program: rename them as the kernel's objects are named.
    for (const auto& e : fs::directory_iterator(build / "ipc")) {
        const std::string name = e.path().filename().string();
        if (name.find("fixture-fixture.") == 0) fs::rename(e.path(), build / "ipc" / name.substr(8));
    }
    REQUIRE(fs::exists(build / "ipc/fixture.gcda"));
    fs::create_directories(snapshot_tree(snapshot, build) / "ipc");
    fs::copy_file(build / "ipc/fixture.gcda", snapshot_tree(snapshot, build) / "ipc/fixture.gcda");

    const auto sources = read_snapshot(fs::relative(snapshot), fs::relative(build));  // as a user may name them
    REQUIRE(sources.size() == 1);
    const SourceCounts& s = sources[0];
    CHECK(s.file == "ipc/fixture.c");
    std::map<std::string, std::uint64_t> calls;
    for (const auto& f : s.functions) calls[f.name] = f.calls;
    CHECK(calls["twice"] == 2);
    CHECK(calls["never"] == 0);
    CHECK(calls["main"] == 1);
    CHECK(s.functions_hit() == 2);
    CHECK(s.lines.at(3) == 0);  // never's body
    CHECK(s.lines_hit() < s.lines.size());

    fs::remove(build / "ipc/fixture.gcno");
    fs::remove(snapshot_tree(snapshot, build) / "ipc/fixture.gcno");
    CHECK_THROWS_WITH_AS(read_snapshot(snapshot, build), doctest::Contains("fixture.gcno"), std::runtime_error);
    CHECK_THROWS_WITH_AS(read_snapshot(fs::path(dir.path()) / "elsewhere", build), doctest::Contains("another build"),
                         std::runtime_error);
}

TEST_CASE("analysis: a claim's functions are the differences of cumulative snapshots") {
    // Every claim's window holds the runner's own pipe_write; PIPE-01 adds
    // pipe_read, MSG-05 do_msgrcv; nobody enters do_msgsnd; the anchor does.
    const std::vector<ClaimSnapshot> claims = {
        {"PIPE-01",
         {source("fs/pipe.c", {{"pipe_write", 3}, {"pipe_read", 2}}, {{1, 3}, {2, 2}}),
          source("ipc/msg.c", {{"do_msgrcv", 0}, {"do_msgsnd", 0}, {"big_unused", 0}}, {{5, 0}})}},
        {"MSG-05",
         {source("fs/pipe.c", {{"pipe_write", 5}, {"pipe_read", 2}}, {{1, 5}, {2, 2}}),
          source("ipc/msg.c", {{"do_msgrcv", 4}, {"do_msgsnd", 0}, {"big_unused", 0}}, {{5, 4}})}},
    };
    const std::vector<SourceCounts> anchor = {
        source("ipc/msg.c", {{"do_msgrcv", 1}, {"do_msgsnd", 9}, {"big_unused", 0}})};
    const Analysis a = analyse(claims, anchor);

    CHECK(a.claims.at("PIPE-01").functions == std::vector<std::string>{"fs/pipe.c:pipe_write", "fs/pipe.c:pipe_read"});
    CHECK(a.claims.at("MSG-05").functions == std::vector<std::string>{"fs/pipe.c:pipe_write", "ipc/msg.c:do_msgrcv"});
    CHECK(a.common == std::vector<std::string>{"fs/pipe.c:pipe_write"});
    CHECK(a.claims.at("PIPE-01").only_here == 1);
    CHECK(a.claims.at("MSG-05").lines == 2);  // line 1 of pipe.c and line 5 of msg.c grew

    const auto& dark = a.summary["dark"];
    REQUIRE(dark.size() == 2);
    CHECK(dark[0]["function"] == "big_unused");  // the bigger first (lines with code)
    CHECK(dark[0]["anchor_enters"] == false);
    CHECK(dark[1]["function"] == "do_msgsnd");
    CHECK(dark[1]["anchor_enters"] == true);
    const auto& files = a.summary["files"];
    REQUIRE(files.size() == 2);
    CHECK(files[1]["file"] == "ipc/msg.c");
    CHECK(files[1]["suite"]["functions_hit"] == 1);
    CHECK(files[1]["anchor"]["functions_hit"] == 2);
    CHECK(files[0]["anchor"].is_null());  // the anchor has no counts for pipe.c here

    SUBCASE("the pages show each side and each claim's own functions") {
        runner::RunResults results;
        results.kernel_coverage = a.summary;
        results.kernel_coverage["anchor"] = nlohmann::json::array();
        runner::CaseResult r;
        r.claim = "MSG-05";
        r.status = runner::Status::Pass;
        r.kernel_functions = a.claims.at("MSG-05").functions;
        results.cases.push_back(r);
        ipc::TempDir out("kcov-pages");
        const auto pages = runner::write_kernel_coverage(out.path(), results);
        const std::string md = testing::slurp(pages.markdown);
        CHECK(testing::contains(md, "| `ipc/msg.c` | 1 | 100.0% | 0.0% | 3 | 33.3% | 66.7% |"));
        CHECK(testing::contains(md, "`ipc/msg.c:do_msgrcv`"));
        CHECK_FALSE(testing::contains(md, "`fs/pipe.c:pipe_write`"));  // common: left out per claim
        CHECK(testing::contains(testing::slurp(pages.html), "<h2>Dark: functions no claim enters</h2>"));
    }
}

TEST_CASE("coverage: bad input is refused with a clear message and exit 2") {
    ipc::TempDir dir("kcov-usage");
    auto no_tree = testing::ipc_claims({"coverage", "--kernel-build", dir.path()});
    CHECK(no_tree.exit_code == 2);
    CHECK(testing::contains(no_tree.output, "no arch/x86/boot/bzImage (build it with scripts/gcov-kernel)"));

    write(fs::path(dir.path()) / "arch/x86/boot/bzImage", "not a kernel");
    write(fs::path(dir.path()) / ".config", "CONFIG_SYSVIPC=y\n");
    auto no_gcov = testing::ipc_claims({"coverage", "--kernel-build", dir.path()});
    CHECK(no_gcov.exit_code == 2);
    CHECK(testing::contains(no_gcov.output, "no CONFIG_GCOV_KERNEL=y (not a gcov kernel)"));

    auto missing = testing::ipc_claims({"coverage"});
    CHECK(missing.exit_code == 2);
    CHECK(testing::contains(missing.output, "--kernel-build is required"));

    auto guest = testing::ipc_claims({"coverage-guest", "PIPE-01"});
    CHECK(guest.exit_code == 2);
    CHECK(testing::contains(guest.output, "runs only in the guest"));
    CHECK_FALSE(testing::contains(testing::ipc_claims({"--help"}).output, "coverage-guest"));
}
