// Fault: a FIFO node always takes its creator's effective group, as if no
// directory had the set-group-ID bit (an emulation without BSD group
// semantics): mknod() and mknodat() give the new FIFO the caller's egid.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
    int (*real)(int, const char*, mode_t, dev_t) =
        (int (*)(int, const char*, mode_t, dev_t))dlsym(RTLD_NEXT, "mknodat");
    struct stat st;
    int rc = real(dirfd, path, mode, dev);
    if (rc == 0 && S_ISFIFO(mode) && fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_gid != getegid()) {
        fchownat(dirfd, path, (uid_t)-1, getegid(), AT_SYMLINK_NOFOLLOW);
        fchmodat(dirfd, path, st.st_mode & 07777, 0);  // chown cleared S_ISGID: as it was
    }
    return rc;
}

int mknod(const char* path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }
