/* Audited get floor: the get floor plus what makes `credvault get` a write: the read and a
 * BLAKE2b-MAC'd audit event chained to the previous one commit together in a BEGIN IMMEDIATE
 * transaction, synchronous=FULL in WAL mode, before the password is printed.
 * Usage: floor-audited-get VAULT FOREST (on a copy prepared with floor-prepare). */
#include "floor.h"

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-audited-get VAULT FOREST\n"); return 64; }
    if (sodium_init() < 0) die("sodium_init", NULL);
    sqlite3 *db = open_vault(argv[1]);
    exec(db, "BEGIN IMMEDIATE");
    revealed r = read_current(db, argv[2]);
    append_audit(db, "get", argv[2], r.version, r.fingerprint, NULL);
    exec(db, "COMMIT");
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    print_password(&r);
    return 0;
}
