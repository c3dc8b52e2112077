// FIFO-10 (edge; mknod(2) ERRORS "EEXIST pathname already exists. This
// includes the case where pathname is a symbolic link, dangling or not",
// "EFAULT pathname points outside your accessible address space", "ENOENT A
// directory component in pathname does not exist or is a dangling symbolic
// link", "ENAMETOOLONG pathname was too long", "ENOTDIR A component used as a
// directory in pathname is not, in fact, a directory"; mkfifo(3) EEXIST):
// mknod(S_IFIFO) fails with EEXIST on an existing regular file, FIFO,
// symbolic link to a file and dangling symbolic link (which it does not
// follow), and mkfifo with EEXIST on the same; the existing node is left as
// it was (the file keeps its content, the link its target). It fails with
// EFAULT for a path at an inaccessible address, ENOENT for a missing
// directory component and for "", ENAMETOOLONG for a path longer than
// PATH_MAX, ENOTDIR when a regular file is used as a directory, ELOOP through
// a symbolic link that points to itself, and EACCES, for a process without
// capabilities, in a directory of its own that it may not write (mode 0500).
#include <climits>
#include <sys/mman.h>
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

namespace {

ipc::SyscallResult make_fifo(const char* path) {
    return ipc::capture([&] { return ::mknod(path, S_IFIFO | 0600, 0); });
}

std::string read_file(const std::string& path) {
    ipc::Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));  // a FIFO put there must not block
    if (!fd) return ipc::errno_name(errno);
    return ipc::pread_all(fd.get());
}

std::string link_target(const std::string& path) {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
    return n < 0 ? ipc::errno_name(errno) : std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace

CLAIM("FIFO-10", "mknod(S_IFIFO) and mkfifo fail with EEXIST on an existing path, and with EFAULT, ENOENT, "
                 "ENAMETOOLONG, ENOTDIR, ELOOP, EACCES for bad paths") {
    ipc::TempDir dir;
    const std::string file = dir.file("file"), fifo = dir.file("fifo"), link = dir.file("link"),
                      dangling = dir.file("dangling");
    {
        ipc::Fd f(
            static_cast<int>(ipc::must(::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600), "create file")));
        REQUIRE(ipc::write_all(f.get(), "content"));
    }
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    REQUIRE(::symlink(file.c_str(), link.c_str()) == 0);
    REQUIRE(::symlink(dir.file("nowhere").c_str(), dangling.c_str()) == 0);

    SUBCASE("EEXIST on an existing path, which is left as it was") {
        for (const auto& [name, path] : {std::pair{"regular_file", file}, std::pair{"fifo", fifo},
                                         std::pair{"symlink_to_file", link}, std::pair{"dangling_symlink", dangling}}) {
            auto by_mknod = make_fifo(path.c_str());
            auto by_mkfifo = ipc::capture([&] { return ::mkfifo(path.c_str(), 0600); });
            ipc::evidence(std::string("mknod.") + name, ipc::describe(by_mknod));
            ipc::evidence(std::string("mkfifo.") + name, ipc::describe(by_mkfifo));
            CHECK_EQ(by_mknod, ipc::SyscallResult::failure(EEXIST));
            CHECK_EQ(by_mkfifo, ipc::SyscallResult::failure(EEXIST));
        }
        struct stat st;
        REQUIRE(::lstat(file.c_str(), &st) == 0);
        CHECK(S_ISREG(st.st_mode));
        CHECK_EQ(read_file(file), "content");
        CHECK_EQ(link_target(link), file);
        CHECK_EQ(link_target(dangling), dir.file("nowhere"));
        CHECK_FALSE(::access(dir.file("nowhere").c_str(), F_OK) == 0);
    }
    SUBCASE("EFAULT, ENOENT, ENAMETOOLONG, ENOTDIR, ELOOP, EACCES") {
        void* none =
            ::mmap(nullptr, static_cast<std::size_t>(ipc::page_size()), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(none != MAP_FAILED);
        auto efault = make_fifo(static_cast<const char*>(none));
        ::munmap(none, static_cast<std::size_t>(ipc::page_size()));
        auto missing_dir = make_fifo(dir.file("missing/fifo").c_str());
        auto empty = make_fifo("");
        const std::string too_long = dir.path() + "/" + std::string(PATH_MAX + 1, 'a');
        auto long_path = make_fifo(too_long.c_str());
        auto through_file = make_fifo((file + "/fifo").c_str());
        REQUIRE(::symlink(dir.file("loop").c_str(), dir.file("loop").c_str()) == 0);
        auto loop = make_fifo(dir.file("loop/fifo").c_str());
        REQUIRE(::mkdir(dir.file("read_only").c_str(), 0500) == 0);
        auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
            const int dropped = ipc::drop_all_capabilities();
            r["drop_all_capabilities"] = dropped == 0 ? "ok" : ipc::errno_name(dropped);
            if (dropped == 0) r["mknod"] = ipc::describe(make_fifo(dir.file("read_only/fifo").c_str()));
            return 0;
        });
        auto unwritable = child.finish("in_mode_0500_directory");
        ipc::evidence("inaccessible_address", ipc::describe(efault));
        ipc::evidence("missing_directory", ipc::describe(missing_dir));
        ipc::evidence("empty_path", ipc::describe(empty));
        ipc::evidence("longer_than_PATH_MAX", ipc::describe(long_path));
        ipc::evidence("file_as_directory", ipc::describe(through_file));
        ipc::evidence("symlink_loop", ipc::describe(loop));
        CHECK_EQ(efault, ipc::SyscallResult::failure(EFAULT));
        CHECK_EQ(missing_dir, ipc::SyscallResult::failure(ENOENT));
        CHECK_EQ(empty, ipc::SyscallResult::failure(ENOENT));
        CHECK_EQ(long_path, ipc::SyscallResult::failure(ENAMETOOLONG));
        CHECK_EQ(through_file, ipc::SyscallResult::failure(ENOTDIR));
        CHECK_EQ(loop, ipc::SyscallResult::failure(ELOOP));
        REQUIRE(unwritable.status.exited_with(0));
        REQUIRE_EQ(unwritable.get("drop_all_capabilities"), "ok");
        CHECK_EQ(unwritable.get("mknod"), ipc::describe(ipc::SyscallResult::failure(EACCES)));
    }
}
