#ifndef CREDVAULT_CSODIUM_SHIM_H
#define CREDVAULT_CSODIUM_SHIM_H
#include <sodium.h>
#include <sys/prctl.h>
#include <sqlite3.h>

/* prctl is variadic, which Swift cannot call: this wrapper turns off core dumps and
   ptrace attachment by other processes of the same user. */
static inline int credvault_disable_dumping(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* sqlite3_db_config is variadic too. With it, closing the vault's last connection does not
   checkpoint the WAL (two fsyncs) and delete it (one more, of the folder, when the next
   command creates it again): a committed transaction is already durable in the WAL
   (synchronous = FULL), and SQLite's automatic checkpoint still folds the WAL back into the
   database as it grows. One fsync per command instead of four. */
static inline int credvault_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
#endif
