/* What every hostile submission shares (copied beside it by
 * tests/hostile_test.cpp, with target.h, which names what to attack): a
 * line on standard error per try, saying what it managed or why it was
 * refused, and then the lab's task done right, so that the grader runs it
 * to the end as it would a student's. */
#define _GNU_SOURCE /* strerrorname_np; include this first */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target.h"

static void say(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* "managed: what" when ok, else "refused: what: ERRNO". */
static int tried(int ok, const char* what) {
    if (ok) say("managed: %s", what);
    else say("refused: %s: %s", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
    return ok;
}

static int try_write(const char* path) {
    char what[512];
    snprintf(what, sizeof what, "write %s", path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int ok = fd >= 0 && write(fd, "pwned\n", 6) == 6;
    if (fd >= 0) close(fd);
    return tried(ok, what);
}

/* Prints the first line of what it could read. */
static int try_read(const char* path) {
    char what[512], line[256] = "";
    FILE* f = fopen(path, "r");
    if (!f) {
        snprintf(what, sizeof what, "read %s", path);
        return tried(0, what);
    }
    if (!fgets(line, sizeof line, f)) line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    snprintf(what, sizeof what, "read %s: %s", path, line);
    return tried(1, what);
}

/* The lab's task: a child sends five lines through a pipe, the parent
 * prints them and reaps it. */
static int behave(void) {
    int fd[2];
    if (pipe(fd) != 0) return 1;
    pid_t child = fork();
    if (child == 0) {
        close(fd[0]);
        for (int i = 0; i < 5; i++) dprintf(fd[1], "I am child!\n");
        _exit(0);
    }
    close(fd[1]);
    char buf[256];
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
    fflush(stdout);
    int status;
    return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
