// A private temporary directory (under $TMPDIR, which the runner sets to the
// case's own directory), removed with its contents on destruction.
#pragma once
#include <string>

namespace ipc {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace ipc
