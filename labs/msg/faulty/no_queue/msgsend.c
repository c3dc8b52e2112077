/* Lab "msg", FAULTY (does not use the queue): writes the lines into the
 * receiver's FIFO. */
#include <stdio.h>
#include <string.h>
#include "msg_lab.h"

int main(void) {
    FILE *out = fopen("lines.fifo", "w");
    char line[LINE_MAX_BYTES];
    if (!out) return 1;
    while (fgets(line, sizeof line, stdin)) {
        fputs(line, out);
        if (strncmp(line, "end", 3) == 0) break;
    }
    fclose(out);
    return 0;
}
