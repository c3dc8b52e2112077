// The reaper kind's checks (labs/sigchld): a parent starts the children its
// arguments ask for, reaps them on SIGCHLD and prints each one's decoded
// status. The grader lets the children end together while it holds the
// parent's first SIGCHLD (sandbox.hpp, children_end_together), so that the
// signals coalesce in every run, as they may in any.
#include <regex>

#include <fmt/core.h>

#include "judge.hpp"

namespace grading {
using json = nlohmann::json;

namespace {

struct Child {
    long long pid = 0;
    std::string status;  // "exited with 3", "killed by signal 9"
    int exit_code = -1, signal = 0;
};

// The parent's children that ended by themselves, as the tracer saw them end.
std::vector<Child> children_of(const json& r, long long parent) {
    std::vector<Child> out;
    for (const auto& p : r["processes"])
        if (p.value("program", -1) < 0 && p.value("ppid", -1LL) == parent && p.value("ended_by_itself", false)) {
            Child c{p.value("pid", 0LL), "", p.value("exit_code", -1), p.value("signal", 0)};
            c.status = c.exit_code >= 0 ? fmt::format("exited with {}", c.exit_code)
                                        : fmt::format("killed by signal {}", c.signal);
            out.push_back(c);
        }
    return out;
}

// Why a line about a child is wrong, in a teacher's words.
std::string misread(const Child& c, const std::string& line) {
    const bool says_exited = line.find("exited with") != std::string::npos;
    const int raw = c.exit_code >= 0 ? c.exit_code << 8 : c.signal;
    const std::string said = fmt::format("child {} {}: printed \"{}\"", c.pid, c.status, line);
    if (c.exit_code < 0 && says_exited)
        return said + " (a child killed by a signal has no exit code: test WIFSIGNALED(status) and print "
                      "WTERMSIG(status))";
    if (raw != c.exit_code && std::regex_search(line, std::regex("\\b" + std::to_string(raw) + "\\b")))
        return said + fmt::format(" ({} is the raw wait status: decode it with WIFEXITED/WEXITSTATUS and "
                                  "WIFSIGNALED/WTERMSIG)",
                                  raw);
    return said;
}

Verdict judge_output(const ScenarioRun& s) {
    const json& r = s.r;
    const long long parent = program_proc(r, 0).value("pid", -1LL);
    const auto children = children_of(r, parent);
    const auto lines = text_lines(r["outputs"][0].get<std::string>());
    std::vector<std::string> wrong;
    if (children.size() != s.input.size())
        wrong.push_back(fmt::format("{} children were asked for (arguments {}), {} ended", s.input.size(),
                                    quote_lines(s.input), children.size()));
    // A child's line is the one whose first number is its pid (its exit code
    // may be another child's pid).
    const std::regex first_number("^\\D*(\\d+)");
    for (const auto& c : children) {
        const std::regex right("\\b" + c.status + "\\b");
        auto line = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
            std::smatch m;
            return std::regex_search(l, m, first_number) && m[1] == std::to_string(c.pid);
        });
        if (line == lines.end()) wrong.push_back(fmt::format("no line for child {} ({})", c.pid, c.status));
        else if (!std::regex_search(*line, right)) wrong.push_back(misread(c, *line));
    }
    if (wrong.empty())
        return {true, true, fmt::format("printed the status of all {} children rightly", children.size())};
    std::string why;
    for (const auto& w : wrong) why += (why.empty() ? "" : "\n") + w;
    return {false, true, why};
}

Verdict judge_mechanism(const ScenarioRun& s) {
    const json& r = s.r;
    const long long parent = program_proc(r, 0).value("pid", -1LL);
    const json signals = r.value("signals", json::object());
    int caught = 0, by_handler = 0, reaped = 0, in_handler = 0, blind = 0;
    for (const auto& c : signals.value("caught", json::array()))
        if (c.value("pid", -1LL) == parent) {
            ++caught;
            by_handler += c.value("how", std::string()) == "handler";
        }
    for (const auto& w : signals.value("reaps", json::array()))
        if (w.value("pid", -1LL) == parent) {
            ++reaped;
            in_handler += w.value("in_handler", false);
            blind += !w.value("in_handler", false) && !w.value("after_sigchld", false);
        }
    const int polls = signals.value("polls", json::object()).value(std::to_string(parent), 0);
    const std::string how = polls ? fmt::format("by polling (a wait with WNOHANG found nothing {} time(s))", polls)
                                  : "by a blocking wait";
    if (reaped == 0) return {false, true, "no wait call of the parent returned a child: the children were not reaped"};
    if (caught == 0)
        return {false, true,
                fmt::format("no SIGCHLD was caught (no handler was installed for it, nor was it waited for): the "
                            "{} children were reaped {}, not when SIGCHLD came",
                            reaped, how)};
    if (blind)
        return {false, true,
                fmt::format("{} of {} children were reaped before any SIGCHLD was caught, {}", blind, reaped, how)};
    return {true, true,
            fmt::format("observed: SIGCHLD caught {} time(s) ({} by its handler); {} children reaped, {}", caught,
                        by_handler, reaped,
                        in_handler == reaped ? "all inside the handler"
                                             : fmt::format("{} inside the handler, the others after it", in_handler))};
}

Verdict judge_zombies(const Lab& lab, const ScenarioRun& s) {
    Verdict v = judge_cleanup(lab, s);
    if (!v.pass && !s.r["zombies"].empty())
        v.why += "\nSIGCHLD signals coalesce (several children ending while one is pending give one signal): the "
                 "handler must reap in a loop, waitpid(-1, &status, WNOHANG) until it returns 0";
    return v;
}

}  // namespace

Verdict judge_reaper(const Lab& lab, const std::string& id, const ScenarioRun& s) {
    if (id == "output") return judge_output(s);
    if (id == "mechanism") return judge_mechanism(s);
    if (id == "cleanup") return judge_zombies(lab, s);
    if (id == "exit_status") return judge_exit(lab, s);
    if (id == "terminates") return judge_terminates(lab, s);
    return {false, true, "not a check of a reaper lab: " + id};
}

}  // namespace grading
