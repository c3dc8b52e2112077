// The claim catalogue: cases/<area>/claims.toml, copied beside the runner.
#pragma once
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace runner {

struct Claim {
    std::string id;          // "PIPE-04"
    std::string area;        // "pipe"
    std::string area_title;  // "Pipes"
    int area_order = 0;      // areas in the document's order
    std::string kind;        // seed | fix | edge (docs/glossary.md)
    std::string section;     // "§1.4(1)", empty for edge claims
    std::string statement;
    bool mission = false;
    std::string case_name;      // "write_blocks_when_full"; empty: not implemented
    std::string document_says;  // fix claims: the document's version
    std::string linux_does;     // fix claims: what the kernel really does
    // What the kernel must have, as LTP's test metadata says it: config
    // options and first versions ("CONFIG_SYSVIPC", "Linux 3.4: O_DIRECT pipes").
    // The area's own list first, then the claim's. Without it a case skips.
    std::vector<std::string> needs;
    std::vector<std::string> man;  // the man pages that state it: "msgop(2)"
    // The peers' checks it answers: "ltp:msgsnd02", "ltp:msgsnd02#EACCES"
    // (one behaviour of a program that checks several),
    // "gvisor:MsgqueueTest.MsgOpInvalidArgs", "kselftest:ipc/msgque".
    std::vector<std::string> peers;
    // What a tester may want to leave out (claim_tags): "timing" (the verdict
    // rests on measuring time or waiting out a window), "needs-root" (skips or
    // checks less without root), "slow" (takes more than about a second).
    std::vector<std::string> tags;

    bool implemented() const { return !case_name.empty(); }
    bool tagged(const std::string& tag) const { return std::find(tags.begin(), tags.end(), tag) != tags.end(); }
    std::string case_path() const { return area + "/" + case_name; }  // "pipe/write_blocks_when_full"
};

// One check of a peer suite (LTP, gVisor, kselftest), from the inventory
// cases/<area>/peers.tsv (copied beside the catalogue as <area>.peers.tsv).
struct PeerCheck {
    std::string check;  // as a claim's `peers` names it
    std::string area;
    std::string behaviour;
};

// Every claim of every *.toml in dir, in area order then id order. Throws
// std::runtime_error naming the file and the problem when one is malformed.
std::vector<Claim> load_catalogue(const std::filesystem::path& dir);

// Every row of every *.peers.tsv in dir (header `check<TAB>behaviour`), in
// area then file order; none when there is no inventory. Throws
// std::runtime_error naming the file and line of a malformed row or a check
// listed twice.
std::vector<PeerCheck> load_peer_checks(const std::filesystem::path& dir);

// Whether a peer check's name is well formed: ltp:, gvisor: or kselftest:,
// a name, and optionally #tag.
bool is_peer_check_name(const std::string& name);

// The tags a claim may carry, in the order `list` shows them.
const std::vector<std::string>& claim_tags();

// The claims matching any filter and none of the excludes. A filter or an
// exclude is an id ("PIPE-04"), an id prefix ("PIPE", "PIPE-0"), an area
// ("pipe") or a tag ("slow"), case-insensitive; a filter "!X" excludes X.
// All claims when there is no filter. Throws std::invalid_argument for a
// filter or exclude that matches no claim, and when nothing is left.
std::vector<Claim> select_claims(const std::vector<Claim>& all, const std::vector<std::string>& filters,
                                 const std::vector<std::string>& excludes = {});

}  // namespace runner
