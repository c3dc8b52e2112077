// SHM-22 (edge; shmctl(2) shm_nattch "No. of current attaches"; proc(5)
// /proc/PID/maps; mprotect(2), munmap(2); shmop(2) shmdt): on Linux
// shm_nattch counts a segment's mappings (each piece /proc/PID/maps lists),
// not shmat calls. An mprotect of the middle page of one attachment splits it
// into three pieces and the count becomes 3; restoring the protection and a
// partial munmap keep the count equal to the pieces listed; shmdt of the
// attachment's start removes every piece and leaves 0.
#include <fstream>
#include <sstream>
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// How many mappings of the segment /proc/self/maps lists: its pieces are the
// lines whose inode is the shmid and whose path is /SYSV<key>.
long long pieces_of(int shmid) {
    std::ifstream maps("/proc/self/maps");
    long long pieces = 0;
    std::string line;
    while (std::getline(maps, line)) {
        std::istringstream fields(line);
        std::string range, perms, offset, device, path;
        long long inode = -1;
        fields >> range >> perms >> offset >> device >> inode >> path;
        if (inode == shmid && path.rfind("/SYSV", 0) == 0) ++pieces;
    }
    return pieces;
}

// shm_nattch and the pieces listed, recorded under key; the claim: equal.
long long nattch_matches_pieces(const std::string& key, int shmid) {
    const auto nattch = static_cast<long long>(shmcase::record_stat(key, shmid).shm_nattch);
    const long long pieces = pieces_of(shmid);
    ipc::evidence(key + ".pieces_in_maps", pieces);
    CHECK_EQ(nattch, pieces);
    return nattch;
}
}  // namespace

CLAIM("SHM-22", "shm_nattch counts a segment's mapped pieces: 3 after mprotect splits one attachment, 0 after shmdt") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(4 * page);
    auto attached = ipc::ShmAttachment::attach(segment.id());
    char* at = attached.bytes();
    if (pieces_of(segment.id()) != 1) ipc::skip("/proc/self/maps does not list the attachment as one /SYSV mapping");
    CHECK_EQ(nattch_matches_pieces("attached", segment.id()), 1);

    ipc::must(::mprotect(at + page, page, PROT_READ), "mprotect(second page, PROT_READ)");
    CHECK_EQ(nattch_matches_pieces("after_mprotect_split", segment.id()), 3);
    ipc::must(::mprotect(at, 4 * page, PROT_READ | PROT_WRITE), "mprotect(all pages back)");
    nattch_matches_pieces("after_mprotect_restored", segment.id());
    ipc::must(::munmap(at + 3 * page, page), "munmap(last page)");
    nattch_matches_pieces("after_partial_munmap", segment.id());

    attached.detach();
    CHECK_EQ(nattch_matches_pieces("after_shmdt", segment.id()), 0);
}
