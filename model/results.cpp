#include "model/results.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <stdexcept>

#include "model/case_output.hpp"

namespace runner {

std::string to_string(Status s) {
    switch (s) {
        case Status::Pass: return "PASS";
        case Status::Fail: return "FAIL";
        case Status::Skip: return "SKIP";
        case Status::Broken: return "BROKEN";
        case Status::Timeout: return "TIMEOUT";
    }
    return "BROKEN";
}

Status status_from_string(const std::string& s) {
    for (Status st : {Status::Pass, Status::Fail, Status::Skip, Status::Broken, Status::Timeout})
        if (to_string(st) == s) return st;
    throw std::invalid_argument("unknown status `" + s + "`");
}

int exit_code(Status s) {
    switch (s) {
        case Status::Pass: return 0;
        case Status::Fail: return 1;
        case Status::Skip: return 77;
        case Status::Broken: return 99;
        case Status::Timeout: return 124;
    }
    return 99;
}

nlohmann::json to_json(const CaseResult& r) {
    nlohmann::json j = {{"claim", r.claim},
                        {"case", r.case_path},
                        {"verdict", to_string(r.status)},
                        {"reason", verdict_reason(r)},
                        {"duration_s", r.duration_s},
                        {"evidence", r.evidence},
                        {"output", r.output},
                        {"exit", r.exit},
                        {"isolation", r.isolation},
                        {"leftover_processes", r.leftover_processes}};
    if (!r.kernel_functions.empty()) j["kernel_functions"] = r.kernel_functions;
    return j;
}

CaseResult case_from_json(const nlohmann::json& j) {
    CaseResult r;
    r.claim = j.value("claim", "");
    r.case_path = j.value("case", "");
    const char* verdict = j.contains("verdict") ? "verdict" : "status";  // schema 1 said `status`
    if (!j.contains(verdict) || !j[verdict].is_string()) throw std::invalid_argument("no verdict");
    r.status = status_from_string(j[verdict].get<std::string>());
    r.reason = j.value("reason", "");
    r.duration_s = j.value("duration_s", 0.0);
    r.evidence = j.value("evidence", nlohmann::json::object());
    r.output = j.value("output", "");
    r.exit = j.value("exit", "");
    r.isolation = j.value("isolation", "");
    r.leftover_processes = j.value("leftover_processes", 0);
    r.kernel_functions = j.value("kernel_functions", std::vector<std::string>{});
    return r;
}

nlohmann::json to_json(const RunResults& r) {
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : r.cases) cases.push_back(to_json(c));
    nlohmann::json j = {{"schema", results_schema},
                        {"tool", {{"name", r.tool.name}, {"version", r.tool.version}, {"commit", r.tool.commit}}},
                        {"started_at", r.started_at.empty() ? nlohmann::json() : nlohmann::json(r.started_at)},
                        {"environment", r.environment},
                        {"cases", cases}};
    if (!r.sensitivity.is_null()) j["sensitivity"] = r.sensitivity;
    if (!r.kernel_coverage.is_null()) j["kernel_coverage"] = r.kernel_coverage;
    return j;
}

RunResults read_results_file(const std::filesystem::path& path) {
    const std::string where = "results file " + path.string();
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + where + ": " + std::strerror(errno));
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) throw std::runtime_error(where + " is not valid JSON");
    return results_from_json(j, where);
}

RunResults results_from_json(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object() || !j.contains("schema"))
        throw std::runtime_error(where + " is not an ipc-claims results.json (no `schema`)");
    if (!j["schema"].is_number_integer() || j["schema"] < oldest_results_schema || j["schema"] > results_schema)
        throw std::runtime_error(where + " has schema " + j["schema"].dump() + "; this ipc-claims reads schema " +
                                 std::to_string(oldest_results_schema) + " to " + std::to_string(results_schema));
    if (!j.contains("cases") || !j["cases"].is_array()) throw std::runtime_error(where + " has no `cases` array");
    RunResults r;
    const nlohmann::json tool = j.value("tool", nlohmann::json::object());
    if (!tool.is_object()) throw std::runtime_error(where + ": `tool` is not an object");
    r.tool = {tool.value("name", r.tool.name), tool.value("version", r.tool.version),
              tool.value("commit", r.tool.commit)};
    r.started_at = j.value("started_at", nlohmann::json()).is_string() ? j["started_at"].get<std::string>() : "";
    r.environment = j.value("environment", nlohmann::json::object());
    if (!r.environment.is_object()) throw std::runtime_error(where + ": `environment` is not an object");
    r.sensitivity = j.value("sensitivity", nlohmann::json());
    if (!r.sensitivity.is_null() && !r.sensitivity.is_object())
        throw std::runtime_error(where + ": `sensitivity` is not an object");
    r.kernel_coverage = j.value("kernel_coverage", nlohmann::json());
    if (!r.kernel_coverage.is_null() && !r.kernel_coverage.is_object())
        throw std::runtime_error(where + ": `kernel_coverage` is not an object");
    for (std::size_t i = 0; i < j["cases"].size(); ++i) {
        const auto& c = j["cases"][i];
        try {
            if (!c.is_object() || !c.contains("claim") || !c["claim"].is_string() ||
                c["claim"].get<std::string>().empty())
                throw std::runtime_error("no claim id");
            r.cases.push_back(case_from_json(c));
            if (!r.cases.back().evidence.is_object()) throw std::runtime_error("`evidence` is not an object");
        } catch (const std::exception& e) {
            throw std::runtime_error(where + ": case " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    return r;
}

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void write_json_file(const std::filesystem::path& path, const nlohmann::json& j) {
    write_text_file(path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp);
        out << text;
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, path);
}

}  // namespace runner
