#include "report/report.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/core.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "report/render.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool has_upper(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c); });
}

struct Verdict {
    const char* word;   // shown: PASS, FAIL, ..., NO CASE YET
    const char* css;    // class name in report.css
    const char* label;  // in a sentence: "holds", "does not hold" ...
};

Verdict verdict_of(Status s) {
    switch (s) {
        case Status::Pass: return {"PASS", "pass", "holds on this kernel"};
        case Status::Fail: return {"FAIL", "fail", "does not hold on this kernel"};
        case Status::Skip: return {"SKIP", "skip", "was not checked here"};
        case Status::Broken: return {"BROKEN", "broken", "could not be checked: the case's setup failed"};
        case Status::Timeout: return {"TIMEOUT", "timeout", "could not be checked: the case timed out"};
    }
    return {"BROKEN", "broken", "could not be checked"};
}

const Verdict not_run{"NOT RUN", "none", "has a case that this run did not select"};
const Verdict no_case{"NO CASE YET", "none", "has no case yet"};

// "native", or "gvisor 0.0~20221219.0 (platform ptrace) on host kernel 6.1.0".
std::string runtime_text(const json& runtime) {
    const std::string name = runtime.value("name", std::string("native"));
    if (name == "native") return name;
    std::string text = name + " " + runtime.value("version", std::string("(version unknown)"));
    if (runtime.contains("platform")) text += " (platform " + plain_value(runtime["platform"]) + ")";
    if (runtime.contains("host_kernel")) text += " on host kernel " + plain_value(runtime["host_kernel"]);
    return text;
}

json env_model(const json& env) {
    auto text = [&](const json& v) { return v.is_null() ? std::string("unknown") : plain_value(v); };
    json kernel = env.value("kernel", json::object());
    json m = {
        {"kernel", text(kernel.value("release", json()))},
        {"kernel_version", text(kernel.value("version", json()))},
        {"machine", text(kernel.value("machine", json()))},
        {"distribution", text(env.value("distribution", json()))},
        {"page_size", text(env.value("page_size", json()))},
        {"cpus", text(env.value("cpus", json()))},
        {"isolation", text(env.value("isolation", json()))},
        {"uid", text(env.value("uid", json()))},
        {"runtime", runtime_text(env.value("runtime", json::object()))},
        {"has_wrap", env.contains("wrap")},
        {"wrap", text(env.value("wrap", json()))},
    };
    json sysctls = json::array();
    const json sysctl_values = env.value("sysctls", json::object());
    for (auto& [name, value] : sysctl_values.items()) {
        std::string v = plain_value(value);
        std::replace(v.begin(), v.end(), '\t', ' ');
        sysctls.push_back({{"name", name}, {"value", v}});
    }
    m["sysctls"] = sysctls;
    return m;
}

json evidence_model(const json& evidence) {
    json items = json::array();
    for (auto& [key, value] : evidence.items())
        items.push_back({{"key", key},
                         {"label", plain_key(key)},
                         {"value", value == "" ? std::string("(empty)") : plain_value(value)}});
    return items;
}

// From `ipc-claims coverage`: the kernel functions a case entered beyond
// those every case entered (`common`), grouped by file:
// "ipc/msg.c: do_msgrcv, testmsg; kernel/signal.c: ...".
std::string kernel_reach(const CaseResult& r, const std::set<std::string>& common) {
    std::string text, file;
    for (const auto& f : r.kernel_functions) {
        if (common.count(f)) continue;
        const auto colon = f.rfind(':');
        const std::string in = f.substr(0, colon), name = f.substr(colon + 1);
        text += in == file ? ", " + name : (text.empty() ? "" : "; ") + in + ": " + name;
        file = in;
    }
    return text;
}

json case_model(const CaseResult& r, const std::set<std::string>& common) {
    Verdict v = verdict_of(r.status);
    std::string tail = output_tail(r.output);
    const std::string reach = kernel_reach(r, common);
    return {
        {"kernel_reach", reach},
        {"has_kernel_reach", !reach.empty()},
        {"kernel_common", common.size()},
        {"verdict", v.word},
        {"css", v.css},
        {"ran", true},
        {"passed", r.status == Status::Pass},
        {"reason", verdict_reason(r)},
        {"has_reason", r.status != Status::Pass},
        {"case_path", r.case_path},
        {"exit", r.exit},
        {"duration", fmt::format("{:.2f} s", r.duration_s)},
        {"isolation", r.isolation},
        {"leftover", r.leftover_processes},
        {"has_leftover", r.leftover_processes > 0},
        {"evidence", evidence_model(r.evidence)},
        {"has_evidence", !r.evidence.empty()},
        {"output_tail", tail},
        {"has_output", !tail.empty()},
    };
}

// One figure for a placeholder: a number through the fmt spec when one is
// given and fits, else as plain_value() says it.
std::string figure(const json& value, const std::string& spec) {
    if (!spec.empty() && value.is_number()) {
        try {
            const std::string f = "{:" + spec + "}";
            if (value.is_number_float() || spec.find('.') != std::string::npos)
                return fmt::format(fmt::runtime(f), value.get<double>());
            return fmt::format(fmt::runtime(f), value.get<long long>());
        } catch (const std::exception&) {  // fmt::format_error: a spec that does not fit
        }
    }
    return plain_value(value);
}

json claim_model(const Claim* c, const std::string& id, const CaseResult* r, const std::set<std::string>& common) {
    json m = r ? case_model(*r, common) : json::object();
    Verdict v = r ? verdict_of(r->status) : (c && c->implemented() ? not_run : no_case);
    if (!r) {
        m["verdict"] = v.word;
        m["css"] = v.css;
        m["ran"] = false;
        m["has_reason"] = false;
        m["has_evidence"] = false;
        m["has_output"] = false;
    }
    m["id"] = id;
    m["anchor"] = "claim-" + id;
    m["sentence"] = fmt::format("{} {}.", id, v.label);
    std::string statement = c ? c->statement : "(not in this catalogue)";
    m["statement"] = statement;
    m["statement_parts"] = code_spans(statement);
    m["kind"] = c ? c->kind : "";
    m["section"] = c ? c->section : "";
    m["has_section"] = c && !c->section.empty();
    m["mission"] = c && c->mission;
    m["man"] = c ? fmt::format("{}", fmt::join(c->man, ", ")) : "";
    m["has_man"] = c && !c->man.empty();
    m["peers"] = c ? fmt::format("{}", fmt::join(c->peers, ", ")) : "";
    m["has_peers"] = c && !c->peers.empty();
    bool fix = c && c->kind == "fix" && (!c->document_says.empty() || !c->linux_does.empty());
    m["is_fix"] = fix;
    if (fix) {
        m["document_says"] = c->document_says;
        m["document_says_parts"] = code_spans(c->document_says);
        // Figures quoted in "Linux does" come from a run that showed it.
        const json* figures = r && r->status == Status::Pass ? &r->evidence : nullptr;
        const std::string linux_does = fill_from_evidence(c->linux_does, figures);
        m["linux_does"] = linux_does;
        m["linux_does_parts"] = code_spans(linux_does);
    }
    if (!m.contains("case_path")) m["case_path"] = c && c->implemented() ? c->case_path() : "";
    m["has_case"] = !m["case_path"].get<std::string>().empty();
    return m;
}

}  // namespace

std::string plain_key(const std::string& key) {
    std::string out;
    std::string::size_type at = 0;
    while (at <= key.size()) {
        auto dot = key.find('.', at);
        if (dot == std::string::npos) dot = key.size();
        std::string part = key.substr(at, dot - at);
        if (!has_upper(part)) std::replace(part.begin(), part.end(), '_', ' ');
        out += (out.empty() ? "" : ": ") + part;
        at = dot + 1;
    }
    return out;
}

std::string plain_value(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (value.is_null()) return "none";
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string fill_from_evidence(const std::string& text, const json* evidence) {
    const std::string prefix = "evidence.";
    struct Tag {
        std::string::size_type begin, end;  // of "{{...}}" in text
        std::string inside;
    };
    std::vector<Tag> tags;
    for (auto at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
        auto close = text.find("}}", at + 2);
        if (close == std::string::npos) break;
        tags.push_back({at, close + 2, text.substr(at + 2, close - at - 2)});
        at = close + 2;
    }
    // A placeholder's key and spec: "evidence.a.b:.2f" -> "a.b", ".2f".
    auto placeholder = [&](const std::string& inside) -> std::optional<std::pair<std::string, std::string>> {
        if (inside.rfind(prefix, 0) != 0 || inside.size() == prefix.size()) return std::nullopt;
        std::string key = inside.substr(prefix.size()), spec;
        if (auto colon = key.find(':'); colon != std::string::npos) {
            spec = key.substr(colon + 1);
            key.resize(colon);
        }
        return std::make_pair(key, spec);
    };
    bool complete = evidence && evidence->is_object();
    for (const Tag& t : tags)
        if (auto p = placeholder(t.inside); p && complete && !evidence->contains(p->first)) complete = false;

    enum class Section { None, Shown, Hidden } section = Section::None;
    std::string out;
    auto emit = [&](const std::string& s) {
        if (section != Section::Hidden) out += s;
    };
    std::string::size_type at = 0;
    for (const Tag& t : tags) {
        emit(text.substr(at, t.begin - at));
        at = t.end;
        if (t.inside == "#evidence") section = complete ? Section::Shown : Section::Hidden;
        else if (t.inside == "^evidence") section = complete ? Section::Hidden : Section::Shown;
        else if (t.inside == "/evidence") section = Section::None;
        else if (auto p = placeholder(t.inside))
            emit(complete ? figure(evidence->at(p->first), p->second) : std::string("(not measured)"));
        else emit(text.substr(t.begin, t.end - t.begin));
    }
    emit(text.substr(at));
    return out;
}

// The peer suites' checks the catalogue's implemented claims answer, per area,
// with the ones none answers.
json peers_model(const std::vector<Claim>& catalogue, const std::vector<PeerCheck>& checks) {
    std::set<std::string> answered;
    for (const auto& c : catalogue)
        if (c.implemented()) answered.insert(c.peers.begin(), c.peers.end());
    json areas = json::array();
    std::size_t total = 0, covered = 0;
    for (const auto& check : checks) {
        if (areas.empty() || areas.back()["area"] != check.area)
            areas.push_back({{"area", check.area}, {"total", 0}, {"answered", 0}, {"missing", json::array()}});
        json& area = areas.back();
        area["total"] = area["total"].get<int>() + 1;
        ++total;
        if (answered.count(check.check)) {
            area["answered"] = area["answered"].get<int>() + 1;
            ++covered;
        } else {
            area["missing"].push_back({{"check", check.check}, {"behaviour", check.behaviour}});
        }
    }
    for (auto& area : areas) area["has_missing"] = !area["missing"].empty();
    return {{"text", fmt::format("The claims answer {} of {} peer checks (LTP, gVisor, kselftest)", covered, total)},
            {"answered", covered},
            {"total", total},
            {"areas", areas}};
}

json report_model(const RunResults& results, const std::vector<Claim>& catalogue,
                  const std::vector<PeerCheck>& peer_checks) {
    std::map<std::string, const CaseResult*> by_claim;
    for (const auto& r : results.cases) by_claim[r.claim] = &r;
    std::set<std::string> known;
    // Functions every claim entered (the runner's own work), from `ipc-claims coverage`.
    std::set<std::string> kernel_common;
    if (results.kernel_coverage.is_object())
        for (const auto& f : results.kernel_coverage.value("common", json::array()))
            kernel_common.insert(f.get<std::string>());

    // Claims grouped by area, in catalogue order (the document's order).
    json sections = json::array();
    json coverage = json::array();
    int total_claims = 0, total_beyond = 0, total_implemented = 0, total_run = 0, total_passing = 0;
    std::vector<std::string> areas;  // in catalogue order (the document's order)
    for (const auto& c : catalogue)
        if (std::find(areas.begin(), areas.end(), c.area) == areas.end()) areas.push_back(c.area);
    for (const auto& area : areas) {
        json claims = json::array();
        std::string title;
        int in_catalogue = 0, implemented = 0, run = 0, passing = 0, beyond = 0;
        for (const Claim& c : catalogue) {
            if (c.area != area) continue;
            title = c.area_title;
            known.insert(c.id);
            auto it = by_claim.find(c.id);
            const CaseResult* r = it == by_claim.end() ? nullptr : it->second;
            claims.push_back(claim_model(&c, c.id, r, kernel_common));
            ++in_catalogue;
            beyond += c.kind == "edge";
            implemented += c.implemented();
            run += r != nullptr;
            passing += r && r->status == Status::Pass;
        }
        json row = {{"area", area},
                    {"title", title},
                    {"anchor", "area-" + area},
                    {"in_catalogue", in_catalogue},
                    {"from_document", in_catalogue - beyond},
                    {"beyond", beyond},
                    {"implemented", implemented},
                    {"run", run},
                    {"passing", passing}};
        coverage.push_back(row);
        row["claims"] = claims;
        sections.push_back(row);
        total_claims += in_catalogue;
        total_beyond += beyond;
        total_implemented += implemented;
        total_run += run;
        total_passing += passing;
    }
    // Results of claims this catalogue does not know (an older or newer run).
    json others = json::array();
    for (const auto& r : results.cases)
        if (!known.count(r.claim)) others.push_back(claim_model(nullptr, r.claim, &r, kernel_common));
    if (!others.empty())
        sections.push_back({{"area", "other"},
                            {"title", "Claims not in this catalogue"},
                            {"anchor", "area-other"},
                            {"claims", others}});

    // From `ipc-claims sensitivity`: the figure, and each claim's faults.
    const json& sens = results.sensitivity;
    json sensitivity = json::object();
    int total_sensitive = 0;
    if (sens.is_object()) {
        const json by_claim = sens.value("faults_by_claim", json::object());
        for (std::size_t i = 0; i < coverage.size(); ++i) {
            int sensitive = 0;
            for (auto& claim : sections[i]["claims"]) {
                std::string faults;
                for (const auto& f : by_claim.value(claim["id"].get<std::string>(), json::array()))
                    faults += (faults.empty() ? "" : ", ") + f.get<std::string>();
                claim["sensitive_to"] = faults;
                claim["shown_sensitive"] = !faults.empty();
                sensitive += !faults.empty();
            }
            coverage[i]["sensitive"] = sensitive;
            total_sensitive += sensitive;
        }
        const json fig = sens.value("figure", json::object());
        json not_shown = json::array();
        for (const auto& c : sens.value("not_shown", json::array()))
            not_shown.push_back({{"id", c.value("id", "")}, {"why", c.value("why", "")}});
        sensitivity = {{"text", fmt::format("{} of {} claims shown sensitive ({:.1f}%)", fig.value("shown", 0),
                                            fig.value("claims", 0), fig.value("percent", 0.0))},
                       {"faults", sens.value("faults", 0)},
                       {"faults_missed", sens.value("faults_missed", 0)},
                       {"table", sens.value("table", "")},
                       {"not_shown", not_shown},
                       {"has_not_shown", !not_shown.empty()}};
    }

    // Problems first: failures, then timeouts, then broken cases, catalogue order within each.
    json problems = json::array();
    for (Status s : {Status::Fail, Status::Timeout, Status::Broken})
        for (const auto& section : sections)
            for (const auto& claim : section["claims"])
                if (claim["verdict"] == verdict_of(s).word) {
                    json problem = claim;  // the claim again: an anchor of its own
                    problem["anchor"] = "attention-" + claim["id"].get<std::string>();
                    problems.push_back(problem);
                }

    std::map<Status, int> count;
    double seconds = 0;
    for (const auto& r : results.cases) {
        ++count[r.status];
        seconds += r.duration_s;
    }
    json totals = json::array();
    for (Status s : {Status::Pass, Status::Fail, Status::Skip, Status::Broken, Status::Timeout}) {
        Verdict v = verdict_of(s);
        totals.push_back({{"verdict", v.word}, {"css", v.css}, {"count", count[s]}});
    }
    int bad = count[Status::Fail] + count[Status::Broken] + count[Status::Timeout];
    std::string headline =
        results.cases.empty() ? "No case was run."
        : bad == 0
            ? fmt::format("All {} cases run passed{}.", results.cases.size(),
                          count[Status::Skip] ? fmt::format(" or were skipped ({} skipped)", count[Status::Skip]) : "")
            : fmt::format("{} of {} cases run did not pass.", bad, results.cases.size());

    return {
        {"css", std::string(embedded_report_file("report.css"))},
        {"env", env_model(results.environment)},
        {"headline", headline},
        {"all_good", bad == 0},
        {"cases_run", static_cast<int>(results.cases.size())},
        {"case_seconds", fmt::format("{:.2f}", seconds)},
        {"totals", totals},
        {"problems", problems},
        {"has_problems", !problems.empty()},
        {"sections", sections},
        {"has_sensitivity", sens.is_object()},
        {"sensitivity", sensitivity},
        {"coverage", coverage},
        {"has_peers", !peer_checks.empty()},
        {"peers", peers_model(catalogue, peer_checks)},
        {"coverage_total",
         {{"in_catalogue", total_claims},
          {"from_document", total_claims - total_beyond},
          {"beyond", total_beyond},
          {"implemented", total_implemented},
          {"run", total_run},
          {"passing", total_passing},
          {"sensitive", total_sensitive}}},
    };
}

PageFiles write_report(const fs::path& dir, const RunResults& results, const std::vector<Claim>& catalogue,
                       const std::vector<PeerCheck>& peer_checks) {
    fs::create_directories(dir);
    json model = report_model(results, catalogue, peer_checks);
    PageFiles files{dir / "report.md", dir / "report.html"};
    write_text_file(files.markdown,
                    tidy_markdown(render_template(embedded_report_file("report.md.mustache"), model, Markup::Markdown,
                                                  {{"claim", embedded_report_file("claim.md.mustache")}})));
    write_text_file(files.html, render_template(embedded_report_file("report.html.mustache"), model, Markup::Html,
                                                {{"claim", embedded_report_file("claim.html.mustache")}}));
    return files;
}

}  // namespace runner
