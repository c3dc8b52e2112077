// A private temporary directory, $TMPDIR/<prefix>.XXXXXX (or under /tmp; the
// runner sets $TMPDIR to the case's own directory), removed with its
// contents on destruction. Throws SysError when it cannot be made.
#pragma once
#include <string>
#include <string_view>

namespace ipc {

class TempDir {
public:
    explicit TempDir(std::string_view prefix = "ipc-claims");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace ipc
