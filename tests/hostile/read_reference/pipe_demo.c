/* Reads the lab's reference solution in the grader's source tree. */
#include "hostile.h" /* first: it asks for the GNU names */

int main(void) {
    try_read(REFERENCE_FILE);
    return behave();
}
