// bench.html: one self-contained page (no network) from
// reports/templates/bench.html.mustache, its charts (inline SVG) from
// bench-throughput.svg.mustache and bench-latency.svg.mustache. Here only
// the view model: the figures as text, where each mark goes, how long each
// bar is; the markup is the templates'.
#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <map>

#include "report/render.hpp"
#include "run.hpp"

namespace bench {

namespace {

using json = nlohmann::json;

const char* const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                               "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

// A coordinate or a length as the SVG gets it: whole numbers plain, others
// as short as they print ("90", "412.5"), or with one decimal (at1).
std::string num(double v) { return fmt::format("{}", v); }
std::string at1(double v) { return fmt::format("{:.1f}", v); }

// A chart of width x height with its plot area (left, top, width x height).
json chart_frame(double width, double height, const std::string& label, double left, double top, double pw, double ph) {
    return {{"width", num(width)},
            {"height", num(height)},
            {"label", label},
            {"plot", {{"x", num(left)}, {"y", num(top)}, {"width", num(pw)}, {"height", num(ph)}}}};
}

// A log10 axis over [lo, hi], widened to whole decades.
struct LogAxis {
    double lo, hi;  // decades
    LogAxis(double min_v, double max_v)
        : lo(std::floor(std::log10(std::max(min_v, 1e-9)))), hi(std::ceil(std::log10(std::max(max_v, 1e-9)))) {
        if (hi <= lo) hi = lo + 1;
    }
    double frac(double v) const { return (std::log10(std::max(v, 1e-12)) - lo) / (hi - lo); }
};

std::string decade_label_rate(double decade) {
    const double v = std::pow(10, decade);
    if (v >= 1e9) return fmt::format("{:g} GB/s", v / 1e9);
    if (v >= 1e6) return fmt::format("{:g} MB/s", v / 1e6);
    return fmt::format("{:g} kB/s", v / 1e3);
}

std::string decade_label_ns(double decade) {
    const double v = std::pow(10, decade);
    if (v >= 1e6) return fmt::format("{:g} ms", v / 1e6);
    if (v >= 1e3) return fmt::format("{:g} µs", v / 1e3);
    return fmt::format("{:g} ns", v);
}

// Throughput by message size, one line per mechanism, log-log; whiskers from
// the slowest to the fastest repetition. Null when nothing was measured.
json throughput_chart(const json& doc, const std::string& placement) {
    const auto sizes = doc["settings"]["sizes"].get<std::vector<std::size_t>>();
    struct Point {
        double x, med, lo, hi;
    };
    std::vector<std::pair<std::string, std::vector<Point>>> series;
    double vmin = 1e300, vmax = 0;
    for (const auto& m : doc["mechanisms"]) {
        std::vector<Point> pts;
        for (const auto& f : doc["throughput"]) {
            if (f["mechanism"] != m["name"] || f.contains("na")) continue;
            if (f["placement"] != placement && f["placement"] != "one-cpu") continue;
            const json& s = f["bytes_per_s"];
            pts.push_back({static_cast<double>(f["size"].get<std::size_t>()), s["median"], s["min"], s["max"]});
            vmin = std::min(vmin, s["min"].get<double>());
            vmax = std::max(vmax, s["max"].get<double>());
        }
        series.emplace_back(m["name"].get<std::string>(), pts);
    }
    if (vmax <= 0 || sizes.empty()) return nullptr;
    const double W = 1080, H = 440, left = 90, right = 190, top = 20, bottom = 50;
    const double pw = W - left - right, ph = H - top - bottom;
    LogAxis y(vmin, vmax);
    const double x_lo = std::log2(static_cast<double>(sizes.front())),
                 x_hi = std::log2(static_cast<double>(sizes.back()));
    auto X = [&](double size) { return left + (x_hi > x_lo ? (std::log2(size) - x_lo) / (x_hi - x_lo) : 0.5) * pw; };
    auto Y = [&](double v) { return top + (1 - y.frac(v)) * ph; };
    json chart = chart_frame(W, H, "throughput by message size, " + placement, left, top, pw, ph);
    for (double d = y.lo; d <= y.hi + 1e-9; d += 1) {
        const double yy = Y(std::pow(10, d));
        chart["y_ticks"].push_back({{"x1", num(left)},
                                    {"x2", num(left + pw)},
                                    {"y", at1(yy)},
                                    {"text_x", num(left - 6)},
                                    {"text_y", at1(yy + 4)},
                                    {"label", decade_label_rate(d)}});
    }
    for (auto s : sizes)
        chart["x_ticks"].push_back({{"x", at1(X(static_cast<double>(s)))},
                                    {"y1", num(top)},
                                    {"y2", num(top + ph)},
                                    {"text_y", num(top + ph + 18)},
                                    {"label", size_label(s)}});
    chart["x_title"] = {{"x", num(left + pw / 2)}, {"y", num(H - 8)}};
    int i = 0;
    for (const auto& [name, pts] : series) {
        std::string points;
        json marks = json::array();
        for (const auto& p : pts) {
            points += fmt::format("{:.1f},{:.1f} ", X(p.x), Y(p.med));
            marks.push_back({{"x", at1(X(p.x))},
                             {"y", at1(Y(p.med))},
                             {"y_low", at1(Y(p.lo))},
                             {"y_high", at1(Y(p.hi))},
                             {"size", size_label(static_cast<std::size_t>(p.x))},
                             {"rate", rate_label(p.med)},
                             {"low", rate_label(p.lo)},
                             {"high", rate_label(p.hi)}});
        }
        const double ly = top + 14 + 20 * i;
        chart["series"].push_back({{"name", name},
                                   {"color", palette[i % 10]},
                                   {"dashed", name == "memcpy"},  // the ceiling
                                   {"measured", !pts.empty()},
                                   {"points", points},
                                   {"marks", marks},
                                   {"legend",
                                    {{"x1", num(left + pw + 14)},
                                     {"x2", num(left + pw + 40)},
                                     {"y", num(ly)},
                                     {"text_x", num(left + pw + 46)},
                                     {"text_y", num(ly + 4)}}}});
        ++i;
    }
    return chart;
}

// Round trips per mechanism: a bar to the p50 for each size, a whisker on to
// the p99, a tick at the max; log scale. Null when nothing was measured.
json latency_chart(const json& doc, const std::string& placement) {
    const auto sizes = doc["settings"]["latency_sizes"].get<std::vector<std::size_t>>();
    std::vector<std::string> names;
    for (const auto& m : doc["mechanisms"])
        if (m["name"] != "memcpy") names.push_back(m["name"]);
    std::map<std::pair<std::string, std::size_t>, const json*> figs;
    double vmin = 1e300, vmax = 0;
    for (const auto& f : doc["latency"]) {
        if (f["placement"] != placement || f.contains("na")) continue;
        figs[{f["mechanism"].get<std::string>(), f["size"].get<std::size_t>()}] = &f;
        vmin = std::min(vmin, f["p50_ns"]["median"].get<double>());
        vmax = std::max(vmax, f["max_ns"]["median"].get<double>());
    }
    if (figs.empty()) return nullptr;
    const double bar = 12, gap = 10, left = 130, right = 40, top = 30, bottom = 40, W = 1080;
    const double row = bar * static_cast<double>(sizes.size()) + gap;
    const double H = top + bottom + row * static_cast<double>(names.size());
    const double pw = W - left - right, ph = H - top - bottom;
    LogAxis x(vmin, vmax);
    auto X = [&](double v) { return left + x.frac(v) * pw; };
    json chart = chart_frame(W, H, "round trip latency, " + placement, left, top, pw, ph);
    for (double d = x.lo; d <= x.hi + 1e-9; d += 1)
        chart["x_ticks"].push_back({{"x", at1(X(std::pow(10, d)))},
                                    {"y1", num(top)},
                                    {"y2", num(top + ph)},
                                    {"text_y", num(top + ph + 16)},
                                    {"label", decade_label_ns(d)}});
    // Legend: one colour per size.
    for (std::size_t k = 0; k < sizes.size(); ++k)
        chart["legend"].push_back({{"x", num(left + 160.0 * static_cast<double>(k))},
                                   {"color", palette[k]},
                                   {"text_x", num(left + 160.0 * static_cast<double>(k) + 20)},
                                   {"label", size_label(sizes[k]) + " p50"}});
    chart["legend_note_x"] = num(left + 160.0 * static_cast<double>(sizes.size()));
    for (std::size_t r = 0; r < names.size(); ++r) {
        const double y0 = top + gap / 2 + row * static_cast<double>(r);
        json bars = json::array();
        for (std::size_t k = 0; k < sizes.size(); ++k) {
            const double yb = y0 + bar * static_cast<double>(k);
            auto it = figs.find({names[r], sizes[k]});
            if (it == figs.end()) {
                bars.push_back({{"measured", false}, {"x", num(left + 4)}, {"y_text", at1(yb + bar - 2)}});
                continue;
            }
            const json& f = *it->second;
            const double p50 = f["p50_ns"]["median"], p99 = f["p99_ns"]["median"], mx = f["max_ns"]["median"];
            bars.push_back({{"measured", true},
                            {"x", num(left)},
                            {"y", at1(yb)},
                            {"width", at1(std::max(1.0, X(p50) - left))},
                            {"height", num(bar - 2)},
                            {"color", palette[k]},
                            {"size", size_label(sizes[k])},
                            {"p50", duration_label(p50)},
                            {"p99", duration_label(p99)},
                            {"max", duration_label(mx)},
                            {"x_p50", at1(X(p50))},
                            {"x_p99", at1(X(p99))},
                            {"y_middle", at1(yb + (bar - 2) / 2)},
                            {"x_max", at1(X(mx))},
                            {"y_bottom", at1(yb + bar - 2)}});
        }
        chart["rows"].push_back({{"name", names[r]},
                                 {"text_x", num(left - 8)},
                                 {"text_y", at1(y0 + bar * static_cast<double>(sizes.size()) / 2 + 4)},
                                 {"bars", bars}});
    }
    return chart;
}

// "same-cpu (CPU 0), two-cpus (CPUs 0, 1)": each placement with its CPUs.
std::string placements_text(const json& env) {
    std::string out;
    for (const auto& p : env.value("placements", json::array())) {
        const json cpus = env.value("placement_cpus", json::object()).value(p.get<std::string>(), json::array());
        std::string list;
        for (const auto& c : cpus) list += (list.empty() ? "" : ", ") + std::to_string(c.get<int>());
        out += (out.empty() ? "" : ", ") + p.get<std::string>();
        if (!cpus.empty()) out += fmt::format(" (CPU{} {})", cpus.size() > 1 ? "s" : "", list);
    }
    return out;
}

std::string steal_text(double percent) {
    std::string text = fmt::format("{:.1f}% of the CPUs' time went to other guests during the run", percent);
    if (percent >= steal_warning_percent) text += ": the figures, above all those on two CPUs, measure the host too";
    return text;
}

}  // namespace

std::string html_page(const json& doc) {
    const json& env = doc["environment"];
    json view;
    view["started"] = doc.value("started", "");
    view["duration"] = fmt::format("{:.1f}", doc.value("duration_s", 0.0));
    view["emulated"] = env.value("emulated", false);
    view["environment"] = json::array({
        {{"key", "CPU"},
         {"value", env.value("cpu_model", "?") + " (" + env.value("cpus", json()).dump() + " online, allowed " +
                       env.value("cpus_allowed", json()).dump() + ")"}},
        {{"key", "kernel"}, {"value", env["kernel"].value("release", "?") + " " + env["kernel"].value("version", "")}},
        {{"key", "distribution"}, {"value", env.value("distribution", "?")}},
        {{"key", "hypervisor"},
         {"value", env.value("hypervisor", "?") + " (" + env.value("emulation_check", "") + ")"}},
        {{"key", "emulated CPU"},
         {"value", env.value("emulated", false) ? "yes: not comparable with a real CPU" : "no"}},
        {{"key", "repetitions"},
         {"value", std::to_string(env.value("reps", 0)) + " of " + fmt::format("{:g}", env.value("time_s", 0.0)) +
                       " s each, in interleaved passes (each after a warm-up of a tenth)"}},
        {{"key", "placements"}, {"value", placements_text(env)}},
        {{"key", "steal"}, {"value", steal_text(env.value("steal_percent", 0.0))}},
    });
    json mechs = json::array();
    const json unavailable = doc.value("unavailable", json::object());
    for (const auto& m : doc["mechanisms"]) {
        const std::string name = m["name"];
        std::string limit;
        if (doc["limits"].contains(name)) {
            const json& l = doc["limits"][name];
            limit =
                fmt::format("messages up to {} B ({})", l["bytes"].get<std::size_t>(), l["source"].get<std::string>());
        }
        mechs.push_back({{"name", name},
                         {"description", m["description"]},
                         {"limit", limit.empty() ? json() : json(limit)},
                         {"unavailable", unavailable.value(name, json())}});
    }
    view["mechanisms"] = mechs;

    const auto sizes = doc["settings"]["sizes"].get<std::vector<std::size_t>>();
    const auto lsizes = doc["settings"]["latency_sizes"].get<std::vector<std::size_t>>();
    json placements = json::array();
    for (const auto& pj : env["placements"]) {
        const std::string p = pj;
        json t_rows = json::array(), l_rows = json::array();
        for (const auto& m : doc["mechanisms"]) {
            json cells = json::array();
            bool any = false;
            for (auto s : sizes) {
                std::string cell = "–";
                for (const auto& f : doc["throughput"])
                    if (f["mechanism"] == m["name"] && f["size"] == s &&
                        (f["placement"] == p || f["placement"] == "one-cpu")) {
                        if (f.contains("na")) cell = f["na"];
                        else {
                            cell = rate_label(f["bytes_per_s"]["median"]) +
                                   fmt::format(" (±{:.0f}%)", 50 * f["bytes_per_s"]["spread"].get<double>());
                            any = true;
                        }
                    }
                cells.push_back({{"text", cell}});
            }
            if (any || m["name"] != "memcpy") t_rows.push_back({{"name", m["name"]}, {"cells", cells}});
            if (m["name"] == "memcpy") continue;
            json lcells = json::array();
            for (auto s : lsizes) {
                std::string cell = "–";
                for (const auto& f : doc["latency"])
                    if (f["mechanism"] == m["name"] && f["size"] == s && f["placement"] == p)
                        cell = f.contains("na") ? f["na"].get<std::string>()
                                                : duration_label(f["p50_ns"]["median"]) + " / " +
                                                      duration_label(f["p99_ns"]["median"]) + " / " +
                                                      duration_label(f["max_ns"]["median"]);
                lcells.push_back({{"text", cell}});
            }
            l_rows.push_back({{"name", m["name"]}, {"cells", lcells}});
        }
        json sh = json::array(), lh = json::array();
        for (auto s : sizes) sh.push_back({{"text", size_label(s)}});
        for (auto s : lsizes) lh.push_back({{"text", size_label(s) + " p50 / p99 / max"}});
        placements.push_back({{"placement", p},
                              {"throughput_chart", throughput_chart(doc, p)},
                              {"latency_chart", latency_chart(doc, p)},
                              {"size_heads", sh},
                              {"latency_heads", lh},
                              {"throughput_rows", t_rows},
                              {"latency_rows", l_rows},
                              {"has_throughput", !sizes.empty()},
                              {"has_latency", !lsizes.empty()}});
    }
    view["placements"] = placements;
    if (doc.contains("cross_check")) {
        const json& cc = doc["cross_check"];
        if (cc.contains("skipped")) view["cross_check"] = {{"skipped", cc["skipped"]}};
        else {
            json rows = json::array();
            for (const auto& c : cc["placements"])
                rows.push_back({{"placement", c["placement"]},
                                {"bench", duration_label(c["bench_mean_ns"]["median"])},
                                {"perf", duration_label(c["perf_ns_per_op"]["median"])},
                                {"difference", fmt::format("{:+.1f}%", 100 * c["difference"].get<double>())},
                                {"agree", c["agree_within_15_percent"]}});
            view["cross_check"] = {{"rows", rows}};
        }
    }
    view["table_text"] = table_text(doc);
    return runner::render_template(
        runner::embedded_report_file("bench.html.mustache"), view, runner::Markup::Html,
        {{"bench_throughput_chart", runner::embedded_report_file("bench-throughput.svg.mustache")},
         {"bench_latency_chart", runner::embedded_report_file("bench-latency.svg.mustache")}});
}

}  // namespace bench
