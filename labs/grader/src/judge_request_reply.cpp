// The request-reply kind's checks (labs/unix-socket): a server on a Unix
// socket answers each request line "N: LINE IN CAPITALS"; a client sends the
// grader's lines and prints the replies. The grader holds the server's first
// read until the client has sent everything, so that requests arrive glued
// together in every run; in a scenario marked server_dies it kills the
// server after its first reply, and the client must notice.
#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/core.h>

#include "judge.hpp"

namespace grading {
using json = nlohmann::json;

namespace {

std::vector<std::string> expected_replies(const std::vector<std::string>& requests) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        std::string upper = requests[i];
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(fmt::format("{}: {}", i + 1, upper));
    }
    return out;
}

std::vector<std::string> printed(const json& r, int program) {
    std::vector<std::string> out;
    for (auto& l : text_lines(r["outputs"][static_cast<std::size_t>(program)].get<std::string>()))
        if (!l.empty()) out.push_back(l);
    return out;
}

const Verdict not_here{true, false, "not judged when the server is killed (see the other scenario)"};

Verdict judge_replies(const Lab& lab, const ScenarioRun& s) {
    if (s.server_dies) return not_here;
    const auto want = expected_replies(s.input), got = printed(s.r, 1);
    if (got == want)
        return {true, true, fmt::format("{} printed the {} replies, in order", lab.programs[1], want.size())};
    std::string why = fmt::format("sent {};\nexpected {};\n{} printed {}", quote_lines(s.input), quote_lines(want),
                                  lab.programs[1], quote_lines(got));
    const std::regex numbered("^[0-9]+: ");
    const bool unnumbered =
        std::any_of(got.begin(), got.end(), [&](const std::string& l) { return !std::regex_search(l, numbered); });
    if (got.size() != want.size() || unnumbered)
        why += "\nnot one numbered reply per request: a read() on a stream socket returns what has arrived, "
               "several lines or part of one; the server must split what it reads at each newline";
    return {false, true, why};
}

// What the program `pid` did with sockets: calls of one kind, and bytes.
struct SocketUse {
    const json& sockets;
    std::string pid;
    bool called(const char* call, const std::string& path = "") const {
        for (const auto& e : sockets.value(call, json::array()))
            if (std::to_string(e.value("pid", -1LL)) == pid &&
                (path.empty() || e.value("path", std::string()) == path) &&
                (std::string(call) != "socket" || e.value("domain", std::string()) == "AF_UNIX"))
                return true;
        return false;
    }
    long long bytes(const char* way) const {
        return sockets.value("bytes", json::object()).value(pid, json::object()).value(way, 0LL);
    }
};

Verdict judge_socket_mechanism(const Lab& lab, const ScenarioRun& s) {
    if (s.server_dies) return not_here;
    const json sockets = s.r.value("sockets", json::object());
    const std::string &server_name = lab.programs[0], &client_name = lab.programs[1];
    const SocketUse server{sockets, std::to_string(program_proc(s.r, 0).value("pid", -1LL))};
    const SocketUse client{sockets, std::to_string(program_proc(s.r, 1).value("pid", -1LL))};
    long long sent = 0;
    for (const auto& l : s.input) sent += static_cast<long long>(l.size()) + 1;
    std::vector<std::string> missing;
    if (!server.called("socket")) missing.push_back(server_name + " made no AF_UNIX socket");
    else if (!server.called("bind", s.socket)) missing.push_back(server_name + " did not bind it to " + s.socket);
    else if (!server.called("accept")) missing.push_back(server_name + " accepted no connection");
    if (!client.called("socket")) missing.push_back(client_name + " made no AF_UNIX socket");
    else if (!client.called("connect", s.socket)) missing.push_back(client_name + " did not connect to " + s.socket);
    if (client.bytes("written") < sent || server.bytes("read") < sent)
        missing.push_back(fmt::format("the {} bytes of requests did not travel through a socket ({} wrote {} to "
                                      "sockets, {} read {})",
                                      sent, client_name, client.bytes("written"), server_name, server.bytes("read")));
    if (server.bytes("written") < sent || client.bytes("read") < sent)
        missing.push_back(fmt::format("the replies did not travel through a socket ({} wrote {} bytes to sockets, "
                                      "{} read {})",
                                      server_name, server.bytes("written"), client_name, client.bytes("read")));
    if (missing.empty())
        return {true, true,
                fmt::format("observed: {} bound {} and accepted, {} connected; {} bytes of requests and {} of "
                            "replies through the socket",
                            server_name, s.socket, client_name, client.bytes("written"), server.bytes("written"))};
    std::string why;
    for (const auto& m : missing) why += (why.empty() ? "observed: " : "; ") + m;
    return {false, true, why};
}

// The client, once the server died: it must end by itself and say, by its
// status, whether replies were lost.
Verdict judge_client_alone(const Lab& lab, const std::string& id, const ScenarioRun& s) {
    const json& client = program_proc(s.r, 1);
    const std::string& name = lab.programs[1];
    if (!client.value("ended_by_itself", false)) {
        if (id == "exit_status") return {true, false, "not judged: " + name + " did not end by itself"};
        return {false, true,
                fmt::format("the server died after its first reply, and {} was still running at the deadline: {}; a "
                            "read() that returns 0 means the server is gone (end of file)",
                            name, client.value("still_running", std::string("killed")))};
    }
    if (id == "terminates") return {true, true, fmt::format("{} ended by itself after the server died", name)};
    const std::size_t got = printed(s.r, 1).size();
    const bool lost = got < s.input.size();
    const int code = client.value("exit_code", -1);
    const std::string saw = fmt::format("the server died after its first reply; {} printed {} of {} replies and {}",
                                        name, got, s.input.size(), client.value("status", std::string()));
    if (lost == (code != 0)) return {true, true, saw};
    return {false, true,
            saw + (lost ? ": replies were lost, its exit status must say so (not 0)" : ": all replies came, so 0")};
}

Verdict judge_socket_cleanup(const Lab& lab, const ScenarioRun& s) {
    Verdict v = judge_cleanup(lab, s);
    if (s.server_dies || !s.socket_left) return v;
    const std::string left = fmt::format("the socket file {} was left behind: the server must unlink() it before it "
                                         "exits",
                                         s.socket);
    return {false, true, v.pass ? left : v.why + "\n" + left};
}

}  // namespace

Verdict judge_request_reply(const Lab& lab, const std::string& id, const ScenarioRun& s) {
    if (id == "output") return judge_replies(lab, s);
    if (id == "mechanism") return judge_socket_mechanism(lab, s);
    if (id == "cleanup") return judge_socket_cleanup(lab, s);
    if (id == "exit_status") return s.server_dies ? judge_client_alone(lab, id, s) : judge_exit(lab, s);
    if (id == "terminates") return s.server_dies ? judge_client_alone(lab, id, s) : judge_terminates(lab, s);
    return {false, true, "not a check of a request-reply lab: " + id};
}

}  // namespace grading
