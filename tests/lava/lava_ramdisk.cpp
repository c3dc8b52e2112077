// Writes the ramdisk that scripts/lava-local's LAVA job boots: vm/'s
// initramfs of the suite (the runner, the catalogue, every implemented case,
// exactly the shared libraries they load) with busybox beside them, and a
// shell script as /init (tests/lava/guest-init) instead of the runner, so
// that LAVA gets a shell on the console. An uncompressed newc cpio archive,
// the `format: cpio.newc` LAVA appends its overlay to.
//
//   lava_ramdisk IPC_CLAIMS INIT_SCRIPT OUT [FILTER...]
//
// IPC_CLAIMS is a build tree's runner (catalogue/ and cases/ beside it);
// FILTERs select the cases as `ipc-claims run` selects them (none: all).
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include "model/catalogue.hpp"
#include "vm/boot.hpp"
#include "vm/initramfs.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 4) {
        fmt::print(stderr, "usage: lava_ramdisk IPC_CLAIMS INIT_SCRIPT OUT [FILTER...]\n");
        return 2;
    }
    try {
        runner::kernel::InitramfsContents contents;
        contents.runner = fs::canonical(argv[1]);
        contents.catalogue_dir = contents.runner.parent_path() / "catalogue";
        contents.cases_dir = contents.runner.parent_path() / "cases";
        const std::vector<std::string> filters(argv + 4, argv + argc);
        for (const auto& claim : runner::select_claims(runner::load_catalogue(contents.catalogue_dir), filters)) {
            if (!claim.implemented()) continue;
            if (!fs::exists(contents.cases_dir / claim.case_path()))
                throw std::runtime_error("case binary missing: " + (contents.cases_dir / claim.case_path()).string() +
                                         " (build the project)");
            contents.case_paths.push_back(claim.case_path());
        }
        const fs::path busybox = runner::kernel::find_in_path("busybox");
        if (busybox.empty()) throw std::runtime_error("busybox not found (Debian: apt-get install busybox-static)");
        contents.tools = {busybox};
        std::ifstream init(argv[2]);
        if (!init) throw std::runtime_error(fmt::format("cannot read {}: {}", argv[2], std::strerror(errno)));
        std::ostringstream script;
        script << init.rdbuf();
        contents.init = script.str();
        contents.guest_config = "{}";
        const int fd = ::open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", argv[3], std::strerror(errno)));
        const auto summary = runner::kernel::write_initramfs(fd, contents);
        ::close(fd);
        fmt::print("{}: {} files ({} shared libraries), {:.1f} MiB\n", argv[3], summary.files, summary.libraries.size(),
                   summary.bytes / 1048576.0);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "lava_ramdisk: {}\n", e.what());
        return 1;
    }
}
