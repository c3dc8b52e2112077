// The catalogue: every claim of CLAIMS.md once, every case built and listed,
// and malformed catalogue files refused with the file and the reason.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "command.hpp"
#include "ipc/temp_dir.hpp"
#include "model/catalogue.hpp"

namespace fs = std::filesystem;

TEST_CASE("every implemented claim has its case binary, and every binary is in the catalogue") {
    auto claims = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    std::set<std::string> listed;
    for (const auto& c : claims) {
        if (!c.implemented()) continue;
        listed.insert(c.case_path());
        CHECK_MESSAGE(fs::exists(fs::path(IPC_BUILD_DIR "/cases") / c.case_path()), c.id << ": no binary");
    }
    for (auto& entry : fs::recursive_directory_iterator(IPC_BUILD_DIR "/cases")) {
        if (!entry.is_regular_file() || ::access(entry.path().c_str(), X_OK) != 0) continue;
        std::string rel = fs::relative(entry.path(), IPC_BUILD_DIR "/cases").string();
        CHECK_MESSAGE(listed.count(rel), rel << " is built but no claim names it as its case");
    }
}

TEST_CASE("the catalogue has every claim id of CLAIMS.md, and only edge claims beyond it") {
    auto claims = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    std::set<std::string> ids;
    for (const auto& c : claims) ids.insert(c.id);
    std::ifstream in(IPC_SOURCE_DIR "/../shared/CLAIMS.md");
    if (!in) return;  // shared/ is beside the clone in CI and on developers' machines only
    std::string line;
    std::set<std::string> documented;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0) continue;
        auto end = line.find(' ', 2);
        std::string id = line.substr(2, end - 2);
        if (id.find('-') == std::string::npos || id == "id") continue;
        documented.insert(id);
        CHECK_MESSAGE(ids.count(id), id << " is in CLAIMS.md but not in the catalogue");
    }
    // Claims beyond the document (the peers' checks) are edge claims.
    for (const auto& c : claims)
        if (!documented.count(c.id))
            CHECK_MESSAGE(c.kind == "edge", c.id << " is not in CLAIMS.md, so it must be kind = \"edge\"");
}

TEST_CASE("malformed catalogue files are refused with the file and the reason") {
    ipc::TempDir dir;
    auto write = [&](const std::string& text) { std::ofstream(dir.file("x.toml")) << text; };

    write("area = \"x\"\norder = 1\ntitle = \"X\"\n[[claim]]\nid = \"X-1\"\nkind = \"seed\"\nstatement = \"s\"\n");
    CHECK_EQ(runner::load_catalogue(dir.path()).size(), 1u);

    write("area = \"x\"\norder = 1\ntitle = \"X\"\n[[claim]]\nid = \"X-1\"\nkind = \"maybe\"\nstatement = \"s\"\n");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("kind must be seed, fix or edge"),
                         std::runtime_error);
    write("area = \"x\"\norder = 1\ntitle = \"X\"\n[[claim]]\nid = \"X-1\"\nkind = \"seed\"\n");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("`statement`"), std::runtime_error);
    write("area = \"x\n");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("x.toml"), std::runtime_error);
}

TEST_CASE("filters select by id, prefix, area and tag, and refuse what matches nothing") {
    auto claims = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    CHECK_EQ(runner::select_claims(claims, {"PIPE-04"}).size(), 1u);
    CHECK_EQ(runner::select_claims(claims, {"pipe"}).size(), runner::select_claims(claims, {"PIPE"}).size());
    CHECK_EQ(runner::select_claims(claims, {"PIPE-1"}).front().id, "PIPE-1" + std::string("0"));
    CHECK_THROWS_AS(runner::select_claims(claims, {"PIPE-99"}), std::invalid_argument);

    // Excluded: by id, prefix, area or tag, as an exclude or as "!X" among the filters.
    const auto pipes = runner::select_claims(claims, {"pipe"});
    CHECK_EQ(runner::select_claims(claims, {"pipe"}, {"PIPE-04"}).size(), pipes.size() - 1);
    CHECK_EQ(runner::select_claims(claims, {"pipe", "!PIPE-04"}).size(), pipes.size() - 1);
    CHECK_EQ(runner::select_claims(claims, {"!PERF-01"}).size(), claims.size() - 1);
    CHECK_EQ(runner::select_claims(claims, {}, {"pipe", "fifo"}).size(),
             claims.size() - pipes.size() - runner::select_claims(claims, {"fifo"}).size());
    const auto slow = runner::select_claims(claims, {"slow"});
    CHECK_FALSE(slow.empty());
    for (const auto& c : runner::select_claims(claims, {}, {"slow"})) CHECK_MESSAGE(!c.tagged("slow"), c.id);
    CHECK_EQ(runner::select_claims(claims, {}, {"slow"}).size(), claims.size() - slow.size());
    CHECK_THROWS_WITH_AS(runner::select_claims(claims, {"pipe"}, {"NOPE-1"}), doctest::Contains("`NOPE-1`"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(runner::select_claims(claims, {"PIPE-04"}, {"pipe"}),
                         doctest::Contains("every selected claim is excluded"), std::invalid_argument);
}

TEST_CASE("tags: timing, needs-root and slow only; every tag is a CTest label of the claim's test") {
    ipc::TempDir dir;
    auto write = [&](const std::string& tags) {
        std::ofstream(dir.file("x.toml")) << "area = \"x\"\norder = 1\ntitle = \"X\"\n[[claim]]\nid = \"X-1\"\n"
                                             "kind = \"seed\"\nstatement = \"s\"\ntags = "
                                          << tags << "\n";
    };
    write(R"(["timing", "needs-root", "slow"])");
    CHECK_EQ(runner::load_catalogue(dir.path()).front().tags, std::vector<std::string>{"timing", "needs-root", "slow"});
    write(R"(["flaky"])");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("unknown tag `flaky`"),
                         std::runtime_error);
    write("\"slow\"");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("`tags` must be a list"),
                         std::runtime_error);

    // What CTest registered from claims.toml: each tagged claim's test carries its tags.
    const auto claims = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    auto listed = testing::run_command({IPC_CTEST, "--test-dir", IPC_BUILD_DIR, "-N", "-L", "slow"});
    REQUIRE_EQ(listed.exit_code, 0);
    int tagged = 0;
    for (const auto& c : claims) {
        const bool slow = c.tagged("slow");
        if (!c.implemented()) continue;
        tagged += slow;
        CHECK_MESSAGE(testing::contains(listed.output, ": " + c.id + "\n") == slow, c.id);
    }
    CHECK(tagged > 0);
}

TEST_CASE("what a claim needs: the area's list, then the claim's; anything but strings is refused") {
    ipc::TempDir dir;
    std::ofstream(dir.file("x.toml"))
        << "area = \"x\"\norder = 1\ntitle = \"X\"\nneeds = [\"CONFIG_A\"]\n"
           "[[claim]]\nid = \"X-1\"\nkind = \"seed\"\nstatement = \"s\"\nneeds = [\"Linux 9\"]\n"
           "[[claim]]\nid = \"X-2\"\nkind = \"seed\"\nstatement = \"s\"\n";
    auto claims = runner::load_catalogue(dir.path());
    CHECK_EQ(claims[0].needs, std::vector<std::string>{"CONFIG_A", "Linux 9"});
    CHECK_EQ(claims[1].needs, std::vector<std::string>{"CONFIG_A"});
    std::ofstream(dir.file("x.toml")) << "area = \"x\"\norder = 1\ntitle = \"X\"\nneeds = \"CONFIG_A\"\n"
                                         "[[claim]]\nid = \"X-1\"\nkind = \"seed\"\nstatement = \"s\"\n";
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("list of strings"), std::runtime_error);
}

TEST_CASE("man pages and peer checks: well formed or refused, and the inventory read per area") {
    ipc::TempDir dir;
    auto claim = [&](const std::string& extra) {
        std::ofstream(dir.file("x.toml")) << "area = \"x\"\norder = 1\ntitle = \"X\"\n"
                                             "[[claim]]\nid = \"X-1\"\nkind = \"edge\"\nstatement = \"s\"\n"
                                          << extra;
    };
    claim("man = [\"msgop(2)\"]\npeers = [\"ltp:msgsnd02#EACCES\", \"gvisor:MsgqueueTest.MsgOpInvalidArgs\", "
          "\"kselftest:ipc/msgque\"]\n");
    auto claims = runner::load_catalogue(dir.path());
    CHECK_EQ(claims[0].man, std::vector<std::string>{"msgop(2)"});
    CHECK_EQ(claims[0].peers.size(), 3u);
    claim("peers = [\"msgsnd02\"]\n");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("not `msgsnd02`"), std::runtime_error);
    claim("man = [\"msgop\"]\n");
    CHECK_THROWS_WITH_AS(runner::load_catalogue(dir.path()), doctest::Contains("name(section)"), std::runtime_error);

    std::ofstream(dir.file("x.peers.tsv")) << "check\tbehaviour\nltp:msgsnd02#EACCES\tno write permission: EACCES\n"
                                              "# a comment\ngvisor:MsgqueueTest.MsgOpInvalidArgs\tbad arguments\n";
    auto checks = runner::load_peer_checks(dir.path());
    REQUIRE_EQ(checks.size(), 2u);
    CHECK_EQ(checks[0].area, "x");
    CHECK_EQ(checks[1].behaviour, "bad arguments");
    std::ofstream(dir.file("x.peers.tsv")) << "check\tbehaviour\nltp:a\tx\nltp:a\ty\n";
    CHECK_THROWS_WITH_AS(runner::load_peer_checks(dir.path()),
                         doctest::Contains("x.peers.tsv:3: ltp:a is listed twice"), std::runtime_error);
    std::ofstream(dir.file("x.peers.tsv")) << "check\tbehaviour\nltp:a\n";
    CHECK_THROWS_WITH_AS(runner::load_peer_checks(dir.path()), doctest::Contains("x.peers.tsv:2"), std::runtime_error);
}

TEST_CASE("every peer check a claim names is in the inventory, so 'N of M' counts what exists") {
    const fs::path dir = fs::path(IPC_BUILD_DIR) / "catalogue";
    std::set<std::string> inventory;
    for (const auto& c : runner::load_peer_checks(dir)) inventory.insert(c.check);
    for (const auto& c : runner::load_catalogue(dir))
        for (const auto& peer : c.peers)
            CHECK_MESSAGE(inventory.count(peer), c.id << " names " << peer << ", which no cases/*/peers.tsv lists");
}
