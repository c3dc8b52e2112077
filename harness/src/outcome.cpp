#include "ipc/outcome.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/process.hpp"

namespace ipc {
namespace {

[[noreturn]] void leave(const char* label, std::string_view reason, int code) {
    std::string line = std::string(label) + ": " + std::string(reason) + "\n";
    if (in_forked_child()) {
        // No stdio in a fork: its buffers are the parent's copies.
        (void)!::write(STDOUT_FILENO, line.data(), line.size());
        child_exit(code);
    }
    std::fputs(line.c_str(), stdout);
    std::exit(code);
}

}  // namespace

void skip(std::string_view reason) { leave("SKIP", reason, exit_skip); }
void broken(std::string_view reason) { leave("BROKEN", reason, exit_broken); }

long must(long result, std::string_view what) {
    if (result == -1 && errno == ENOSYS)  // the kernel lacks the call: say so, never a verdict
        skip("this kernel does not provide " + std::string(what) + " (ENOSYS)");
    if (result == -1) broken(std::string(what) + " failed: " + errno_name(errno));
    return result;
}

}  // namespace ipc
