// The claim catalogue: cases/<area>/claims.toml, copied beside the runner.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace runner {

struct Claim {
    std::string id;          // "PIPE-04"
    std::string area;        // "pipe"
    std::string area_title;  // "Pipes"
    int area_order = 0;      // areas in the order of CLAIMS.md
    std::string kind;        // seed | fix | edge
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

    bool implemented() const { return !case_name.empty(); }
    std::string case_path() const { return area + "/" + case_name; }  // "pipe/write_blocks_when_full"
};

// Every claim of every *.toml in dir, in area order then id order. Throws
// std::runtime_error naming the file and the problem when one is malformed.
std::vector<Claim> load_catalogue(const std::filesystem::path& dir);

// The claims matching any filter: an id ("PIPE-04"), an id prefix ("PIPE",
// "PIPE-0") or an area ("pipe"), case-insensitive; all claims when filters is
// empty. Throws std::invalid_argument for a filter that matches no claim.
std::vector<Claim> select_claims(const std::vector<Claim>& all, const std::vector<std::string>& filters);

}  // namespace runner
