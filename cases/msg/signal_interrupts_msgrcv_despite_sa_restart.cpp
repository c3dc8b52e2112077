// MSG-18 (edge; signal(7) "Interruption of system calls and library functions
// by signal handlers": msgrcv and msgsnd are among the interfaces "never
// restarted after being interrupted by a signal handler, regardless of the use
// of SA_RESTART", msgop(2) EINTR): a receiver blocked in msgrcv on an empty
// queue, with a handler for SIGUSR1 installed with SA_RESTART, returns -1 with
// EINTR when the signal is caught; it does not go back to sleep.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-18", "a caught signal interrupts a blocked msgrcv with EINTR even under SA_RESTART") {
    auto q = ipc::MsgQueue::create();
    auto handled = ipc::Pipe::make();
    const int qid = q.id();
    auto receiver = msgcase::caller_with_sa_restart_handler(handled.w(), [qid] {
        return msgcase::outcome(ipc::msg_receive(qid, 0));
    });
    handled.write_end.reset();
    msgcase::interrupt_and_check_eintr(receiver, handled.r(), SYS_msgrcv, "receiver", "msgrcv");
}
