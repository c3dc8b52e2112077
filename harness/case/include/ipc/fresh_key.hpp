// A System V key of the case's own.
#pragma once
#include <string>
#include <sys/types.h>

namespace ipc {

// A random key that no object of this IPC namespace uses yet (checked in
// /proc/sysvipc; where the kernel lists nothing, drawn unchecked from 2^32
// keys), so that cases never share a fixed key. Records fresh_key.source.
key_t fresh_key();

// A key handed to another process as text (a role's argument), back: decimal,
// or 0x-prefixed hex.
key_t parse_key(const std::string& text);

}  // namespace ipc
