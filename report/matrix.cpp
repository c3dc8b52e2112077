#include "report/matrix.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <regex>
#include <set>

#include "report/diff.hpp"
#include "report/render.hpp"
#include "report/report.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Environment entries worth comparing between kernels (not the run's own timings or paths).
bool environment_key_shown(const std::string& key) {
    if (key.rfind("vm.", 0) == 0) return key == "vm.accel" || key == "vm.boot_s";
    return key != "kernel.version" && key != "uid" && key != "wrap";
}

}  // namespace

std::vector<MatrixRun> load_matrix_runs(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        if (fs::is_regular_file(p)) {
            files.push_back(p);
        } else if (fs::is_regular_file(p / "results.json")) {
            files.push_back(p / "results.json");
        } else if (fs::is_directory(p)) {
            std::vector<fs::path> inner;
            for (const auto& e : fs::directory_iterator(p))
                if (fs::is_regular_file(e.path() / "results.json")) inner.push_back(e.path() / "results.json");
            if (inner.empty())
                throw std::runtime_error(p.string() + " holds no results.json (nor do its subdirectories)");
            std::sort(inner.begin(), inner.end());
            files.insert(files.end(), inner.begin(), inner.end());
        } else {
            throw std::runtime_error("no run at " + p.string());
        }
    }
    std::vector<MatrixRun> runs;
    std::map<std::string, int> labels;
    for (const auto& f : files) {
        MatrixRun r;
        r.file = f;
        r.results = read_results_file(f);
        const json& env = r.results.environment;
        std::string release = plain_value(env.value("/kernel/release"_json_pointer, json("unknown")));
        r.label = env.contains("vm") ? release : release + " (host)";
        if (int n = ++labels[r.label]; n > 1) r.label += fmt::format(" #{}", n);
        runs.push_back(std::move(r));
    }
    return runs;
}

json matrix_model(const std::vector<MatrixRun>& runs, const std::vector<Claim>& catalogue) {
    json kernels = json::array();
    std::vector<std::map<std::string, const CaseResult*>> by_claim(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        std::map<Status, int> count;
        for (const auto& c : runs[i].results.cases) {
            by_claim[i][c.claim] = &c;
            ++count[c.status];
        }
        std::string totals = fmt::format("{} pass, {} skip", count[Status::Pass], count[Status::Skip]);
        for (auto [st, word] :
             {std::pair{Status::Fail, "fail"}, {Status::Broken, "broken"}, {Status::Timeout, "timeout"}})
            if (count[st]) totals += fmt::format(", {} {}", count[st], word);
        const json& env = runs[i].results.environment;
        std::string where = env.contains("vm") ? "qemu " + plain_value(env["vm"].value("accel", json("?"))) : "host";
        if (env.contains("boot_failure")) where += ", did not run: " + plain_value(env["boot_failure"]);
        kernels.push_back(
            {{"label", runs[i].label}, {"where", where}, {"totals", totals}, {"file", runs[i].file.string()}});
    }

    // Environment: every key any run has, the differing ones first.
    std::vector<std::map<std::string, std::string>> envs(runs.size());
    std::set<std::string> env_keys;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        flatten(runs[i].results.environment, "", envs[i]);
        for (auto& [k, v] : envs[i])
            if (environment_key_shown(k)) env_keys.insert(k);
    }
    json env_same = json::array(), env_diff = json::array();
    for (const auto& key : env_keys) {
        json values = json::array();
        std::set<std::string> distinct;
        for (auto& e : envs) {
            std::string v = e.count(key) ? e[key] : "(absent)";
            values.push_back({{"v", v}});
            distinct.insert(v);
        }
        bool differs = distinct.size() > 1 && key != "vm.boot_s";
        (differs ? env_diff : env_same).push_back({{"name", key}, {"values", values}, {"differs", differs}});
    }
    for (auto& e : env_same) env_diff.push_back(e);

    std::vector<std::string> ids;
    std::map<std::string, const Claim*> claim_of;
    for (const auto& c : catalogue) {
        claim_of[c.id] = &c;
        for (auto& m : by_claim)
            if (m.count(c.id)) {
                ids.push_back(c.id);
                break;
            }
    }
    std::set<std::string> unknown;
    for (auto& m : by_claim)
        for (auto& [id, r] : m)
            if (!claim_of.count(id)) unknown.insert(id);
    ids.insert(ids.end(), unknown.begin(), unknown.end());

    json verdict_rows = json::array(), evidence_rows = json::array(), same_rows = json::array();
    int verdict_differ = 0, evidence_differ = 0;
    for (const auto& id : ids) {
        json cells = json::array();
        std::set<std::string> verdicts;
        std::vector<std::size_t> ran;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const CaseResult* r = by_claim[i].count(id) ? by_claim[i][id] : nullptr;
            std::string word = r ? to_string(r->status) : "NOT RUN";
            verdicts.insert(word);
            if (r) ran.push_back(i);
            cells.push_back({{"kernel", runs[i].label},
                             {"verdict", word},
                             {"css", verdict_css(word)},
                             {"reason", r && r->status != Status::Pass ? verdict_reason(*r) : ""}});
        }
        // Evidence that varies between the kernels that ran the claim and passed or skipped alike.
        json varying = json::array();
        std::set<std::string> keys;
        for (auto i : ran)
            for (auto& [k, v] : by_claim[i][id]->evidence.items())
                if (!noise_evidence(k)) keys.insert(k);
        for (const auto& key : keys) {
            json values = json::array();
            std::set<std::string> distinct;
            for (auto i : ran) {
                const auto& ev = by_claim[i][id]->evidence;
                std::string v = ev.contains(key) ? plain_value(ev[key]) : "(absent)";
                values.push_back({{"v", v}});
                distinct.insert(without_noise(v));
            }
            if (distinct.size() > 1) varying.push_back({{"key", key}, {"label", plain_key(key)}, {"values", values}});
        }
        json kernels_of_row = json::array();
        for (auto i : ran) kernels_of_row.push_back(runs[i].label);
        bool verdict_differs = verdicts.size() > 1;
        bool differs = verdict_differs || !varying.empty();
        json row = claim_heading(id, claim_of.count(id) ? claim_of[id] : nullptr);
        row.update({{"cells", cells},
                    {"differs", differs},
                    {"verdict_differs", verdict_differs},
                    {"varying", varying},
                    {"has_varying", !varying.empty()},
                    {"kernels_of_row", kernels_of_row}});
        if (verdict_differs) ++verdict_differ, verdict_rows.push_back(row);
        else if (differs) ++evidence_differ, evidence_rows.push_back(row);
        else same_rows.push_back(row);
    }
    json rows = verdict_rows;
    for (auto& r : evidence_rows) rows.push_back(r);
    for (auto& r : same_rows) rows.push_back(r);
    std::string headline =
        fmt::format("{} claims on {} kernel(s): {} with verdicts that differ, {} with the same verdict and evidence "
                    "that differs, {} alike everywhere.",
                    ids.size(), runs.size(), verdict_differ, evidence_differ, same_rows.size());
    return {{"css", std::string(embedded_report_file("report.css"))},
            {"headline", headline},
            {"kernels", kernels},
            {"env", env_diff},
            {"rows", rows},
            {"verdict_differ", verdict_differ},
            {"evidence_differ", evidence_differ},
            {"any_differ", verdict_differ > 0},
            {"has_differing", verdict_differ + evidence_differ > 0}};
}

std::string matrix_text(const json& m) {
    std::string out = m["headline"].get<std::string>() + "\n\n";
    for (const auto& k : m["kernels"])
        out += fmt::format("  {:<34} {}: {}\n", k["label"].get<std::string>(), k["where"].get<std::string>(),
                           k["totals"].get<std::string>());
    bool header = false;
    for (const auto& e : m["env"]) {
        if (!e["differs"].get<bool>()) continue;
        if (!header) out += "\nEnvironment that differs:\n", header = true;
        out += fmt::format("  {}:", e["name"].get<std::string>());
        for (const auto& v : e["values"]) out += " | " + v["v"].get<std::string>();
        out += "\n";
    }
    for (const auto& r : m["rows"]) {
        if (!r["differs"].get<bool>()) continue;
        out += fmt::format("\n{} {}\n", r["verdict_differs"].get<bool>() ? "*" : "~", r["id"].get<std::string>());
        for (const auto& c : r["cells"])
            out += fmt::format("    {:<34} {}{}\n", c["kernel"].get<std::string>(), c["verdict"].get<std::string>(),
                               c["reason"].get<std::string>().empty() ? "" : ": " + c["reason"].get<std::string>());
        for (const auto& v : r["varying"]) {
            out += fmt::format("    {}:", v["key"].get<std::string>());
            for (const auto& x : v["values"]) out += " | " + x["v"].get<std::string>();
            out += "\n";
        }
    }
    return out;
}

PageFiles write_matrix(const fs::path& dir, const std::vector<MatrixRun>& runs, const std::vector<Claim>& catalogue) {
    fs::create_directories(dir);
    json model = matrix_model(runs, catalogue);
    PageFiles files{dir / "matrix.md", dir / "matrix.html"};
    write_text_file(files.markdown, tidy_markdown(render_template(embedded_report_file("matrix.md.mustache"), model,
                                                                  Markup::Markdown)));
    write_text_file(files.html, render_template(embedded_report_file("matrix.html.mustache"), model, Markup::Html));
    return files;
}

}  // namespace runner
