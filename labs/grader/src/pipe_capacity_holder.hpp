// For the pipe-capacity lab: a process of the scenario's uid measures the
// capacity a new pipe of that uid gets and, with pipe_pressure, first keeps
// enough pipes open that the uid is over fs.pipe-user-pages-soft, so that
// new pipes get the minimum. It holds its pipes until the scenario ends.
#pragma once
#include <sys/types.h>

#include "labs/sandbox.hpp"

namespace grading {

struct PipeCapacityHolder {
    pid_t pid = -1;            // the holder (a child of the caller), -1 if it could not start
    long long capacity = -1;   // bytes a new pipe of the uid gets now (-1: unknown)
    long long unpressed = -1;  // the first pipe's capacity, before any pressure
};

PipeCapacityHolder start_pipe_capacity_holder(const RunSpec& spec);

}  // namespace grading
