/* Signals other uids: pid 1 of its namespace (the grader's supervisor), the
 * grading test by its host pid, and every process it may (kill -1). */
#include "hostile.h" /* first: it asks for the GNU names */

#include <signal.h>

int main(void) {
    tried(kill(1, SIGKILL) == 0, "kill pid 1 (the grader's supervisor)");
    char what[128];
    snprintf(what, sizeof what, "kill %d (the grading test's host pid)", (int)GRADER_PID);
    tried(kill(GRADER_PID, SIGKILL) == 0, what);
    tried(kill(-1, SIGKILL) == 0, "kill(-1, SIGKILL): every process it may signal");
    return behave();
}
