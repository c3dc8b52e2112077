// Lab grading: a lab (labs/<name>/lab.toml) names the programs a submission
// must provide, how they are run (its kind), and scored checks. A submission
// is a directory; it is built and run in the sandbox (sandbox.hpp), and each
// check gets its points or none, with a teacher's explanation.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace grading {

struct Check {
    std::string id;    // builds, output, exit_status, terminates, mechanism, cleanup, bounded_processes, capacity
    std::string name;  // as the report shows it
    double points = 0;
};

struct Scenario {
    std::string name;
    bool pipe_pressure = false;
    bool server_dies = false;  // request-reply: the grader kills the server after its first reply
};

struct Lab {
    std::string name, title, section, kind;  // kind: pipe-demo, pipe-capacity, relay, reaper, request-reply
    std::filesystem::path file;
    std::vector<std::string> programs;
    double deadline_s = 15, grace_s = 5;
    int max_processes = 16;
    // pipe-demo
    std::string message;
    int count = 0;
    // relay
    std::string mechanism, reader, writer, echo_prefix, terminator;
    int lines = 4;  // relay and request-reply: random lines sent
    // reaper: how many children the parent is told to start (random in the range)
    int children_min = 4, children_max = 6;
    std::vector<Scenario> scenarios;
    std::vector<Check> checks;
    double max_score() const;
};

// LAB is a name under labs_root ("shm"), a lab directory or a lab.toml.
Lab load_lab(const std::string& lab, const std::filesystem::path& labs_root);
std::filesystem::path default_labs_root();

struct CheckResult {
    std::string id, name;
    double score = 0, max_score = 0;
    std::string output;  // the explanation
};

// What one scenario of the lab showed, for the reports.
struct ScenarioReport {
    struct Program {
        std::string name, status;
        std::string output;  // its standard output, then "[stderr]" and its standard error
    };
    std::string name;
    double seconds = 0;
    std::string input;               // relay: the lines sent, quoted, then the terminator ("" otherwise)
    std::vector<std::string> notes;  // what the sandbox noted, and its error if it failed
    std::vector<Program> programs;
    std::vector<std::string> trace;  // what ptrace observed, with times
};

struct Grade {
    std::string submission;  // its name in the class (directory name)
    std::filesystem::path dir;
    double score = 0, max_score = 0;
    double seconds = 0;
    std::vector<CheckResult> checks;
    std::string build_log;
    std::vector<ScenarioReport> scenarios;
    std::string isolation;
    std::vector<std::string> isolation_lost;  // what the sandbox could not have (isolation_lost.hpp)
    std::filesystem::path coverage_html;      // empty unless --coverage
};

struct GradeOptions {
    int jobs = 1;
    bool coverage = false;
    std::filesystem::path out_dir;  // per submission: out/<name>/...; class summary in out/
    unsigned seed = 0;              // 0: random
};

// Grades one submission (sandboxed), writing its reports under out_dir/<name>.
Grade grade_submission(const Lab& lab, const std::filesystem::path& submission, const std::string& name,
                       const GradeOptions& options, int slot);

// Grades many, up to options.jobs at once (one process each), writes every
// report and the class summary; grades in the order given.
std::vector<Grade> grade_class(const Lab& lab, const std::vector<std::filesystem::path>& submissions,
                               const GradeOptions& options);

// Reports: Gradescope results.json, JUnit XML, Markdown and HTML.
nlohmann::json gradescope_json(const Grade& g);
Grade grade_from_gradescope(const nlohmann::json& j);
void write_submission_reports(const Lab& lab, const Grade& g, const std::filesystem::path& dir);
void write_class_summary(const Lab& lab, const std::vector<Grade>& grades, const std::filesystem::path& out_dir);

}  // namespace grading
