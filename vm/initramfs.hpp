// The guest's root file system for `ipc-claims run --kernel`: an initramfs
// (newc cpio) holding the runner, the case programs, the catalogue, exactly
// the shared libraries they need (read from their ELF headers: DT_NEEDED
// resolved as the dynamic loader does, plus the ELF interpreter), and /init,
// which is the runner itself (see guest.hpp).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "vm/cpio.hpp"

namespace runner::kernel {

// What an ELF file asks of the dynamic loader.
struct ElfInfo {
    bool is_elf64 = false;
    unsigned machine = 0;              // e_machine
    std::string interpreter;           // PT_INTERP, empty for static programs
    std::vector<std::string> needed;   // DT_NEEDED, in order
    std::vector<std::string> rpath;    // DT_RPATH, split at ':'
    std::vector<std::string> runpath;  // DT_RUNPATH, split at ':'
};

// Reads the program and dynamic headers. Throws std::runtime_error naming
// the file when it cannot be read or is not a well-formed ELF64 file.
ElfInfo read_elf(const std::filesystem::path& file);

// The shared objects `programs` load, as the host's loader would find them:
// DT_RPATH (when there is no DT_RUNPATH), DT_RUNPATH ($ORIGIN expanded), the
// directories of /etc/ld.so.conf (and its includes), then the system
// directories; only ELF64 objects of the program's machine count. The result
// holds each object once, with its interpreter(s), as paths on the host
// where the loader looks (not resolved through symlinks). Throws
// std::runtime_error naming the program and the library it cannot find.
std::vector<std::filesystem::path> shared_objects_needed(const std::vector<std::filesystem::path>& programs);

// An ELF executable without what only debuggers read: the bytes past its last
// segment (section headers, symbol tables, DWARF) are dropped and the section
// header table is forgotten, as sstrip does. What the kernel and the loader
// map is unchanged. Other files come back as they are.
std::string loadable_image(const std::string& elf_bytes);

struct InitramfsContents {
    std::filesystem::path runner;              // the ipc-claims binary
    std::filesystem::path catalogue_dir;       // *.toml
    std::filesystem::path cases_dir;           // <area>/<case>
    std::vector<std::string> case_paths;       // "pipe/write_blocks_when_full"
    std::vector<std::filesystem::path> tools;  // other programs the guest runs, at /ipc/<name> (on its PATH)
    std::string guest_config;                  // JSON, written to /ipc/guest.json
    // The guest's /init: empty for the runner itself (guest.hpp), else this
    // script's text (a LAVA guest's shell, tests/lava/guest-init).
    std::string init;
};

struct InitramfsSummary {
    std::size_t bytes = 0;
    std::size_t files = 0;
    std::vector<std::filesystem::path> libraries;  // host paths of the shared objects included
};

// Writes the archive to fd (e.g. a memfd): /init -> /ipc/ipc-claims (or the given script), the
// catalogue in /ipc/catalogue, the cases in /ipc/cases, the tools in /ipc, the libraries at their
// host paths, empty /proc /sys /dev /tmp /etc mount points.
InitramfsSummary write_initramfs(int fd, const InitramfsContents& contents);

}  // namespace runner::kernel
