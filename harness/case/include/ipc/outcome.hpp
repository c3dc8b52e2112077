// How a case ends when it cannot give a verdict on its claim.
//   0 pass, 1 fail (doctest), 77 skip, 99 broken: the runner's contract.
#pragma once
#include <exception>
#include <string>
#include <string_view>

namespace ipc {

inline constexpr int exit_skip = 77;
inline constexpr int exit_broken = 99;

// The feature or privilege the claim needs is missing: say why, exit 77.
[[noreturn]] void skip(std::string_view reason);
// The setup failed for a reason that says nothing about the claim: exit 99.
[[noreturn]] void broken(std::string_view reason);
// Once a check of the claim has failed, skip() and broken() (and so must())
// end the case with 1 (FAIL), saying that the setup failed after the claim's
// checks had already failed: a later step that breaks because of the wrong
// behaviour must not hide the verdict. Not in a forked child (its parent
// judges its exit code).
//
// note_failed_check() is called by the case main for every failed doctest
// assertion (a listener); failed_checks() is how many there were so far.
void note_failed_check();
int failed_checks();

// Returns result, unless it is -1: then the setup step `what` is broken
// (reported with errno by name), or skipped when the kernel lacks the call
// altogether (ENOSYS: System V IPC not built in, a syscall too new).
long must(long result, std::string_view what);

// How a helper's failure (ipc::Failure, ipc::SysError: harness/sys throws,
// never exits) ends the case: SysError for ENOSYS is SKIP ("this kernel does
// not provide X"), anything else BROKEN with its text. Also what any
// exception escaping a role or a forked child of the case means.
[[noreturn]] void end_with(const std::exception& e);
// Runs a claim's body (the CLAIM macro does): a helper's failure ends it with
// end_with(). Other exceptions go to doctest as before (a failed case), and
// so do doctest's own REQUIRE failures.
void run_claim(void (*body)());

}  // namespace ipc
