// --compare OLD NEW: every figure both runs have, by its median; a move
// counts when it is larger than both runs' measured spread and the floor.
// Throughput down or latency up is worse.
#include <cmath>
#include <fmt/core.h>
#include <fstream>
#include <map>

#include "bench/bench.hpp"
#include "run.hpp"

namespace bench {
namespace {

using json = nlohmann::json;

struct Figure {
    double median = 0, spread = 0;
    bool higher_is_better = true;
};

// "throughput pipe 4 KiB two-cpus" -> figure, for every measured figure.
std::map<std::string, Figure> figures_of(const json& doc) {
    std::map<std::string, Figure> out;
    auto add = [&](const std::string& kind, const json& f, const char* field, bool higher_better) {
        const json& s = f.at(field);
        out[fmt::format("{} {} {} {}", kind, f.at("mechanism").get<std::string>(),
                        size_label(f.at("size").get<std::size_t>()), f.at("placement").get<std::string>())] =
            Figure{s.at("median").get<double>(), s.at("spread").get<double>(), higher_better};
    };
    for (const auto& f : doc.at("throughput"))
        if (!f.contains("na")) add("throughput", f, "bytes_per_s", true);
    for (const auto& f : doc.at("latency"))
        if (!f.contains("na")) {
            add("round-trip-p50", f, "p50_ns", false);
            add("round-trip-p99", f, "p99_ns", false);
        }
    return out;
}

}  // namespace

bool Comparison::any_worse() const {
    for (const auto& m : moves)
        if (m.worse) return true;
    return false;
}

json read_bench_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw BadInput("cannot read " + path);
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) throw BadInput(path + " is not JSON");
    if (!doc.contains("schema") || !doc["schema"].is_number_integer())
        throw BadInput(path + " is not a bench.json (no schema)");
    if (doc["schema"].get<int>() != schema_version)
        throw BadInput(fmt::format("{} has schema {}, this ipc-claims reads schema {}", path, doc["schema"].dump(),
                                   schema_version));
    for (const char* key : {"environment", "throughput", "latency"})
        if (!doc.contains(key)) throw BadInput(path + " lacks `" + key + "`");
    if (!doc["environment"].contains("emulated")) throw BadInput(path + " does not say whether its CPU was emulated");
    return doc;
}

Comparison compare(const json& old_run, const json& new_run, double floor) {
    const bool old_emu = old_run.at("environment").at("emulated").get<bool>();
    const bool new_emu = new_run.at("environment").at("emulated").get<bool>();
    if (old_emu != new_emu)
        throw BadInput(fmt::format("the {} run was taken on an emulated CPU and the {} run was not: its figures say "
                                   "nothing about the other's; not compared",
                                   old_emu ? "old" : "new", old_emu ? "new" : "old"));
    Comparison c;
    try {
        auto a = figures_of(old_run), b = figures_of(new_run);
        for (const auto& [key, fa] : a) {
            auto it = b.find(key);
            if (it == b.end()) {
                c.only_old.push_back(key);
                continue;
            }
            const Figure& fb = it->second;
            ++c.compared;
            if (fa.median <= 0) continue;
            const double change = fb.median / fa.median - 1;
            const double threshold = std::max({floor, fa.spread, fb.spread});
            if (std::abs(change) <= threshold) continue;
            const bool worse = fa.higher_is_better ? change < 0 : change > 0;
            c.moves.push_back({key, fa.median, fb.median, change, threshold, worse});
        }
        for (const auto& [key, fb] : b)
            if (!a.count(key)) c.only_new.push_back(key);
    } catch (const json::exception& e) {
        throw BadInput(std::string("a bench.json figure is malformed: ") + e.what());
    }
    auto env_note = [&](const char* what, const json& x, const json& y) {
        if (x != y) c.notes.push_back(fmt::format("{} differs: {} -> {}", what, x.dump(), y.dump()));
    };
    const json &ea = old_run["environment"], &eb = new_run["environment"];
    env_note("kernel", ea.value("kernel", json()).value("release", json()),
             eb.value("kernel", json()).value("release", json()));
    env_note("CPU", ea.value("cpu_model", json()), eb.value("cpu_model", json()));
    env_note("CPUs", ea.value("cpus", json()), eb.value("cpus", json()));
    env_note("time budget (s)", ea.value("time_s", json()), eb.value("time_s", json()));
    for (const auto& [name, env] : {std::pair{"old", &ea}, std::pair{"new", &eb}})
        if (const double steal = env->value("steal_percent", 0.0); steal >= steal_warning_percent)
            c.notes.push_back(
                fmt::format("the {} run lost {:.1f}% of its CPU time to the hypervisor (steal): its figures "
                            "measure the host too",
                            name, steal));
    return c;
}

std::string comparison_text(const Comparison& c) {
    std::string out;
    for (const auto& n : c.notes) out += "note: " + n + "\n";
    for (const auto& m : c.moves) {
        const bool is_rate = m.figure.rfind("throughput", 0) == 0;
        auto show = [&](double v) { return is_rate ? rate_label(v) : duration_label(v); };
        out += fmt::format("{:<7} {:<44} {:>12} -> {:<12} {:+6.1f}% (threshold ±{:.1f}%)\n",
                           m.worse ? "WORSE" : "better", m.figure, show(m.old_value), show(m.new_value), 100 * m.change,
                           100 * m.threshold);
    }
    for (const auto& k : c.only_old) out += "only in the old run: " + k + "\n";
    for (const auto& k : c.only_new) out += "only in the new run: " + k + "\n";
    std::size_t worse = 0;
    for (const auto& m : c.moves) worse += m.worse;
    out += fmt::format("{} figures compared: {} worse, {} better, {} within the spread\n", c.compared, worse,
                       c.moves.size() - worse, c.compared - c.moves.size());
    return out;
}

}  // namespace bench
