#include "ipc/reporting_child.hpp"

#include <sstream>

#include "ipc/evidence.hpp"
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/pipe.hpp"

namespace ipc {

std::string ReportingChild::Result::get(const std::string& key) const {
    auto it = report.find(key);
    return it == report.end() ? "(not reported)" : it->second;
}

ReportingChild ReportingChild::fork(const std::function<int(Report&)>& body) {
    auto pipe = Pipe::make();
    auto child = Child::fork([&] {
        pipe.read_end.reset();
        Report report;
        int code = body(report);
        std::string text;
        for (const auto& [key, value] : report) text += key + "=" + value + "\n";
        return write_all(pipe.w(), text) ? code : exit_broken;
    });
    pipe.write_end.reset();
    return ReportingChild(std::move(pipe.read_end), std::move(child));
}

ReportingChild::Result ReportingChild::finish(const std::string& as) {
    Result result{child_.wait(), {}};
    std::istringstream lines(read_exactly(report_.get(), 1 << 16));
    for (std::string line; std::getline(lines, line);) {
        auto eq = line.find('=');
        if (eq != std::string::npos) result.report[line.substr(0, eq)] = line.substr(eq + 1);
    }
    for (const auto& [key, value] : result.report) evidence(as + "." + key, value);
    evidence(as + ".status", result.status.describe());
    return result;
}

}  // namespace ipc
