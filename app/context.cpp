#include "command.hpp"

namespace app {
namespace fs = std::filesystem;

namespace {

// Where the program's files are. In a build tree (and in a `run --kernel`
// guest's initramfs, laid out the same way) they are beside it: catalogue/,
// cases/, faults/, results/. Installed (`cmake --install`, the Debian
// package) they are under its prefix, found from the program's own path so
// that the tree works wherever it is unpacked:
//   <prefix>/bin/ipc-claims
//   <prefix>/IPC_INSTALL_LIBDIR/cases/<area>/<case>, .../faults/*.so, *.toml
//   <prefix>/IPC_INSTALL_DATADIR/catalogue/*.toml, *.peers.tsv (and labs/)
// and a run writes to ./ipc-claims-results unless told otherwise.
// IPC_INSTALL_LIBDIR and IPC_INSTALL_DATADIR come from the install rules
// (the top-level CMakeLists.txt), so the two cannot drift apart.
struct Layout {
    fs::path catalogue, cases, faults, results;
};

Layout layout_of(const fs::path& here) {
    std::error_code ec;
    if (fs::is_directory(here / "catalogue", ec))
        return {here / "catalogue", here / "cases", here / "faults", here / "results"};
    const fs::path prefix = here.parent_path();
    return {prefix / IPC_INSTALL_DATADIR / "catalogue", prefix / IPC_INSTALL_LIBDIR / "cases",
            prefix / IPC_INSTALL_LIBDIR / "faults", fs::current_path(ec) / "ipc-claims-results"};
}

}  // namespace

Context::Context(fs::path self_path) : self(std::move(self_path)), here(self.parent_path()) {
    const Layout files = layout_of(here);
    catalogue_dir = files.catalogue.string();
    cases_dir = files.cases.string();
    faults_dir = files.faults;
    results_dir = files.results;
}

const std::vector<runner::Claim>& Context::claims() {
    if (!claims_) claims_ = runner::load_catalogue(catalogue_dir);
    return *claims_;
}

const std::vector<runner::PeerCheck>& Context::peer_checks() {
    if (!peer_checks_) peer_checks_ = runner::load_peer_checks(catalogue_dir);
    return *peer_checks_;
}

}  // namespace app
