// What to compare between two runs (diff) or many kernels (matrix), and how
// a compared claim is shown. Evidence
// says something about the kernel, except the values that name the run's own
// objects or moments. One rule for both comparisons.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "model/catalogue.hpp"

namespace runner {

// Evidence that names this run's own objects rather than the kernel's
// behaviour: pids, IPC keys and ids, random tokens, the raw /proc/PID/syscall
// line, timings and scheduling counts, inode and device numbers, namespace
// ids. Judged by the last part of the key.
bool run_specific_evidence(const std::string& key);

// The value with what changes from run to run inside it (addresses, pids,
// tokens, namespace ids, times since the epoch, inode numbers, names made
// unique per run) replaced by placeholders.
std::string mask_run_specific(const std::string& value);

// Evidence that measures rather than describes behaviour: counts that depend
// on scheduling (PIPE-01's `reads`, `..._iterations`), ratios of measured
// figures (`ratio_delivered.shm_ring_to_pipe`), lateness after a deadline
// (`..._us_after_deadline`). Judged by every part of the key. Figures with a
// unit of time or rate are masked in the value instead (mask_measurements).
bool measurement_evidence(const std::string& key);

// The value with its figures in units of time or rate ("4.07 GB/s",
// "window (300 ms)", "4.75 us vs 4.93 us") replaced by N.
std::string mask_measurements(const std::string& value);

// What the comparisons leave out unless asked: run-specific or measurement
// evidence, and the value with both kinds of figures masked.
bool noise_evidence(const std::string& key);
std::string without_noise(const std::string& value);

// A JSON object as flat "kernel.release" -> "6.1.0" entries, values as text.
void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string>& out);

// The view of a claim that comparisons show: id, anchor, area, statement (and
// its code spans); c may be null for a claim the catalogue no longer has.
nlohmann::json claim_heading(const std::string& id, const Claim* c);

// The CSS class of a verdict word ("PASS" -> "pass", "NOT RUN" -> "none").
std::string verdict_css(const std::string& word);

}  // namespace runner
