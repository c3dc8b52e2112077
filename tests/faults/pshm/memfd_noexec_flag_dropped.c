// Fault: memfd_create drops MFD_NOEXEC_SEAL (as a library passing on only the
// flags it knows would), so the memfd is made with the default mode and seals.
#include "pshm_real.h"

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

int memfd_create(const char* name, unsigned flags) { return real_memfd_create(name, flags & ~MFD_NOEXEC_SEAL); }
