// Hangs forever, after starting a grandchild that leaves the process group
// (setsid) and hangs too. Writes both pids to the file named by argv[1].
#include <stdio.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    pid_t child = fork();
    if (child == 0) {
        setsid();
        if (fork() == 0) {  // the escapee: its parent exits, it is re-parented
            for (;;) pause();
        }
        _exit(0);
    }
    FILE* f = fopen(argv[1], "w");
    if (!f) return 2;
    fprintf(f, "%d\n", (int)getpid());
    fclose(f);
    for (;;) pause();
}
