// libFuzzer target: any bytes as a catalogue file are loaded or refused with
// std::runtime_error, never a crash, hang or other exception.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <stdexcept>
#include <unistd.h>

#include "model/catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // One directory for the whole run, in $TMPDIR (scripts/fuzz gives one it removes).
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/catalogue-fuzz.XXXXXX";
        return std::filesystem::path(::mkdtemp(pattern.data()));
    }();
    std::ofstream(dir / "area.toml", std::ios::binary)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    try {
        auto claims = runner::load_catalogue(dir);
        runner::select_claims(claims, {"PIPE", "x"});
    } catch (const std::runtime_error&) {
    } catch (const std::invalid_argument&) {  // a filter that matches nothing
    }
    return 0;
}
