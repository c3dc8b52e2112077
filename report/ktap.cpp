#include "report/ktap.hpp"

#include <fmt/core.h>

#include "report/report.hpp"

namespace runner {
namespace {

std::string directive(const char* word, const std::string& reason) {
    return std::string(" # ") + word + (reason.empty() ? "" : " " + reason);
}

// The lines of one KTAP test list (version, plan, results), indented.
std::string ktap_lines(const RunResults& run, const std::string& indent) {
    std::string out = indent + "KTAP version 1\n" + indent + fmt::format("1..{}\n", run.cases.size());
    int n = 0;
    for (const auto& c : run.cases) {
        ++n;
        std::string name = ktap_text(c.claim + " " + c.case_path);
        std::string reason = ktap_text(verdict_reason(c));
        switch (c.status) {
            case Status::Pass: out += indent + fmt::format("ok {} {}\n", n, name); break;
            case Status::Skip: out += indent + fmt::format("ok {} {}{}\n", n, name, directive("SKIP", reason)); break;
            case Status::Timeout:
                out += indent + fmt::format("not ok {} {}{}\n", n, name, directive("TIMEOUT", reason));
                break;
            case Status::Broken:
                out += indent + fmt::format("not ok {} {}{}\n", n, name, directive("ERROR", reason));
                break;
            case Status::Fail:
                if (!reason.empty()) out += indent + "# " + c.claim + ": " + reason + "\n";
                out += indent + fmt::format("not ok {} {}\n", n, name);
                break;
        }
    }
    return out;
}

bool run_ok(const RunResults& run) {
    for (const auto& c : run.cases)
        if (c.status != Status::Pass && c.status != Status::Skip) return false;
    return true;
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
    std::string out = ktap_lines(run, "");
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
        out += ktap_lines(run, "  ");
        if (run.environment.contains("boot_failure"))
            out += "# " + ktap_text(label + ": " + plain_value(run.environment["boot_failure"])) + "\n";
        out += fmt::format("{} {} {}\n", run_ok(run) ? "ok" : "not ok", ++n, ktap_text(label));
    }
    return out;
}

}  // namespace runner
