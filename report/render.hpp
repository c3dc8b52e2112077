// Templates for people: reports/templates/*.mustache, compiled into the runner, filled
// from a JSON view model with kainjow::mustache. Escaping is the template
// engine's ({{name}} escapes, {{{name}}} does not), per output format.
#pragma once
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace runner {

enum class Markup { Html, Markdown };

// Where a page was written, in both its forms (report, diff, matrix, kernel coverage).
struct PageFiles {
    std::filesystem::path markdown;
    std::filesystem::path html;
};

// The text of an embedded file of reports/templates/, e.g. "report.html.mustache" or
// "report.css". Throws std::out_of_range for an unknown name.
std::string_view embedded_report_file(std::string_view name);

// Renders a mustache template with the view: objects, arrays, strings and
// booleans map to mustache's; numbers render as JSON writes them; null is
// false. `partials` are templates the template includes as {{> name}}.
// Throws std::runtime_error when a template is malformed.
std::string render_template(std::string_view tmpl, const nlohmann::json& view, Markup markup,
                            const std::map<std::string, std::string_view>& partials = {});

// Escaping for Markdown text: characters that would start markup or end a
// table cell (\ ` * |) are backslash-escaped, < becomes &lt; (no raw HTML),
// line breaks become spaces, so a value stays one piece of text. Intraword
// underscores (anon_pipe_write) are left alone: GFM does not read them.
std::string markdown_escape(const std::string& text);

// Escaping for HTML text and attribute values: & < > " become entities.
std::string html_escape(const std::string& text);

// Template output tidied for Markdown: runs of blank lines (left by section
// tags on lines of their own) become one blank line, outside fenced blocks.
std::string tidy_markdown(const std::string& text);

// "text with `code` in it" -> [{text:"text with ", code:false}, {text:"code", code:true}, ...],
// for templates that render a catalogue statement's Markdown code spans.
nlohmann::json code_spans(const std::string& markdown);

}  // namespace runner
