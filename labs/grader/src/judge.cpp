#include "judge.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/core.h>

namespace grading {
using json = nlohmann::json;

std::string quote_lines(const std::vector<std::string>& lines, std::size_t max) {
    std::string s;
    for (std::size_t i = 0; i < lines.size() && i < max; ++i) s += (i ? ", " : "") + ("\"" + lines[i] + "\"");
    if (lines.size() > max) s += fmt::format(", ... ({} in all)", lines.size());
    return s.empty() ? "nothing" : s;
}

const json& program_proc(const json& r, int index) {
    static const json none = json::object();
    for (const auto& p : r["processes"])
        if (p.value("program", -1) == index) return p;
    return none;
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

namespace {

std::string diagnose_running(const json& r) {
    std::string s;
    for (const auto& p : r["processes"])
        if (!p.value("still_running", std::string()).empty())
            s += fmt::format("\n  - {} (pid {}): {}", p.value("comm", std::string()), p.value("pid", 0),
                             p.value("still_running", std::string()));
    return s;
}

}  // namespace

Verdict judge_terminates(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    std::vector<std::string> running;
    for (std::size_t i = 0; i < lab.programs.size(); ++i) {
        const json& p = program_proc(r, static_cast<int>(i));
        if (!p.value("ended_by_itself", false)) running.push_back(lab.programs[i]);
    }
    if (running.empty())
        return {true, true, fmt::format("all programs ended by themselves ({:.1f} s)", r.value("seconds", 0.0))};
    std::string who;
    for (auto& n : running) who += (who.empty() ? "" : ", ") + n;
    return {false, true,
            fmt::format("{}: {} {}{}", r.value("killed_reason", std::string("killed")), who,
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
                problems.push_back(
                    fmt::format("{} (pid {}) was still running {:.0f} s after the programs ended, an orphan "
                                "left behind ({}); killed",
                                p.value("comm", std::string()), p.value("pid", 0), lab.grace_s,
                                p.value("still_running", std::string())));
        for (const auto& o : r["leftovers"]) {
            std::string row = o.get<std::string>();
            std::string kind = row.substr(0, row.find(':'));
            problems.push_back((kind == "shm"   ? "segment"
                                : kind == "msg" ? "queue"
                                                : "semaphore set") +
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

namespace {

Verdict judge_bounded(const Lab& lab, const ScenarioRun& s) {
    int refused = s.r.value("fork_refused", 0);
    if (refused == 0)
        return {true, true,
                fmt::format("{} fork(s), at most {} processes at once (limit {})", s.r.value("forks", 0),
                            s.r.value("max_live", 0), lab.max_processes)};
    return {false, true,
            fmt::format("forks without bound: {} fork(s) made, {} refused by the limit of {} processes",
                        s.r.value("forks", 0), refused, lab.max_processes)};
}

long long pid_of(const json& r, int program) { return program_proc(r, program).value("pid", -1); }

Verdict judge_output(const Lab& lab, const ScenarioRun& s) {
    const json& r = s.r;
    if (lab.kind == "pipe-demo") {
        std::vector<std::string> got;
        for (auto& l : text_lines(r["outputs"][0].get<std::string>()))
            if (!l.empty()) got.push_back(l);
        std::vector<std::string> want(static_cast<std::size_t>(lab.count), lab.message);
        if (got == want)
            return {true, true, fmt::format("printed \"{}\" {} times, one per line", lab.message, lab.count)};
        long n = std::count(got.begin(), got.end(), lab.message);
        return {false, true,
                fmt::format("expected \"{}\" {} times, one per line; got {} of them among {} line(s): {}", lab.message,
                            lab.count, n, got.size(), quote_lines(got))};
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
        else if (std::count(echoed.begin(), echoed.end(), e) > 1 && std::find(dup.begin(), dup.end(), e) == dup.end())
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
    if (last.empty())
        return {false, true, fmt::format("a new pipe had {} bytes; the program printed no integer", arranged)};
    if (std::stoll(last) == arranged) return {true, true, fmt::format("printed {}, the capacity a new pipe had", last)};
    return {false, true,
            fmt::format("printed {}, but a new pipe had {} bytes in this run (hard-coded?)", last, arranged)};
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
            return {true, true,
                    fmt::format("observed: a child wrote into pipe:[{}] and {} read {} bytes from it", inode_used,
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
            return {true, true,
                    fmt::format("observed: {} got segment {} and both {} and {} attached it", lab.reader, shared[0],
                                lab.reader, lab.writer)};
        return {false, true,
                fmt::format("observed: {} shmget {} time(s); segments attached by {}: {}, by {}: {}; "
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
        return {true, true,
                fmt::format("observed: {} sent {} message(s) and {} received {} on queue {}", lab.writer, n_sent,
                            lab.reader, n_got, shared[0])};
    std::string why = fmt::format("observed: {} sent {} message(s), {} received {}; {} lines were sent", lab.writer,
                                  n_sent, lab.reader, n_got, s.input.size());
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

}  // namespace

Verdict judge(const Lab& lab, const std::string& id, const ScenarioRun& s) {
    if (lab.kind == "reaper") return judge_reaper(lab, id, s);
    if (lab.kind == "request-reply") return judge_request_reply(lab, id, s);
    if (id == "output") return judge_output(lab, s);
    if (id == "exit_status") return judge_exit(lab, s);
    if (id == "terminates") return judge_terminates(lab, s);
    if (id == "mechanism") return judge_mechanism(lab, s);
    if (id == "cleanup") return judge_cleanup(lab, s);
    if (id == "bounded_processes") return judge_bounded(lab, s);
    if (id == "capacity") return judge_capacity(lab, s);
    return {false, true, "unknown check"};
}

}  // namespace grading
