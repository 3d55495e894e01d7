/* Shared by the C floor programs in this folder: the least a program can do to serve
 * `credvault get` / `set` from the same vault file, written plainly against the SQLite and
 * libsodium C APIs. bench/run times them beside credvault, so each target is a ratio.
 *
 * Key material: a floor measures the work of a command, not the unlock, so it does not unwrap
 * a key slot. `floor-prepare` re-encrypts a copy of a bench vault's versions under FLOOR_KEY
 * (derived from a constant: it protects nothing but random benchmark passwords, and so never
 * needs to be stored anywhere) with the same associated-data layout as CredVault's. */
#ifndef CREDVAULT_FLOOR_H
#define CREDVAULT_FLOOR_H

#include <pwd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline void die(const char *what, sqlite3 *db) {
    fprintf(stderr, "floor: %s%s%s\n", what, db ? ": " : "", db ? sqlite3_errmsg(db) : "");
    exit(1);
}

/* The benchmark's fixed secrets key and audit key (BLAKE2b of a constant label). */
static inline void floor_key(const char *label, unsigned char key[32]) {
    crypto_generichash(key, 32, (const unsigned char *)label, strlen(label), NULL, 0);
}

/* CredVault's canonical encoding (Crypto/CanonicalEncoding.swift): per field a tag byte
 * (0 absent, 1 bytes), a 4-byte big-endian length and the bytes. */
typedef struct { unsigned char bytes[1024]; size_t len; } canon;

static inline void canon_bytes(canon *c, const void *p, size_t n) {
    if (c->len + 5 + n > sizeof c->bytes) die("canonical encoding too long", NULL);
    c->bytes[c->len++] = 1;
    c->bytes[c->len++] = (unsigned char)(n >> 24); c->bytes[c->len++] = (unsigned char)(n >> 16);
    c->bytes[c->len++] = (unsigned char)(n >> 8);  c->bytes[c->len++] = (unsigned char)n;
    memcpy(c->bytes + c->len, p, n); c->len += n;
}
static inline void canon_text(canon *c, const char *s) { canon_bytes(c, s, strlen(s)); }
static inline void canon_int(canon *c, int64_t v) {
    unsigned char be[8];
    for (int i = 0; i < 8; i++) be[i] = (unsigned char)((uint64_t)v >> (56 - 8 * i));
    canon_bytes(c, be, 8);
}
static inline void canon_absent(canon *c) { c->bytes[c->len++] = 0; }

/* A version's associated data, as Vault.secretAssociatedData lays it out. */
static inline void secret_aad(canon *c, const void *vault_id, size_t id_len, const char *forest,
                       const char *account, int64_t version, int64_t key_generation) {
    c->len = 0;
    canon_text(c, "credvault-secret-v1");
    canon_bytes(c, vault_id, id_len);
    canon_text(c, forest);
    canon_text(c, account);
    canon_int(c, version);
    canon_int(c, key_generation);
}

/* Opens the vault as CredVault does: WAL (already set in the file), synchronous=FULL,
 * foreign keys on, a busy timeout. sqlite3_close checkpoints and deletes the WAL at exit. */
static inline sqlite3 *open_vault(const char *path) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("open", db);
    sqlite3_busy_timeout(db, 30000);
    if (sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
                     NULL, NULL, NULL) != SQLITE_OK) die("pragmas", db);
    return db;
}

static inline sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql, db);
    return st;
}

static inline void exec(sqlite3 *db, const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql, db);
}

/* RFC 3339 UTC with milliseconds, as Support/Timestamp.swift writes it. */
static inline void timestamp(char out[64]) {
    struct timespec now; struct tm parts;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &parts);
    snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
             parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, (int)(now.tv_nsec / 1000000));
}

/* Appends one audit event chained to the last one's MAC (Audit/AuditLog.swift):
 * mac = BLAKE2b(key: audit key, previous mac || canonical(event)). Inside the caller's
 * transaction. */
static inline void append_audit(sqlite3 *db, const char *action, const char *forest, int64_t version,
                         const char *fingerprint, const char *detail) {
    unsigned char key[32], prev[32] = {0}, mac[32];
    floor_key("credvault-bench-floor-audit-key", key);
    sqlite3_stmt *head = prepare(db, "SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1");
    int64_t seq = 1;
    if (sqlite3_step(head) == SQLITE_ROW) {
        seq = sqlite3_column_int64(head, 0) + 1;
        if (sqlite3_column_bytes(head, 1) == 32) memcpy(prev, sqlite3_column_blob(head, 1), 32);
    }
    sqlite3_finalize(head);

    char when[64], host[256] = "unknown", user[64];
    timestamp(when);
    gethostname(host, sizeof host - 1);
    struct passwd entry, *found = NULL; char buffer[4096];
    uid_t uid = getuid();
    if (getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found) snprintf(user, sizeof user, "%s", entry.pw_name);
    else snprintf(user, sizeof user, "uid%u", (unsigned)uid);
    int64_t pid = getpid();

    canon c = { .len = 0 };
    canon_text(&c, "credvault-audit-v1");
    canon_int(&c, seq); canon_text(&c, when); canon_text(&c, user); canon_int(&c, uid);
    canon_text(&c, host); canon_int(&c, pid); canon_text(&c, action); canon_text(&c, forest);
    canon_int(&c, version); canon_absent(&c); canon_text(&c, "ok"); canon_text(&c, fingerprint);
    canon_absent(&c);
    if (detail) canon_text(&c, detail); else canon_absent(&c);
    crypto_generichash_state state;
    crypto_generichash_init(&state, key, sizeof key, sizeof mac);
    crypto_generichash_update(&state, prev, sizeof prev);
    crypto_generichash_update(&state, c.bytes, c.len);
    crypto_generichash_final(&state, mac, sizeof mac);

    sqlite3_stmt *insert = prepare(db,
        "INSERT INTO audit_events (seq, time, actor, uid, host, pid, action, forest, version, connector,"
        " outcome, fingerprint, reason, detail, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'ok', ?, NULL, ?, ?)");
    sqlite3_bind_int64(insert, 1, seq);
    sqlite3_bind_text(insert, 2, when, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, user, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 4, uid);
    sqlite3_bind_text(insert, 5, host, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 6, pid);
    sqlite3_bind_text(insert, 7, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 8, forest, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 9, version);
    sqlite3_bind_text(insert, 10, fingerprint, -1, SQLITE_STATIC);
    if (detail) sqlite3_bind_text(insert, 11, detail, -1, SQLITE_STATIC); else sqlite3_bind_null(insert, 11);
    sqlite3_bind_blob(insert, 12, mac, sizeof mac, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) die("audit insert", db);
    sqlite3_finalize(insert);
}

/* The vault's id (vault_meta), bound into every version's associated data. */
static inline size_t vault_id(sqlite3 *db, unsigned char out[64]) {
    sqlite3_stmt *st = prepare(db, "SELECT vault_id FROM vault_meta WHERE id = 1");
    if (sqlite3_step(st) != SQLITE_ROW) die("no vault_meta row", db);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    if (n > 64) die("vault id too long", NULL);
    memcpy(out, sqlite3_column_blob(st, 0), n);
    sqlite3_finalize(st);
    return n;
}

/* The current version of `forest`: one indexed read (forests' and secret_versions' primary
 * keys). Decrypts it into sodium_malloc'd memory, as CredVault's SecureBytes does. */
typedef struct {
    int64_t version;
    char fingerprint[13];
    unsigned char *password;
    size_t password_len;
} revealed;

static inline revealed read_current(sqlite3 *db, const char *forest) {
    unsigned char id[64], key[32];
    size_t id_len = vault_id(db, id);
    floor_key("credvault-bench-floor-secrets-key", key);
    sqlite3_stmt *st = prepare(db,
        "SELECT v.version, v.account, v.nonce, v.ciphertext, v.key_generation, v.fingerprint"
        " FROM forests f JOIN secret_versions v ON v.forest = f.name AND v.version = f.current_version"
        " WHERE f.name = ?");
    sqlite3_bind_text(st, 1, forest, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) die("no such forest", db);
    revealed r = { .version = sqlite3_column_int64(st, 0) };
    const unsigned char *nonce = sqlite3_column_blob(st, 2);
    const unsigned char *ciphertext = sqlite3_column_blob(st, 3);
    size_t ct_len = (size_t)sqlite3_column_bytes(st, 3);
    if (sqlite3_column_bytes(st, 2) != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || ct_len < crypto_aead_xchacha20poly1305_ietf_ABYTES) die("malformed version row", NULL);
    snprintf(r.fingerprint, sizeof r.fingerprint, "%s", (const char *)sqlite3_column_text(st, 5));
    canon aad;
    secret_aad(&aad, id, id_len, forest, (const char *)sqlite3_column_text(st, 1), r.version,
               sqlite3_column_int64(st, 4));
    r.password = sodium_malloc(ct_len);
    unsigned long long len = 0;
    if (!r.password || crypto_aead_xchacha20poly1305_ietf_decrypt(r.password, &len, NULL, ciphertext, ct_len,
            aad.bytes, aad.len, nonce, key) != 0) die("decryption failed (run floor-prepare on this copy first)", NULL);
    r.password_len = (size_t)len;
    sqlite3_finalize(st);
    return r;
}

/* Writes the password and a newline with write(2), then wipes and frees it. */
static inline void print_password(revealed *r) {
    if (write(1, r->password, r->password_len) != (ssize_t)r->password_len || write(1, "\n", 1) != 1) die("write", NULL);
    sodium_free(r->password);
}

#endif
