/* Its program does its task: the attack was at build time (sneak.c). */
#include "hostile.h" /* first: it asks for the GNU names */

int main(void) { return behave(); }
