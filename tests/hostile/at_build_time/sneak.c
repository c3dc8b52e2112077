/* Run by make: writes outside, reads the neighbour and the reference. */
#include "hostile.h" /* first: it asks for the GNU names */

int main(void) {
    const char* places[] = {"/tmp", OUT_DIR};
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.build", places[i], MARK);
        try_write(path);
    }
    try_read(NEIGHBOUR_DIR "/" NEIGHBOUR_SECRET);
    try_read(REFERENCE_FILE);
    return 0;
}
