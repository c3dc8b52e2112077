// PIPE-26 (edge; pipe(2) ERRORS "EFAULT pipefd is not valid"): the kernel
// writes the two descriptors into the caller's array, and an array it may not
// write (a PROT_NONE page, a read-only page) makes pipe() and pipe2() fail
// with EFAULT, with no descriptor left open behind them: the lowest free
// descriptor number and the next one are still free afterwards.
#include <sys/mman.h>

#include "pipe_support.hpp"

namespace {

// One page mapped with prot: an address the process may not write.
class Page {
public:
    explicit Page(int prot) : size_(static_cast<std::size_t>(ipc::page_size())) {
        addr_ = ::mmap(nullptr, size_, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (addr_ == MAP_FAILED) ipc::must(-1, "mmap of a page");
    }
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;
    ~Page() { ::munmap(addr_, size_); }
    int* fds() const { return static_cast<int*>(addr_); }

private:
    std::size_t size_;
    void* addr_;
};

// The lowest descriptor number not in use.
int lowest_free() {
    const int fd = static_cast<int>(ipc::must(::open("/dev/null", O_RDONLY | O_CLOEXEC), "open /dev/null"));
    ::close(fd);
    return fd;
}

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

}  // namespace

CLAIM("PIPE-26", "pipe() and pipe2() given an array they may not write fail with EFAULT and leave no descriptor open") {
    const int free_before = lowest_free();
    ipc::evidence("lowest_free_descriptor", free_before);
    struct Where {
        const char* name;
        int prot;
    };
    for (const Where& where : {Where{"PROT_NONE_page", PROT_NONE}, Where{"read_only_page", PROT_READ}}) {
        Page page(where.prot);
        const std::string as = where.name;
        auto plain = ipc::capture([&] { return ::pipe(page.fds()); });
        auto two = ipc::capture([&] { return ::pipe2(page.fds(), O_CLOEXEC); });
        ipc::evidence("pipe." + as, ipc::describe(plain));
        ipc::evidence("pipe2." + as, ipc::describe(two));
        CHECK_EQ(plain, ipc::SyscallResult::failure(EFAULT));
        CHECK_EQ(two, ipc::SyscallResult::failure(EFAULT));
    }
    const bool first_open = is_open(free_before), second_open = is_open(free_before + 1);
    ipc::evidence("descriptor_" + std::to_string(free_before) + "_after", first_open ? "open" : "free");
    ipc::evidence("descriptor_" + std::to_string(free_before + 1) + "_after", second_open ? "open" : "free");
    CHECK_FALSE(first_open);
    CHECK_FALSE(second_open);
    if (first_open) ::close(free_before);
    if (second_open) ::close(free_before + 1);
}
