// An anonymous pipe whose two ends close themselves.
#pragma once
#include "ipc/fd.hpp"

namespace ipc {

struct Pipe {
    Fd read_end;
    Fd write_end;

    // pipe2(flags); a failure here is a broken setup, not a verdict.
    static Pipe make(int flags = 0);

    int r() const { return read_end.get(); }
    int w() const { return write_end.get(); }
    // F_GETPIPE_SZ: the capacity the kernel reports for this pipe.
    long capacity() const;
};

}  // namespace ipc
