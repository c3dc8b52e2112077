// What a task of a student's program is doing, in a teacher's words
// ("blocked in msgrcv on queue 3 waiting for a message of type 2"), from the
// kernel's account of it (ipc::snapshot: state, syscall and its arguments,
// wchan). Said of what was still running when a scenario had to be killed.
#pragma once
#include <string>
#include <sys/types.h>

namespace grading {

std::string describe_task(pid_t pid);

}  // namespace grading
