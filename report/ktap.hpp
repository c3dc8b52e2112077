// KTAP version 1 (the kernel's Documentation/dev-tools/ktap.rst), the format
// kselftest, KernelCI and LAVA read, laid out as kunit.py prints it:
//
//   KTAP version 1
//   1..2                                one test per area
//     KTAP version 1
//     # Subtest: pipe
//     1..2                              the area's claims
//     # PIPE-04: F_GETPIPE_SZ = 65536   its evidence, before its result
//     ok 1 PIPE-04 pipe/write_blocks_when_full
//     # PIPE-06: FAIL: CHECK_EQ( 1, 2 ) is NOT correct!
//     not ok 2 PIPE-06 pipe/...
//   not ok 1 pipe                       a failed claim fails its area
//   ...
//
// PASS is "ok", SKIP "ok ... # SKIP reason", FAIL "not ok" with the reason as
// a diagnostic line, TIMEOUT and BROKEN "not ok" with KTAP's "# TIMEOUT" and
// "# ERROR" directives and their reason. An area whose claims all skipped is
// "ok ... # SKIP". Areas come in the order the run lists its cases
// (results.json keeps the catalogue's order). Several runs (kernels) are one
// more level: a test per kernel, its areas nested inside.
#pragma once
#include <string>
#include <vector>

#include "model/results.hpp"

namespace runner {

// One run: a test per area, a test case per claim.
std::string ktap_document(const RunResults& run);

// Several runs, each a test named by its label (the kernel release).
std::string ktap_document(const std::vector<std::pair<std::string, RunResults>>& runs);

// Text made safe for a KTAP description or diagnostic: one line, no '#'.
std::string ktap_text(const std::string& text);

}  // namespace runner
