// KTAP version 1 (the kernel's Documentation/dev-tools/ktap.rst), the format
// kselftest, KernelCI and LAVA read: one test per claim, "ok" for PASS and
// SKIP (with "# SKIP reason"), "not ok" otherwise (TIMEOUT and BROKEN with
// their directive, "# TIMEOUT" / "# ERROR"). Several runs (kernels) become
// one top-level test each with the claims nested, indented two spaces.
#pragma once
#include <string>
#include <vector>

#include "model/results.hpp"

namespace runner {

// One run: "KTAP version 1", "1..N", a result line per claim.
std::string ktap_document(const RunResults& run);

// Several runs, each a subtest named by its label (the kernel release).
std::string ktap_document(const std::vector<std::pair<std::string, RunResults>>& runs);

// Text made safe for a KTAP description or diagnostic: one line, no '#'.
std::string ktap_text(const std::string& text);

}  // namespace runner
