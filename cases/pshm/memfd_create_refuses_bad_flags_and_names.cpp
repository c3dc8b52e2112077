// PSHM-12 (edge; memfd_create(2): the name "is limited to 249 bytes,
// excluding the terminating null byte"; ERRORS EFAULT "The address in name
// points to invalid memory", EINVAL "flags included unknown bits" and "name
// was too long", and MFD_EXEC with MFD_NOEXEC_SEAL together): memfd_create
// refuses unknown flag bits and an over-long name with EINVAL and a name it
// cannot read with EFAULT, and accepts MFD_CLOEXEC, MFD_ALLOW_SEALING, both,
// no flag, an empty name and a name of exactly 249 bytes.
#include <string>

#include "pshm_support.hpp"

namespace {
// memfd_create(name, flags): "ok" (the memfd is closed again) or the errno
// name, recorded under key.
std::string create(const std::string& key, const char* name, unsigned flags) {
    const int fd = ::memfd_create(name, flags);
    if (fd < 0 && errno == ENOSYS) ipc::skip("memfd_create(2) is not implemented here (ENOSYS)");
    const std::string outcome = pshm::outcome(key, fd);
    if (fd >= 0) ::close(fd);
    return outcome;
}
}  // namespace

CLAIM("PSHM-12", "memfd_create refuses unknown flags and a name over 249 bytes (EINVAL), an unreadable name (EFAULT)") {
    CHECK_EQ(create("flags.0x0100", "flags", 0x0100U), "EINVAL");
    CHECK_EQ(create("flags.not_MFD_CLOEXEC", "flags", ~unsigned{MFD_CLOEXEC}), "EINVAL");
    CHECK_EQ(create("flags.not_MFD_ALLOW_SEALING", "flags", ~unsigned{MFD_ALLOW_SEALING}), "EINVAL");
    CHECK_EQ(create("flags.all_bits", "flags", ~0U), "EINVAL");
    CHECK_EQ(create("flags.0x80000000", "flags", 0x80000000U), "EINVAL");
    CHECK_EQ(create("flags.-500", "flags", static_cast<unsigned>(-500)), "EINVAL");
    // Unknown bits before Linux 6.3, contradictory since: refused either way.
    CHECK_EQ(create("flags.MFD_EXEC_and_MFD_NOEXEC_SEAL", "flags", MFD_EXEC | MFD_NOEXEC_SEAL), "EINVAL");

    const std::string longest(249, 'n');
    const std::string too_long(250, 'n');
    ipc::evidence("name.longest.bytes", static_cast<long long>(longest.size()));
    CHECK_EQ(create("name.longest", longest.c_str(), 0), "ok");
    CHECK_EQ(create("name.too_long", too_long.c_str(), 0), "EINVAL");
    CHECK_EQ(create("name.empty", "", 0), "ok");
    CHECK_EQ(create("name.null", nullptr, 0), "EFAULT");
    const long page = ipc::page_size();
    void* unreadable = ::mmap(nullptr, static_cast<std::size_t>(page), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ipc::must(unreadable == MAP_FAILED ? -1 : 0, "mmap(PROT_NONE)");
    CHECK_EQ(create("name.prot_none_page", static_cast<const char*>(unreadable), 0), "EFAULT");
    ::munmap(unreadable, static_cast<std::size_t>(page));

    CHECK_EQ(create("flags.MFD_CLOEXEC", "flags", MFD_CLOEXEC), "ok");
    CHECK_EQ(create("flags.MFD_ALLOW_SEALING", "flags", MFD_ALLOW_SEALING), "ok");
    CHECK_EQ(create("flags.MFD_CLOEXEC_and_MFD_ALLOW_SEALING", "flags", MFD_CLOEXEC | MFD_ALLOW_SEALING), "ok");
    CHECK_EQ(create("flags.none", "flags", 0), "ok");
}
