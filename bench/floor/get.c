/* Get floor: open the vault file, one indexed read of the current version, XChaCha20-Poly1305
 * decrypt, print. No audit event: the least any program can do to answer `credvault get`.
 * Usage: floor-get VAULT FOREST (on a copy prepared with floor-prepare). */
#include "floor.h"

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-get VAULT FOREST\n"); return 64; }
    if (sodium_init() < 0) die("sodium_init", NULL);
    sqlite3 *db = open_vault(argv[1]);
    revealed r = read_current(db, argv[2]);
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    print_password(&r);
    return 0;
}
