// Everything a case program needs. A case reads like its claim:
//
//   CLAIM("PIPE-08", "writer with no reader dies of SIGPIPE") {
//       auto p = ipc::Pipe::make();
//       ...
//   }
//
// The harness provides main(): `--role NAME` runs a role, anything else runs
// the claim under doctest. Exit 0 pass, 1 fail, 77 skip, 99 broken.
#pragma once
#include <cerrno>
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/blocking.hpp"
#include "ipc/check.hpp"
#include "ipc/errno_name.hpp"
#include "ipc/evidence.hpp"
#include "ipc/fd.hpp"
#include "ipc/fresh_key.hpp"
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/pipe.hpp"
#include "ipc/privilege.hpp"
#include "ipc/process.hpp"
#include "ipc/procfs.hpp"
#include "ipc/signal_evidence.hpp"
#include "ipc/sysctl.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"

// The body is a function of its own, run by ipc::run_claim: what harness/sys
// throws ends the case as SKIP or BROKEN, as the exit-code contract says.
#define CLAIM(id, statement)                                                               \
    static void IPC_CAT(ipc_claim_body_, __LINE__)();                                      \
    TEST_CASE(id ": " statement) { ::ipc::run_claim(IPC_CAT(ipc_claim_body_, __LINE__)); } \
    static void IPC_CAT(ipc_claim_body_, __LINE__)()
