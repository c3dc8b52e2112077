// Running a program from a test: its exit code and everything it printed,
// with a deadline (a program still running then is killed).
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "ipc/process.hpp"

namespace testing {

struct CommandResult {
    int exit_code = -1;  // -1 when killed by a signal
    std::string status;  // WaitStatus::describe()
    std::string output;  // stdout and stderr, interleaved
    double seconds = 0;
};

CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds deadline = std::chrono::seconds(60));

// `ipc-claims ARGS...` from the build tree.
CommandResult ipc_claims(const std::vector<std::string>& args,
                         std::chrono::milliseconds deadline = std::chrono::seconds(60));

// A program of tests/programs, by name.
std::string test_program(const std::string& name);

// A whole file as text ("" when it cannot be read).
std::string slurp(const std::string& path);
bool contains(const std::string& text, const std::string& part);
// How many lines the text has (its newlines).
int lines_of(const std::string& text);

// True while a process with this pid exists (zombies included).
bool process_exists(pid_t pid);

}  // namespace testing
