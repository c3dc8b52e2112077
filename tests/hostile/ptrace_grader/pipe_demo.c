/* Traces the grader: its parent (the grader's supervisor), pid 1 of its
 * PID namespace, and the grading test by its host pid. */
#include "hostile.h" /* first: it asks for the GNU names */

#include <sys/ptrace.h>

int main(void) {
    const pid_t targets[] = {getppid(), 1, GRADER_PID};
    const char* names[] = {"its parent", "pid 1", "the grading test's host pid"};
    for (int i = 0; i < 3; i++) {
        char what[128];
        snprintf(what, sizeof what, "PTRACE_ATTACH %s (%d)", names[i], (int)targets[i]);
        tried(ptrace(PTRACE_ATTACH, targets[i], 0, 0) == 0, what);
    }
    return behave();
}
