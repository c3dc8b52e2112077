#include "version.hpp"

#include <fmt/core.h>

namespace app {

void print_version(const std::vector<runner::Claim>& claims) {
    long implemented = 0;
    for (const auto& c : claims) implemented += c.implemented();
    fmt::print("ipc-claims {}\ncommit {}\ncatalogue: {} claims, {} implemented\n", IPC_CLAIMS_VERSION,
               IPC_CLAIMS_COMMIT, claims.size(), implemented);
}

runner::Tool this_tool() { return {"ipc-claims", IPC_CLAIMS_VERSION, IPC_CLAIMS_COMMIT}; }

}  // namespace app
