// A forked child that tells its parent what it saw: the one way a child
// reports in this suite. Its body fills a report, which goes back through a
// pipe when the body returns (whatever its exit code; a child that dies first
// sends none), and the parent reads it with the wait status once the child
// has ended. Two kinds of report, chosen by the body's parameter:
//
// key/value (ipc::Report), text the parent asserts on and records as evidence:
//   auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
//       r["shmat"] = ipc::errno_name(errno);
//       return 0;                               // the child's exit code
//   });
//   auto result = child.finish("as_nobody");    // evidence as_nobody.shmat, as_nobody.status
//   CHECK_EQ(result.get("shmat"), "EACCES");
//
// or one trivially copyable struct, for values the parent computes with:
//   struct ReadResult { long value; int err; };
//   auto reader = ipc::ReportingChild::fork([&](ReadResult& r) {
//       r = {::read(fd, &c, 1), errno};
//       return 0;
//   });
//   auto result = reader.finish();              // records nothing: the case says what it saw
//   std::optional<ReadResult> r = result.as<ReadResult>();  // nullopt: it died before reporting
// (inside a template whose parameter is the report: result.template as<T>()).
#pragma once
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

#include "ipc/fd.hpp"
#include "ipc/process.hpp"

namespace ipc {

using Report = std::map<std::string, std::string>;

namespace detail {
// The report type a body fills: T in `int body(T&)`, a lambda or a function.
template <class Body>
struct report_parameter : report_parameter<decltype(&Body::operator())> {};
template <class R, class T>
struct report_parameter<R (*)(T&)> {
    using type = T;
};
template <class C, class R, class T>
struct report_parameter<R (C::*)(T&) const> {
    using type = T;
};
template <class C, class R, class T>
struct report_parameter<R (C::*)(T&)> {
    using type = T;
};
template <class Body>
using report_type = typename report_parameter<std::decay_t<Body>>::type;
}  // namespace detail

class ReportingChild {
public:
    struct Result {
        WaitStatus status;
        Report report;    // a key/value report
        std::string raw;  // the report as sent ("" if none came)

        // The value reported under key, or "(not reported)".
        std::string get(const std::string& key) const;
        // A struct report; nullopt when the child sent none (it died first).
        template <class T>
        std::optional<T> as() const {
            static_assert(std::is_trivially_copyable_v<T>);
            if (raw.size() != sizeof(T)) return std::nullopt;
            T value;
            std::memcpy(&value, raw.data(), sizeof value);
            return value;
        }
    };

    // Runs body in a forked child; its return value is the child's exit code.
    // body is `int(ipc::Report&)` (values must not contain a newline) or
    // `int(T&)` for a trivially copyable T, which starts value-initialised.
    template <class Body>
    static ReportingChild fork(Body&& body) {
        using T = detail::report_type<Body>;
        if constexpr (std::is_same_v<T, Report>) {
            return fork_sending(true, [&](std::string& sent) {
                Report report;
                int code = body(report);
                for (const auto& [key, value] : report) sent += key + "=" + value + "\n";
                return code;
            });
        } else {
            static_assert(std::is_trivially_copyable_v<T>, "a struct report is sent as its bytes");
            return fork_sending(false, [&](std::string& sent) {
                T value{};
                int code = body(value);
                sent.assign(reinterpret_cast<const char*>(&value), sizeof value);
                return code;
            });
        }
    }

    // fork() for a body that must run as another user: the child becomes
    // nobody (ipc::drop_to_nobody) before body runs. When it cannot (the case
    // already runs as nobody, so there is no other user to be, or the drop is
    // refused, as in a user namespace that maps uid 0 alone) body never runs:
    // the child reports why under "skip" and exits with ipc::exit_skip.
    static ReportingChild fork_as_nobody(const std::function<int(Report&)>& body);

    pid_t pid() const { return child_.pid(); }
    void kill(int sig) const { child_.kill(sig); }
    // Waits for the child (default deadline, then SIGKILL) and reads its
    // report; records each key/value entry and the wait status as evidence
    // under prefix (prefix.key, prefix.status).
    Result finish(const std::string& prefix);
    // The same, recording nothing.
    Result finish();

private:
    static ReportingChild fork_sending(bool keyed, const std::function<int(std::string&)>& body);
    ReportingChild(Fd report, Child child, bool keyed)
        : report_(std::move(report)), child_(std::move(child)), keyed_(keyed) {}
    Fd report_;
    Child child_;
    bool keyed_;
};

}  // namespace ipc
