#include "vm/cpio.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace runner::kernel {

namespace fs = std::filesystem;

void CpioWriter::put(const void* p, std::size_t n) {
    const char* c = static_cast<const char*>(p);
    while (n > 0) {
        ssize_t w = ::write(fd_, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) throw std::runtime_error(std::string("cannot write the initramfs: ") + std::strerror(errno));
        c += w, n -= static_cast<std::size_t>(w), written_ += static_cast<std::size_t>(w);
    }
}

void CpioWriter::entry(const std::string& path, unsigned mode, const std::string& data) {
    const std::string header =
        fmt::format("070701{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}", ino_++,
                    mode, 0, 0, (mode & S_IFMT) == S_IFDIR ? 2 : 1, 0, data.size(), 0, 0, 0, 0, path.size() + 1, 0);
    static const char zeros[4] = {};
    put(header.data(), header.size());
    put(path.c_str(), path.size() + 1);
    put(zeros, (4 - (header.size() + path.size() + 1) % 4) % 4);
    put(data.data(), data.size());
    put(zeros, (4 - data.size() % 4) % 4);
}

void CpioWriter::parents(const std::string& path) {
    for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        directory(path.substr(0, slash));
}

void CpioWriter::directory(const std::string& path, unsigned mode) {
    if (path.empty() || std::find(dirs_.begin(), dirs_.end(), path) != dirs_.end()) return;
    parents(path);
    dirs_.push_back(path);
    entry(path, S_IFDIR | mode, "");
}

void CpioWriter::file(const std::string& path, const std::string& data, unsigned mode) {
    parents(path);
    entry(path, S_IFREG | mode, data);
}

void CpioWriter::symlink(const std::string& path, const std::string& target) {
    parents(path);
    entry(path, S_IFLNK | 0777, target);
}

void CpioWriter::finish() { entry("TRAILER!!!", 0, ""); }

void add_files(CpioWriter& cpio, const fs::path& root, const std::vector<std::string>& entries) {
    std::vector<fs::path> files;
    for (const auto& name : entries) {
        const fs::path entry = root / name;
        if (fs::is_regular_file(entry)) files.push_back(entry);
        if (!fs::is_directory(entry)) continue;
        for (const auto& e : fs::recursive_directory_iterator(entry))
            if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream data;
        data << in.rdbuf();
        if (!in) throw std::runtime_error("cannot read " + f.string());
        cpio.file(fs::relative(f, root).string(), data.str());
    }
}

namespace {

std::size_t hex_field(const std::string& a, std::size_t at) {
    std::size_t v = 0;
    for (std::size_t i = at; i < at + 8; ++i) {
        char c = a[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (d < 0) throw std::runtime_error(fmt::format("cpio: a malformed header at byte {}", at));
        v = v * 16 + static_cast<std::size_t>(d);
    }
    return v;
}

std::size_t aligned(std::size_t n) { return (n + 3) & ~std::size_t(3); }

}  // namespace

void extract_cpio(const std::string& a, const fs::path& into) {
    constexpr std::size_t header = 110;
    std::size_t at = 0;
    for (;;) {
        if (a.size() < at + header || a.compare(at, 6, "070701") != 0)
            throw std::runtime_error(fmt::format("cpio: no entry header at byte {} (archive cut short?)", at));
        const std::size_t mode = hex_field(a, at + 14), size = hex_field(a, at + 54), name_size = hex_field(a, at + 94);
        const std::size_t name_at = at + header, data_at = aligned(name_at + name_size);
        if (name_size == 0 || a.size() < data_at + size)
            throw std::runtime_error(fmt::format("cpio: the entry at byte {} is cut short", at));
        const std::string name = a.substr(name_at, name_size - 1);
        if (name == "TRAILER!!!") return;
        const fs::path rel(name);
        if (rel.is_absolute() || std::find(rel.begin(), rel.end(), "..") != rel.end())
            throw std::runtime_error("cpio: refusing the path " + name);
        if ((mode & S_IFMT) == S_IFDIR) {
            fs::create_directories(into / rel);
        } else if ((mode & S_IFMT) == S_IFREG) {
            fs::create_directories((into / rel).parent_path());
            std::ofstream out(into / rel, std::ios::binary | std::ios::trunc);
            out.write(a.data() + data_at, static_cast<std::streamsize>(size));
            if (!out) throw std::runtime_error("cpio: cannot write " + (into / rel).string());
        }
        at = aligned(data_at + size);
    }
}

}  // namespace runner::kernel
