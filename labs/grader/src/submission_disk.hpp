// The disk a submission's files live on while it is graded: a size-limited
// tmpfs on its grading directory, mounted in a mount namespace of the
// grading process's own. Its directories are the only host paths a
// submission may write (the private root shows it nothing else writable), so
// a build or a program that writes without end meets ENOSPC, not the
// host's disk full; and the mount ends with the grading process, whatever
// happens to it.
//
// It moves the calling process (ipc-claims grade forks one per submission)
// into that mount namespace for good. Without root, or when IPC_LABS_KEEP
// asks to keep the grading directory after the grade, the disk is the
// host's, and describe() says so.
#pragma once
#include <filesystem>
#include <string>

namespace grading {

class SubmissionDisk {
public:
    SubmissionDisk(const std::filesystem::path& dir, unsigned long long bytes);
    ~SubmissionDisk();  // unmounts it, so that the (empty) directory can be removed
    SubmissionDisk(const SubmissionDisk&) = delete;
    SubmissionDisk& operator=(const SubmissionDisk&) = delete;

    // "disk 256 MiB", or "the host's disk (why)".
    const std::string& describe() const { return description_; }

private:
    std::filesystem::path dir_;
    bool mounted_ = false;
    std::string description_;
};

}  // namespace grading
