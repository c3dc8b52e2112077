// Grading one submission: load the lab, build the programs in the sandbox,
// run the lab's scenarios in the sandbox, and judge each check from what the
// sandbox observed.
#include "labs/grader.hpp"

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "labs/sandbox.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;

double Lab::max_score() const {
    double s = 0;
    for (const auto& c : checks) s += c.points;
    return s;
}

fs::path default_labs_root() { return IPC_LABS_DIR; }

Lab load_lab(const std::string& which, const fs::path& labs_root) {
    fs::path file = which;
    if (fs::is_directory(file)) file /= "lab.toml";
    else if (!fs::exists(file)) file = labs_root / which / "lab.toml";
    if (!fs::exists(file)) throw std::invalid_argument("no lab `" + which + "` (looked for " + file.string() + ")");
    toml::table t;
    try {
        t = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::invalid_argument(file.string() + ": " + std::string(e.description()));
    }
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
    lab.lines = t["relay"]["lines"].value_or(4);
    if (auto* arr = t["scenario"].as_array())
        for (auto& s : *arr) {
            auto* st = s.as_table();
            if (!st) continue;
            lab.scenarios.push_back({(*st)["name"].value_or(std::string("run")), (*st)["pipe_pressure"].value_or(false)});
        }
    if (lab.scenarios.empty()) lab.scenarios.push_back({"run", false});
    static const std::set<std::string> known = {"builds", "output", "exit_status", "terminates",
                                                "mechanism", "cleanup", "bounded_processes", "capacity"};
    if (auto* arr = t["check"].as_array())
        for (auto& c : *arr) {
            auto* ct = c.as_table();
            if (!ct) continue;
            Check check{(*ct)["id"].value_or(std::string()), (*ct)["name"].value_or(std::string()),
                        (*ct)["points"].value_or(0.0)};
            if (!known.count(check.id)) throw std::invalid_argument(file.string() + ": unknown check `" + check.id + "`");
            lab.checks.push_back(check);
        }
    static const std::set<std::string> kinds = {"pipe-demo", "pipe-capacity", "relay"};
    if (!kinds.count(lab.kind)) throw std::invalid_argument(file.string() + ": unknown kind `" + lab.kind + "`");
    if (lab.programs.empty() || lab.checks.empty())
        throw std::invalid_argument(file.string() + ": a lab needs programs and checks");
    return lab;
}

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::vector<std::string> text_lines(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        out.push_back(line);
    }
    return out;
}

std::string quote_lines(const std::vector<std::string>& lines, std::size_t max = 8) {
    std::string s;
    for (std::size_t i = 0; i < lines.size() && i < max; ++i) s += (i ? ", " : "") + ("\"" + lines[i] + "\"");
    if (lines.size() > max) s += fmt::format(", ... ({} in all)", lines.size());
    return s.empty() ? "nothing" : s;
}

// Random words, so that no answer can be written down in advance.
std::vector<std::string> random_lines(std::mt19937& rng, int n, const std::string& terminator) {
    static const char* words[] = {"amber", "basalt", "cobalt", "delta", "ember", "fjord", "granite", "harbor",
                                  "indigo", "juniper", "kelp", "lantern", "meadow", "nickel", "orchid", "pebble",
                                  "quartz", "raven", "saffron", "tundra", "umber", "velvet", "willow", "zephyr"};
    std::vector<std::string> lines;
    std::uniform_int_distribution<int> word(0, std::size(words) - 1), count(2, 4), num(10, 9999);
    while (static_cast<int>(lines.size()) < n) {
        std::string line;
        for (int k = count(rng); k > 0; --k) line += std::string(words[word(rng)]) + " ";
        line += std::to_string(num(rng));
        if (line.rfind(terminator, 0) == 0) continue;
        if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
    }
    return lines;
}

struct Verdict {
    bool pass = true;
    bool judged = true;  // false: could not be judged here (not charged)
    std::string why;
};

struct ScenarioRun {
    std::string name;
    json r;
    std::vector<std::string> input;  // relay: the lines sent (without the terminator)
};

const json& program_proc(const json& r, int index) {
    static const json none = json::object();
    for (const auto& p : r["processes"])
        if (p.value("program", -1) == index) return p;
    return none;
}

std::string diagnose_running(const json& r) {
    std::string s;
    for (const auto& p : r["processes"])
        if (!p.value("still_running", std::string()).empty())
            s += fmt::format("\n  - {} (pid {}): {}", p.value("comm", std::string()), p.value("pid", 0),
                             p.value("still_running", std::string()));
    return s;
}

Verdict judge_terminates(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    std::vector<std::string> running;
    for (std::size_t i = 0; i < lab.programs.size(); ++i) {
        const json& p = program_proc(r, static_cast<int>(i));
        if (!p.value("ended_by_itself", false)) running.push_back(lab.programs[i]);
    }
    if (running.empty()) return {true, true, fmt::format("all programs ended by themselves ({:.1f} s)", r.value("seconds", 0.0))};
    std::string who;
    for (auto& n : running) who += (who.empty() ? "" : ", ") + n;
    return {false, true, fmt::format("{}: {} {}{}", r.value("killed_reason", std::string("killed")), who,
                                     running.size() > 1 ? "were" : "was", diagnose_running(r))};
}

Verdict judge_exit(const Lab& lab, const ScenarioRun& s) {
    Verdict v{true, true, ""};
    int judged = 0;
    for (std::size_t i = 0; i < lab.programs.size(); ++i) {
        const json& p = program_proc(s.r, static_cast<int>(i));
        if (!p.value("ended_by_itself", false)) continue;
        ++judged;
        std::string st = p.value("status", std::string());
        v.why += fmt::format("{}{} {}", v.why.empty() ? "" : "; ", lab.programs[i], st);
        if (p.value("exit_code", -1) != 0) v.pass = false;
    }
    if (!judged) return {true, false, "not judged: no program ended by itself (see termination)"};
    return v;
}

Verdict judge_bounded(const Lab& lab, const ScenarioRun& s) {
    int refused = s.r.value("fork_refused", 0);
    if (refused == 0)
        return {true, true, fmt::format("{} fork(s), at most {} processes at once (limit {})", s.r.value("forks", 0),
                                        s.r.value("max_live", 0), lab.max_processes)};
    return {false, true, fmt::format("forks without bound: {} fork(s) made, {} refused by the limit of {} processes",
                                     s.r.value("forks", 0), refused, lab.max_processes)};
}

Verdict judge_cleanup(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    std::vector<std::string> problems;
    bool programs_ended = true;
    for (std::size_t i = 0; i < lab.programs.size(); ++i)
        programs_ended &= program_proc(r, static_cast<int>(i)).value("ended_by_itself", false);
    if (programs_ended) {
        for (const auto& z : r["zombies"]) problems.push_back("zombie while its parent lived: " + z.get<std::string>());
        for (const auto& p : r["processes"])
            if (p.value("program", -1) < 0 && !p.value("still_running", std::string()).empty())
                problems.push_back(fmt::format("{} (pid {}) was still running {:.0f} s after the programs ended, an orphan "
                                               "left behind ({}); killed",
                                               p.value("comm", std::string()), p.value("pid", 0), lab.grace_s,
                                               p.value("still_running", std::string())));
        for (const auto& o : r["leftovers"]) {
            std::string row = o.get<std::string>();
            std::string kind = row.substr(0, row.find(':'));
            problems.push_back((kind == "shm" ? "segment" : kind == "msg" ? "queue" : "semaphore set") +
                               std::string(" left behind: ") + row);
        }
    }
    if (!problems.empty()) {
        std::string why;
        for (auto& p : problems) why += (why.empty() ? "" : "\n") + p;
        return {false, true, why};
    }
    if (!programs_ended)
        return {true, false, "not judged: the programs had to be killed, so what they would have left cannot be told"};
    std::string why = "no IPC object, no process left behind";
    for (const auto& p : r["processes"])
        if (p.value("program", -1) < 0 && p.value("orphaned_s", -1.0) >= 0 && p.value("ended_by_itself", false))
            why += fmt::format("; note: {} (pid {}) outlived its parent by {:.1f} s and then ended by itself",
                               p.value("comm", std::string()), p.value("pid", 0),
                               p.value("end_s", 0.0) - p.value("orphaned_s", 0.0));
    return {true, true, why};
}

long long pid_of(const json& r, int program) { return program_proc(r, program).value("pid", -1); }

Verdict judge_output(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    if (lab.kind == "pipe-demo") {
        std::vector<std::string> got;
        for (auto& l : text_lines(r["outputs"][0].get<std::string>()))
            if (!l.empty()) got.push_back(l);
        std::vector<std::string> want(static_cast<std::size_t>(lab.count), lab.message);
        if (got == want) return {true, true, fmt::format("printed \"{}\" {} times, one per line", lab.message, lab.count)};
        long n = std::count(got.begin(), got.end(), lab.message);
        return {false, true, fmt::format("expected \"{}\" {} times, one per line; got {} of them among {} line(s): {}",
                                         lab.message, lab.count, n, got.size(), quote_lines(got))};
    }
    if (lab.kind == "pipe-capacity") {
        std::regex number("(-?[0-9]+)");
        std::string out = r["outputs"][0].get<std::string>();
        std::string last;
        for (std::sregex_iterator it(out.begin(), out.end(), number), end; it != end; ++it) last = (*it)[1];
        if (last.empty()) return {false, true, "printed no integer"};
        return {true, true, "printed " + last};
    }
    // relay: the reader echoes every line, in order, exactly once.
    std::vector<std::string> echoed;
    for (auto& l : text_lines(r["outputs"][0].get<std::string>())) {
        auto at = l.find(lab.echo_prefix);
        if (at != std::string::npos) echoed.push_back(l.substr(at + lab.echo_prefix.size()));
    }
    auto want = s.input;
    if (!echoed.empty() && echoed.back() == lab.terminator) echoed.pop_back();
    if (echoed == want)
        return {true, true, fmt::format("{} echoed all {} random lines in order, each once", lab.reader, want.size())};
    std::vector<std::string> missing, extra, dup;
    for (auto& w : want)
        if (std::find(echoed.begin(), echoed.end(), w) == echoed.end()) missing.push_back(w);
    for (auto& e : echoed) {
        if (std::find(want.begin(), want.end(), e) == want.end()) extra.push_back(e);
        else if (std::count(echoed.begin(), echoed.end(), e) > 1 &&
                 std::find(dup.begin(), dup.end(), e) == dup.end())
            dup.push_back(e);
    }
    std::string why = fmt::format("sent {}; {} echoed {}", quote_lines(want), lab.reader, quote_lines(echoed));
    if (!missing.empty()) why += "\nlost: " + quote_lines(missing);
    if (!dup.empty()) why += "\nechoed more than once: " + quote_lines(dup);
    if (!extra.empty()) why += "\nnot sent: " + quote_lines(extra);
    if (missing.empty() && dup.empty() && extra.empty()) why += "\nall lines arrived, but out of order";
    return {false, true, why};
}

Verdict judge_capacity(const Lab&, const ScenarioRun& s) {
    const json& r = s.r;
    long long arranged = r.value("pipe_capacity_arranged", -1LL);
    std::regex number("(-?[0-9]+)");
    std::string out = r["outputs"][0].get<std::string>();
    std::string last;
    for (std::sregex_iterator it(out.begin(), out.end(), number), end; it != end; ++it) last = (*it)[1];
    if (arranged <= 0) return {true, false, "not judged: the grader could not arrange a pipe size here"};
    if (last.empty()) return {false, true, fmt::format("a new pipe had {} bytes; the program printed no integer", arranged)};
    if (std::stoll(last) == arranged) return {true, true, fmt::format("printed {}, the capacity a new pipe had", last)};
    return {false, true, fmt::format("printed {}, but a new pipe had {} bytes in this run (hard-coded?)", last, arranged)};
}

Verdict judge_mechanism(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    if (lab.kind == "pipe-demo") {
        long long main = pid_of(r, 0);
        long long best = 0;
        std::string inode_used;
        for (auto& [inode, io] : r["pipes"].items()) {
            long long written_by_others = 0, read_by_main = 0;
            const json writers = io.value("writers", json::object()), readers = io.value("readers", json::object());
            for (auto& [pid, n] : writers.items())
                if (std::stoll(pid) != main) written_by_others += n.get<long long>();
            for (auto& [pid, n] : readers.items())
                if (std::stoll(pid) == main) read_by_main += n.get<long long>();
            if (written_by_others > 0 && read_by_main > best) {
                best = read_by_main;
                inode_used = inode;
            }
        }
        long long need = static_cast<long long>(lab.count) * static_cast<long long>(lab.message.size());
        if (best >= need)
            return {true, true, fmt::format("observed: a child wrote into pipe:[{}] and {} read {} bytes from it", inode_used,
                                            lab.programs[0], best)};
        long long created = 0;
        for (auto& [pid, n] : r["pipes_created"].items()) created += n.get<long long>();
        return {false, true,
                fmt::format("observed {} pipe(s) created, {} fork(s); {} read {} byte(s) from a pipe a child wrote to, "
                            "{} needed: the messages did not travel through the pipe",
                            created, r.value("forks", 0), lab.programs[0], best, need)};
    }
    if (lab.kind == "pipe-capacity") {
        long long created = 0;
        for (auto& [pid, n] : r["pipes_created"].items()) created += n.get<long long>();
        if (created) return {true, true, fmt::format("observed {} pipe(s) created", created)};
        return {false, true, "no pipe was created: the figure cannot be a measurement"};
    }
    const json& ipc = r[lab.mechanism];
    long long reader = pid_of(r, 0), writer = pid_of(r, 1);
    auto by = [&](const char* call, long long pid) {
        std::set<long long> ids;
        for (auto& e : ipc[call])
            if (e.value("pid", -1LL) == pid) ids.insert(e.value("id", -1LL));
        return ids;
    };
    if (lab.mechanism == "shm") {
        auto made = by("shmget", reader), r_at = by("shmat", reader), w_at = by("shmat", writer);
        std::vector<long long> shared;
        std::set_intersection(r_at.begin(), r_at.end(), w_at.begin(), w_at.end(), std::back_inserter(shared));
        if (!made.empty() && !shared.empty())
            return {true, true, fmt::format("observed: {} got segment {} and both {} and {} attached it", lab.reader,
                                            shared[0], lab.reader, lab.writer)};
        return {false, true, fmt::format("observed: {} shmget {} time(s); segments attached by {}: {}, by {}: {}; "
                                         "no segment was shared by both",
                                         lab.reader, made.size(), lab.reader, r_at.size(), lab.writer, w_at.size())};
    }
    // msg
    auto sent = by("msgsnd", writer), got = by("msgrcv", reader);
    std::vector<long long> shared;
    std::set_intersection(sent.begin(), sent.end(), got.begin(), got.end(), std::back_inserter(shared));
    std::size_t n_sent = 0, n_got = 0;
    for (auto& e : ipc["msgsnd"]) n_sent += e.value("pid", -1LL) == writer;
    for (auto& e : ipc["msgrcv"]) n_got += e.value("pid", -1LL) == reader;
    if (!shared.empty() && n_sent >= s.input.size() && n_got >= s.input.size())
        return {true, true, fmt::format("observed: {} sent {} message(s) and {} received {} on queue {}", lab.writer, n_sent,
                                        lab.reader, n_got, shared[0])};
    std::string why = fmt::format("observed: {} sent {} message(s), {} received {}; {} lines were sent", lab.writer, n_sent,
                                  lab.reader, n_got, s.input.size());
    std::set<long long> types;
    for (auto& e : ipc["msgsnd"]) types.insert(e.value("type", 0LL));
    if (!types.empty()) {
        std::string t;
        for (auto x : types) t += (t.empty() ? "" : ", ") + std::to_string(x);
        why += "; message type(s) sent: " + t;
    }
    for (const auto& p : r["processes"])
        if (p.value("program", -1) == 0 && !p.value("still_running", std::string()).empty())
            why += fmt::format("; {} was {}", lab.reader, p.value("still_running", std::string()));
    return {false, true, why};
}

Verdict judge(const Lab& lab, const std::string& id, const ScenarioRun& s) {
    if (id == "output") return judge_output(lab, s);
    if (id == "exit_status") return judge_exit(lab, s);
    if (id == "terminates") return judge_terminates(lab, s);
    if (id == "mechanism") return judge_mechanism(lab, s);
    if (id == "cleanup") return judge_cleanup(lab, s);
    if (id == "bounded_processes") return judge_bounded(lab, s);
    if (id == "capacity") return judge_capacity(lab, s);
    return {false, true, "unknown check"};
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

}  // namespace

Grade grade_submission(const Lab& lab, const fs::path& submission, const std::string& name, const GradeOptions& opt,
                       int slot) {
    const auto t0 = std::chrono::steady_clock::now();
    Grade g;
    g.submission = name;
    g.dir = fs::absolute(submission);
    g.max_score = lab.max_score();
    std::string pattern = (fs::temp_directory_path() / "ipc-claims-grade.XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
    const fs::path root = pattern;
    ::chmod(root.c_str(), 0755);
    const uid_t uid = sandbox_uid(slot);

    // Build, in the sandbox: a Makefile is a program too.
    const fs::path build = root / "build";
    copy_tree(g.dir, build / "work");
    chown_tree(build / "work", uid);
    bool built = fs::is_directory(g.dir);
    if (!built) g.build_log = "not a directory: " + g.dir.string() + "\n";
    const bool has_make = fs::exists(g.dir / "Makefile") || fs::exists(g.dir / "makefile");
    const std::string cov = opt.coverage ? " --coverage -O0" : "";
    for (const auto& prog : lab.programs) {
        if (!built) break;
        std::string cmd;
        if (has_make)
            cmd = "make " + shell_quote(prog) +
                  (opt.coverage ? " CC='gcc --coverage -O0' CXX='g++ --coverage -O0'" : "");
        else if (fs::exists(g.dir / (prog + ".c")))
            cmd = "gcc -std=gnu11 -Wall -g -O1" + cov + " -I. -o " + shell_quote(prog) + " " + shell_quote(prog + ".c");
        else if (fs::exists(g.dir / (prog + ".cpp")))
            cmd = "g++ -std=gnu++17 -Wall -g -O1" + cov + " -I. -o " + shell_quote(prog) + " " + shell_quote(prog + ".cpp");
        else {
            g.build_log += fmt::format("{}: no Makefile, {}.c or {}.cpp in the submission\n", prog, prog, prog);
            built = false;
            break;
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
        json r = run_sandboxed(spec);
        std::string out = r["outputs"].is_array() && !r["outputs"].empty() ? r["outputs"][0].get<std::string>() : "";
        g.build_log += "$ " + cmd + "\n" + out;
        const json& p = program_proc(r, 0);
        bool ok = p.value("exit_code", -1) == 0 && fs::exists(build / "work" / prog);
        if (!ok) {
            g.build_log += fmt::format("{} did not build ({})\n", prog,
                                       r.contains("error") ? r["error"].get<std::string>()
                                                           : p.value("status", std::string("no status")));
            built = false;
            break;
        }
        g.isolation = r.value("isolation", std::string());
    }

    // Run the scenarios.
    std::vector<ScenarioRun> runs;
    std::mt19937 rng(opt.seed ? opt.seed : std::random_device{}());
    if (built) {
        int n = 0;
        for (const auto& sc : lab.scenarios) {
            ScenarioRun run;
            run.name = sc.name;
            RunSpec spec;
            spec.dir = root / fmt::format("run{}", ++n);
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
                std::ofstream in(spec.dir / "input.txt");
                for (auto& l : run.input) in << l << "\n";
                in << lab.terminator << "\n";
                in.close();
                spec.programs = {{lab.reader, {bin(lab.reader)}, {}},
                                 {lab.writer, {bin(lab.writer)}, spec.dir / "input.txt"}};
                spec.wait_for_object = lab.mechanism;
            } else {
                for (auto& p : lab.programs) spec.programs.push_back({p, {bin(p)}, {}});
            }
            run.r = run_sandboxed(spec);
            // Whatever the sandbox could not tell is empty, not missing.
            for (const char* k : {"processes", "zombies", "leftovers", "notes", "trace", "errors"})
                if (!run.r[k].is_array()) run.r[k] = json::array();
            for (const char* k : {"pipes", "pipes_created"})
                if (!run.r[k].is_object()) run.r[k] = json::object();
            for (const char* k : {"shm", "msg"})
                if (!run.r[k].is_object()) run.r[k] = json::object();
            for (const char* k : {"shmget", "shmat", "msgsnd", "msgrcv", "rmid", "msgget"}) {
                if (!run.r["shm"][k].is_array()) run.r["shm"][k] = json::array();
                if (!run.r["msg"][k].is_array()) run.r["msg"][k] = json::array();
            }
            while (run.r["outputs"].size() < lab.programs.size()) run.r["outputs"].push_back("");
            g.isolation = run.r.value("isolation", g.isolation);
            std::string notes = fmt::format("### Scenario: {} ({:.1f} s)\n", sc.name, run.r.value("seconds", 0.0));
            if (!run.input.empty()) notes += "Input lines: " + quote_lines(run.input, 20) + ", then \"" + lab.terminator + "\"\n";
            for (auto& n2 : run.r.value("notes", json::array())) notes += "- " + n2.get<std::string>() + "\n";
            if (run.r.contains("error")) notes += "- " + run.r["error"].get<std::string>() + "\n";
            for (std::size_t i = 0; i < lab.programs.size() && i < run.r["outputs"].size(); ++i) {
                std::string name_i = lab.kind == "relay" ? (i == 0 ? lab.reader : lab.writer) : lab.programs[i];
                std::string out = run.r["outputs"][i].get<std::string>();
                std::string err = run.r.value("errors", json::array()).size() > i ? run.r["errors"][i].get<std::string>() : "";
                const json& p = program_proc(run.r, static_cast<int>(i));
                notes += fmt::format("\n{} ({}):\n```\n{}{}```\n", name_i, p.value("status", std::string("not started")),
                                     out.substr(0, 4000), err.empty() ? "" : "[stderr]\n" + err.substr(0, 2000));
            }
            if (!run.r["trace"].empty()) {
                notes += "\nObserved (ptrace):\n```\n";
                for (auto& l : run.r["trace"]) notes += l.get<std::string>() + "\n";
                notes += "```\n";
            }
            g.scenario_notes.push_back(notes);
            runs.push_back(std::move(run));
        }
    }

    // Judge.
    for (const auto& c : lab.checks) {
        CheckResult cr{c.id, c.name.empty() ? c.id : c.name, 0, c.points, ""};
        if (c.id == "builds") {
            cr.score = built ? c.points : 0;
            cr.output = built ? "all programs built" : "did not build:\n" + g.build_log;
        } else if (!built) {
            cr.output = "not run: the programs did not build";
        } else {
            bool pass = true;
            for (const auto& run : runs) {
                Verdict v = judge(lab, c.id, run);
                pass &= v.pass;
                cr.output += (cr.output.empty() ? "" : "\n") +
                             (runs.size() > 1 ? "[" + run.name + "] " : std::string()) + v.why;
            }
            cr.score = pass ? c.points : 0;
        }
        g.score += cr.score;
        g.checks.push_back(cr);
    }

    // Coverage: which of the student's lines the scenarios ran.
    if (opt.coverage && built && !opt.out_dir.empty()) {
        const fs::path out = opt.out_dir / name / "coverage";
        fs::create_directories(out);
        std::string info = (root / "coverage.info").string();
        std::string cmd = fmt::format(
            "cd {} && lcov --quiet --capture --directory . --base-directory . --no-external --output-file {} "
            ">{}/lcov.log 2>&1 && genhtml --quiet {} --output-directory {} >>{}/lcov.log 2>&1",
            shell_quote((build / "work").string()), shell_quote(info), shell_quote(out.string()), shell_quote(info),
            shell_quote(out.string()), shell_quote(out.string()));
        if (std::system(cmd.c_str()) == 0) g.coverage_html = out / "index.html";
    }
    std::error_code ignored;
    if (!std::getenv("IPC_LABS_KEEP")) fs::remove_all(root, ignored);  // keep the sandbox's files to debug
    g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!opt.out_dir.empty()) write_submission_reports(lab, g, opt.out_dir / name);
    return g;
}

}  // namespace grading
