// EVENTFD-07 (edge; eventfd(2) "The file descriptor is readable (the
// select(2) readfds argument; the poll(2) POLLIN flag) if the counter has a
// value greater than 0"; "writable (... POLLOUT ...) if it is possible to
// write a value of at least "1" without blocking"): poll and select report
// an eventfd readable exactly while its counter is above 0 and writable
// exactly while a write of 1 fits; epoll, edge-triggered, reports each write.
#include <sys/epoll.h>
#include <sys/select.h>

#include "eventfd_support.hpp"

namespace {

// What select(2) with a zero timeout reports for fd: "read|write", "read",
// "write" or "none", recorded under key.
std::string selected(int fd, const std::string& key) {
    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(fd, &readable);
    FD_SET(fd, &writable);
    timeval now{0, 0};
    ipc::must(::select(fd + 1, &readable, &writable, nullptr, &now), "select");
    const bool r = FD_ISSET(fd, &readable), w = FD_ISSET(fd, &writable);
    const std::string text = r && w ? "read|write" : r ? "read" : w ? "write" : "none";
    ipc::evidence(key, text);
    return text;
}

// epoll_wait(2) with a zero timeout: how many events it returned, recorded.
int epoll_events(int epfd, const std::string& key) {
    epoll_event event{};
    const int n = static_cast<int>(ipc::must(::epoll_wait(epfd, &event, 1, 0), "epoll_wait"));
    ipc::evidence(key, n);
    return n;
}

}  // namespace

CLAIM("EVENTFD-07", "poll and select report readable while the counter is above 0, writable while 1 fits") {
    auto fd = efd::make(0, EFD_NONBLOCK);
    CHECK_EQ(efd::readiness(fd.get(), "poll.at_0"), "POLLOUT");
    CHECK_EQ(selected(fd.get(), "select.at_0"), "write");

    CHECK_EQ(efd::add(fd.get(), 10, "write.10"), "ok");
    CHECK_EQ(efd::readiness(fd.get(), "poll.at_10"), "POLLIN|POLLOUT");
    CHECK_EQ(selected(fd.get(), "select.at_10"), "read|write");

    CHECK_EQ(efd::take(fd.get(), "read.10"), "10");
    CHECK_EQ(efd::add(fd.get(), efd::counter_max, "write.max"), "ok");
    CHECK_EQ(efd::readiness(fd.get(), "poll.at_max"), "POLLIN");
    CHECK_EQ(selected(fd.get(), "select.at_max"), "read");

    CHECK_EQ(efd::take(fd.get(), "read.max"), efd::word(efd::counter_max));
    CHECK_EQ(efd::readiness(fd.get(), "poll.after_read"), "POLLOUT");

    // Edge-triggered epoll: a semaphore eventfd at 7 is reported once, not
    // again while nothing happens, and again after a write.
    auto sem = efd::make(7, EFD_SEMAPHORE | EFD_NONBLOCK);
    ipc::Fd epfd(static_cast<int>(ipc::must(::epoll_create1(EPOLL_CLOEXEC), "epoll_create1")));
    epoll_event want{};
    want.events = EPOLLIN | EPOLLET;
    want.data.fd = sem.get();
    ipc::must(::epoll_ctl(epfd.get(), EPOLL_CTL_ADD, sem.get(), &want), "epoll_ctl");
    CHECK_EQ(epoll_events(epfd.get(), "epoll.at_7"), 1);
    CHECK_EQ(efd::take(sem.get(), "semaphore.read"), "1");
    CHECK_EQ(epoll_events(epfd.get(), "epoll.no_new_write"), 0);
    CHECK_EQ(efd::add(sem.get(), 1, "semaphore.write.1"), "ok");
    CHECK_EQ(epoll_events(epfd.get(), "epoll.after_write"), 1);
}
