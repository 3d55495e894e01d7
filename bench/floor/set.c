/* Set floor: what `credvault set FOREST --account A --stdin` has to do, in C. Reads the first
 * line of stdin into sodium_malloc'd memory, computes its keyed fingerprint, and in one
 * BEGIN IMMEDIATE transaction (WAL, synchronous=FULL) reads the forest row, INSERTs the
 * XChaCha20-Poly1305-sealed next version, updates the forest and appends the audit event.
 * Usage: floor-set VAULT FOREST ACCOUNT < password (on a copy prepared with floor-prepare). */
#include "floor.h"

static size_t read_line(unsigned char *buffer, size_t limit) {
    size_t n = 0;
    while (n < limit) {
        ssize_t got = read(0, buffer + n, 1);
        if (got <= 0 || buffer[n] == '\n') break;
        n++;
    }
    if (n == 0) die("no password on stdin", NULL);
    return n;
}

/* 32 hex digits of a keyed BLAKE2b over canonical(forest, length) || password (KeyedHash.swift). */
static void fingerprint(const char *forest, const unsigned char *pw, size_t len, char hex[33]) {
    unsigned char key[32], digest[16];
    floor_key("credvault-bench-floor-fingerprint-key", key);
    canon prefix = { .len = 0 };
    canon_text(&prefix, forest);
    canon_int(&prefix, (int64_t)len);
    crypto_generichash_state state;
    crypto_generichash_init(&state, key, sizeof key, sizeof digest);
    crypto_generichash_update(&state, prefix.bytes, prefix.len);
    crypto_generichash_update(&state, pw, len);
    crypto_generichash_final(&state, digest, sizeof digest);
    sodium_bin2hex(hex, 33, digest, sizeof digest);
}

static void insert_version(sqlite3 *db, const char *forest, const char *account, int64_t version,
                           const unsigned char *pw, size_t len, const char *fp, const char *now) {
    unsigned char id[64], key[32], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char sealed[1024 + crypto_aead_xchacha20poly1305_ietf_ABYTES];
    unsigned long long sealed_len = 0;
    size_t id_len = vault_id(db, id);
    floor_key("credvault-bench-floor-secrets-key", key);
    randombytes_buf(nonce, sizeof nonce);
    canon aad;
    secret_aad(&aad, id, id_len, forest, account, version, 1);
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &sealed_len, pw, len, aad.bytes, aad.len, NULL, nonce, key);
    sqlite3_stmt *st = prepare(db,
        "INSERT INTO secret_versions (forest, version, account, created_at, actor, source, reason,"
        " rolled_back_from, nonce, ciphertext, fingerprint, key_generation)"
        " VALUES (?, ?, ?, ?, 'bench', 'set', NULL, NULL, ?, ?, ?, 1)");
    sqlite3_bind_text(st, 1, forest, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, version);
    sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, nonce, sizeof nonce, SQLITE_STATIC);
    sqlite3_bind_blob(st, 6, sealed, (int)sealed_len, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, fp, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) die("insert version", db);
    sqlite3_finalize(st);
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: floor-set VAULT FOREST ACCOUNT < password\n"); return 64; }
    if (sodium_init() < 0) die("sodium_init", NULL);
    const char *forest = argv[2], *account = argv[3];
    unsigned char *pw = sodium_malloc(1024);
    if (!pw) die("sodium_malloc", NULL);
    size_t len = read_line(pw, 1024);
    char fp[33], now[64], detail[300];
    fingerprint(forest, pw, len, fp);
    timestamp(now);
    sqlite3 *db = open_vault(argv[1]);
    exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *row = prepare(db, "SELECT current_version FROM forests WHERE name = ?");
    sqlite3_bind_text(row, 1, forest, -1, SQLITE_STATIC);
    int64_t version = (sqlite3_step(row) == SQLITE_ROW ? sqlite3_column_int64(row, 0) : 0) + 1;
    sqlite3_finalize(row);
    sqlite3_stmt *upsert = prepare(db,
        "INSERT INTO forests (name, account, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET account = excluded.account,"
        " current_version = excluded.current_version, updated_at = excluded.updated_at");
    sqlite3_bind_text(upsert, 1, forest, -1, SQLITE_STATIC);
    sqlite3_bind_text(upsert, 2, account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(upsert, 3, version);
    sqlite3_bind_text(upsert, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(upsert, 5, now, -1, SQLITE_STATIC);
    if (sqlite3_step(upsert) != SQLITE_DONE) die("upsert forest", db);
    sqlite3_finalize(upsert);
    insert_version(db, forest, account, version, pw, len, fp, now);
    snprintf(detail, sizeof detail, "{\"account\":\"%s\"}", account);
    fp[12] = 0;
    append_audit(db, "set", forest, version, fp, detail);
    exec(db, "COMMIT");
    sodium_free(pw);
    if (sqlite3_close(db) != SQLITE_OK) die("close", db);
    printf("Stored %s version %lld (fingerprint %s).\n", forest, (long long)version, fp);
    return 0;
}
