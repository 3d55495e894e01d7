/* Makes a bench vault's copy usable by the floor programs: re-encrypts every stored version
 * under the floor's fixed key, with CredVault's associated-data layout, in one transaction.
 * Run on a copy (cp vault.db floor.db), never on a vault CredVault still uses: the copy's
 * versions no longer open with the vault's own key.
 * Usage: floor-prepare COPY */
#include "floor.h"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: floor-prepare COPY\n"); return 64; }
    if (sodium_init() < 0) die("sodium_init", NULL);
    sqlite3 *db = open_vault(argv[1]);
    unsigned char id[64], key[32], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char plain[1024], sealed[1024 + crypto_aead_xchacha20poly1305_ietf_ABYTES];
    size_t id_len = vault_id(db, id);
    floor_key("credvault-bench-floor-secrets-key", key);
    exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *rows = prepare(db, "SELECT forest, version, account, key_generation, length(ciphertext) FROM secret_versions");
    sqlite3_stmt *update = prepare(db, "UPDATE secret_versions SET nonce = ?, ciphertext = ? WHERE forest = ? AND version = ?");
    long count = 0;
    while (sqlite3_step(rows) == SQLITE_ROW) {
        const char *forest = (const char *)sqlite3_column_text(rows, 0);
        int64_t version = sqlite3_column_int64(rows, 1);
        int64_t plain_len = sqlite3_column_int64(rows, 4) - crypto_aead_xchacha20poly1305_ietf_ABYTES;
        if (plain_len < 1 || plain_len > 1024) die("unexpected ciphertext length", NULL);
        /* A printable stand-in of the original's length: the benchmark's passwords are random anyway. */
        randombytes_buf(plain, (size_t)plain_len);
        for (int64_t i = 0; i < plain_len; i++) plain[i] = (unsigned char)('A' + plain[i] % 26);
        randombytes_buf(nonce, sizeof nonce);
        canon aad;
        secret_aad(&aad, id, id_len, forest, (const char *)sqlite3_column_text(rows, 2), version,
                   sqlite3_column_int64(rows, 3));
        unsigned long long sealed_len = 0;
        crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &sealed_len, plain, (unsigned long long)plain_len,
                                                   aad.bytes, aad.len, NULL, nonce, key);
        sqlite3_bind_blob(update, 1, nonce, sizeof nonce, SQLITE_STATIC);
        sqlite3_bind_blob(update, 2, sealed, (int)sealed_len, SQLITE_STATIC);
        sqlite3_bind_text(update, 3, forest, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(update, 4, version);
        if (sqlite3_step(update) != SQLITE_DONE) die("update", db);
        sqlite3_reset(update);
        count++;
    }
    sqlite3_finalize(rows);
    sqlite3_finalize(update);
    exec(db, "COMMIT");
    sodium_memzero(plain, sizeof plain);
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    fprintf(stderr, "floor-prepare: re-encrypted %ld versions\n", count);
    return 0;
}
