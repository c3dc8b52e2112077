// Checking a lab as a teacher wrote it (`ipc-claims lab check DIR`): its
// lab.toml is well formed (lab_file.cpp), its reference (and document/, when
// it has one) gets full marks, each faulty/<mistake>/ loses exactly the
// checks its FAULT.toml names, and grading everything a second time, with
// other random input lines, gives the same marks.
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "labs/grader.hpp"

namespace grading {

// A submission the lab ships, and what it must lose.
struct ShippedSubmission {
    std::string name;  // as the lab's folder names it: "reference", "faulty/no_pipe"
    std::filesystem::path dir;
    std::string fault;            // FAULT.toml's `fault`; empty for a full-marks submission
    std::set<std::string> loses;  // check ids; empty for a full-marks submission
};

// The lab's reference/, document/ and faulty/*/ (in that order, faults by
// name). Throws std::invalid_argument "FILE:LINE: what" for a FAULT.toml that
// is missing, malformed, or names a check the lab does not have.
std::vector<ShippedSubmission> shipped_submissions(const Lab& lab);

// The checks a grade lost points on.
std::set<std::string> lost_checks(const Grade& g);
// Check ids as the messages write them: "[mechanism output]".
std::string id_list(const std::set<std::string>& ids);

// Empty when the grade lost exactly what the submission must lose; else what
// differs, e.g. "faulty/no_pipe lost [output] but FAULT.toml says [mechanism output]".
std::string grade_mismatch(const ShippedSubmission& s, const Grade& g);

struct LabCheckOptions {
    int jobs = 8;                   // gradings at once (each mostly waits on a deadline)
    unsigned seed = 0;              // first seed of the random input lines; 0: random
    std::filesystem::path out_dir;  // every report, the second grading as <name>-2 (empty: none kept)
};

struct SubmissionCheck {
    std::string name;  // "reference", "faulty/no_pipe"
    Grade first, second;
    std::vector<std::string> problems;  // empty: as the lab says, both times
};

struct LabCheck {
    std::vector<SubmissionCheck> submissions;
    unsigned first_seed = 0, second_seed = 0;  // of the first submission; submission i has seed + i
    std::vector<std::string> problems() const;
};

// Grades every shipped submission twice, with different seeds, all at once
// (up to options.jobs), and compares each grade with what it must be.
LabCheck check_lab(const Lab& lab, const LabCheckOptions& options);

}  // namespace grading
