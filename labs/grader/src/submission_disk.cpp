#include "submission_disk.hpp"

#include <cerrno>
#include <cstdlib>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <fmt/core.h>

#include "ipc/errno_name.hpp"

namespace grading {

SubmissionDisk::SubmissionDisk(const std::filesystem::path& dir, unsigned long long bytes) : dir_(dir) {
    if (std::getenv("IPC_LABS_KEEP")) {
        description_ = "the host's disk (IPC_LABS_KEEP)";
        return;
    }
    const std::string options = fmt::format("mode=0755,size={},nr_inodes=65536", bytes);
    const char* step = "unshare(CLONE_NEWNS)";
    if (::unshare(CLONE_NEWNS) == 0) {
        step = "mount(MS_PRIVATE)";
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0) {
            step = "mount(tmpfs)";
            mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
        }
    }
    description_ = mounted_ ? fmt::format("disk {} MiB", bytes >> 20)
                            : fmt::format("the host's disk ({}: {})", step, ipc::errno_name(errno));
}

SubmissionDisk::~SubmissionDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

}  // namespace grading
