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
          "ftok", "ftok_hex", "st_ino", "st_dev", "inode",   "ipc",     "user",     "for_comparison"})
        if (ends_with(last, tail)) return true;
    return false;
}

std::string mask_run_specific(const std::string& value) {
    static const std::regex address("0x[0-9a-fA-F]{6,}");
    static const std::regex pid("(pid|lspid|lrpid|writer|/proc/)([=: -]*)[0-9]+");
    static const std::regex token("token-[0-9a-fA-F]+");
    static const std::regex ns("([a-z]+):\\[[0-9]+\\]");
    std::string v = std::regex_replace(value, address, "0x…");
    v = std::regex_replace(v, pid, "$1$2N");
    v = std::regex_replace(v, token, "token-…");
    return std::regex_replace(v, ns, "$1:[…]");
}

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
