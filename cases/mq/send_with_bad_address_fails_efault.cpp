// MQ-35 (mq_send(3) and mq_receive(3): the message and abs_timeout are the
// caller's memory, and a system call given an address outside it fails with
// EFAULT, errno(3) "Bad address"): mq_send and mq_timedsend with a message
// in an inaccessible page, and mq_timedsend and mq_timedreceive with
// abs_timeout there, fail with EFAULT although the queue has room or holds a
// message, and change nothing: no message is queued, none is taken.
#include <sys/mman.h>

#include "mq_support.hpp"

namespace {
// One page mapped PROT_NONE: an address the process may not read.
class InaccessiblePage {
public:
    InaccessiblePage() : size_(static_cast<std::size_t>(::sysconf(_SC_PAGESIZE))) {
        addr_ = ::mmap(nullptr, size_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (addr_ == MAP_FAILED) ipc::must(-1, "mmap of a PROT_NONE page");
    }
    InaccessiblePage(const InaccessiblePage&) = delete;
    InaccessiblePage& operator=(const InaccessiblePage&) = delete;
    ~InaccessiblePage() { ::munmap(addr_, size_); }
    template <typename T>
    T* as() const {
        return static_cast<T*>(addr_);
    }

private:
    std::size_t size_;
    void* addr_;
};
}  // namespace

CLAIM("MQ-35", "a message or abs_timeout at a bad address fails with EFAULT and changes nothing") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    InaccessiblePage bad;
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
    const auto deadline = mqcase::realtime_in(60000);

    const auto send_bad_msg = mqcase::sent_or_errno(::mq_send(q.fd(), bad.as<char>(), 4, 1));
    const auto timedsend_bad_msg = mqcase::sent_or_errno(::mq_timedsend(q.fd(), bad.as<char>(), 4, 1, &deadline));
    const auto timedsend_bad_timeout = mqcase::sent_or_errno(::mq_timedsend(q.fd(), "ok", 2, 1, bad.as<timespec>()));
    ipc::evidence("mq_send_bad_message", send_bad_msg);
    ipc::evidence("mq_timedsend_bad_message", timedsend_bad_msg);
    ipc::evidence("mq_timedsend_bad_timeout", timedsend_bad_timeout);
    CHECK_EQ(send_bad_msg, "EFAULT");
    CHECK_EQ(timedsend_bad_msg, "EFAULT");
    CHECK_EQ(timedsend_bad_timeout, "EFAULT");
    CHECK_EQ(q.attr().mq_curmsgs, 0);

    mqcase::send(q.fd(), "kept", 2);
    std::vector<char> buf(16);
    unsigned prio = 0;
    const ssize_t n = ::mq_timedreceive(q.fd(), buf.data(), buf.size(), &prio, bad.as<timespec>());
    const auto timedreceive_bad_timeout = mqcase::received_or_errno(n, buf, prio);
    ipc::evidence("mq_timedreceive_bad_timeout", timedreceive_bad_timeout);
    CHECK_EQ(timedreceive_bad_timeout, "EFAULT");
    CHECK_EQ(mqcase::drain(q.name()), "2:kept");
}
