#include "ipc/reporting_child.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <sstream>

#include "ipc/evidence.hpp"
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/pipe.hpp"
#include "ipc/privilege.hpp"
#include "ipc/errno_name.hpp"

namespace ipc {

std::string ReportingChild::Result::get(const std::string& key) const {
    auto it = report.find(key);
    return it == report.end() ? "(not reported)" : it->second;
}

ReportingChild ReportingChild::fork_as_nobody(const std::function<int(Report&)>& body) {
    return fork([&](Report& r) {
        if (::geteuid() == nobody_uid) {
            r["skip"] = "the case runs as uid 65534 (nobody): there is no other user to be";
            return exit_skip;
        }
        if (int err = drop_to_nobody(); err != 0) {
            r["skip"] = "cannot become uid 65534 (nobody): " + errno_name(err);
            return exit_skip;
        }
        return body(r);
    });
}

ReportingChild ReportingChild::fork_sending(bool keyed, const std::function<int(std::string&)>& body) {
    auto pipe = Pipe::make(O_CLOEXEC);
    auto child = Child::fork([&] {
        pipe.read_end.reset();
        std::string sent;
        int code = body(sent);
        return write_all(pipe.w(), sent) ? code : exit_broken;
    });
    pipe.write_end.reset();
    return ReportingChild(std::move(pipe.read_end), std::move(child), keyed);
}

ReportingChild::Result ReportingChild::finish() {
    Result result{child_.wait(), {}, read_exactly(report_.get(), 1 << 16)};
    if (!keyed_) return result;
    std::istringstream lines(result.raw);
    for (std::string line; std::getline(lines, line);) {
        auto eq = line.find('=');
        if (eq != std::string::npos) result.report[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return result;
}

ReportingChild::Result ReportingChild::finish(const std::string& prefix) {
    Result result = finish();
    for (const auto& [key, value] : result.report) evidence(prefix + "." + key, value);
    evidence(prefix + ".status", result.status.describe());
    return result;
}

}  // namespace ipc
