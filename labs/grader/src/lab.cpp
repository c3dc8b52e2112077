// A lab's declarative file (labs/<lab>/lab.toml): its programs, how they
// are run (its kind), its scenarios and scored checks.
#include "labs/grader.hpp"

#include <set>
#include <stdexcept>

#include <toml++/toml.h>

#include "lab_file.hpp"

namespace grading {
namespace fs = std::filesystem;

double Lab::max_score() const {
    double s = 0;
    for (const auto& c : checks) s += c.points;
    return s;
}

fs::path default_labs_root() {
    // Installed, the labs are under the program's prefix (<prefix>/bin/ipc-claims,
    // <prefix>/IPC_INSTALL_DATADIR/labs); run from a build tree, the source's.
    std::error_code ec;
    const fs::path prefix = fs::read_symlink("/proc/self/exe", ec).parent_path().parent_path();
    const fs::path installed = prefix / IPC_INSTALL_DATADIR / "labs";
    return fs::is_directory(installed, ec) ? installed : fs::path(IPC_LABS_DIR);
}

Lab load_lab(const std::string& which, const fs::path& labs_root) {
    fs::path file = which;
    if (fs::is_directory(file)) file /= "lab.toml";
    else if (!fs::exists(file)) file = labs_root / which / "lab.toml";
    if (!fs::exists(file)) throw std::invalid_argument("no lab `" + which + "` (looked for " + file.string() + ")");
    const toml::table t = read_lab_file(file);  // syntax, keys and types checked (lab_file.cpp)
    Lab lab;
    lab.file = file;
    lab.name = t["name"].value_or(file.parent_path().filename().string());
    lab.title = t["title"].value_or(std::string());
    lab.section = t["section"].value_or(std::string());
    lab.kind = t["kind"].value_or(std::string());
    if (auto* arr = t["programs"].as_array())
        for (auto& p : *arr) lab.programs.push_back(p.value_or(std::string()));
    lab.deadline_s = t["deadline_s"].value_or(15.0);
    lab.grace_s = t["grace_s"].value_or(5.0);
    lab.max_processes = t["max_processes"].value_or(16);
    lab.message = t["pipe_demo"]["message"].value_or(std::string());
    lab.count = t["pipe_demo"]["count"].value_or(0);
    lab.mechanism = t["relay"]["mechanism"].value_or(std::string());
    lab.reader = t["relay"]["reader"].value_or(std::string());
    lab.writer = t["relay"]["writer"].value_or(std::string());
    lab.echo_prefix = t["relay"]["echo_prefix"].value_or(std::string("You wrote: "));
    lab.terminator = t["relay"]["terminator"].value_or(std::string("end"));
    lab.lines = t["relay"]["lines"].value_or(t["request_reply"]["lines"].value_or(4));
    lab.children_min = t["reaper"]["children_min"].value_or(4);
    lab.children_max = t["reaper"]["children_max"].value_or(6);
    if (auto* arr = t["scenario"].as_array())
        for (auto& s : *arr) {
            auto* st = s.as_table();  // lab_file.cpp's schema: an array of tables
            lab.scenarios.push_back({(*st)["name"].value_or(std::string("run")), (*st)["pipe_pressure"].value_or(false),
                                     (*st)["server_dies"].value_or(false)});
        }
    if (lab.scenarios.empty()) lab.scenarios.push_back({"run", false});
    static const std::set<std::string> known = {"builds",    "output",  "exit_status",       "terminates",
                                                "mechanism", "cleanup", "bounded_processes", "capacity"};
    if (auto* arr = t["check"].as_array())
        for (auto& c : *arr) {
            auto* ct = c.as_table();
            if (!ct) continue;
            Check check{(*ct)["id"].value_or(std::string()), (*ct)["name"].value_or(std::string()),
                        (*ct)["points"].value_or(0.0)};
            if (!known.count(check.id))
                throw std::invalid_argument(file.string() + ": unknown check `" + check.id + "`");
            lab.checks.push_back(check);
        }
    static const std::set<std::string> kinds = {"pipe-demo", "pipe-capacity", "relay", "reaper", "request-reply"};
    if (!kinds.count(lab.kind)) throw std::invalid_argument(file.string() + ": unknown kind `" + lab.kind + "`");
    if (lab.programs.empty() || lab.checks.empty())
        throw std::invalid_argument(file.string() + ": a lab needs programs and checks");
    // Fewer than three children could all be reaped by two SIGCHLDs: one
    // wait per signal would go unnoticed.
    if (lab.kind == "reaper" && (lab.children_min < 3 || lab.children_max < lab.children_min || lab.children_max > 12))
        throw std::invalid_argument(file.string() + ": [reaper] needs 3 <= children_min <= children_max <= 12");
    if (lab.kind == "request-reply" && (lab.programs.size() != 2 || lab.lines < 2))
        throw std::invalid_argument(file.string() +
                                    ": a request-reply lab has two programs (the server, then the client) and "
                                    "[request_reply] lines >= 2");
    return lab;
}

}  // namespace grading
