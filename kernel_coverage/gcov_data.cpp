#include "kernel_coverage/gcov_data.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "kernel_coverage/tool.hpp"

namespace kcov {

namespace fs = std::filesystem;

std::size_t SourceCounts::lines_hit() const {
    return static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.second > 0; }));
}

std::size_t SourceCounts::functions_hit() const {
    return static_cast<std::size_t>(
        std::count_if(functions.begin(), functions.end(), [](const FunctionCount& f) { return f.calls > 0; }));
}

fs::path snapshot_tree(const fs::path& snapshot, const fs::path& build) {
    // Absolute: gcov and lcov run in other directories than ours.
    return fs::weakly_canonical(snapshot) / fs::weakly_canonical(build).relative_path();
}

std::vector<fs::path> link_notes(const fs::path& snapshot, const fs::path& build) {
    const fs::path tree = snapshot_tree(snapshot, build);
    if (!fs::is_directory(tree))
        throw std::runtime_error("no counters of " + fs::absolute(build).string() + " in " + snapshot.string() +
                                 " (a snapshot of another build?)");
    std::vector<fs::path> data;
    for (const auto& e : fs::recursive_directory_iterator(tree))
        if (e.is_regular_file() && e.path().extension() == ".gcda") data.push_back(e.path());
    std::sort(data.begin(), data.end());
    for (const auto& gcda : data) {
        fs::path notes = gcda, built_notes = build / fs::relative(gcda, tree);
        notes.replace_extension(".gcno");
        built_notes.replace_extension(".gcno");
        if (!fs::exists(built_notes)) throw std::runtime_error("no " + built_notes.string() + " for " + gcda.string());
        if (!fs::exists(notes)) fs::create_symlink(fs::absolute(built_notes), notes);
    }
    return data;
}

std::vector<SourceCounts> read_snapshot(const fs::path& snapshot, const fs::path& build) {
    const fs::path tree = snapshot_tree(snapshot, build);
    const std::vector<fs::path> data = link_notes(snapshot, build);
    if (data.empty()) return {};
    std::vector<std::string> argv = {"gcov", "--json-format", "--stdout"};
    for (const auto& gcda : data) argv.push_back(gcda.string());

    // One JSON document a line, one per data file.
    std::istringstream out(run_tool(argv, tree));
    std::vector<SourceCounts> sources;
    std::string line;
    for (std::size_t i = 0; std::getline(out, line);) {
        if (line.empty()) continue;
        const auto doc = nlohmann::json::parse(line);
        fs::path source = fs::relative(data.at(i++), tree);
        source.replace_extension(".c");
        for (const auto& f : doc.at("files")) {
            if (f.at("file").get<std::string>() != source.string()) continue;  // a header's inline functions
            SourceCounts s;
            s.file = source.string();
            std::map<std::string, std::size_t> lines_of;
            for (const auto& l : f.at("lines")) {
                s.lines[l.at("line_number").get<int>()] += l.at("count").get<std::uint64_t>();
                if (l.contains("function_name")) ++lines_of[l["function_name"].get<std::string>()];
            }
            for (const auto& fn : f.at("functions")) {
                FunctionCount c;
                c.name = fn.at("name").get<std::string>();
                c.first_line = fn.at("start_line").get<int>();
                c.last_line = fn.at("end_line").get<int>();
                c.calls = fn.at("execution_count").get<std::uint64_t>();
                c.lines = lines_of[c.name];
                s.functions.push_back(c);
            }
            std::sort(s.functions.begin(), s.functions.end(),
                      [](const FunctionCount& a, const FunctionCount& b) { return a.first_line < b.first_line; });
            sources.push_back(std::move(s));
        }
    }
    return sources;
}

}  // namespace kcov
