#include "kernel_coverage/lcov.hpp"

#include "kernel_coverage/gcov_data.hpp"
#include "kernel_coverage/tool.hpp"

namespace kcov {

namespace fs = std::filesystem;

void capture_tracefile(const fs::path& snapshot, const fs::path& build, const std::vector<std::string>& files,
                       const std::string& test, const fs::path& info) {
    link_notes(snapshot, build);
    const fs::path all = info.string() + ".all";
    run_tool({"lcov", "--quiet", "--capture", "--directory", snapshot_tree(snapshot, build).string(),
              "--base-directory", fs::absolute(build).string(), "--test-name", test, "--output-file", all.string()});
    std::vector<std::string> extract = {"lcov", "--quiet", "--extract", all.string()};
    for (const auto& f : files) extract.push_back((fs::absolute(build) / f).string());
    extract.insert(extract.end(), {"--output-file", info.string()});
    run_tool(extract);
    fs::remove(all);
}

void write_genhtml(const fs::path& info, const fs::path& build, const fs::path& dir, const std::string& title) {
    run_tool({"genhtml", "--quiet", "--legend", "--title", title, "--prefix", fs::absolute(build).string(),
              "--output-directory", dir.string(), info.string()});
}

}  // namespace kcov
