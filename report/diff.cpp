#include "report/diff.hpp"

#include <fmt/core.h>
#include <map>
#include <regex>
#include <set>

#include "report/evidence_noise.hpp"
#include "report/render.hpp"
#include "report/report.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A run's environment as compared: results written before runtimes existed
// ran natively (gVisor could not run the suite), so they compare as native.
json compared_environment(const RunResults& r) {
    json env = r.environment;
    if (!env.contains("runtime")) env["runtime"] = {{"name", "native"}};
    return env;
}

// "native", or "gvisor 0.0~20221219.0 (ptrace)".
std::string runtime_words(const json& env) {
    const json rt = env.value("runtime", json::object());
    std::string words = rt.value("name", "native");
    if (rt.contains("version")) words += " " + plain_value(rt["version"]);
    if (rt.contains("platform")) words += " (" + plain_value(rt["platform"]) + ")";
    return words;
}

json side(const RunResults& r, const std::string& label) {
    const json env = compared_environment(r);
    const json kernel = env.value("kernel", json::object());
    return {{"label", label},
            {"kernel", plain_value(kernel.value("release", json("unknown")))},
            {"distribution", plain_value(env.value("distribution", json("unknown")))},
            {"runtime", runtime_words(env)},
            {"cases", static_cast<int>(r.cases.size())}};
}

}  // namespace

RunDiff diff_runs(const RunResults& a, const RunResults& b, const std::vector<Claim>& catalogue,
                  const DiffOptions& options) {
    RunDiff d;

    std::map<std::string, std::string> env_a, env_b;
    flatten(compared_environment(a), "", env_a);
    flatten(compared_environment(b), "", env_b);
    std::set<std::string> env_keys;
    for (auto& [k, v] : env_a) env_keys.insert(k);
    for (auto& [k, v] : env_b) env_keys.insert(k);
    json env = json::array();
    int env_differences = 0;
    for (const auto& key : env_keys) {
        std::string va = env_a.count(key) ? env_a[key] : "(absent)";
        std::string vb = env_b.count(key) ? env_b[key] : "(absent)";
        env_differences += va != vb;
        env.push_back({{"name", key}, {"a", va}, {"b", vb}, {"differs", va != vb}});
    }

    std::map<std::string, const CaseResult*> in_a, in_b;
    for (const auto& r : a.cases) in_a[r.claim] = &r;
    for (const auto& r : b.cases) in_b[r.claim] = &r;
    std::map<std::string, const Claim*> claim_of;
    std::vector<std::string> ids;  // catalogue order, then claims it does not know, by id
    for (const auto& c : catalogue) {
        claim_of[c.id] = &c;
        if (in_a.count(c.id) || in_b.count(c.id)) ids.push_back(c.id);
    }
    std::set<std::string> unknown;
    for (auto* m : {&in_a, &in_b})
        for (auto& [id, r] : *m)
            if (!claim_of.count(id)) unknown.insert(id);
    ids.insert(ids.end(), unknown.begin(), unknown.end());

    json claims = json::array(), only_one = json::array();
    int ignored = 0;
    for (const auto& id : ids) {
        const CaseResult* ra = in_a.count(id) ? in_a[id] : nullptr;
        const CaseResult* rb = in_b.count(id) ? in_b[id] : nullptr;
        if (!ra || !rb) {  // a partial run beside a full one: nothing to compare
            ++d.not_in_both;
            if (options.common_only) continue;
            const std::string verdict = to_string((ra ? ra : rb)->status);
            json claim = claim_heading(id, claim_of.count(id) ? claim_of[id] : nullptr);
            claim.update({{"run_in", ra ? "A" : "B"}, {"verdict", verdict}, {"css", verdict_css(verdict)}});
            only_one.push_back(claim);
            continue;
        }
        json changes = json::array();
        std::set<std::string> keys;
        for (auto& [k, v] : ra->evidence.items()) keys.insert(k);
        for (auto& [k, v] : rb->evidence.items()) keys.insert(k);
        for (const auto& key : keys) {
            bool has_a = ra->evidence.contains(key), has_b = rb->evidence.contains(key);
            std::string ea = has_a ? plain_value(ra->evidence[key]) : "";
            std::string eb = has_b ? plain_value(rb->evidence[key]) : "";
            if (has_a && has_b && ea == eb) continue;
            if (!options.all_evidence &&
                (noise_evidence(key) || (has_a && has_b && without_noise(ea) == without_noise(eb)))) {
                ++ignored;
                continue;
            }
            std::string change = !has_a ? "added" : !has_b ? "removed" : "changed";
            changes.push_back({{"key", key},
                               {"label", plain_key(key)},
                               {"a", has_a ? ea : "(absent)"},
                               {"b", has_b ? eb : "(absent)"},
                               {"change", change}});
        }
        const std::string va = to_string(ra->status), vb = to_string(rb->status);
        bool verdict_differs = va != vb;
        if (!verdict_differs && changes.empty()) continue;
        (verdict_differs ? d.verdict_changes : d.evidence_changes) += 1;
        json claim = claim_heading(id, claim_of.count(id) ? claim_of[id] : nullptr);
        claim.update({{"verdict_a", va},
                      {"verdict_b", vb},
                      {"css_a", verdict_css(va)},
                      {"css_b", verdict_css(vb)},
                      {"verdict_differs", verdict_differs},
                      {"reason_a", verdict_reason(*ra)},
                      {"reason_b", verdict_reason(*rb)},
                      {"has_reason_a", ra->status != Status::Pass},
                      {"has_reason_b", rb->status != Status::Pass},
                      {"changes", changes},
                      {"has_changes", !changes.empty()}});
        claims.push_back(claim);
    }

    const std::size_t compared = ids.size() - static_cast<std::size_t>(d.not_in_both);
    std::string headline =
        claims.empty()
            ? fmt::format("No claim differs among the {} claims both runs ran.", compared)
            : fmt::format("{} of the {} claims both runs ran differ: {} verdict(s), {} with the same verdict and "
                          "other evidence.",
                          claims.size(), compared, d.verdict_changes, d.evidence_changes);
    if (d.not_in_both > 0)
        headline += fmt::format(" {} claim(s) were run in one run only{}.", d.not_in_both,
                                options.common_only ? " and are left out (--common)" : ", not compared");
    d.model = {
        {"css", std::string(embedded_report_file("report.css"))},
        {"a", side(a, options.label_a)},
        {"b", side(b, options.label_b)},
        {"headline", headline},
        {"same", claims.empty()},
        {"verdicts_differ", d.verdict_changes > 0},
        {"verdict_changes", d.verdict_changes},
        {"evidence_changes", d.evidence_changes},
        {"env", env},
        {"env_differences", env_differences},
        {"claims", claims},
        {"has_claims", !claims.empty()},
        {"not_in_both", only_one},
        {"has_not_in_both", !only_one.empty()},
        {"ignored", ignored},
        {"has_ignored", ignored > 0},
    };
    return d;
}

std::string diff_text(const RunDiff& d) {
    const json& m = d.model;
    std::string out = fmt::format("A: {} ({}, {}, runtime {})\nB: {} ({}, {}, runtime {})\n\n"
                                  "Environment ({} difference(s), marked *):\n",
                                  m["a"]["label"].get<std::string>(), m["a"]["kernel"].get<std::string>(),
                                  m["a"]["distribution"].get<std::string>(), m["a"]["runtime"].get<std::string>(),
                                  m["b"]["label"].get<std::string>(), m["b"]["kernel"].get<std::string>(),
                                  m["b"]["distribution"].get<std::string>(), m["b"]["runtime"].get<std::string>(),
                                  m["env_differences"].get<int>());
    std::size_t width = 0;
    for (const auto& row : m["env"]) width = std::max(width, row["name"].get<std::string>().size());
    for (const auto& row : m["env"])
        out += fmt::format("{} {:<{}}  {:<28}  {}\n", row["differs"].get<bool>() ? "*" : " ",
                           row["name"].get<std::string>(), width, row["a"].get<std::string>(),
                           row["b"].get<std::string>());
    out += "\n" + m["headline"].get<std::string>() + "\n";
    for (const auto& c : m["claims"]) {
        out += fmt::format("\n{} {:<8} A {:<7} B {:<7} {}\n", c["verdict_differs"].get<bool>() ? "*" : " ",
                           c["id"].get<std::string>(), c["verdict_a"].get<std::string>(),
                           c["verdict_b"].get<std::string>(), c["statement"].get<std::string>());
        for (const char* side : {"a", "b"}) {
            std::string reason = c[std::string("reason_") + side].get<std::string>();
            if (!reason.empty()) out += fmt::format("      {}: {}\n", side[0] == 'a' ? 'A' : 'B', reason);
        }
        for (const auto& ch : c["changes"])
            out += fmt::format("      {} {}: {} -> {}\n",
                               ch["change"] == "added"     ? "+"
                               : ch["change"] == "removed" ? "-"
                                                           : "~",
                               ch["key"].get<std::string>(), ch["a"].get<std::string>(), ch["b"].get<std::string>());
    }
    if (m["has_not_in_both"].get<bool>()) {
        out += "\nNot in both runs (not compared; --common leaves them out):\n";
        for (const auto& c : m["not_in_both"])
            out += fmt::format("  {:<8} only in {}: {}\n", c["id"].get<std::string>(), c["run_in"].get<std::string>(),
                               c["verdict"].get<std::string>());
    }
    if (m["has_ignored"].get<bool>())
        out += fmt::format("\n({} evidence value(s) not compared: run-specific (pids, IPC keys and ids, tokens, "
                           "addresses, times, inodes) or measurements (counts, ratios, rates, durations); "
                           "--all-evidence compares them)\n",
                           m["ignored"].get<int>());
    return out;
}

PageFiles write_diff(const fs::path& dir, const RunDiff& d) {
    fs::create_directories(dir);
    PageFiles files{dir / "diff.md", dir / "diff.html"};
    write_text_file(files.markdown, tidy_markdown(render_template(embedded_report_file("diff.md.mustache"), d.model,
                                                                  Markup::Markdown)));
    write_text_file(files.html, render_template(embedded_report_file("diff.html.mustache"), d.model, Markup::Html));
    return files;
}

}  // namespace runner
