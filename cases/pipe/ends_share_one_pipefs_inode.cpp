// PIPE-32 (edge; pipe(7) "a pipe ... a unidirectional data channel", fstat(2)
// st_ino and st_dev name one file, statfs(2) f_type PIPEFS_MAGIC
// (linux/magic.h)): the two ends of a pipe are two open files of one inode.
// fstat of either end reports a FIFO (S_ISFIFO) with the same st_dev and
// st_ino, another pipe has another inode, and fstatfs of either end reports
// the pipe file system: f_type PIPEFS_MAGIC, f_bsize the page size, f_namelen
// NAME_MAX.
#include <climits>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "pipe_support.hpp"

namespace {

struct stat stat_of(int fd) {
    struct stat st {};
    ipc::must(::fstat(fd, &st), "fstat");
    return st;
}

struct statfs statfs_of(int fd) {
    struct statfs st {};
    ipc::must(::fstatfs(fd, &st), "fstatfs");
    return st;
}

std::string hex(unsigned long v) {
    char b[32];
    std::snprintf(b, sizeof b, "0x%lx", v);
    return b;
}

}  // namespace

CLAIM("PIPE-32", "both ends of a pipe are one pipefs inode") {
    auto p = ipc::Pipe::make();
    auto other = ipc::Pipe::make();
    const struct stat r = stat_of(p.r()), w = stat_of(p.w()), o = stat_of(other.r());
    ipc::evidence("read_end", "dev " + std::to_string(r.st_dev) + " ino " + std::to_string(r.st_ino) +
                                  (S_ISFIFO(r.st_mode) ? " fifo" : " not a fifo"));
    ipc::evidence("write_end", "dev " + std::to_string(w.st_dev) + " ino " + std::to_string(w.st_ino) +
                                   (S_ISFIFO(w.st_mode) ? " fifo" : " not a fifo"));
    ipc::evidence("other_pipe", "dev " + std::to_string(o.st_dev) + " ino " + std::to_string(o.st_ino));
    CHECK(S_ISFIFO(r.st_mode));
    CHECK(S_ISFIFO(w.st_mode));
    CHECK_EQ(r.st_ino, w.st_ino);
    CHECK_EQ(r.st_dev, w.st_dev);
    CHECK_NE(o.st_ino, r.st_ino);

    const long page = ipc::page_size();
    for (const auto& [name, fd] : {std::pair{"read_end", p.r()}, std::pair{"write_end", p.w()}}) {
        const struct statfs fs = statfs_of(fd);
        ipc::evidence(std::string("fstatfs.") + name, "f_type " + hex(static_cast<unsigned long>(fs.f_type)) +
                                                          ", f_bsize " + std::to_string(fs.f_bsize) + ", f_namelen " +
                                                          std::to_string(fs.f_namelen));
        CHECK_EQ(static_cast<unsigned long>(fs.f_type), static_cast<unsigned long>(PIPEFS_MAGIC));
        CHECK_EQ(static_cast<long>(fs.f_bsize), page);
        CHECK_EQ(static_cast<long>(fs.f_namelen), static_cast<long>(NAME_MAX));
    }
}
