// The main() of every case program: `--role NAME` runs a role of the case,
// anything else runs the claim under doctest. doctest's signal handlers are
// compiled out (DOCTEST_CONFIG_NO_POSIX_SIGNALS) so that a crash is a crash:
// the runner sees the signal, and forked children inherit no handlers.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "ipc/outcome.hpp"
#include "ipc/process.hpp"

namespace {

// Tells the harness of every failed check, so that a setup step failing later
// (ipc::broken, ipc::must) cannot turn the case's FAIL into BROKEN or SKIP.
struct FailedCheckListener : doctest::IReporter {
    explicit FailedCheckListener(const doctest::ContextOptions&) {}
    void log_assert(const doctest::AssertData& assertion) override {
        if (assertion.m_failed) ipc::note_failed_check();
    }
    void log_message(const doctest::MessageData& message) override {  // FAIL_CHECK, FAIL
        if (message.m_severity & (doctest::assertType::is_check | doctest::assertType::is_require))
            ipc::note_failed_check();
    }
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("ipc_failed_checks", 1, FailedCheckListener);

// The label of a comparison's right side, by the kind of comparison; null for
// any other assertion.
const char* expected_label(doctest::assertType::Enum at) {
    namespace T = doctest::assertType;
    if (at & T::is_eq) return "expected";
    if (at & T::is_ne) return "expected other than";
    if (at & T::is_lt) return "expected less than";
    if (at & T::is_gt) return "expected more than";
    if (at & T::is_ge) return "expected at least";
    if (at & T::is_le) return "expected at most";
    return nullptr;
}

// doctest's console output, with a failed comparison's values labelled: the
// left side is the kernel's (every case writes CHECK_EQ(observed, expected)),
// so "  kernel: 4096  expected: 65536" replaces doctest's
// "  values: CHECK_EQ( 4096, 65536 )". When a value itself holds ", " the
// sides cannot be told apart and doctest's line stays.
struct CaseReporter : doctest::ConsoleReporter {
    using ConsoleReporter::ConsoleReporter;
    void log_assert(const doctest::AssertData& a) override {
        const char* label = expected_label(a.m_at);
        const std::string values = a.m_decomp.c_str();
        const auto comma = values.find(", ");
        if (!a.m_failed || a.m_threw || !label || tc->m_no_output || comma == std::string::npos ||
            values.find(", ", comma + 2) != std::string::npos)
            return ConsoleReporter::log_assert(a);
        logTestStart();
        file_line_to_stream(a.m_file, a.m_line, " ");
        successOrFailColoredStringToStream(false, a.m_at);
        s << doctest::Color::Cyan << doctest::assertString(a.m_at) << "( " << a.m_expr << " ) " << doctest::Color::None
          << "is NOT correct!\n";
        s << "  kernel: " << values.substr(0, comma) << "  " << label << ": " << values.substr(comma + 2) << "\n";
        log_contexts();
    }
};
REGISTER_REPORTER("ipc-case", 1, CaseReporter);

}  // namespace

int main(int argc, char** argv) {
    // A forked child whose body throws ends as the case would (SKIP, BROKEN).
    ipc::on_child_failure([](const std::exception& e) -> int { ipc::end_with(e); });
    try {
        if (auto code = ipc::run_role_from_args(argc, argv)) return *code;
    } catch (const std::exception& e) {
        ipc::end_with(e);
    }
    doctest::Context context;
    context.setOption("reporters", "ipc-case");
    context.applyCommandLine(argc, argv);
    int failed = context.run();
    if (context.shouldExit()) return failed;
    return failed ? 1 : 0;
}
