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

}  // namespace

int main(int argc, char** argv) {
    // A forked child whose body throws ends as the case would (SKIP, BROKEN).
    ipc::on_child_failure([](const std::exception& e) -> int { ipc::end_with(e); });
    try {
        if (auto code = ipc::run_role_from_args(argc, argv)) return *code;
    } catch (const std::exception& e) {
        ipc::end_with(e);
    }
    doctest::Context context(argc, argv);
    int failed = context.run();
    if (context.shouldExit()) return failed;
    return failed ? 1 : 0;
}
