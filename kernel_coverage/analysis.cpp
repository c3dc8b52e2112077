#include "kernel_coverage/analysis.hpp"

#include <algorithm>
#include <set>

namespace kcov {

using nlohmann::json;

std::string function_id(const std::string& file, const std::string& function) { return file + ":" + function; }

namespace {

const SourceCounts* find_source(const std::vector<SourceCounts>& in, const std::string& file) {
    for (const auto& s : in)
        if (s.file == file) return &s;
    return nullptr;
}

std::uint64_t calls_of(const SourceCounts* s, const std::string& function) {
    if (!s) return 0;
    for (const auto& f : s->functions)
        if (f.name == function) return f.calls;
    return 0;
}

std::uint64_t count_of(const SourceCounts* s, int line) {
    if (!s) return 0;
    auto it = s->lines.find(line);
    return it == s->lines.end() ? 0 : it->second;
}

json coverage_of(const SourceCounts* s) {
    if (!s) return nullptr;
    return {{"lines_hit", s->lines_hit()}, {"functions_hit", s->functions_hit()}};
}

}  // namespace

Analysis analyse(const std::vector<ClaimSnapshot>& claims, const std::vector<SourceCounts>& anchor) {
    Analysis a;
    a.summary = {{"files", json::array()}, {"dark", json::array()}, {"claims", json::array()}};
    if (claims.empty()) return a;
    const std::vector<SourceCounts>& total = claims.back().counts;
    static const std::vector<SourceCounts> none;

    std::map<std::string, int> claims_entering;
    for (std::size_t i = 0; i < claims.size(); ++i) {
        const auto& before = i == 0 ? none : claims[i - 1].counts;
        ClaimReach& reach = a.claims[claims[i].claim];
        for (const auto& s : claims[i].counts) {
            const SourceCounts* prior = find_source(before, s.file);
            for (const auto& f : s.functions)
                if (f.calls > calls_of(prior, f.name)) {
                    reach.functions.push_back(function_id(s.file, f.name));
                    ++claims_entering[reach.functions.back()];
                }
            for (const auto& [line, count] : s.lines)
                if (count > count_of(prior, line)) ++reach.lines;
        }
    }
    for (const auto& [function, n] : claims_entering)
        if (n == static_cast<int>(claims.size())) a.common.push_back(function);
    for (auto& [claim, reach] : a.claims)
        reach.only_here =
            static_cast<std::size_t>(std::count_if(reach.functions.begin(), reach.functions.end(),
                                                   [&](const std::string& f) { return claims_entering[f] == 1; }));

    json dark = json::array();
    for (const auto& s : total) {
        const SourceCounts* anchored = find_source(anchor, s.file);
        a.summary["files"].push_back({{"file", s.file},
                                      {"lines", s.lines.size()},
                                      {"functions", s.functions.size()},
                                      {"suite", coverage_of(&s)},
                                      {"anchor", coverage_of(anchored)}});
        for (const auto& f : s.functions)
            if (f.calls == 0)
                dark.push_back({{"function", f.name},
                                {"file", s.file},
                                {"line", f.first_line},
                                {"lines", f.lines},
                                {"anchor_enters", calls_of(anchored, f.name) > 0}});
    }
    std::stable_sort(dark.begin(), dark.end(),
                     [](const json& x, const json& y) { return x["lines"].get<int>() > y["lines"].get<int>(); });
    a.summary["dark"] = dark;
    for (const auto& c : claims) {
        const ClaimReach& r = a.claims[c.claim];
        a.summary["claims"].push_back(
            {{"claim", c.claim}, {"functions", r.functions.size()}, {"lines", r.lines}, {"only_here", r.only_here}});
    }
    a.summary["common"] = a.common;
    return a;
}

}  // namespace kcov
