#include "command.hpp"

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <unistd.h>

#include <fcntl.h>

#include "ipc/fd.hpp"
#include "ipc/io.hpp"
#include "ipc/pipe.hpp"
#include "ipc/procfs.hpp"

namespace testing {

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds deadline) {
    auto out = ipc::Pipe::make(O_CLOEXEC);
    const auto start = std::chrono::steady_clock::now();
    auto child = ipc::Child::fork([&] {
        ::dup2(out.w(), STDOUT_FILENO);
        ::dup2(out.w(), STDERR_FILENO);
        std::vector<char*> words;
        for (auto& w : argv) words.push_back(const_cast<char*>(w.c_str()));
        words.push_back(nullptr);
        ::execv(words[0], words.data());
        return 127;
    });
    out.write_end.reset();

    CommandResult r;
    const auto until = start + deadline;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{out.r(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        auto part = ipc::read_some(out.r(), 65536);
        if (!part || part->empty()) break;
        r.output += *part;
    }
    auto status = child.wait(std::chrono::milliseconds(std::max<long>(
        1, std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count())));
    r.exit_code = status.exited() ? status.exit_code() : -1;
    r.status = status.describe();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

CommandResult ipc_claims(const std::vector<std::string>& args, std::chrono::milliseconds deadline) {
    std::vector<std::string> argv{IPC_CLAIMS_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, deadline);
}

std::string test_program(const std::string& name) { return std::string(IPC_TEST_PROGRAMS_DIR) + "/" + name; }

std::string slurp(const std::string& path) { return ipc::read_text(path).value_or(""); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

int lines_of(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace testing
