#include "ipc/outcome.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "ipc/error.hpp"
#include "ipc/process.hpp"

namespace ipc {
namespace {

int failed_check_count = 0;

[[noreturn]] void leave(const char* label, std::string_view reason, int code) {
    std::string line = std::string(label) + ": " + std::string(reason) + "\n";
    if (in_forked_child()) {
        // No stdio in a fork: its buffers are the parent's copies.
        (void)!::write(STDOUT_FILENO, line.data(), line.size());
        child_exit(code);
    }
    if (failed_check_count > 0) {  // the claim has failed already: that is the verdict
        line = "FAIL: the setup failed (" + std::string(label) + ": " + std::string(reason) + ") after " +
               std::to_string(failed_check_count) + " of the claim's checks had already failed\n";
        code = 1;
    }
    std::fputs(line.c_str(), stdout);
    std::exit(code);
}

}  // namespace

void note_failed_check() { ++failed_check_count; }
int failed_checks() { return failed_check_count; }

void skip(std::string_view reason) { leave("SKIP", reason, exit_skip); }
void broken(std::string_view reason) { leave("BROKEN", reason, exit_broken); }

long must(long result, std::string_view what) {
    if (result == -1) end_with(SysError(std::string(what), errno));
    return result;
}

void end_with(const std::exception& e) {
    if (const auto* failed = dynamic_cast<const SysError*>(&e); failed && failed->err() == ENOSYS)
        skip("this kernel does not provide " + failed->call() + " (ENOSYS)");  // never a verdict
    broken(e.what());
}

void run_claim(void (*body)()) {
    try {
        body();
    } catch (const Failure& e) {
        end_with(e);
    }
}

}  // namespace ipc
