// The suite proves it can fail: for tests/faults/<area>.toml (named by
// $IPC_FAULTS_FILE), every [[fault]] shim, LD_PRELOADed into a case through
// `ipc-claims exec --wrap`, must make each claim in its `breaks` FAIL or
// TIMEOUT (not pass, skip or break), and every implemented claim of the area
// must be broken by some fault or listed as [[unreachable]] with a reason.
#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "catalogue.hpp"
#include "command.hpp"
#include "results.hpp"

namespace {

std::string verdict_of(int exit_code) {
    for (auto s : {runner::Status::Pass, runner::Status::Fail, runner::Status::Skip, runner::Status::Broken,
                   runner::Status::Timeout})
        if (runner::exit_code(s) == exit_code) return runner::to_string(s);
    return "exit " + std::to_string(exit_code);
}

}  // namespace

TEST_CASE("each fault makes the claims it breaks fail, and every claim has a fault") {
    const char* env = std::getenv("IPC_FAULTS_FILE");
    REQUIRE_MESSAGE(env, "set IPC_FAULTS_FILE to a tests/faults/<area>.toml");
    const std::string file = env;
    const std::string area = std::filesystem::path(file).stem();
    toml::table doc = toml::parse_file(file);

    std::map<std::string, runner::Claim> claims;
    for (auto& c : runner::load_catalogue(IPC_BUILD_DIR "/catalogue")) claims[c.id] = c;

    std::set<std::string> covered;
    auto* faults = doc["fault"].as_array();
    REQUIRE_MESSAGE(faults, file << " lists no [[fault]]");
    for (auto& node : *faults) {
        auto& fault = *node.as_table();
        const std::string shim = fault["shim"].value_or(std::string{});
        const std::string library = std::string(IPC_FAULTS_DIR) + "/" + shim + ".so";
        REQUIRE_MESSAGE(std::filesystem::exists(library), "no shim " << library);
        REQUIRE_MESSAGE(fault["why"].value<std::string>(), shim << " has no `why`");
        for (auto& id_node : *fault["breaks"].as_array()) {
            const std::string id = id_node.value_or(std::string{});
            REQUIRE_MESSAGE(claims.count(id), shim << " names unknown claim " << id);
            const auto& claim = claims[id];
            REQUIRE_MESSAGE(claim.implemented(), id << " has no case");
            auto r = testing::ipc_claims({"exec", "--quiet", "--timeout", "5", "--wrap", "env LD_PRELOAD=" + library,
                                          IPC_BUILD_DIR "/cases/" + claim.case_path()});
            std::string verdict = verdict_of(r.exit_code);
            MESSAGE(shim << " x " << id << ": " << verdict);
            CHECK_MESSAGE((verdict == "FAIL" || verdict == "TIMEOUT"),
                          "fault " << shim << " did not make " << id << " fail: " << verdict << "\n" << r.output);
            covered.insert(id);
        }
    }
    if (auto* unreachable = doc["unreachable"].as_array()) {
        for (auto& node : *unreachable) {
            auto& entry = *node.as_table();
            REQUIRE_MESSAGE(entry["why"].value<std::string>(), "an [[unreachable]] entry has no `why`");
            covered.insert(entry["claim"].value_or(std::string{}));
        }
    }
    for (auto& [id, claim] : claims)
        if (claim.area == area && claim.implemented())
            CHECK_MESSAGE(covered.count(id), id << " is implemented but no fault in " << file << " breaks it");
}
