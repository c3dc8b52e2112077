// Run as nobody, every case passes or skips with a reason. The runner, its
// catalogue and the cases are copied to a directory nobody can read (the
// build tree may sit under /root), then run with setpriv.
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "command.hpp"
#include "ipc/temp_dir.hpp"

namespace fs = std::filesystem;

TEST_CASE("as nobody, every case passes or skips with a reason") {
    if (::geteuid() != 0) {
        MESSAGE("not root: the whole suite already runs unprivileged here");
        return;
    }
    ipc::TempDir dir;
    const fs::path top = dir.path();
    fs::copy(IPC_CLAIMS_BIN, top / "ipc-claims");
    fs::copy(IPC_BUILD_DIR "/catalogue", top / "catalogue", fs::copy_options::recursive);
    fs::copy(IPC_BUILD_DIR "/cases", top / "cases", fs::copy_options::recursive);
    for (auto& entry : fs::recursive_directory_iterator(top))
        if (entry.is_directory()) fs::permissions(entry.path(), fs::perms(0755));
    fs::permissions(top, fs::perms(0755));
    fs::create_directory(top / "out");
    REQUIRE_EQ(::chown((top / "out").c_str(), 65534, 65534), 0);

    auto r = testing::run_command({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                   (top / "ipc-claims").string(), "run", "--out", (top / "out").string()},
                                  std::chrono::minutes(5));
    INFO(r.output);
    CHECK_EQ(r.exit_code, 0);

    std::ifstream in(top / "out" / "results.json");
    REQUIRE(in);
    auto results = nlohmann::json::parse(in);
    CHECK_EQ(results["environment"]["uid"], 65534);
    for (auto& c : results["cases"]) {
        std::string status = c["verdict"];
        CHECK_MESSAGE((status == "PASS" || status == "SKIP"), c["claim"] << " as nobody: " << status << "\n"
                                                                         << c["output"].get<std::string>());
        if (status == "SKIP")
            CHECK_MESSAGE(c["output"].get<std::string>().find("SKIP: ") != std::string::npos,
                          c["claim"] << " skipped without a reason");
    }
}
