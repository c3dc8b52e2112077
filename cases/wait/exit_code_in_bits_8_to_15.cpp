// WAIT-01 (seed §1.4, the document's `(status >> 8) & 0xff`; wait(2),
// <bits/waitstatus.h>): for a normal exit, bits 8-15 of the wait status hold
// the exit code and the low 7 bits are 0 (so the document's `status & 0xff`
// reads 0: "no signal"). Checked on the raw status, for several codes, and
// against WIFEXITED/WEXITSTATUS.
#include <cstdio>
#include <sys/wait.h>

#include "ipc/case.hpp"

CLAIM("WAIT-01", "after a normal exit, bits 8-15 of the status hold the exit code, the low 7 bits are 0") {
    for (int code : {0, 1, 42, 128, 255}) {
        INFO("exit code " << code);
        auto status = ipc::Child::fork([code] { return code; }).wait();
        const int raw = status.raw();
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%04x", raw);
        ipc::evidence("exit_" + std::to_string(code), std::string(hex) + " (" + status.describe() + ")");
        CHECK_EQ((raw >> 8) & 0xff, code);
        CHECK_EQ(raw & 0x7f, 0);
        CHECK_EQ(raw & 0xff, 0);  // the document's "signal" half
        CHECK(WIFEXITED(raw));
        CHECK_EQ(WEXITSTATUS(raw), code);
    }
}
