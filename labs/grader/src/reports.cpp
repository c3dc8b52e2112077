// What a grade becomes: Gradescope's results.json, JUnit XML, a Markdown
// and an HTML report per submission; a class summary in CSV and HTML.
#include <fstream>

#include <fmt/core.h>
#include <pugixml.hpp>

#include "labs/grader.hpp"
#include "report/render.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using runner::html_escape;

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

const char* css =
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}"
    ".pass{background:#e6f4e6}.fail{background:#fbe3e3}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}";

// A tiny Markdown-to-HTML for the report's own Markdown (headings, lists, fences).
std::string markdown_to_html(const std::string& md) {
    std::string html, line;
    std::istringstream in(md);
    bool code = false;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            html += code ? "</pre>\n" : "<pre>";
            code = !code;
        } else if (code) {
            html += html_escape(line) + "\n";
        } else if (line.rfind("### ", 0) == 0) {
            html += "<h3>" + html_escape(line.substr(4)) + "</h3>\n";
        } else if (line.rfind("- ", 0) == 0) {
            html += "<li>" + html_escape(line.substr(2)) + "</li>\n";
        } else if (!line.empty()) {
            html += "<p>" + html_escape(line) + "</p>\n";
        }
    }
    if (code) html += "</pre>\n";
    return html;
}

}  // namespace

json gradescope_json(const Grade& g) {
    json tests = json::array();
    for (const auto& c : g.checks)
        tests.push_back({{"name", c.name}, {"score", c.score}, {"max_score", c.max_score}, {"output", c.output},
                         {"status", c.score >= c.max_score ? "passed" : "failed"}, {"extra_data", {{"check", c.id}}}});
    return {{"score", g.score},
            {"max_score", g.max_score},
            {"execution_time", g.seconds},
            {"output", fmt::format("{}: {} / {}", g.submission, points(g.score), points(g.max_score))},
            {"visibility", "visible"},
            {"tests", tests},
            {"extra_data", {{"submission", g.submission}, {"dir", g.dir.string()}, {"isolation", g.isolation},
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
    g.coverage_html = extra.value("coverage_html", std::string());
    for (const auto& t : j.value("tests", json::array()))
        g.checks.push_back({t.value("extra_data", json::object()).value("check", std::string()), t.value("name", std::string()),
                            t.value("score", 0.0), t.value("max_score", 0.0), t.value("output", std::string())});
    return g;
}

void write_submission_reports(const Lab& lab, const Grade& g, const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "results.json") << gradescope_json(g).dump(2) << "\n";

    pugi::xml_document doc;
    auto suite = doc.append_child("testsuites").append_child("testsuite");
    int failures = 0;
    for (const auto& c : g.checks) failures += c.score < c.max_score;
    suite.append_attribute("name") = ("lab " + lab.name + ": " + g.submission).c_str();
    suite.append_attribute("tests") = static_cast<int>(g.checks.size());
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = 0;
    suite.append_attribute("time") = fmt::format("{:.3f}", g.seconds).c_str();
    for (const auto& c : g.checks) {
        auto tc = suite.append_child("testcase");
        tc.append_attribute("classname") = ("lab." + lab.name + "." + g.submission).c_str();
        tc.append_attribute("name") = fmt::format("{} ({}/{} points)", c.name, points(c.score), points(c.max_score)).c_str();
        tc.append_attribute("time") = "0";
        if (c.score < c.max_score) {
            auto f = tc.append_child("failure");
            std::string first = c.output.substr(0, c.output.find('\n'));
            f.append_attribute("message") = xml_safe(first).c_str();
            f.append_attribute("type") = c.id.c_str();
            f.text().set(xml_safe(c.output).c_str());
        } else {
            tc.append_child("system-out").text().set(xml_safe(c.output).c_str());
        }
    }
    doc.save_file((dir / "junit.xml").c_str(), "  ");

    std::string md = fmt::format("# Lab {} — {}\n\n{}{}\n\n**Score: {} / {}**\n\n", lab.name, g.submission, lab.title,
                                 lab.section.empty() ? "" : " (document §" + lab.section + ")", points(g.score),
                                 points(g.max_score));
    md += "| Check | Points | Explanation |\n|---|---|---|\n";
    for (const auto& c : g.checks) {
        std::string why = c.output;
        for (auto& ch : why)
            if (ch == '\n') ch = ' ';
        if (why.size() > 400) why = why.substr(0, 400) + " ...";
        std::string cell;
        for (char ch : why) cell += ch == '|' ? std::string("\\|") : std::string(1, ch);
        md += fmt::format("| {} {} | {} / {} | {} |\n", c.score >= c.max_score ? "✔" : "✘", c.name, points(c.score),
                          points(c.max_score), cell);
    }
    md += "\n## Details\n\n";
    for (const auto& c : g.checks)
        md += fmt::format("### {} — {} / {}\n```\n{}\n```\n", c.name, points(c.score), points(c.max_score), c.output);
    if (!g.build_log.empty()) md += "\n### Build\n```\n" + g.build_log + "```\n";
    for (const auto& n : g.scenario_notes) md += "\n" + n;
    md += fmt::format("\nSandbox: {}. Graded in {:.1f} s.\n", g.isolation.empty() ? "-" : g.isolation, g.seconds);
    if (!g.coverage_html.empty()) md += "Coverage of the student's lines: coverage/index.html\n";
    std::ofstream(dir / "report.md") << md;

    std::string html = fmt::format("<!doctype html><meta charset=utf-8><title>Lab {} — {}</title><style>{}</style>\n",
                                   html_escape(lab.name), html_escape(g.submission), css);
    html += fmt::format("<h1>Lab {} — {}</h1><p>{}</p><p><b>Score: {} / {}</b></p>\n<table><tr><th>Check<th>Points<th>Explanation\n",
                        html_escape(lab.name), html_escape(g.submission), html_escape(lab.title), points(g.score),
                        points(g.max_score));
    for (const auto& c : g.checks)
        html += fmt::format("<tr class={}><td>{}<td>{} / {}<td><pre>{}</pre>\n", c.score >= c.max_score ? "pass" : "fail",
                            html_escape(c.name), points(c.score), points(c.max_score), html_escape(c.output));
    html += "</table>\n";
    if (!g.build_log.empty()) html += "<h2>Build</h2><pre>" + html_escape(g.build_log) + "</pre>\n";
    html += "<h2>Scenarios</h2>\n";
    for (const auto& n : g.scenario_notes) html += markdown_to_html(n);
    if (!g.coverage_html.empty()) html += "<p><a href=\"coverage/index.html\">Coverage of the student's lines</a></p>\n";
    html += fmt::format("<p>Sandbox: {}. Graded in {:.1f} s.</p>\n", html_escape(g.isolation), g.seconds);
    std::ofstream(dir / "report.html") << html;
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
            auto it = std::find_if(g.checks.begin(), g.checks.end(), [&](const CheckResult& r) { return r.id == c.id; });
            csv << "," << (it != g.checks.end() ? points(it->score) : "");
        }
        csv << "," << points(g.score) << "," << points(g.max_score) << "\n";
    }
    std::string html = fmt::format("<!doctype html><meta charset=utf-8><title>Lab {}: class summary</title><style>{}</style>\n"
                                   "<h1>Lab {}: class summary</h1><p>{}</p><table><tr><th>Submission",
                                   html_escape(lab.name), css, html_escape(lab.name), html_escape(lab.title));
    for (const auto& c : lab.checks) html += "<th>" + html_escape(c.name) + " (" + points(c.points) + ")";
    html += "<th>Score\n";
    for (const auto& g : grades) {
        html += fmt::format("<tr><td><a href=\"{0}/report.html\">{0}</a>", html_escape(g.submission));
        for (const auto& c : lab.checks) {
            auto it = std::find_if(g.checks.begin(), g.checks.end(), [&](const CheckResult& r) { return r.id == c.id; });
            if (it == g.checks.end()) {
                html += "<td>";
                continue;
            }
            std::string first = it->output.substr(0, it->output.find('\n'));
            html += fmt::format("<td class={} title=\"{}\">{}", it->score >= it->max_score ? "pass" : "fail",
                                html_escape(first), points(it->score));
        }
        html += fmt::format("<td><b>{} / {}</b>\n", points(g.score), points(g.max_score));
    }
    html += "</table>\n";
    std::ofstream(out / "summary.html") << html;
}

}  // namespace grading
