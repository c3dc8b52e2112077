// Grading one submission: build its programs in the sandbox, run the lab's
// scenarios in the sandbox, judge each check from what the sandbox observed
// (judge.hpp), optionally measure coverage, and write the reports.
#include "labs/grader.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include "ipc/temp_dir.hpp"
#include "judge.hpp"
#include "labs/isolation_lost.hpp"
#include "labs/sandbox.hpp"
#include "submission_disk.hpp"
#include "uid_sweep.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Random words, so that no answer can be written down in advance.
std::vector<std::string> random_lines(std::mt19937& rng, int n, const std::string& terminator) {
    static const char* words[] = {"amber",  "basalt",  "cobalt",  "delta",   "ember",  "fjord",  "granite", "harbor",
                                  "indigo", "juniper", "kelp",    "lantern", "meadow", "nickel", "orchid",  "pebble",
                                  "quartz", "raven",   "saffron", "tundra",  "umber",  "velvet", "willow",  "zephyr"};
    std::vector<std::string> lines;
    std::uniform_int_distribution<int> word(0, std::size(words) - 1), count(2, 4), num(10, 9999);
    while (static_cast<int>(lines.size()) < n) {
        std::string line;
        for (int k = count(rng); k > 0; --k) line += std::string(words[word(rng)]) + " ";
        line += std::to_string(num(rng));
        if (!terminator.empty() && line.rfind(terminator, 0) == 0) continue;
        if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
    }
    return lines;
}

// reaper: what each child is told to do, as its argument: k >= 0 exits with
// k, -s dies of signal s; at least one of each, one exit code not 0.
std::vector<std::string> random_fates(std::mt19937& rng, int min, int max) {
    static const int signals[] = {SIGHUP, SIGINT, SIGKILL, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM};
    std::uniform_int_distribution<int> count(min, max), code(1, 99), sig(0, std::size(signals) - 1), coin(0, 1);
    std::vector<std::string> fates = {std::to_string(code(rng)), std::to_string(-signals[sig(rng)])};
    for (const int n = count(rng); static_cast<int>(fates.size()) < n;)
        fates.push_back(coin(rng) ? std::to_string(code(rng) - 1) : std::to_string(-signals[sig(rng)]));
    std::shuffle(fates.begin(), fates.end(), rng);
    return fates;
}

void write_lines(const fs::path& file, const std::vector<std::string>& lines) {
    std::ofstream out(file);
    for (const auto& l : lines) out << l << "\n";
}

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void chown_tree(const fs::path& root, uid_t uid) {
    if (::geteuid() != 0) return;
    ::chown(root.c_str(), uid, uid);
    for (auto& e : fs::recursive_directory_iterator(root)) ::lchown(e.path().c_str(), uid, uid);
}

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Builds the lab's programs in build/work, in the sandbox (a Makefile is a
// program too); true when all built. Appends to g.build_log, sets g.isolation.
bool build_programs(const Lab& lab, Grade& g, const fs::path& build, uid_t uid, bool coverage, Sandbox& sandbox) {
    copy_tree(g.dir, build / "work");
    chown_tree(build / "work", uid);
    if (!fs::is_directory(g.dir)) {
        g.build_log = "not a directory: " + g.dir.string() + "\n";
        return false;
    }
    const bool has_make = fs::exists(g.dir / "Makefile") || fs::exists(g.dir / "makefile");
    const std::string cov = coverage ? " --coverage -O0" : "";
    for (const auto& prog : lab.programs) {
        std::string cmd;
        if (has_make)
            cmd = "make " + shell_quote(prog) + (coverage ? " CC='gcc --coverage -O0' CXX='g++ --coverage -O0'" : "");
        else if (fs::exists(g.dir / (prog + ".c")))
            cmd = "gcc -std=gnu11 -Wall -g -O1" + cov + " -I. -o " + shell_quote(prog) + " " + shell_quote(prog + ".c");
        else if (fs::exists(g.dir / (prog + ".cpp")))
            cmd = "g++ -std=gnu++17 -Wall -g -O1" + cov + " -I. -o " + shell_quote(prog) + " " +
                  shell_quote(prog + ".cpp");
        else {
            g.build_log += fmt::format("{}: no Makefile, {}.c or {}.cpp in the submission\n", prog, prog, prog);
            return false;
        }
        RunSpec spec;
        spec.dir = build;
        spec.programs = {{"build " + prog, {"/bin/sh", "-c", cmd + " 2>&1"}, {}}};
        spec.trace = false;
        spec.deadline_s = 120;
        spec.grace_s = 1;
        spec.max_processes = 64;
        spec.cpu_s = 120;
        spec.memory_bytes = 4ull << 30;
        spec.file_bytes = 256ull << 20;
        spec.uid = uid;
        json r = sandbox.run(spec);
        std::string out = r["outputs"].is_array() && !r["outputs"].empty() ? r["outputs"][0].get<std::string>() : "";
        g.build_log += "$ " + cmd + "\n" + out;
        const json& p = program_proc(r, 0);
        if (p.value("exit_code", -1) != 0 || !fs::exists(build / "work" / prog)) {
            g.build_log += fmt::format("{} did not build ({})\n", prog,
                                       r.contains("error") ? r["error"].get<std::string>()
                                                           : p.value("status", std::string("no status")));
            return false;
        }
        g.isolation = r.value("isolation", std::string());
    }
    return true;
}

// Whatever the sandbox could not tell is empty, not missing.
void fill_gaps(json& r, std::size_t programs) {
    for (const char* k : {"processes", "zombies", "leftovers", "notes", "trace", "errors"})
        if (!r[k].is_array()) r[k] = json::array();
    for (const char* k : {"pipes", "pipes_created"})
        if (!r[k].is_object()) r[k] = json::object();
    for (const char* k : {"shm", "msg", "signals", "sockets"})
        if (!r[k].is_object()) r[k] = json::object();
    for (const char* k : {"shmget", "shmat", "msgsnd", "msgrcv", "rmid", "msgget"}) {
        if (!r["shm"][k].is_array()) r["shm"][k] = json::array();
        if (!r["msg"][k].is_array()) r["msg"][k] = json::array();
    }
    while (r["outputs"].size() < programs) r["outputs"].push_back("");
}

// Runs one of the lab's scenarios with the built programs of build/work.
ScenarioRun run_scenario(const Lab& lab, const Scenario& sc, const fs::path& dir, const fs::path& build, uid_t uid,
                         std::mt19937& rng, Sandbox& sandbox) {
    ScenarioRun run;
    run.name = sc.name;
    RunSpec spec;
    spec.dir = dir;
    fs::create_directories(spec.dir);
    spec.deadline_s = lab.deadline_s;
    spec.grace_s = lab.grace_s;
    spec.max_processes = lab.max_processes;
    spec.cpu_s = lab.deadline_s + 5;
    spec.uid = uid;
    spec.measure_pipe_capacity = lab.kind == "pipe-capacity";
    spec.pipe_pressure = sc.pipe_pressure;
    auto bin = [&](const std::string& p) { return (build / "work" / p).string(); };
    if (lab.kind == "relay") {
        run.input = random_lines(rng, lab.lines, lab.terminator);
        auto lines = run.input;
        lines.push_back(lab.terminator);
        write_lines(spec.dir / "input.txt", lines);
        spec.programs = {{lab.reader, {bin(lab.reader)}, {}}, {lab.writer, {bin(lab.writer)}, spec.dir / "input.txt"}};
        spec.wait_for_object = lab.mechanism;
    } else if (lab.kind == "reaper") {
        run.input = random_fates(rng, lab.children_min, lab.children_max);
        spec.programs = {{lab.programs[0], {bin(lab.programs[0])}, {}}};
        for (const auto& fate : run.input) spec.programs[0].argv.push_back(fate);
        spec.children_end_together = static_cast<int>(run.input.size());
    } else if (lab.kind == "request-reply") {
        run.input = random_lines(rng, lab.lines, "");
        write_lines(spec.dir / "input.txt", run.input);
        // A relative path, in the programs' directory: sun_path is short.
        run.socket = fmt::format("lab{}.sock", std::uniform_int_distribution<int>(1000, 9999)(rng));
        const std::string &server = lab.programs[0], &client = lab.programs[1];
        spec.programs = {{server, {bin(server), run.socket}, {}},
                         {client, {bin(client), run.socket}, spec.dir / "input.txt"}};
        spec.wait_for_path = spec.dir / "work" / run.socket;
        spec.requests_glued = true;
        spec.kill_after_first_reply = sc.server_dies;
        run.server_dies = sc.server_dies;
    } else {
        for (auto& p : lab.programs) spec.programs.push_back({p, {bin(p)}, {}});
    }
    run.r = sandbox.run(spec);
    fill_gaps(run.r, lab.programs.size());
    std::error_code ec;
    if (!run.socket.empty())
        run.socket_left = fs::symlink_status(spec.dir / "work" / run.socket, ec).type() != fs::file_type::not_found;
    return run;
}

// What the reports show of a run.
ScenarioReport scenario_report(const Lab& lab, const ScenarioRun& run) {
    const json& r = run.r;
    ScenarioReport s;
    s.name = run.name;
    s.seconds = r.value("seconds", 0.0);
    if (lab.kind == "relay") s.input = quote_lines(run.input, 20) + ", then \"" + lab.terminator + "\"";
    if (lab.kind == "request-reply")
        s.input = quote_lines(run.input, 20) + (run.server_dies ? "; the server is killed after its first reply" : "");
    if (lab.kind == "reaper") s.input = "arguments: " + quote_lines(run.input, 20);
    for (auto& n : r.value("notes", json::array())) s.notes.push_back(n.get<std::string>());
    if (r.contains("error")) s.notes.push_back(r["error"].get<std::string>());
    for (std::size_t i = 0; i < lab.programs.size() && i < r["outputs"].size(); ++i) {
        const std::string out = r["outputs"][i].get<std::string>();
        const std::string err = r.value("errors", json::array()).size() > i ? r["errors"][i].get<std::string>() : "";
        s.programs.push_back({lab.kind == "relay" ? (i == 0 ? lab.reader : lab.writer) : lab.programs[i],
                              program_proc(r, static_cast<int>(i)).value("status", std::string("not started")),
                              out.substr(0, 4000) + (err.empty() ? "" : "[stderr]\n" + err.substr(0, 2000))});
    }
    for (auto& l : r["trace"]) s.trace.push_back(l.get<std::string>());
    return s;
}

CheckResult judge_check(const Check& c, const Grade& g, bool built, const Lab& lab,
                        const std::vector<ScenarioRun>& runs) {
    CheckResult cr{c.id, c.name.empty() ? c.id : c.name, 0, c.points, ""};
    if (c.id == "builds") {
        cr.score = built ? c.points : 0;
        cr.output = built ? "all programs built" : "did not build:\n" + g.build_log;
        return cr;
    }
    if (!built) {
        cr.output = "not run: the programs did not build";
        return cr;
    }
    bool pass = true;
    for (const auto& run : runs) {
        Verdict v = judge(lab, c.id, run);
        pass &= v.pass;
        cr.output += (cr.output.empty() ? "" : "\n") + (runs.size() > 1 ? "[" + run.name + "] " : std::string()) +
                     v.why;
    }
    cr.score = pass ? c.points : 0;
    return cr;
}

// lcov's HTML report of the student's lines the scenarios ran, in out; its
// index, or empty when lcov failed.
fs::path coverage_report(const fs::path& work, const fs::path& info_file, const fs::path& out) {
    fs::create_directories(out);
    const std::string info = info_file.string();
    const std::string cmd =
        fmt::format("cd {} && lcov --quiet --capture --directory . --base-directory . --no-external --output-file {} "
                    ">{}/lcov.log 2>&1 && genhtml --quiet {} --output-directory {} >>{}/lcov.log 2>&1",
                    shell_quote(work.string()), shell_quote(info), shell_quote(out.string()), shell_quote(info),
                    shell_quote(out.string()), shell_quote(out.string()));
    return std::system(cmd.c_str()) == 0 ? out / "index.html" : fs::path();
}

}  // namespace

Grade grade_submission(const Lab& lab, const fs::path& submission, const std::string& name, const GradeOptions& opt,
                       int slot) {
    const auto t0 = std::chrono::steady_clock::now();
    Grade g;
    g.submission = name;
    g.dir = fs::absolute(submission);
    g.max_score = lab.max_score();
    g.isolation_lost = isolation_lost_here();
    constexpr std::string_view temp_prefix = "ipc-claims-grade";
    ipc::remove_orphaned_temp_dirs(temp_prefix);  // those of a grader killed with SIGKILL
    ipc::TempDir temp(temp_prefix);
    const fs::path root = temp.path();
    ::chmod(root.c_str(), 0755);
    const SubmissionDisk disk(root, 256ull << 20);
    const uid_t uid = sandbox_uid(slot);
    Sandbox sandbox;

    const fs::path build = root / "build";
    const bool built = build_programs(lab, g, build, uid, opt.coverage, sandbox);

    std::vector<ScenarioRun> runs;
    std::mt19937 rng(opt.seed ? opt.seed : std::random_device{}());
    if (built) {
        int n = 0;
        for (const auto& sc : lab.scenarios) {
            runs.push_back(run_scenario(lab, sc, root / fmt::format("run{}", ++n), build, uid, rng, sandbox));
            g.isolation = runs.back().r.value("isolation", g.isolation);
            g.scenarios.push_back(scenario_report(lab, runs.back()));
        }
    }
    g.isolation += (g.isolation.empty() ? "" : "; ") + disk.describe() + "; " +
                   sweep_after_submission(uid, {opt.out_dir});

    for (const auto& c : lab.checks) {
        g.checks.push_back(judge_check(c, g, built, lab, runs));
        g.score += g.checks.back().score;
    }

    if (opt.coverage && built && !opt.out_dir.empty())
        g.coverage_html = coverage_report(build / "work", root / "coverage.info", opt.out_dir / name / "coverage");
    if (std::getenv("IPC_LABS_KEEP")) {
        // Keep the sandbox's files to debug: moved aside, out of the TempDir's reach.
        std::error_code ignored;
        fs::rename(root, root.string() + ".kept", ignored);
    }
    g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!opt.out_dir.empty()) write_submission_reports(lab, g, opt.out_dir / name);
    return g;
}

}  // namespace grading
