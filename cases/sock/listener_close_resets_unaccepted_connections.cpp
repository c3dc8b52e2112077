// SOCK-09 (edge; unix(7), listen(2), recv(2) ECONNRESET, socket(7)
// SO_ERROR): a listening SOCK_STREAM or SOCK_SEQPACKET socket closed with
// connections it never accepted resets them. A client whose connection was
// still waiting to be accepted reads ECONNRESET, once, then end of file; a
// second such client, asking getsockopt(SO_ERROR) instead, is told
// ECONNRESET (and the error is then cleared). Both clients connected before
// the close; connect(2) of a Unix socket completes as soon as the connection
// is queued, so nothing was accepted.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

CLAIM("SOCK-09", "closing a listener resets the connections it never accepted (ECONNRESET, SO_ERROR)") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("embryo"));
        ipc::Fd listener = ipc::listen_at(where, type);
        ipc::Fd reader = ipc::connect_to(where, type);
        REQUIRE_WITH_ERRNO(reader, "connect (first client)");
        ipc::Fd asker = ipc::connect_to(where, type);
        REQUIRE_WITH_ERRNO(asker, "connect (second client)");
        ipc::evidence(k.name + ".address", where.describe());
        ipc::evidence(k.name + ".SO_ACCEPTCONN_of_listener", sockcase::int_option(listener.get(), SO_ACCEPTCONN));
        listener.reset();  // two connections never accepted

        auto first = sockcase::recv_text(reader.get(), 16, MSG_DONTWAIT).result;
        auto second = sockcase::recv_text(reader.get(), 16, MSG_DONTWAIT).result;
        ipc::evidence(k.name + ".client_read", ipc::describe(first));
        ipc::evidence(k.name + ".client_read_again", ipc::describe(second));
        CHECK_EQ(first, ipc::SyscallResult::failure(ECONNRESET));
        CHECK_EQ(second.value, 0);

        const int so_error = sockcase::int_option(asker.get(), SO_ERROR);
        const int so_error_again = sockcase::int_option(asker.get(), SO_ERROR);
        ipc::evidence(k.name + ".other_client_SO_ERROR", ipc::errno_name(so_error));
        ipc::evidence(k.name + ".other_client_SO_ERROR_again", so_error_again);
        CHECK_EQ(so_error, ECONNRESET);
        CHECK_EQ(so_error_again, 0);
    }
}
