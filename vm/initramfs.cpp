#include "vm/initramfs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <elf.h>
#include <fmt/core.h>
#include <fstream>
#include <glob.h>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace runner::kernel {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string() + ": " + std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class T>
T at(const std::string& bytes, std::uint64_t offset, const fs::path& file) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        throw std::runtime_error(file.string() + ": truncated ELF file");
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

std::vector<std::string> split_path_list(const std::string& text) {
    std::vector<std::string> out;
    std::string::size_type start = 0;
    while (start <= text.size()) {
        auto colon = text.find(':', start);
        if (colon == std::string::npos) colon = text.size();
        if (colon > start) out.push_back(text.substr(start, colon - start));
        start = colon + 1;
    }
    return out;
}

std::string expand_origin(std::string dir, const fs::path& object) {
    const std::string origin = fs::absolute(object).parent_path().string();
    for (const char* token : {"${ORIGIN}", "$ORIGIN"}) {
        std::string::size_type at;
        while ((at = dir.find(token)) != std::string::npos) dir.replace(at, std::strlen(token), origin);
    }
    return dir;
}

// /etc/ld.so.conf and what it includes, in order.
void read_ld_so_conf(const fs::path& file, std::vector<std::string>& dirs, int depth = 0) {
    std::ifstream in(file);
    std::string line;
    while (depth < 8 && std::getline(in, line)) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        std::string word;
        if (!(words >> word)) continue;
        if (word == "include") {
            std::string pattern;
            while (words >> pattern) {
                if (pattern.front() != '/') pattern = (file.parent_path() / pattern).string();
                glob_t g{};
                if (::glob(pattern.c_str(), 0, nullptr, &g) == 0)
                    for (std::size_t i = 0; i < g.gl_pathc; ++i) read_ld_so_conf(g.gl_pathv[i], dirs, depth + 1);
                ::globfree(&g);
            }
        } else if (word.front() == '/') {
            dirs.push_back(word);
        }
    }
}

const std::vector<std::string>& configured_dirs() {
    static const std::vector<std::string> dirs = [] {
        std::vector<std::string> d;
        read_ld_so_conf("/etc/ld.so.conf", d);
        return d;
    }();
    return dirs;
}

// glibc's built-in search path (multiarch first, as Debian's loader has it).
const std::vector<std::string> system_dirs = {
    "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"};

bool loadable_by(const fs::path& candidate, unsigned machine) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) return false;
    try {
        ElfInfo info = read_elf(candidate);
        return info.is_elf64 && info.machine == machine;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

ElfInfo read_elf(const fs::path& file) {
    // Only the headers and the dynamic section are read, not the whole file.
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string() + ": " + std::strerror(errno));
    auto read_at = [&](std::uint64_t offset, std::uint64_t size) {
        if (size > (64u << 20)) throw std::runtime_error(file.string() + ": implausible ELF header sizes");
        std::string bytes(size, '\0');
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(bytes.data(), static_cast<std::streamsize>(size));
        if (static_cast<std::uint64_t>(in.gcount()) != size)
            throw std::runtime_error(file.string() + ": truncated ELF file");
        return bytes;
    };
    ElfInfo info;
    std::string ident(EI_NIDENT, '\0');
    in.read(ident.data(), EI_NIDENT);
    if (in.gcount() != EI_NIDENT || std::memcmp(ident.data(), ELFMAG, SELFMAG) != 0)
        throw std::runtime_error(file.string() + " is not an ELF file");
    if (ident[EI_CLASS] != ELFCLASS64 || ident[EI_DATA] != ELFDATA2LSB)
        throw std::runtime_error(file.string() + " is not a little-endian ELF64 file");
    auto eh = at<Elf64_Ehdr>(read_at(0, sizeof(Elf64_Ehdr)), 0, file);
    info.is_elf64 = true;
    info.machine = eh.e_machine;
    const std::string phdrs = read_at(eh.e_phoff, std::uint64_t(eh.e_phnum) * eh.e_phentsize);
    std::vector<Elf64_Phdr> loads;
    Elf64_Phdr dynamic{};
    bool has_dynamic = false;
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        auto ph = at<Elf64_Phdr>(phdrs, std::uint64_t(i) * eh.e_phentsize, file);
        if (ph.p_type == PT_LOAD) loads.push_back(ph);
        if (ph.p_type == PT_DYNAMIC) dynamic = ph, has_dynamic = true;
        if (ph.p_type == PT_INTERP) {
            std::string interp = read_at(ph.p_offset, ph.p_filesz);
            info.interpreter = std::string(interp.c_str(), strnlen(interp.c_str(), interp.size()));
        }
    }
    if (!has_dynamic) return info;
    auto file_offset = [&](std::uint64_t vaddr) -> std::uint64_t {
        for (const auto& l : loads)
            if (vaddr >= l.p_vaddr && vaddr < l.p_vaddr + l.p_filesz) return vaddr - l.p_vaddr + l.p_offset;
        throw std::runtime_error(file.string() + ": dynamic string table outside its segments");
    };
    const std::string dyn = read_at(dynamic.p_offset, dynamic.p_filesz);
    std::uint64_t strtab = 0, strsz = 0;
    std::vector<std::uint64_t> needed, rpath, runpath;
    for (std::uint64_t off = 0; off + sizeof(Elf64_Dyn) <= dyn.size(); off += sizeof(Elf64_Dyn)) {
        auto d = at<Elf64_Dyn>(dyn, off, file);
        if (d.d_tag == DT_NULL) break;
        if (d.d_tag == DT_STRTAB) strtab = d.d_un.d_ptr;
        if (d.d_tag == DT_STRSZ) strsz = d.d_un.d_val;
        if (d.d_tag == DT_NEEDED) needed.push_back(d.d_un.d_val);
        if (d.d_tag == DT_RPATH) rpath.push_back(d.d_un.d_val);
        if (d.d_tag == DT_RUNPATH) runpath.push_back(d.d_un.d_val);
    }
    if (needed.empty() && rpath.empty() && runpath.empty()) return info;
    const std::string strings = read_at(file_offset(strtab), strsz);
    auto str = [&](std::uint64_t index) {
        if (index >= strings.size()) throw std::runtime_error(file.string() + ": bad dynamic string");
        return std::string(strings.c_str() + index, strnlen(strings.c_str() + index, strings.size() - index));
    };
    for (auto n : needed) info.needed.push_back(str(n));
    for (auto r : rpath)
        for (auto& d : split_path_list(str(r))) info.rpath.push_back(d);
    for (auto r : runpath)
        for (auto& d : split_path_list(str(r))) info.runpath.push_back(d);
    return info;
}

std::vector<fs::path> shared_objects_needed(const std::vector<fs::path>& programs) {
    std::vector<fs::path> found;
    std::set<std::string> seen;  // by name as DT_NEEDED says it, and by path
    struct Pending {
        fs::path object;
        std::vector<std::string> inherited_rpath;  // DT_RPATH of the objects that loaded it
    };
    std::deque<Pending> queue;
    for (const auto& p : programs) queue.push_back({p, {}});
    while (!queue.empty()) {
        Pending current = queue.front();
        queue.pop_front();
        ElfInfo info = read_elf(current.object);
        if (!info.interpreter.empty() && seen.insert("path:" + info.interpreter).second) {
            if (!fs::exists(info.interpreter))
                throw std::runtime_error(current.object.string() + " needs the interpreter " + info.interpreter +
                                         ", which is missing");
            found.emplace_back(info.interpreter);
        }
        std::vector<std::string> rpath = current.inherited_rpath;
        for (const auto& d : info.rpath) rpath.push_back(expand_origin(d, current.object));
        std::vector<std::string> search;
        if (info.runpath.empty()) search = rpath;  // DT_RUNPATH disables DT_RPATH
        for (const auto& d : info.runpath) search.push_back(expand_origin(d, current.object));
        for (const auto& d : configured_dirs()) search.push_back(d);
        for (const auto& d : system_dirs) search.push_back(d);
        for (const auto& name : info.needed) {
            fs::path where;
            if (name.find('/') != std::string::npos) {
                where = fs::absolute(current.object).parent_path() / name;
                if (name.front() == '/') where = name;
            } else {
                if (seen.count("name:" + name)) continue;
                for (const auto& dir : search)
                    if (loadable_by(fs::path(dir) / name, info.machine)) {
                        where = fs::path(dir) / name;
                        break;
                    }
            }
            if (where.empty() || !fs::exists(where))
                throw std::runtime_error(current.object.string() + " needs " + name +
                                         ", which the loader's search path does not have");
            seen.insert("name:" + name);
            if (!seen.insert("path:" + where.lexically_normal().string()).second) continue;
            found.push_back(where.lexically_normal());
            queue.push_back({where, info.runpath.empty() ? rpath : std::vector<std::string>{}});
        }
    }
    return found;
}

std::string loadable_image(const std::string& bytes) {
    if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0 ||
        bytes[EI_CLASS] != ELFCLASS64)
        return bytes;
    Elf64_Ehdr eh;
    std::memcpy(&eh, bytes.data(), sizeof eh);
    std::uint64_t end = eh.e_phoff + std::uint64_t(eh.e_phnum) * eh.e_phentsize;
    if (end > bytes.size()) return bytes;
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph;
        std::memcpy(&ph, bytes.data() + eh.e_phoff + std::uint64_t(i) * eh.e_phentsize, sizeof ph);
        end = std::max<std::uint64_t>(end, ph.p_offset + ph.p_filesz);
    }
    if (end > bytes.size()) return bytes;
    std::string out = bytes.substr(0, end);
    eh.e_shoff = 0;
    eh.e_shnum = 0;
    eh.e_shstrndx = SHN_UNDEF;
    std::memcpy(out.data(), &eh, sizeof eh);
    return out;
}

namespace {

// loadable_image() of a file, reading only the part that is kept.
std::string read_loadable(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string() + ": " + std::strerror(errno));
    std::string head(sizeof(Elf64_Ehdr), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (static_cast<std::size_t>(in.gcount()) == head.size() && std::memcmp(head.data(), ELFMAG, SELFMAG) == 0 &&
        head[EI_CLASS] == ELFCLASS64) {
        Elf64_Ehdr eh;
        std::memcpy(&eh, head.data(), sizeof eh);
        std::string phdrs(std::size_t(eh.e_phnum) * eh.e_phentsize, '\0');
        in.seekg(static_cast<std::streamoff>(eh.e_phoff));
        in.read(phdrs.data(), static_cast<std::streamsize>(phdrs.size()));
        std::uint64_t end = eh.e_phoff + phdrs.size();
        for (unsigned i = 0; in && i < eh.e_phnum; ++i) {
            Elf64_Phdr ph;
            std::memcpy(&ph, phdrs.data() + std::size_t(i) * eh.e_phentsize, sizeof ph);
            end = std::max<std::uint64_t>(end, ph.p_offset + ph.p_filesz);
        }
        std::string bytes(end, '\0');
        in.clear();
        in.seekg(0);
        in.read(bytes.data(), static_cast<std::streamsize>(end));
        if (in && static_cast<std::uint64_t>(in.gcount()) == end) return loadable_image(bytes);
    }
    return loadable_image(read_file(file));
}

}  // namespace

InitramfsSummary write_initramfs(int fd, const InitramfsContents& c) {
    InitramfsSummary summary;
    std::vector<fs::path> programs = {c.runner};
    for (const auto& p : c.case_paths) programs.push_back(c.cases_dir / p);
    programs.insert(programs.end(), c.tools.begin(), c.tools.end());
    summary.libraries = shared_objects_needed(programs);

    CpioWriter cpio(fd);
    for (const char* dir : {"proc", "sys", "dev", "tmp", "etc", "ipc"}) cpio.directory(dir);
    cpio.file("ipc/ipc-claims", read_loadable(c.runner), 0755);
    if (c.init.empty()) cpio.symlink("init", "/ipc/ipc-claims");
    else cpio.file("init", c.init, 0755);
    ++summary.files;
    for (const auto& entry : fs::directory_iterator(c.catalogue_dir)) {
        if (entry.path().extension() != ".toml") continue;
        cpio.file("ipc/catalogue/" + entry.path().filename().string(), read_file(entry.path()));
        ++summary.files;
    }
    for (const auto& p : c.case_paths) {
        cpio.file("ipc/cases/" + p, read_loadable(c.cases_dir / p), 0755);
        ++summary.files;
    }
    for (const auto& tool : c.tools) {
        cpio.file("ipc/" + tool.filename().string(), read_loadable(tool), 0755);
        ++summary.files;
    }
    for (const auto& lib : summary.libraries) {
        // At the path where the loader looks, with the content of what it finds there.
        cpio.file(lib.relative_path().string(), read_file(fs::canonical(lib)), 0755);
        ++summary.files;
    }
    // Enough of /etc for getpwuid() and friends to answer.
    cpio.file("etc/passwd", "root:x:0:0:root:/:/ipc/ipc-claims\nnobody:x:65534:65534:nobody:/:/ipc/ipc-claims\n");
    cpio.file("etc/group", "root:x:0:\nnogroup:x:65534:\n");
    cpio.file("etc/os-release", "PRETTY_NAME=\"ipc-claims guest (initramfs)\"\nID=ipc-claims-guest\n");
    cpio.file("ipc/guest.json", c.guest_config);
    cpio.finish();
    summary.bytes = cpio.bytes();
    summary.files += 4;
    return summary;
}

}  // namespace runner::kernel
