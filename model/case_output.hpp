// What a case printed, read for people: why it did not pass, and the lines
// worth showing.
#pragma once
#include <string>

#include "model/results.hpp"

namespace runner {

// Why a case ended as it did, in one line: the reason the run recorded, or
// (a result without one) the first failed check with its values ("kernel:
// 4096  expected: 65536"), the skip or broken reason the case printed, the
// timeout. Empty for a pass.
std::string verdict_reason(const CaseResult& r);

// The last lines of a case's output (at most `lines` lines).
std::string output_tail(const std::string& output, std::size_t lines = 25);

// A failed case's output from its first failed check on (at most `lines`
// lines), so that the check and its values come whole; the last lines when
// the output shows no failed check.
std::string failure_tail(const std::string& output, std::size_t lines);

}  // namespace runner
