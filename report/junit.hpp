// JUnit XML for CI test reporters: one testcase per claim.
#pragma once
#include <filesystem>
#include <vector>

#include "model/catalogue.hpp"
#include "model/results.hpp"

namespace runner {

void write_junit(const std::filesystem::path& path, const RunResults& results, const std::vector<Claim>& claims);

}  // namespace runner
