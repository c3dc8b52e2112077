#include "report/ktap.hpp"

#include <algorithm>
#include <fmt/core.h>

#include "report/report.hpp"

namespace runner {
namespace {

// The lines of a list's tests and how the list ended, which its parent's
// result line says.
struct TestList {
    std::string tests;
    int count = 0;
    bool failed = false;      // a test is "not ok"
    bool all_skipped = true;  // every test skipped
};

std::string version_and_plan(const std::string& indent, int count) {
    return indent + "KTAP version 1\n" + indent + fmt::format("1..{}\n", count);
}

std::string directive(const char* word, const std::string& reason) {
    return std::string(" # ") + word + (reason.empty() ? "" : " " + reason);
}

// One claim: its evidence (and a FAIL's reason) as diagnostic lines, then its result line.
std::string claim_lines(const CaseResult& c, int n, const std::string& indent) {
    std::string out;
    for (const auto& [key, value] : c.evidence.items())
        out += indent + "# " + ktap_text(c.claim + ": " + key + " = " + plain_value(value)) + "\n";
    const std::string name = ktap_text(c.claim + " " + c.case_path);
    const std::string reason = ktap_text(verdict_reason(c));
    switch (c.status) {
        case Status::Pass: out += indent + fmt::format("ok {} {}\n", n, name); break;
        case Status::Skip: out += indent + fmt::format("ok {} {}{}\n", n, name, directive("SKIP", reason)); break;
        case Status::Fail:
            if (!reason.empty()) out += indent + "# " + c.claim + ": FAIL: " + reason + "\n";
            out += indent + fmt::format("not ok {} {}\n", n, name);
            break;
        case Status::Timeout:
            out += indent + fmt::format("not ok {} {}{}\n", n, name, directive("TIMEOUT", reason));
            break;
        case Status::Broken:
            out += indent + fmt::format("not ok {} {}{}\n", n, name, directive("ERROR", reason));
            break;
    }
    return out;
}

// A test with subtests: its version line, its name as kunit.py prints it
// ("# Subtest: NAME"), its plan and its tests one level in, then its result
// line at `indent`.
std::string parent_lines(const std::string& name, int n, const TestList& list, const std::string& indent) {
    std::string lines = indent + "  KTAP version 1\n" + indent + "  # Subtest: " + name + "\n" + indent +
                        fmt::format("  1..{}\n", list.count) + list.tests;
    if (list.failed) return lines + indent + fmt::format("not ok {} {}\n", n, name);
    if (list.all_skipped && list.count > 0)
        return lines + indent + fmt::format("ok {} {} # SKIP every test skipped\n", n, name);
    return lines + indent + fmt::format("ok {} {}\n", n, name);
}

// The area of a case, from its path ("pipe/write_blocks_when_full").
std::string area_of(const CaseResult& c) {
    const auto slash = c.case_path.find('/');
    return slash == std::string::npos ? "other" : c.case_path.substr(0, slash);
}

// A run's claims as a list of areas, each with its claims, at `indent`
// (without its version line and plan).
TestList area_list(const RunResults& run, const std::string& indent) {
    std::vector<std::pair<std::string, std::vector<const CaseResult*>>> areas;
    for (const auto& c : run.cases) {
        const std::string area = area_of(c);
        auto it = std::find_if(areas.begin(), areas.end(), [&](const auto& a) { return a.first == area; });
        if (it == areas.end()) it = areas.insert(areas.end(), {area, {}});
        it->second.push_back(&c);
    }
    TestList list;
    for (const auto& [area, cases] : areas) {
        TestList claims;
        for (const CaseResult* c : cases) {
            claims.tests += claim_lines(*c, ++claims.count, indent + "  ");
            claims.failed = claims.failed || (c->status != Status::Pass && c->status != Status::Skip);
            claims.all_skipped = claims.all_skipped && c->status == Status::Skip;
        }
        list.tests += parent_lines(area, ++list.count, claims, indent);
        list.failed = list.failed || claims.failed;
        list.all_skipped = list.all_skipped && claims.all_skipped;
    }
    return list;
}

}  // namespace

std::string ktap_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == '#') c = '_';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string ktap_document(const RunResults& run) {
    const TestList areas = area_list(run, "");
    std::string out = version_and_plan("", areas.count) + areas.tests;
    const auto& k = run.environment.value("kernel", nlohmann::json::object());
    if (k.contains("release")) out += "# kernel " + ktap_text(plain_value(k["release"])) + "\n";
    const auto& rt = run.environment.value("runtime", nlohmann::json::object());
    if (rt.value("name", "native") != "native")  // e.g. "# runtime gvisor 0.0~20221219.0 ptrace"
        out += "# runtime " + ktap_text(plain_value(rt.value("name", nlohmann::json("")))) +
               (rt.contains("version") ? " " + ktap_text(plain_value(rt["version"])) : "") +
               (rt.contains("platform") ? " " + ktap_text(plain_value(rt["platform"])) : "") + "\n";
    return out;
}

std::string ktap_document(const std::vector<std::pair<std::string, RunResults>>& runs) {
    std::string out = fmt::format("KTAP version 1\n1..{}\n", runs.size());
    int n = 0;
    for (const auto& [label, run] : runs) {
        TestList areas = area_list(run, "  ");
        if (run.environment.contains("boot_failure"))
            areas.tests += "  # " + ktap_text(label + ": " + plain_value(run.environment["boot_failure"])) + "\n";
        out += parent_lines(ktap_text(label), ++n, areas, "");
    }
    return out;
}

}  // namespace runner
