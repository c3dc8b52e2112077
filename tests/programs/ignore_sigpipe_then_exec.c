// Ignores SIGPIPE, then execs argv[1..]: a careless parent of the runner.
#include <signal.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    signal(SIGPIPE, SIG_IGN);
    execv(argv[1], argv + 1);
    return 127;
}
