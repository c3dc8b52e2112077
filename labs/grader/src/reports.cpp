// What a grade becomes: Gradescope's results.json, JUnit XML, a Markdown
// and an HTML report per submission; a class summary in CSV and HTML. The
// pages are reports/templates/lab.{md,html}.mustache and class.html.mustache;
// this file builds their view models.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include <fmt/core.h>
#include <pugixml.hpp>

#include "labs/grader.hpp"
#include "report/render.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// XML 1.0 has no place for most control characters; student output may hold them.
std::string xml_safe(const std::string& s) {
    std::string out;
    for (unsigned char c : s) out += (c < 0x20 && c != '\n' && c != '\t' && c != '\r') ? '?' : static_cast<char>(c);
    return out;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string points(double p) { return fmt::format("{:g}", p); }

bool passed(const CheckResult& c) { return c.score >= c.max_score; }

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// Text for a code block: ends with a line break, so the block's fence does too.
std::string block(const std::string& text) { return text.empty() || text.back() == '\n' ? text : text + "\n"; }

// An explanation as one Markdown table cell: one line, at most 400 characters, '|' escaped.
std::string markdown_cell(std::string why) {
    for (auto& ch : why)
        if (ch == '\n') ch = ' ';
    if (why.size() > 400) why = why.substr(0, 400) + " ...";
    std::string cell;
    for (char ch : why) cell += ch == '|' ? std::string("\\|") : std::string(1, ch);
    return cell;
}

json lab_model(const Lab& lab) {
    return {{"name", lab.name}, {"title", lab.title}, {"section", lab.section}, {"has_section", !lab.section.empty()}};
}

json scenario_model(const ScenarioReport& s) {
    json programs = json::array();
    for (const auto& p : s.programs)
        programs.push_back({{"name", p.name}, {"status", p.status}, {"output", block(p.output)}});
    std::string trace;
    for (const auto& line : s.trace) trace += line + "\n";
    return {{"name", s.name},
            {"seconds", fmt::format("{:.1f}", s.seconds)},
            {"has_input", !s.input.empty()},
            {"input", s.input},
            {"has_notes", !s.notes.empty()},
            {"notes", s.notes},
            {"programs", programs},
            {"has_trace", !trace.empty()},
            {"trace", trace}};
}

// The view of one submission's pages (lab.md.mustache, lab.html.mustache).
json submission_model(const Lab& lab, const Grade& g) {
    json checks = json::array();
    for (const auto& c : g.checks)
        checks.push_back({{"name", c.name},
                          {"mark", passed(c) ? "✔" : "✘"},
                          {"css", passed(c) ? "pass" : "fail"},
                          {"score", points(c.score)},
                          {"max_score", points(c.max_score)},
                          {"output", c.output},
                          {"why", first_line(c.output)},
                          {"md_cell", markdown_cell(c.output)}});
    json scenarios = json::array();
    for (const auto& s : g.scenarios) scenarios.push_back(scenario_model(s));
    return {{"css", std::string(runner::embedded_report_file("lab.css"))},
            {"lab", lab_model(lab)},
            {"submission", g.submission},
            {"score", points(g.score)},
            {"max_score", points(g.max_score)},
            {"checks", checks},
            {"has_build_log", !g.build_log.empty()},
            {"build_log", block(g.build_log)},
            {"scenarios", scenarios},
            {"isolation", g.isolation.empty() ? "-" : g.isolation},
            {"has_isolation_lost", !g.isolation_lost.empty()},
            {"isolation_lost", g.isolation_lost},
            {"seconds", fmt::format("{:.1f}", g.seconds)},
            {"has_coverage", !g.coverage_html.empty()}};
}

// The distribution of scores as the bars of a small SVG histogram: one bar
// per whole point up to 20 points, else ten bars of equal width.
json score_histogram(const Lab& lab, const std::vector<Grade>& grades) {
    const double max = lab.max_score();
    const bool per_point = max <= 20;
    const int bins = per_point ? static_cast<int>(std::ceil(max)) + 1 : 10;
    const double width = per_point ? 1 : max / bins;
    std::vector<int> counts(bins, 0);
    for (const auto& g : grades)
        ++counts[std::clamp(static_cast<int>(std::floor(g.score / width + 1e-9)), 0, bins - 1)];
    const int tallest = std::max(1, *std::max_element(counts.begin(), counts.end()));
    constexpr int slot = 30, bar = 24, height = 100, top = 16;
    json bars = json::array();
    std::string described;
    for (int i = 0; i < bins; ++i) {
        const int h = counts[i] * height / tallest;
        const std::string label = per_point ? points(i)
                                            : fmt::format("{:g}–{:g}", std::round(i * width * 10) / 10,
                                                          std::round((i + 1) * width * 10) / 10);
        bars.push_back({{"x", i * slot + (slot - bar) / 2},
                        {"y", top + height - h},
                        {"width", bar},
                        {"height", h},
                        {"middle", i * slot + slot / 2},
                        {"count", counts[i]},
                        {"has_count", counts[i] > 0},
                        {"count_y", top + height - h - 3},
                        {"label", label},
                        {"label_y", top + height + 14}});
        if (counts[i]) described += fmt::format("{}{} scored {}", described.empty() ? "" : ", ", counts[i], label);
    }
    return {{"bars", bars},
            {"width", bins * slot},
            {"height", top + height + 20},
            {"baseline", top + height},
            {"described", fmt::format("Scores out of {}: {}", points(max), described.empty() ? "none" : described)}};
}

// Each check some submissions lost, most often lost first: how many lost
// it, in the teacher's words (the check's name), and the reason given most.
json common_losses(const Lab& lab, const std::vector<Grade>& grades) {
    struct Loss {
        const Check* check;
        int count = 0;
        std::map<std::string, int> reasons;
    };
    std::vector<Loss> losses;
    for (const auto& c : lab.checks) {
        Loss l{&c, 0, {}};
        for (const auto& g : grades)
            for (const auto& r : g.checks)
                if (r.id == c.id && !passed(r)) {
                    ++l.count;
                    ++l.reasons[first_line(r.output)];
                }
        if (l.count) losses.push_back(l);
    }
    std::stable_sort(losses.begin(), losses.end(), [](const Loss& a, const Loss& b) { return a.count > b.count; });
    json rows = json::array();
    for (const auto& l : losses) {
        auto most = std::max_element(l.reasons.begin(), l.reasons.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        rows.push_back({{"name", l.check->name},
                        {"id", l.check->id},
                        {"points", points(l.check->points)},
                        {"count", l.count},
                        {"of", grades.size()},
                        {"reason", most->first}});
    }
    return rows;
}

// The view of the class summary (class.html.mustache).
json class_model(const Lab& lab, const std::vector<Grade>& grades) {
    json checks = json::array();
    for (const auto& c : lab.checks) checks.push_back({{"name", c.name}, {"points", points(c.points)}});
    json rows = json::array();
    for (const auto& g : grades) {
        json cells = json::array();
        for (const auto& c : lab.checks) {
            auto it =
                std::find_if(g.checks.begin(), g.checks.end(), [&](const CheckResult& r) { return r.id == c.id; });
            if (it == g.checks.end()) {
                cells.push_back({{"graded", false}});
                continue;
            }
            cells.push_back({{"graded", true},
                             {"passed", passed(*it)},
                             {"css", passed(*it) ? "pass" : "fail"},
                             {"score", points(it->score)},
                             {"why", first_line(it->output)}});
        }
        rows.push_back({{"submission", g.submission},
                        {"cells", cells},
                        {"score", points(g.score)},
                        {"max_score", points(g.max_score)}});
    }
    std::vector<std::string> lost;  // as the first submission's report says it
    if (!grades.empty()) lost = grades.front().isolation_lost;
    const json losses = common_losses(lab, grades);
    return {{"css", std::string(runner::embedded_report_file("lab.css"))},
            {"lab", lab_model(lab)},
            {"checks", checks},
            {"grades", rows},
            {"count", grades.size()},
            {"histogram", score_histogram(lab, grades)},
            {"has_losses", !losses.empty()},
            {"losses", losses},
            {"has_isolation_lost", !lost.empty()},
            {"isolation_lost", lost}};
}

void write_junit(const Lab& lab, const Grade& g, const fs::path& file) {
    pugi::xml_document doc;
    auto suite = doc.append_child("testsuites").append_child("testsuite");
    int failures = 0;
    for (const auto& c : g.checks) failures += !passed(c);
    suite.append_attribute("name") = ("lab " + lab.name + ": " + g.submission).c_str();
    suite.append_attribute("tests") = static_cast<int>(g.checks.size());
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = 0;
    suite.append_attribute("time") = fmt::format("{:.3f}", g.seconds).c_str();
    for (const auto& c : g.checks) {
        auto tc = suite.append_child("testcase");
        tc.append_attribute("classname") = ("lab." + lab.name + "." + g.submission).c_str();
        tc.append_attribute("name") =
            fmt::format("{} ({}/{} points)", c.name, points(c.score), points(c.max_score)).c_str();
        tc.append_attribute("time") = "0";
        if (!passed(c)) {
            auto f = tc.append_child("failure");
            f.append_attribute("message") = xml_safe(first_line(c.output)).c_str();
            f.append_attribute("type") = c.id.c_str();
            f.text().set(xml_safe(c.output).c_str());
        } else {
            tc.append_child("system-out").text().set(xml_safe(c.output).c_str());
        }
    }
    doc.save_file(file.c_str(), "  ");
}

}  // namespace

json gradescope_json(const Grade& g) {
    json tests = json::array();
    for (const auto& c : g.checks)
        tests.push_back({{"name", c.name},
                         {"score", c.score},
                         {"max_score", c.max_score},
                         {"output", c.output},
                         {"status", passed(c) ? "passed" : "failed"},
                         {"extra_data", {{"check", c.id}}}});
    return {{"score", g.score},
            {"max_score", g.max_score},
            {"execution_time", g.seconds},
            {"output", fmt::format("{}: {} / {}", g.submission, points(g.score), points(g.max_score))},
            {"visibility", "visible"},
            {"tests", tests},
            {"extra_data",
             {{"submission", g.submission},
              {"dir", g.dir.string()},
              {"isolation", g.isolation},
              {"isolation_lost", g.isolation_lost},
              {"coverage_html", g.coverage_html.string()}}}};
}

Grade grade_from_gradescope(const json& j) {
    Grade g;
    g.score = j.value("score", 0.0);
    g.max_score = j.value("max_score", 0.0);
    g.seconds = j.value("execution_time", 0.0);
    auto extra = j.value("extra_data", json::object());
    g.submission = extra.value("submission", std::string());
    g.dir = extra.value("dir", std::string());
    g.isolation = extra.value("isolation", std::string());
    g.isolation_lost = extra.value("isolation_lost", std::vector<std::string>());
    g.coverage_html = extra.value("coverage_html", std::string());
    for (const auto& t : j.value("tests", json::array()))
        g.checks.push_back({t.value("extra_data", json::object()).value("check", std::string()),
                            t.value("name", std::string()), t.value("score", 0.0), t.value("max_score", 0.0),
                            t.value("output", std::string())});
    return g;
}

void write_submission_reports(const Lab& lab, const Grade& g, const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "results.json") << gradescope_json(g).dump(2) << "\n";
    write_junit(lab, g, dir / "junit.xml");
    const json model = submission_model(lab, g);
    std::ofstream(dir / "report.md") << runner::tidy_markdown(
        runner::render_template(runner::embedded_report_file("lab.md.mustache"), model, runner::Markup::Markdown));
    std::ofstream(dir / "report.html") << runner::render_template(runner::embedded_report_file("lab.html.mustache"),
                                                                  model, runner::Markup::Html);
}

void write_class_summary(const Lab& lab, const std::vector<Grade>& grades, const fs::path& out) {
    fs::create_directories(out);
    std::ofstream csv(out / "summary.csv");
    csv << "submission";
    for (const auto& c : lab.checks) csv << "," << csv_field(c.id + " (" + points(c.points) + ")");
    csv << ",score,max_score\n";
    for (const auto& g : grades) {
        csv << csv_field(g.submission);
        for (const auto& c : lab.checks) {
            auto it =
                std::find_if(g.checks.begin(), g.checks.end(), [&](const CheckResult& r) { return r.id == c.id; });
            csv << "," << (it != g.checks.end() ? points(it->score) : "");
        }
        csv << "," << points(g.score) << "," << points(g.max_score) << "\n";
    }
    std::ofstream(out / "summary.html") << runner::render_template(runner::embedded_report_file("class.html.mustache"),
                                                                   class_model(lab, grades), runner::Markup::Html);
}

}  // namespace grading
