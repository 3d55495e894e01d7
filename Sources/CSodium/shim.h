#ifndef CREDVAULT_CSODIUM_SHIM_H
#define CREDVAULT_CSODIUM_SHIM_H
#include <sodium.h>
#include <sys/prctl.h>

/* prctl is variadic, which Swift cannot call: this wrapper turns off core dumps and
   ptrace attachment by other processes of the same user. */
static inline int credvault_disable_dumping(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* While a hook runs, orphaned descendants are re-parented to credvault rather than to init,
   so a timeout can find and kill them (HookDescendants). */
static inline int credvault_set_child_subreaper(int on) {
    return prctl(PR_SET_CHILD_SUBREAPER, (unsigned long)on, 0, 0, 0);
}
#endif
