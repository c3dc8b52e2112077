#include "report/evidence_noise.hpp"

#include <cctype>
#include <regex>

#include "report/render.hpp"
#include "report/report.hpp"

namespace runner {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool run_specific_evidence(const std::string& key) {
    const std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
    if (last == "key" || last.rfind("token", 0) == 0 || last == "proc_syscall") return true;
    for (const char* tail :
         {"pid",  "msqid",    "shmid",  "semid",                                               // the run's objects
          "_ms",  "_us",      "_ns",    "_s",     "seconds", "elapsed", "duration", "sleeps",  // its moments
          "ftok", "ftok_hex", "st_ino", "st_dev", "inode",   "inodes",  "ipc",      "user",   "for_comparison"})
        if (ends_with(last, tail)) return true;
    return false;
}

std::string mask_run_specific(const std::string& value) {
    static const std::regex address("0x[0-9a-fA-F]{6,}");
    static const std::regex pid("(pid|PID|lspid|lrpid|writer|/proc/)([=: -]*)[0-9]+");
    static const std::regex token("token-[0-9a-fA-F]+");
    static const std::regex ns("([a-z]+):\\[[0-9]+\\]");
    // Names the cases make unique per run: "ipc-claims-pshm-3518-1987675468", mkdtemp's "ipc-claims.wnghUG".
    static const std::regex unique_name("(ipc-claims(-[a-z]+)*)((-[0-9][0-9a-f]*)+(-[0-9a-f]+)?|\\.[A-Za-z0-9]{6})");
    static const std::regex autobind("^@[0-9a-f]{5}$");
    static const std::regex epoch_seconds("\\b1[5-9][0-9]{8}\\b");
    static const std::regex inode("(ino |\\[)[0-9]{5,}");
    std::string v = std::regex_replace(value, address, "0x…");
    v = std::regex_replace(v, pid, "$1$2N");
    v = std::regex_replace(v, token, "token-…");
    v = std::regex_replace(v, ns, "$1:[…]");
    v = std::regex_replace(v, unique_name, "$1-N");
    v = std::regex_replace(v, autobind, "@N");
    v = std::regex_replace(v, epoch_seconds, "T");
    return std::regex_replace(v, inode, "$1N");
}

bool measurement_evidence(const std::string& key) {
    std::string::size_type at = 0;
    while (at <= key.size()) {
        auto dot = key.find('.', at);
        if (dot == std::string::npos) dot = key.size();
        const std::string part = key.substr(at, dot - at);
        at = dot + 1;
        if (part.rfind("ratio", 0) == 0) return true;
        if (part.find("_us_") != std::string::npos || part.find("_ms_") != std::string::npos) return true;
        if (dot != key.size()) continue;  // the last part: a count that depends on scheduling
        for (const char* count : {"reads", "writes", "iterations", "rounds", "loops", "wakeups"})
            if (part == count || ends_with(part, std::string("_") + count)) return true;
    }
    return false;
}

std::string mask_measurements(const std::string& value) {
    // A figure or a list of them with its unit: "4.07 GB/s", "3.89, 4.04, 4.07 GB/s".
    static const std::regex figures(
        "[0-9]+(\\.[0-9]+)?((, )[0-9]+(\\.[0-9]+)?)*( ?)(GB/s|MB/s|KB/s|KiB/s|B/s|us|µs|ms|ns|s)\\b");
    return std::regex_replace(value, figures, "N$5$6");
}

bool noise_evidence(const std::string& key) { return run_specific_evidence(key) || measurement_evidence(key); }

std::string without_noise(const std::string& value) { return mask_measurements(mask_run_specific(value)); }

void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) flatten(value, prefix.empty() ? key : prefix + "." + key, out);
        return;
    }
    std::string v = plain_value(j);
    for (auto& c : v)
        if (c == '\t') c = ' ';
    out[prefix] = v;
}

nlohmann::json claim_heading(const std::string& id, const Claim* c) {
    const std::string statement = c ? c->statement : "(not in this catalogue)";
    return {{"id", id},
            {"anchor", "claim-" + id},
            {"area", c ? c->area_title : "Claims not in this catalogue"},
            {"statement", statement},
            {"statement_parts", code_spans(statement)}};
}

std::string verdict_css(const std::string& word) {
    if (word == "NOT RUN" || word.empty()) return "none";
    std::string css = word;
    for (auto& c : css) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return css;  // pass, fail, skip, broken, timeout: report.css styles each
}

}  // namespace runner
