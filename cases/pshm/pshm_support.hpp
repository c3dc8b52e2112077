// The small vocabulary of the POSIX shared-memory cases (cases/pshm): a
// /dev/shm name that is unlinked when the case ends whatever its verdict,
// mappings that unmap themselves, and memfds with their seals by name.
#pragma once
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipc/case.hpp"

// Flags and seals of Linux 6.3 (memfd_create(2), fcntl(2)) that older C
// library headers lack; a kernel without them refuses them with EINVAL.
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010  // Linux 5.1
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

namespace pshm {

using ipc::outcome_of;  // "ok", or the errno name

// A name no other case or run uses ("/ipc-claims-pshm-<pid>-<random>"); the
// object it names, if any, is unlinked on destruction (an object a role or a
// child made under it too), so that nothing is left in /dev/shm.
class ShmName {
public:
    ShmName() {
        std::random_device random;
        name_ = "/ipc-claims-pshm-" + std::to_string(::getpid()) + "-" + std::to_string(random());
    }
    ShmName(const ShmName&) = delete;
    ShmName& operator=(const ShmName&) = delete;
    // Unlinks the object, and anything in /dev/shm whose name starts with
    // this one (what a case made from it, even under a name a fault mangled),
    // directly, also when shm_unlink itself is what fails.
    ~ShmName() {
        ::shm_unlink(name_.c_str());
        const std::string base = name_.substr(1);
        if (DIR* dir = ::opendir("/dev/shm")) {
            while (const dirent* entry = ::readdir(dir))
                if (std::string(entry->d_name).rfind(base, 0) == 0) ::unlinkat(::dirfd(dir), entry->d_name, 0);
            ::closedir(dir);
        }
    }

    const std::string& name() const { return name_; }
    const char* c_str() const { return name_.c_str(); }
    // Where the object lives as a file: /dev/shm/<name without its '/'>.
    std::string path() const { return "/dev/shm" + name_; }

private:
    std::string name_;
};

// shm_open(name, flags, 0600): the descriptor, or a broken setup.
inline ipc::Fd must_open(const std::string& name, int flags) {
    return ipc::Fd(static_cast<int>(ipc::must(::shm_open(name.c_str(), flags, 0600), "shm_open(" + name + ")")));
}

// An mmap(2) of length bytes that is unmapped on destruction.
class Mapping {
public:
    static Mapping map(int fd, std::size_t length, int prot = PROT_READ | PROT_WRITE, int flags = MAP_SHARED) {
        void* at = ::mmap(nullptr, length, prot, flags, fd, 0);
        ipc::must(at == MAP_FAILED ? -1 : 0, "mmap");
        return Mapping(at, length);
    }
    Mapping(Mapping&& other) noexcept : at_(other.at_), length_(other.length_) { other.at_ = nullptr; }
    Mapping& operator=(Mapping&&) = delete;
    ~Mapping() { unmap(); }
    char* bytes() const { return static_cast<char*>(at_); }
    std::size_t length() const { return length_; }
    void unmap() {
        if (at_) ::munmap(at_, length_);
        at_ = nullptr;
    }

private:
    Mapping(void* at, std::size_t length) : at_(at), length_(length) {}
    void* at_;
    std::size_t length_;
};

// The file size the kernel reports for fd.
inline long long size_of(int fd) {
    struct stat st {};
    ipc::must(::fstat(fd, &st), "fstat");
    return static_cast<long long>(st.st_size);
}

// The permission bits of fd, recorded under key in octal ("0644").
inline int mode_of(const std::string& key, int fd) {
    struct stat st {};
    ipc::must(::fstat(fd, &st), "fstat");
    const int mode = static_cast<int>(st.st_mode & 07777);
    char octal[8];
    std::snprintf(octal, sizeof octal, "0%03o", mode);
    ipc::evidence(key, octal);
    return mode;
}

// memfd_create(name, flags): the descriptor, or a broken setup (a kernel
// without memfd_create, before 3.17, is a skip).
inline ipc::Fd memfd(unsigned flags) {
    int fd = ::memfd_create("ipc-claims", flags);
    if (fd < 0 && errno == ENOSYS) ipc::skip("memfd_create(2) is not implemented here (ENOSYS)");
    return ipc::Fd(static_cast<int>(ipc::must(fd, "memfd_create")));
}

// "F_SEAL_SEAL|F_SEAL_WRITE", "none", or "-1 (EINVAL)" for a failed F_GET_SEALS.
inline std::string seals_named(int seals) {
    if (seals < 0) return "-1 (" + ipc::errno_name(errno) + ")";
    std::string text;
    auto add = [&](int bit, const char* name) {
        if (seals & bit) text += (text.empty() ? "" : "|") + std::string(name);
    };
    add(F_SEAL_SEAL, "F_SEAL_SEAL");
    add(F_SEAL_SHRINK, "F_SEAL_SHRINK");
    add(F_SEAL_GROW, "F_SEAL_GROW");
    add(F_SEAL_WRITE, "F_SEAL_WRITE");
    add(F_SEAL_FUTURE_WRITE, "F_SEAL_FUTURE_WRITE");
    add(F_SEAL_EXEC, "F_SEAL_EXEC");
    return text.empty() ? "none" : text;
}

// F_GET_SEALS of fd, named and recorded under key.
inline std::string seals_of(const std::string& key, int fd) {
    std::string seals = seals_named(::fcntl(fd, F_GET_SEALS));
    ipc::evidence(key, seals);
    return seals;
}

// The outcome ("ok", "EPERM") of a call, recorded under key.
inline std::string outcome(const std::string& key, long long result) {
    std::string text = outcome_of(result < 0 ? -1L : 0L);
    ipc::evidence(key, text);
    return text;
}

}  // namespace pshm
