/* Writes outside its directory: the host's /tmp, /var/tmp and /dev/shm,
 * the grader's home and the grader's output directory. */
#include "hostile.h" /* first: it asks for the GNU names */

int main(void) {
    const char* places[] = {"/tmp", "/var/tmp", "/dev/shm", GRADER_HOME, OUT_DIR};
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", places[i], MARK);
        try_write(path);
    }
    return behave();
}
