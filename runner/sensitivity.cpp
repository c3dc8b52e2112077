#include "runner/sensitivity.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "report/render.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool caught(Status s) { return s == Status::Fail || s == Status::Timeout; }

std::string required_string(const toml::table& t, const char* key, const std::string& where) {
    auto v = t[key].value<std::string>();
    if (!v || v->empty()) throw std::runtime_error(where + " has no `" + key + "`");
    return *v;
}

Fault read_fault(const toml::table& t, const fs::path& file, const fs::path& shims_dir,
                 const std::map<std::string, const Claim*>& by_id) {
    Fault f;
    f.list = file;
    const std::string where = file.string() + ": a [[fault]]";
    if (auto shim = t["shim"].value<std::string>()) {
        f.name = *shim;
        f.library = shims_dir / (*shim + ".so");
    } else if (auto library = t["library"].value<std::string>()) {
        f.library = fs::absolute(file).parent_path() / *library;
        f.name = f.library.stem().string();
    } else {
        throw std::runtime_error(where + " has neither `shim` nor `library`");
    }
    if (!fs::is_regular_file(f.library))
        throw std::runtime_error(file.string() + ": fault " + f.name + ": no library " + f.library.string() +
                                 " (build the target `faults`, as scripts/suite --sensitivity does, or fix the path)");
    if (f.library.string().find('\'') != std::string::npos)
        throw std::runtime_error(file.string() + ": fault " + f.name + ": a library path with a quote");
    f.why = required_string(t, "why", file.string() + ": fault " + f.name);
    if (auto* breaks = t["breaks"].as_array()) {
        for (auto& node : *breaks) {
            auto id = node.value<std::string>();
            if (!id) throw std::runtime_error(file.string() + ": fault " + f.name + ": `breaks` holds a non-string");
            auto it = by_id.find(*id);
            if (it == by_id.end())
                throw std::runtime_error(file.string() + ": fault " + f.name + " names unknown claim " + *id);
            if (!it->second->implemented())
                throw std::runtime_error(file.string() + ": fault " + f.name + " names " + *id + ", which has no case");
            f.breaks.push_back(*id);
        }
    } else if (t.contains("breaks")) {
        throw std::runtime_error(file.string() + ": fault " + f.name + ": `breaks` is not a list");
    }
    return f;
}

json verdict_entry(const CaseResult& r) { return {{"claim", r.claim}, {"verdict", to_string(r.status)}}; }

json string_array(const std::vector<std::string>& v) { return json(v); }

}  // namespace

FaultCatalogue load_fault_lists(const std::vector<fs::path>& files, const fs::path& shims_dir,
                                const std::vector<Claim>& catalogue) {
    std::map<std::string, const Claim*> by_id;
    for (const auto& c : catalogue) by_id[c.id] = &c;
    FaultCatalogue out;
    for (const auto& file : files) {
        toml::table doc;
        try {
            doc = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            throw std::runtime_error(file.string() + ": " + std::string(e.description()));
        }
        auto* faults = doc["fault"].as_array();
        if (doc.contains("fault") && !faults) throw std::runtime_error(file.string() + ": `fault` is not [[fault]]");
        if (faults) {
            for (auto& node : *faults) {
                auto* t = node.as_table();
                if (!t) throw std::runtime_error(file.string() + ": a [[fault]] is not a table");
                out.faults.push_back(read_fault(*t, file, shims_dir, by_id));
            }
        }
        if (auto* unreachable = doc["unreachable"].as_array()) {
            for (auto& node : *unreachable) {
                auto* t = node.as_table();
                if (!t) throw std::runtime_error(file.string() + ": an [[unreachable]] is not a table");
                Unreachable u{required_string(*t, "claim", file.string() + ": an [[unreachable]]"), ""};
                if (!by_id.count(u.claim))
                    throw std::runtime_error(file.string() + ": [[unreachable]] names unknown claim " + u.claim);
                u.why = required_string(*t, "why", file.string() + ": [[unreachable]] " + u.claim);
                out.unreachable.push_back(std::move(u));
            }
        }
    }
    if (out.faults.empty()) {
        std::string names;
        for (const auto& f : files) names += (names.empty() ? "" : ", ") + f.string();
        throw std::runtime_error(names + ": the fault lists name no [[fault]]");
    }
    return out;
}

std::vector<fs::path> fault_lists_in(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".toml") files.push_back(e.path());
    if (files.empty())
        throw std::runtime_error("no fault lists (*.toml) in " + dir.string() +
                                 " (build the target `faults`, as scripts/suite --sensitivity does, or give --faults)");
    std::sort(files.begin(), files.end());
    return files;
}

std::string fault_wrap(const Fault& fault) { return "env LD_PRELOAD='" + fault.library.string() + "'"; }

std::vector<const Claim*> claims_under(const Fault& fault, const std::vector<Claim>& selected, bool whole_suite) {
    std::vector<const Claim*> out;
    for (const auto& c : selected) {
        if (!c.implemented()) continue;
        bool named = std::find(fault.breaks.begin(), fault.breaks.end(), c.id) != fault.breaks.end();
        if (whole_suite || fault.breaks.empty() || named) out.push_back(&c);
    }
    return out;
}

json judge_sensitivity(const std::vector<Claim>& selected, const FaultCatalogue& faults, const RunResults& baseline,
                       const std::vector<FaultRun>& runs) {
    std::map<std::string, Status> base;
    for (const auto& r : baseline.cases) base[r.claim] = r.status;
    auto passed_in_baseline = [&](const std::string& id) {
        auto it = base.find(id);
        return it != base.end() && it->second == Status::Pass;
    };

    std::map<std::string, std::vector<std::string>> shown_by;      // claim -> faults that made it fail
    std::map<std::string, std::vector<std::string>> left_passing;  // claim -> "fault gave VERDICT"
    std::map<std::string, std::vector<std::string>> undecided;     // claim -> "fault gave SKIP"
    std::map<std::string, std::size_t> rank;  // catalogue order in the table, whatever order cases ended in
    for (std::size_t i = 0; i < selected.size(); ++i) rank[selected[i].id] = i;
    json fault_rows = json::array();
    for (const auto& run : runs) {
        const Fault& f = *run.fault;
        std::vector<const CaseResult*> results;
        for (const auto& r : run.results) results.push_back(&r);
        std::sort(results.begin(), results.end(),
                  [&](const CaseResult* a, const CaseResult* b) { return rank[a->claim] < rank[b->claim]; });
        json failed = json::array(), not_failed = json::array(), also_failed = json::array(), unjudged = json::array();
        std::vector<std::string> expected;
        bool any_caught = false;
        for (const CaseResult* result : results) {
            const CaseResult& r = *result;
            bool named = std::find(f.breaks.begin(), f.breaks.end(), r.claim) != f.breaks.end();
            if (named) expected.push_back(r.claim);
            if (!passed_in_baseline(r.claim)) {  // nothing to compare against
                if (named) unjudged.push_back(verdict_entry(r));
                continue;
            }
            if (named && r.status == Status::Skip) {                  // the case could not decide under the fault
                unjudged.push_back(verdict_entry(r));                 // (PERF-01 on a CPU other work takes):
                undecided[r.claim].push_back(f.name + " gave SKIP");  // not shown here, not missed either
                continue;
            }
            any_caught |= caught(r.status);
            if (named && caught(r.status)) {
                failed.push_back(verdict_entry(r));
                shown_by[r.claim].push_back(f.name);
            } else if (named) {
                not_failed.push_back(verdict_entry(r));
                left_passing[r.claim].push_back(f.name + " gave " + to_string(r.status));
            } else if (caught(r.status)) {
                also_failed.push_back(verdict_entry(r));
            }
        }
        // A fault of unknown target is caught by any failure; a fault that
        // names claims, when every one that passed in the baseline failed.
        bool judged = f.breaks.empty() || !failed.empty() || !not_failed.empty();
        bool fault_caught = f.breaks.empty() ? any_caught : judged && not_failed.empty();
        fault_rows.push_back({{"name", f.name},
                              {"why", f.why},
                              {"list", f.list.filename().string()},
                              {"library", f.library.string()},
                              {"expected", string_array(expected)},
                              {"failed", failed},
                              {"not_failed", not_failed},
                              {"also_failed", also_failed},
                              {"unjudged", unjudged},
                              {"judged", judged},
                              {"caught", fault_caught}});
    }

    std::map<std::string, std::string> unreachable;
    for (const auto& u : faults.unreachable) unreachable[u.claim] = u.why;
    json claims = json::array();
    int shown = 0;
    for (const auto& c : selected) {
        std::string why_not;
        auto it = base.find(c.id);
        if (!c.implemented()) why_not = "no case yet";
        else if (it == base.end()) why_not = "not run in the baseline";
        else if (it->second != Status::Pass) why_not = "the baseline gave " + to_string(it->second);
        else if (shown_by.count(c.id)) why_not = "";
        else if (left_passing.count(c.id)) {
            for (const auto& s : left_passing[c.id]) why_not += (why_not.empty() ? "" : "; ") + s;
        } else if (undecided.count(c.id)) {
            for (const auto& s : undecided[c.id]) why_not += (why_not.empty() ? "" : "; ") + s;
            why_not += " (undecided here: the case could not observe the claim under the fault)";
        } else if (unreachable.count(c.id)) why_not = "no shim can reach it: " + unreachable[c.id];
        else why_not = "no fault names it";
        bool sensitive = why_not.empty();
        shown += sensitive;
        claims.push_back(
            {{"id", c.id}, {"sensitive", sensitive}, {"faults", string_array(shown_by[c.id])}, {"why_not", why_not}});
    }

    json baseline_not_passing = json::array();
    for (const auto& r : baseline.cases)
        if (r.status != Status::Pass && r.status != Status::Skip) baseline_not_passing.push_back(verdict_entry(r));
    const int total = static_cast<int>(selected.size());
    return {{"schema", 1},
            {"figure", {{"shown", shown}, {"claims", total}, {"percent", total ? 100.0 * shown / total : 0.0}}},
            {"baseline_not_passing", baseline_not_passing},
            {"faults", fault_rows},
            {"claims", claims}};
}

json sensitivity_summary(const json& judged) {
    json uncovered = json::array();
    json by_claim = json::object();
    for (const auto& c : judged["claims"]) {
        if (!c["sensitive"].get<bool>()) uncovered.push_back({{"id", c["id"]}, {"why", c["why_not"]}});
        by_claim[c["id"].get<std::string>()] = c["faults"];
    }
    int missed = 0;
    for (const auto& f : judged["faults"]) missed += f["judged"].get<bool>() && !f["caught"].get<bool>();
    return {{"figure", judged["figure"]}, {"faults", judged["faults"].size()}, {"faults_missed", missed},
            {"not_shown", uncovered},     {"faults_by_claim", by_claim},       {"table", "sensitivity.md"}};
}

bool sensitivity_ok(const json& judged, double fail_under) {
    if (!judged["baseline_not_passing"].empty()) return false;
    for (const auto& f : judged["faults"])
        if (f["judged"].get<bool>() && !f["caught"].get<bool>()) return false;
    return judged["figure"]["percent"].get<double>() + 1e-9 >= fail_under;
}

std::string sensitivity_markdown(const json& judged) {
    auto verdicts = [](const json& entries) {
        std::string out;
        for (const auto& e : entries)
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", e["claim"].get<std::string>(),
                               e["verdict"].get<std::string>());
        return out.empty() ? std::string("-") : out;
    };
    json view = judged;
    const auto& fig = judged["figure"];
    view["figure_text"] = fmt::format("{} of {} claims shown sensitive ({:.1f}%)", fig["shown"].get<int>(),
                                      fig["claims"].get<int>(), fig["percent"].get<double>());
    for (auto& f : view["faults"]) {
        std::string expected;
        for (const auto& id : f["expected"]) expected += (expected.empty() ? "" : ", ") + id.get<std::string>();
        f["expected_text"] = expected.empty() ? "any claim" : expected;
        f["failed_text"] = verdicts(f["failed"]);
        f["not_failed_text"] = verdicts(f["not_failed"]);
        f["also_failed_text"] = verdicts(f["also_failed"]);
        f["unjudged_text"] = verdicts(f["unjudged"]);
        f["has_unjudged"] = !f["unjudged"].empty();
        f["outcome"] = !f["judged"].get<bool>() ? "not judged" : f["caught"].get<bool>() ? "caught" : "MISSED";
    }
    json not_shown = json::array();
    for (const auto& c : judged["claims"])
        if (!c["sensitive"].get<bool>()) not_shown.push_back(c);
    view["not_shown"] = not_shown;
    view["has_not_shown"] = !not_shown.empty();
    view["baseline_ok"] = judged["baseline_not_passing"].empty();
    view["baseline_text"] = verdicts(judged["baseline_not_passing"]);
    return tidy_markdown(render_template(embedded_report_file("sensitivity.md.mustache"), view, Markup::Markdown));
}

}  // namespace runner
