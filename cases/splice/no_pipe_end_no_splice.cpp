// SPLICE-08 (edge; splice(2) "EBADF One or both file descriptors ... do not
// have proper read-write mode"; "EINVAL Neither of the file descriptors
// refers to a pipe"; "EINVAL The target file ... does not support
// splicing"): for every pair drawn from many kinds of descriptor (regular
// file, memfd, /dev/null, eventfd, Unix socket, directory, O_PATH, epoll, the
// wrong end of a pipe) with no pipe end facing the right way, splice fails
// with EBADF or EINVAL.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <vector>

#include "splice_support.hpp"

CLAIM("SPLICE-08", "splice between descriptors of which none is a pipe end facing the right way fails") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    auto p = ipc::Pipe::make();
    int sv[2];
    ipc::must(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), "socketpair");
    ipc::Fd sock0(sv[0]), sock1(sv[1]);

    struct Kind {
        std::string name;
        int fd;
    };
    std::vector<ipc::Fd> owned;
    std::vector<Kind> kinds;
    auto add = [&](const std::string& name, int fd) {
        if (fd < 0) {
            ipc::evidence("kind." + name, "not made: " + ipc::errno_name(errno));
            return;
        }
        owned.emplace_back(fd);
        kinds.push_back({name, fd});
    };
    add("file", spl::file_with(dir.file("file"), "abcdef").release());
    add("memfd", ::memfd_create("ipc-claims-splice", MFD_CLOEXEC));
    add("dev_null", ::open("/dev/null", O_RDWR | O_CLOEXEC));
    add("eventfd", ::eventfd(1, EFD_CLOEXEC | EFD_NONBLOCK));
    add("directory", ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    add("o_path", ::open(dir.file("file").c_str(), O_PATH | O_CLOEXEC));
    add("epoll", ::epoll_create1(EPOLL_CLOEXEC));
    kinds.push_back({"unix_socket", sock0.get()});
    std::vector<Kind> ins = kinds, outs = kinds;
    ins.push_back({"pipe_write_end", p.w()});
    outs.push_back({"pipe_read_end", p.r()});

    std::string wrong;
    int pairs = 0;
    for (const auto& in : ins)
        for (const auto& out : outs) {
            ++pairs;
            auto r = ipc::capture([&] { return ::splice(in.fd, nullptr, out.fd, nullptr, 1, SPLICE_F_NONBLOCK); });
            if (r.value != -1 || (r.err != EBADF && r.err != EINVAL))
                wrong += (wrong.empty() ? "" : ", ") + in.name + "->" + out.name + ":" + ipc::describe(r);
        }
    ipc::evidence("pairs_tried", pairs);
    ipc::evidence("pairs_not_refused_with_EBADF_or_EINVAL", wrong.empty() ? "none" : wrong);
    CHECK_EQ(wrong, "");
}
