// After a submission (its build and all its scenarios): whatever its
// sandbox uid left on the host, found, removed and said. The sandbox should
// leave nothing (private root, namespaces); this is the check that it did.
//
// Looked at: every process (/proc), the System V objects of the host's IPC
// namespace, and the files in the places a uid can write: /tmp, /var/tmp,
// /dev/shm, /dev/mqueue (POSIX queues, when mounted), /run/lock, /var/lock,
// $TMPDIR, and the places the caller names (the grader's output directory).
// A uid can only make an entry in a directory it owns or that anyone may
// write, so the walk goes down into world-writable directories only, and
// takes whatever the uid owns, with all it holds.
#pragma once
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace grading {

// What was found of uid, each with what was done: "process 412 (sleep)
// (killed)", "/tmp/pwned (removed)", "shm key 0x1234 id 7 (removed)".
std::vector<std::string> sweep_uid(uid_t uid, const std::vector<std::filesystem::path>& also);

// The sentence the grade's reports show after "Sandbox: ...": "nothing of uid
// N left on the host", or "left behind by uid N: ...". Not root (the
// programs ran as the grader's own uid, whose files are the grader's too):
// "nothing swept (the programs ran as the grader's own uid)".
std::string sweep_after_submission(uid_t uid, const std::vector<std::filesystem::path>& also);

}  // namespace grading
