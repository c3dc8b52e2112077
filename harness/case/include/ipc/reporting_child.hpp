// A forked child that tells the parent what it saw: it fills a Report
// (key -> value), which comes back through a pipe with the wait status, so
// that the parent asserts on it and records it as evidence.
//
//   auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
//       r["shmat"] = ipc::errno_name(errno);
//       return 0;
//   });
//   auto result = child.finish("as_nobody");   // evidence as_nobody.shmat ...
//   CHECK_EQ(result.get("shmat"), "EACCES");
#pragma once
#include <functional>
#include <map>
#include <string>

#include "ipc/fd.hpp"
#include "ipc/process.hpp"

namespace ipc {

using Report = std::map<std::string, std::string>;

class ReportingChild {
public:
    struct Result {
        WaitStatus status;
        Report report;
        // The value reported under key, or "(not reported)".
        std::string get(const std::string& key) const;
    };

    // Runs body in a forked child; its return value is the child's exit code.
    // Values must not contain a newline.
    static ReportingChild fork(const std::function<int(Report&)>& body);

    pid_t pid() const { return child_.pid(); }
    void kill(int sig) const { child_.kill(sig); }
    // Waits for the child (default deadline, then SIGKILL), reads its report
    // and records each entry and the wait status as evidence under `as`.
    Result finish(const std::string& as);

private:
    ReportingChild(Fd report, Child child) : report_(std::move(report)), child_(std::move(child)) {}
    Fd report_;
    Child child_;
};

}  // namespace ipc
