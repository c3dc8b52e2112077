/* Raises its privileges: the setuid bit on its own program, a setuid copy
 * of itself run again, setuid(0) and setgid(0). */
#include "hostile.h" /* first: it asks for the GNU names */

#include <stdlib.h>
#include <sys/stat.h>

int main(int argc, char** argv) {
    if (argc > 1) {
        say("the setuid copy runs as uid %d euid %d", (int)getuid(), (int)geteuid());
        return 0;
    }
    tried(chmod(argv[0], 04755) == 0, "chmod u+s its own program");
    char copy[1024];
    snprintf(copy, sizeof copy, "cp %s escalate && chmod 4755 escalate && ./escalate again", argv[0]);
    tried(system(copy) == 0, "run a setuid copy of itself");
    tried(setgid(0) == 0, "setgid(0)");
    tried(setuid(0) == 0, "setuid(0)");
    say("runs as uid %d euid %d", (int)getuid(), (int)geteuid());
    return behave();
}
