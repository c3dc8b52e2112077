// The conformance report for people: report.md and a self-contained
// report.html, both rendered from one view model built from a run's results
// and the claim catalogue.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/case_output.hpp"
#include "model/catalogue.hpp"
#include "model/results.hpp"
#include "report/render.hpp"

namespace runner {

// "writer_blocked.wchan" -> "writer blocked: wchan"; names in capitals
// (F_GETPIPE_SZ) stay as they are.
std::string plain_key(const std::string& key);

// An evidence value as a reader wants it: strings as they are, numbers as
// numbers, true/false as yes/no, lists and objects as compact JSON.
std::string plain_value(const nlohmann::json& value);

// A catalogue text (linux_does, any claim's) with this run's figures filled
// in from the case's evidence. Placeholders:
//   {{evidence.KEY}}        the value of evidence KEY, as plain_value() says it
//   {{evidence.KEY:SPEC}}   a number formatted with the fmt spec (".2f")
//   {{#evidence}}...{{/evidence}}  kept only when the figures are there
//   {{^evidence}}...{{/evidence}}  kept only when they are not
// The figures are there when `evidence` is given (the caller passes it for a
// PASS only: "Linux does" then quotes the run that showed it) and holds every
// KEY the text names; otherwise every {{#evidence}} section is dropped, every
// {{^evidence}} section kept, and a placeholder outside a section reads
// "(not measured)". So a text reads whole with or without a run. Anything
// else in braces stays as it is.
std::string fill_from_evidence(const std::string& text, const nlohmann::json* evidence);

// The view model both report templates read (see reports/templates/report.*.mustache).
// `peer_checks`: the peers' inventory (load_peer_checks), for the line "the
// claims answer N of M peer checks" and what none answers; none: no such part.
nlohmann::json report_model(const RunResults& results, const std::vector<Claim>& catalogue,
                            const std::vector<PeerCheck>& peer_checks = {});

// Writes report.md and report.html into dir (created if needed).
PageFiles write_report(const std::filesystem::path& dir, const RunResults& results, const std::vector<Claim>& catalogue,
                       const std::vector<PeerCheck>& peer_checks = {});

}  // namespace runner
