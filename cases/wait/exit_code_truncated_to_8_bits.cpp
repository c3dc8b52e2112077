// WAIT-03 (edge; _exit(2) "status & 0xFF is returned to the parent", exit(3)):
// only the low 8 bits of the exit code reach the parent: exit(256) reads as 0,
// exit(257) as 1, exit(-1) as 255.
#include "ipc/case.hpp"

CLAIM("WAIT-03", "the exit code is truncated to 8 bits: exit(256) reads as 0") {
    for (int code : {256, 257, 300, 511, -1}) {
        INFO("exit code " << code);
        auto status = ipc::Child::fork([code] { return code; }).wait();  // the child leaves with _exit(code)
        ipc::evidence("exit_" + std::to_string(code), status.describe());
        CHECK(status.exited());
        CHECK_EQ(status.exit_code(), code & 0xff);
    }
}
