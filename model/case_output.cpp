#include "model/case_output.hpp"

#include <vector>

namespace runner {
namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::string::size_type at = 0;
    while (at < text.size()) {
        auto nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        lines.push_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

// The line of the first failed check doctest printed ("file:line: ERROR: ..."),
// or lines.size().
std::size_t first_failed_check(const std::vector<std::string>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].find(": ERROR: ") != std::string::npos || lines[i].find(": FATAL ERROR: ") != std::string::npos)
            return i;
    return lines.size();
}

}  // namespace

std::string verdict_reason(const CaseResult& r) {
    if (r.status == Status::Pass) return "";
    if (!r.reason.empty()) return r.reason;
    auto lines = lines_of(r.output);
    auto find_prefixed = [&](const std::string& prefix) -> std::string {
        for (auto it = lines.rbegin(); it != lines.rend(); ++it)
            if (it->rfind(prefix, 0) == 0) return trim(it->substr(prefix.size()));
        return "";
    };
    switch (r.status) {
        case Status::Pass: break;  // returned above
        case Status::Skip: {
            std::string why = find_prefixed("SKIP:");
            return why.empty() ? "skipped (" + r.exit + ")" : why;
        }
        case Status::Broken: {
            std::string why = find_prefixed("BROKEN:");
            return why.empty() ? r.exit : why + " (" + r.exit + ")";
        }
        case Status::Timeout: return r.exit;
        case Status::Fail: {
            // The first failed check: "file:line: ERROR: CHECK_EQ( a, b ) is NOT correct!" then its
            // values, "  kernel: 1  expected: 2" (the harness) or "  values: CHECK_EQ( 1, 2 )" (doctest).
            const std::size_t i = first_failed_check(lines);
            if (i == lines.size()) return r.exit;
            const std::string& check = lines[i];
            const auto at = check.find(": ERROR: ") != std::string::npos ? check.find(": ERROR: ")
                                                                         : check.find(": FATAL ERROR: ");
            std::string reason = trim(check.substr(check.find("ERROR: ", at) + 7));
            if (i + 1 < lines.size()) {
                const std::string values = trim(lines[i + 1]);
                if (values.rfind("kernel:", 0) == 0 || values.rfind("values:", 0) == 0) reason += " " + values;
            }
            return reason;
        }
    }
    return r.exit;
}

std::string failure_tail(const std::string& output, std::size_t lines) {
    const auto all = lines_of(output);
    const std::size_t first = first_failed_check(all);
    if (first == all.size()) return output_tail(output, lines);
    std::string out;
    for (std::size_t i = first; i < all.size() && i < first + lines; ++i) out += all[i] + "\n";
    return out;
}

std::string output_tail(const std::string& output, std::size_t lines) {
    auto all = lines_of(output);
    std::size_t from = all.size() > lines ? all.size() - lines : 0;
    std::string out;
    for (std::size_t i = from; i < all.size(); ++i) out += all[i] + "\n";
    constexpr std::size_t max_chars = 4000;
    if (out.size() > max_chars) out = "..." + out.substr(out.size() - max_chars);
    return out;
}

}  // namespace runner
