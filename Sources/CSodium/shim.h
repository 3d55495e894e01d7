#ifndef CREDVAULT_CSODIUM_SHIM_H
#define CREDVAULT_CSODIUM_SHIM_H
#include <sodium.h>
#include <sys/prctl.h>

/* prctl is variadic, which Swift cannot call: this wrapper turns off core dumps and
   ptrace attachment by other processes of the same user. */
static inline int credvault_disable_dumping(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
#endif
