// The catalogue: every claim of CLAIMS.md once, every case built and listed,
// and malformed catalogue files refused with the file and the reason.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "model/catalogue.hpp"
#include "ipc/temp_dir.hpp"

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

TEST_CASE("filters select by id, prefix and area, and refuse what matches nothing") {
    auto claims = runner::load_catalogue(IPC_BUILD_DIR "/catalogue");
    CHECK_EQ(runner::select_claims(claims, {"PIPE-04"}).size(), 1u);
    CHECK_EQ(runner::select_claims(claims, {"pipe"}).size(), runner::select_claims(claims, {"PIPE"}).size());
    CHECK_EQ(runner::select_claims(claims, {"PIPE-1"}).front().id, "PIPE-1" + std::string("0"));
    CHECK_THROWS_AS(runner::select_claims(claims, {"PIPE-99"}), std::invalid_argument);
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
