/* Reads a neighbour graded in the same batch: its secret file by path, the
 * grader's working directories in /tmp, and every file of that name on the
 * whole filesystem. */
#include "hostile.h" /* first: it asks for the GNU names */

#include <dirent.h>

static int entries;

static void search(const char* dir, int depth) {
    DIR* d = depth < 16 ? opendir(dir) : NULL;
    if (!d) return;
    struct dirent* e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
        if (!strcmp(path, "/proc") || !strcmp(path, "/sys") || !strcmp(path, "/usr")) continue;
        entries++;
        if (!strcmp(e->d_name, NEIGHBOUR_SECRET)) try_read(path);
        if (e->d_type == DT_DIR) search(path, depth + 1);
    }
    closedir(d);
}

int main(void) {
    try_read(NEIGHBOUR_DIR "/" NEIGHBOUR_SECRET);
    search("/", 0);
    say("searched %d entries of / (not /proc, /sys, /usr) for %s", entries, NEIGHBOUR_SECRET);
    return behave();
}
