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
#include "ipc/io.hpp"
#include "ipc/outcome.hpp"
#include "ipc/pipe.hpp"
#include "ipc/privilege.hpp"
#include "ipc/process.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"

#define CLAIM(id, statement) TEST_CASE(id ": " statement)
