// Unix domain sockets: a socketpair whose ends close themselves, addresses
// (a path, or an abstract name unique to this run), listening and connecting,
// and descriptor passing with SCM_RIGHTS.
//
//   auto pair = ipc::SocketPair::make(SOCK_SEQPACKET);
//   auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("peercred"));
//   ipc::Fd listener = ipc::listen_at(where);
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <sys/socket.h>
#include <sys/un.h>

#include "ipc/fd.hpp"
#include "ipc/process.hpp"

namespace ipc {

// "SOCK_STREAM", "SOCK_SEQPACKET", "SOCK_DGRAM"
std::string socket_type_name(int type);
// recvmsg's msg_flags by name: "MSG_TRUNC|MSG_CTRUNC", "none".
std::string msg_flags_names(int flags);

struct SocketPair {
    Fd first;
    Fd second;

    // socketpair(AF_UNIX, type | flags); a failure is a broken setup.
    static SocketPair make(int type, int flags = SOCK_CLOEXEC);
    int a() const { return first.get(); }
    int b() const { return second.get(); }
};

// A sockaddr_un: a file-system path, or an abstract name (sun_path starting
// with a NUL byte, no file anywhere).
class UnixAddress {
public:
    // A path longer than sun_path holds is a broken setup (it would be cut).
    static UnixAddress path(const std::string& path);
    static UnixAddress abstract(const std::string& name);

    const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&addr_); }
    socklen_t size() const { return size_; }
    bool is_abstract() const { return abstract_; }
    // The path, or the abstract name as /proc/net/unix shows it ("@name").
    std::string describe() const;

private:
    sockaddr_un addr_{};
    socklen_t size_ = 0;
    bool abstract_ = false;
};

// "ipc-claims-<what>-<pid>-<16 random hex digits>": unique per case and run.
std::string unique_abstract_name(const std::string& what);

// A socket bound to where and listening (SOCK_CLOEXEC); broken on failure.
Fd listen_at(const UnixAddress& where, int type = SOCK_STREAM);
// A socket connected to where (SOCK_CLOEXEC); an empty Fd with errno set when
// connect(2) fails, since a refused connection may be what a case checks.
Fd connect_to(const UnixAddress& where, int type = SOCK_STREAM);
// The next connection on listener, accepted once poll(2) says it is there
// (SOCK_CLOEXEC); an empty Fd when none came before the deadline.
Fd accept_within(int listener, std::chrono::milliseconds deadline = default_deadline);

// sendmsg(2) of data with the descriptors fds as one SCM_RIGHTS message;
// returns sendmsg's result (-1 with errno on failure).
long send_with_fds(int sock, std::string_view data, const std::vector<int>& fds, int flags = 0);

struct Received {
    std::string data;
    std::vector<Fd> fds;  // descriptors from SCM_RIGHTS, now owned here
    int msg_flags = 0;    // MSG_TRUNC, MSG_CTRUNC ...
    long result = 0;      // recvmsg's return value
};
// One recvmsg(2) of at most max bytes, with room for up to max_fds passed
// descriptors; nullopt on error (errno set).
std::optional<Received> receive(int sock, std::size_t max, int flags = 0, int max_fds = 4);

struct PeerCredentials {
    pid_t pid;
    uid_t uid;
    gid_t gid;
};
// getsockopt(SO_PEERCRED); nullopt on error (errno set).
std::optional<PeerCredentials> peer_credentials(int sock);

}  // namespace ipc
