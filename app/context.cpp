#include "command.hpp"

namespace app {

Context::Context(std::filesystem::path self_path)
    : self(std::move(self_path)), here(self.parent_path()), catalogue_dir((here / "catalogue").string()),
      cases_dir((here / "cases").string()) {}

const std::vector<runner::Claim>& Context::claims() {
    if (!claims_) claims_ = runner::load_catalogue(catalogue_dir);
    return *claims_;
}

const std::vector<runner::PeerCheck>& Context::peer_checks() {
    if (!peer_checks_) peer_checks_ = runner::load_peer_checks(catalogue_dir);
    return *peer_checks_;
}

}  // namespace app
