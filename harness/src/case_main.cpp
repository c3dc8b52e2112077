// The main() of every case program: `--role NAME` runs a role of the case,
// anything else runs the claim under doctest. doctest's signal handlers are
// compiled out (DOCTEST_CONFIG_NO_POSIX_SIGNALS) so that a crash is a crash:
// the runner sees the signal, and forked children inherit no handlers.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "ipc/process.hpp"

int main(int argc, char** argv) {
    if (auto code = ipc::run_role_from_args(argc, argv)) return *code;
    doctest::Context context(argc, argv);
    int failed = context.run();
    if (context.shouldExit()) return failed;
    return failed ? 1 : 0;
}
