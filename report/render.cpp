#include "report/render.hpp"

#include <kainjow/mustache.hpp>
#include <stdexcept>

namespace runner {
namespace {

namespace mst = kainjow::mustache;

mst::data to_mustache(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            mst::data d{mst::data::type::object};
            for (auto& [key, value] : j.items()) d.set(key, to_mustache(value));
            return d;
        }
        case nlohmann::json::value_t::array: {
            mst::data d{mst::data::type::list};
            for (auto& value : j) d.push_back(to_mustache(value));
            return d;
        }
        case nlohmann::json::value_t::string: return mst::data{j.get<std::string>()};
        case nlohmann::json::value_t::boolean: return mst::data{j.get<bool>()};
        case nlohmann::json::value_t::null: return mst::data{false};
        default: return mst::data{j.dump()};
    }
}

}  // namespace

std::string render_template(std::string_view tmpl, const nlohmann::json& view, Markup markup,
                            const std::map<std::string, std::string_view>& partials) {
    mst::mustache engine{std::string(tmpl)};
    if (!engine.is_valid()) throw std::runtime_error("report template: " + engine.error_message());
    if (markup == Markup::Markdown) engine.set_custom_escape(markdown_escape);
    mst::data data = to_mustache(view);
    for (auto& [name, text] : partials) {
        mst::mustache check{std::string(text)};
        if (!check.is_valid()) throw std::runtime_error("report template " + name + ": " + check.error_message());
        data.set(name, mst::partial{[t = std::string(text)] { return t; }});
    }
    std::string out = engine.render(data);
    if (!engine.is_valid()) throw std::runtime_error("report template: " + engine.error_message());
    return out;
}

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string markdown_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '|':
                out += '\\';
                out += c;
                break;
            case '<': out += "&lt;"; break;
            case '\r': break;
            case '\n': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

std::string tidy_markdown(const std::string& text) {
    std::string out;
    bool in_fence = false, blank_before = true;
    std::string::size_type at = 0;
    while (at < text.size()) {
        auto nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(at, nl - at);
        at = nl + 1;
        if (line.rfind("```", 0) == 0) in_fence = !in_fence;
        bool blank = line.find_first_not_of(" \t") == std::string::npos;
        if (!in_fence && blank && blank_before) continue;
        out += (blank && !in_fence ? "" : line) + "\n";
        blank_before = blank && !in_fence;
    }
    return out;
}

nlohmann::json code_spans(const std::string& markdown) {
    nlohmann::json parts = nlohmann::json::array();
    std::string::size_type at = 0;
    while (at < markdown.size()) {
        auto open = markdown.find('`', at);
        auto close = open == std::string::npos ? open : markdown.find('`', open + 1);
        if (close == std::string::npos) {
            parts.push_back({{"text", markdown.substr(at)}, {"code", false}});
            break;
        }
        if (open > at) parts.push_back({{"text", markdown.substr(at, open - at)}, {"code", false}});
        parts.push_back({{"text", markdown.substr(open + 1, close - open - 1)}, {"code", true}});
        at = close + 1;
    }
    return parts;
}

}  // namespace runner
