// Writes to standard output without end.
#include <string.h>
#include <unistd.h>

int main(void) {
    static char block[1 << 20];
    memset(block, 'x', sizeof block);
    for (;;)
        if (write(STDOUT_FILENO, block, sizeof block) < 0) return 1;
}
