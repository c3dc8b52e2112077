// `ipc-claims lab check` (lab_check.hpp): what a lab's shipped submissions
// must score, and whether they do, twice.
#include "labs/lab_check.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <stdexcept>

#include <fmt/core.h>

#include "ipc/temp_dir.hpp"
#include "lab_file.hpp"

namespace grading {
namespace fs = std::filesystem;

namespace {

ShippedSubmission faulty_submission(const Lab& lab, const fs::path& dir) {
    const fs::path file = dir / "FAULT.toml";
    if (!fs::exists(file))
        throw std::invalid_argument(file.string() + ": missing (a faulty submission says what it gets wrong and "
                                                    "which checks it loses: fault = \"...\", loses = [\"...\"])");
    const toml::table t = read_toml(file);
    ShippedSubmission s{"faulty/" + dir.filename().string(), dir, t["fault"].value_or(std::string()), {}};
    for (auto&& [key, node] : t)
        if (key.str() != "fault" && key.str() != "loses")
            throw std::invalid_argument(
                fmt::format("{}: unknown key `{}` (known: fault, loses)", where(file, node), key.str()));
    if (s.fault.empty()) throw std::invalid_argument(file.string() + ": `fault` (a string) is missing");
    const toml::array* loses = t["loses"].as_array();
    if (!loses || loses->empty())
        throw std::invalid_argument(file.string() + ": `loses` (the ids of the checks it loses) is missing or empty");
    std::string checks;
    for (const auto& c : lab.checks) checks += (checks.empty() ? "" : ", ") + c.id;
    for (const auto& node : *loses) {
        const std::string id = node.value_or(std::string());
        const bool known =
            std::any_of(lab.checks.begin(), lab.checks.end(), [&](const Check& c) { return c.id == id; });
        if (!known)
            throw std::invalid_argument(fmt::format("{}: `{}` is not a check of lab {} (its checks: {})",
                                                    where(file, node), id, lab.name, checks));
        s.loses.insert(id);
    }
    return s;
}

}  // namespace

std::vector<ShippedSubmission> shipped_submissions(const Lab& lab) {
    const fs::path lab_dir = lab.file.parent_path();
    std::vector<ShippedSubmission> out;
    for (const char* full_marks : {"reference", "document"})
        if (fs::is_directory(lab_dir / full_marks)) out.push_back({full_marks, lab_dir / full_marks, "", {}});
    std::vector<fs::path> faults;
    if (fs::is_directory(lab_dir / "faulty"))
        for (const auto& e : fs::directory_iterator(lab_dir / "faulty"))
            if (e.is_directory()) faults.push_back(e.path());
    std::sort(faults.begin(), faults.end());
    for (const auto& dir : faults) out.push_back(faulty_submission(lab, dir));
    return out;
}

std::string id_list(const std::set<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : " ") + id;
    return "[" + s + "]";
}

std::set<std::string> lost_checks(const Grade& g) {
    std::set<std::string> lost;
    for (const auto& c : g.checks)
        if (c.score < c.max_score) lost.insert(c.id);
    return lost;
}

std::string grade_mismatch(const ShippedSubmission& s, const Grade& g) {
    const std::set<std::string> lost = lost_checks(g);
    if (lost == s.loses) return "";
    if (s.fault.empty()) return fmt::format("{} lost {} but must get full marks", s.name, id_list(lost));
    return fmt::format("{} lost {} but FAULT.toml says {}", s.name, id_list(lost), id_list(s.loses));
}

std::vector<std::string> LabCheck::problems() const {
    std::vector<std::string> all;
    for (const auto& s : submissions) all.insert(all.end(), s.problems.begin(), s.problems.end());
    return all;
}

LabCheck check_lab(const Lab& lab, const LabCheckOptions& options) {
    const std::vector<ShippedSubmission> shipped = shipped_submissions(lab);
    LabCheck check;
    if (shipped.empty() || !shipped.front().fault.empty()) {
        check.submissions.push_back({"reference",
                                     {},
                                     {},
                                     {"no reference/: a lab needs a submission that gets "
                                      "full marks"}});
        if (shipped.empty()) return check;
    }
    // Both gradings at once: every submission, then every submission again.
    std::vector<fs::path> dirs;
    for (int round = 0; round < 2; ++round)
        for (const auto& s : shipped) dirs.push_back(s.dir);
    std::optional<ipc::TempDir> temp;
    if (options.out_dir.empty()) temp.emplace("ipc-claims-lab-check");
    GradeOptions grading;
    grading.jobs = options.jobs;
    grading.out_dir = options.out_dir.empty() ? fs::path(temp->path()) : options.out_dir;
    grading.seed = options.seed ? options.seed : std::random_device{}() % (1u << 30) + 1;
    check.first_seed = grading.seed;
    check.second_seed = grading.seed + static_cast<unsigned>(shipped.size());
    const std::vector<Grade> grades = grade_class(lab, dirs, grading);

    for (std::size_t i = 0; i < shipped.size(); ++i) {
        SubmissionCheck s{shipped[i].name, grades[i], grades[i + shipped.size()], {}};
        if (std::string m = grade_mismatch(shipped[i], s.first); !m.empty()) s.problems.push_back(m);
        const std::set<std::string> lost1 = lost_checks(s.first), lost2 = lost_checks(s.second);
        if (s.first.score != s.second.score || lost1 != lost2)
            s.problems.push_back(fmt::format("{} is not graded the same twice: {:g} / {:g} with seed {}, {:g} / {:g} "
                                             "with seed {} (lost {} then {})",
                                             s.name, s.first.score, s.first.max_score, check.first_seed + i,
                                             s.second.score, s.second.max_score, check.second_seed + i, id_list(lost1),
                                             id_list(lost2)));
        check.submissions.push_back(std::move(s));
    }
    return check;
}

}  // namespace grading
