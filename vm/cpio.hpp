// newc ("070701") cpio archives: the guest's initramfs is one, and so is what
// a `coverage` guest sends back (its results and counter snapshots).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace runner::kernel {

// A cpio archive written to a file descriptor.
class CpioWriter {
public:
    explicit CpioWriter(int fd) : fd_(fd) {}
    // Parent directories are added as needed; paths are relative to the root.
    void directory(const std::string& path, unsigned mode = 0755);
    void file(const std::string& path, const std::string& data, unsigned mode = 0644);
    void symlink(const std::string& path, const std::string& target);
    void finish();  // the TRAILER!!! entry
    std::size_t bytes() const { return written_; }

private:
    void entry(const std::string& path, unsigned mode, const std::string& data);
    void parents(const std::string& path);
    void put(const void* p, std::size_t n);
    int fd_;
    unsigned ino_ = 1;
    std::size_t written_ = 0;
    std::vector<std::string> dirs_;
};

// The regular files `entries` name under `root` (a directory stands for every
// file under it; a missing entry adds nothing), at their paths relative to root.
void add_files(CpioWriter& cpio, const std::filesystem::path& root, const std::vector<std::string>& entries);

// Unpacks an archive's directories and regular files under `into` (made as
// needed); symlinks and devices are ignored. Throws std::runtime_error for a
// malformed or truncated archive, and for a path that is absolute or climbs
// out with "..".
void extract_cpio(const std::string& archive, const std::filesystem::path& into);

}  // namespace runner::kernel
