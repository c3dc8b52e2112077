// A student's program, started as the sandbox runs it: its own process
// group, standard input from a file (or /dev/null), standard output and
// error to dir/stdout.N.txt and dir/stderr.N.txt, limits on CPU, memory,
// file size and open files, niced, the scenario's uid when the grader is
// root, no new privileges, dir/work as its home and cwd, a clean environment, default signal
// state, and stopped for the tracer before it execs.
#pragma once
#include <sys/resource.h>
#include <sys/types.h>

#include "labs/sandbox.hpp"

namespace grading {

// The grader is root and the scenario has a uid of its own: its programs
// drop to that uid (and are limited to max_processes + 1 by RLIMIT_NPROC).
bool runs_as_student(const RunSpec& spec);

// In a forked child: becomes the scenario's uid with no groups when
// runs_as_student(spec); _exit(126) when the kernel refuses.
void become_student(const RunSpec& spec);

// Starts spec.programs[index]; its pid, or -1 (errno set) when fork failed.
pid_t start_student_program(const RunSpec& spec, int index);

}  // namespace grading
