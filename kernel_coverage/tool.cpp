#include "kernel_coverage/tool.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fmt/core.h>
#include <stdexcept>
#include <sys/mman.h>
#include <unistd.h>

#include "ipc/fd.hpp"
#include "ipc/io.hpp"
#include "ipc/process.hpp"

namespace kcov {

std::string run_tool(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                     std::chrono::seconds deadline) {
    // Files, not pipes: the output is read once the tool has ended, however large.
    ipc::Fd out(::memfd_create("tool-stdout", MFD_CLOEXEC)), err(::memfd_create("tool-stderr", MFD_CLOEXEC));
    if (out.get() < 0 || err.get() < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
    ipc::Child child = ipc::Child::fork([&] {
        ::dup2(out.get(), STDOUT_FILENO);
        ::dup2(err.get(), STDERR_FILENO);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
            fmt::print(stderr, "cannot enter {}: {}\n", cwd.string(), std::strerror(errno));
            return 127;
        }
        std::vector<char*> words;
        for (const auto& w : argv) words.push_back(const_cast<char*>(w.c_str()));
        words.push_back(nullptr);
        ::execvp(words[0], words.data());
        fmt::print(stderr, "cannot execute it: {}\n", std::strerror(errno));
        return 127;
    });
    const ipc::WaitStatus status = child.wait(deadline);
    if (!status.exited_with(0)) {
        std::string tail = ipc::pread_all(err.get());
        if (tail.size() > 600) tail = "..." + tail.substr(tail.size() - 600);
        throw std::runtime_error(fmt::format(
            "{} {}: {}", argv.at(0), status.killed_by(SIGKILL) ? "ran past its deadline" : status.describe(), tail));
    }
    return ipc::pread_all(out.get());
}

}  // namespace kcov
