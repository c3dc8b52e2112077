#include "report/kernel_coverage.hpp"

#include <fmt/core.h>
#include <set>
#include <stdexcept>

#include "report/render.hpp"

namespace runner {

using nlohmann::json;

namespace {

// How many dark functions the pages list (kernel-coverage.json has them all).
constexpr std::size_t dark_shown = 60;

std::string percent(std::size_t hit, std::size_t of) {
    return of == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(hit) / static_cast<double>(of));
}

json side(const json& counts, std::size_t lines, std::size_t functions) {
    if (!counts.is_object()) return {{"lines", "-"}, {"functions", "-"}};
    const auto lh = counts.value("lines_hit", std::size_t{0}), fh = counts.value("functions_hit", std::size_t{0});
    return {
        {"lines", percent(lh, lines)}, {"lines_hit", lh}, {"functions", percent(fh, functions)}, {"functions_hit", fh}};
}

}  // namespace

json kernel_coverage_model(const RunResults& results) {
    const json& kc = results.kernel_coverage;
    if (!kc.is_object())
        throw std::invalid_argument("these results carry no kernel coverage (run `ipc-claims coverage`)");
    const bool anchored = kc.value("anchor", json()).is_array();

    json files = json::array();
    std::size_t lines = 0, functions = 0, suite_lines = 0, suite_functions = 0, anchor_lines = 0, anchor_functions = 0;
    for (const auto& f : kc.value("files", json::array())) {
        const auto l = f.value("lines", std::size_t{0}), fn = f.value("functions", std::size_t{0});
        const json suite = side(f["suite"], l, fn), anchor = side(f["anchor"], l, fn);
        const auto sl = suite.value("lines_hit", std::size_t{0}), al = anchor.value("lines_hit", std::size_t{0});
        files.push_back({{"file", f.value("file", "")},
                         {"lines", l},
                         {"functions", fn},
                         {"suite", suite},
                         {"anchor", anchor},
                         {"behind", anchored && sl < al}});
        lines += l, functions += fn, suite_lines += sl, anchor_lines += al;
        suite_functions += suite.value("functions_hit", std::size_t{0});
        anchor_functions += anchor.value("functions_hit", std::size_t{0});
    }

    std::set<std::string> common;
    for (const auto& c : kc.value("common", json::array())) common.insert(c.get<std::string>());
    json claims = json::array();
    for (const auto& c : results.cases) {
        if (c.kernel_functions.empty()) continue;
        json own = json::array();
        for (const auto& f : c.kernel_functions)
            if (!common.count(f)) own.push_back(f);
        std::size_t lines_reached = 0, only_here = 0;
        for (const auto& s : kc.value("claims", json::array()))
            if (s.value("claim", "") == c.claim)
                lines_reached = s.value("lines", 0), only_here = s.value("only_here", 0);
        claims.push_back({{"claim", c.claim},
                          {"functions", own},
                          {"count", c.kernel_functions.size()},
                          {"lines", lines_reached},
                          {"only_here", only_here}});
    }

    json dark = json::array();
    const json all_dark = kc.value("dark", json::array());
    for (std::size_t i = 0; i < all_dark.size() && i < dark_shown; ++i) dark.push_back(all_dark[i]);

    std::string release = kc.value("/kernel/release"_json_pointer, std::string("?"));
    return {{"css", std::string(embedded_report_file("report.css"))},
            {"release", release},
            {"build", kc.value("build", "")},
            {"anchored", anchored},
            {"stressors", anchored ? kc["anchor"] : json::array()},
            {"anchor_log", kc.value("anchor_log", json())},
            {"genhtml_suite", kc.value("/genhtml/suite"_json_pointer, json())},
            {"genhtml_anchor", kc.value("/genhtml/anchor"_json_pointer, json())},
            {"files", files},
            {"total",
             {{"lines", lines},
              {"functions", functions},
              {"suite", {{"lines", percent(suite_lines, lines)}, {"functions", percent(suite_functions, functions)}}},
              {"anchor",
               {{"lines", anchored ? percent(anchor_lines, lines) : "-"},
                {"functions", anchored ? percent(anchor_functions, functions) : "-"}}}}},
            {"claims", claims},
            {"common", common.size()},
            {"common_list", kc.value("common", json::array())},
            {"dark", dark},
            {"dark_count", all_dark.size()},
            {"dark_more", all_dark.size() > dark.size() ? json(all_dark.size() - dark.size()) : json()}};
}

PageFiles write_kernel_coverage(const std::filesystem::path& dir, const RunResults& results) {
    const json model = kernel_coverage_model(results);
    PageFiles files{dir / "kernel-coverage.md", dir / "kernel-coverage.html"};
    write_text_file(files.markdown, tidy_markdown(render_template(embedded_report_file("kernel-coverage.md.mustache"),
                                                                  model, Markup::Markdown)));
    write_text_file(files.html,
                    render_template(embedded_report_file("kernel-coverage.html.mustache"), model, Markup::Html));
    return files;
}

}  // namespace runner
