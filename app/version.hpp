// `ipc-claims --version`: the project's version (CMake's), the git commit the
// build was configured from ("unknown" outside a git checkout), and the
// catalogue's claim count.
#pragma once
#include <vector>

#include "model/catalogue.hpp"
#include "model/results.hpp"

namespace app {

void print_version(const std::vector<runner::Claim>& claims);

// This program as results.json records it: name, version, commit.
runner::Tool this_tool();

}  // namespace app
