// Fault: ftok mixes the caller's pid into the key, so two processes given the
// same path and id get different keys.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/ipc.h>
#include <unistd.h>

key_t ftok(const char* path, int id) {
    key_t (*real)(const char*, int) = (key_t(*)(const char*, int))dlsym(RTLD_NEXT, "ftok");
    key_t key = real(path, id);
    return key == -1 ? key : key ^ (key_t)(getpid() & 0xffff);
}
