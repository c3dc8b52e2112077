// The kinds of channel that share the pipe rules. pipe(7): "A FIFO ... has
// the same semantics as a pipe once opened", so a rule about EOF, SIGPIPE,
// capacity or atomicity is one body run over a Kind. The rule lives in the
// file of the PIPE case whose claim it is, which runs it over an anonymous
// pipe (PIPE_RULE_CLAIM); FIFO-05 includes those files with
// PIPE_RULES_FOR_FIFO defined and runs the very same bodies over a FIFO.
#pragma once
#include <fcntl.h>
#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>

#include "ipc/case.hpp"

namespace channel {

// Both ends of one channel; a FIFO also keeps its node (in a private
// directory) until the channel goes, after its ends.
struct Channel {
    std::unique_ptr<ipc::TempDir> dir;  // declared first: removed last
    std::string node;                   // the FIFO's path, "" for a pipe
    ipc::Fd read_end;
    ipc::Fd write_end;

    int r() const { return read_end.get(); }
    int w() const { return write_end.get(); }
    // F_GETPIPE_SZ: what the kernel says the channel holds.
    long capacity() const { return ipc::must(::fcntl(w(), F_GETPIPE_SZ), "fcntl(F_GETPIPE_SZ)"); }
};

struct Kind {
    const char* name;
    Channel (*open)();  // both ends open, blocking; a failure is a broken setup
};

inline Channel open_pipe() {
    auto p = ipc::Pipe::make();
    return Channel{nullptr, "", std::move(p.read_end), std::move(p.write_end)};
}

// mkfifo, then open the read end without blocking (no writer yet) and the
// write end (a reader exists, so it does not block either); the read end is
// made blocking again, as if opened by a reader that waited.
inline Channel open_fifo() {
    Channel c;
    c.dir = std::make_unique<ipc::TempDir>();
    c.node = c.dir->file("fifo");
    ipc::must(::mkfifo(c.node.c_str(), 0600), "mkfifo");
    c.read_end.reset(static_cast<int>(
        ipc::must(::open(c.node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), "open(fifo, O_RDONLY|O_NONBLOCK)")));
    c.write_end.reset(
        static_cast<int>(ipc::must(::open(c.node.c_str(), O_WRONLY | O_CLOEXEC), "open(fifo, O_WRONLY)")));
    ipc::set_nonblocking(c.r(), false);
    return c;
}

inline constexpr Kind pipe{"pipe", open_pipe};
inline constexpr Kind fifo{"fifo", open_fifo};

// One run of a shared body: the kind of channel, and the prefix of its
// evidence keys ("" when the case checks one rule, "eof." when FIFO-05 runs
// several bodies and must keep their records apart).
struct Run {
    Kind kind;
    std::string prefix;

    Channel open() const { return kind.open(); }
    template <class T>
    void evidence(std::string_view key, const T& value) const {
        ipc::evidence(prefix + std::string(key), value);
    }
};

}  // namespace channel

// The claim of a PIPE case whose rule FIFO-05 runs too: a CLAIM, or, in
// FIFO-05 (PIPE_RULES_FOR_FIFO), an unregistered function that is never called.
#ifdef PIPE_RULES_FOR_FIFO
#define PIPE_RULE_CLAIM(id, statement) [[maybe_unused]] static void IPC_CAT(pipe_rule_claim_, __COUNTER__)()
#else
#define PIPE_RULE_CLAIM(id, statement) CLAIM(id, statement)
#endif
