import Foundation
import GRDB
import Testing
import TestSupport
@testable import CredVault

/// The vault's SQLite file as the storage layer creates, refuses and changes it.
@Suite("vault database file (library)")
struct VaultDatabaseTests {
    @Test("create makes a 0600 vault file and never replaces an existing file")
    func create() throws {
        let sandbox = try VaultSandbox("storage", initialize: false)
        _ = try VaultDatabase.create(at: sandbox.vaultPath)
        #expect(FileMode.of(sandbox.vaultPath) == 0o600)
        let other = try sandbox.write("other.db", "not mine\n")
        guard case .cannotCreate = caughtError({ _ = try VaultDatabase.create(at: other) }) else {
            Issue.record("create over an existing file did not fail with .cannotCreate")
            return
        }
        #expect(sandbox.read("other.db") == "not mine\n")
    }

    @Test("open refuses a missing path, a folder and a file others can read")
    func openRefuses() throws {
        let sandbox = try VaultSandbox("storage", initialize: false)
        guard case .missing(.vault) = caughtError({ _ = try VaultDatabase.open(at: sandbox.path("none.db")) }) else {
            Issue.record("a missing vault is not .missing(.vault)")
            return
        }
        guard case .missing(.vaultIsDirectory) = caughtError({ _ = try VaultDatabase.open(at: sandbox.folder.path) }) else {
            Issue.record("a folder is not .missing(.vaultIsDirectory)")
            return
        }
        _ = try VaultDatabase.create(at: sandbox.vaultPath)
        try FileMode.set(sandbox.vaultPath, 0o644)
        guard case .insecurePermissions(let path) = caughtError({ _ = try VaultDatabase.open(at: sandbox.vaultPath) }) else {
            Issue.record("a vault readable by others is not .insecurePermissions")
            return
        }
        #expect(path == sandbox.vaultPath)
    }

    @Test("another program's SQLite file is refused and left byte for byte as it was")
    func foreignDatabase() throws {
        let sandbox = try VaultSandbox("storage", initialize: false)
        let path = sandbox.path("foreign.db")
        let made = try ProcessRunner.run("/usr/bin/sqlite3", [path, "CREATE TABLE t(a); INSERT INTO t VALUES (1);"])
        try #require(made.status == 0, "\(made)")
        try FileMode.set(path, 0o600)
        let before = sandbox.bytes("foreign.db")
        guard case .invalidInput = caughtError({ _ = try VaultDatabase.open(at: path) }) else {
            Issue.record("a foreign SQLite file is not .invalidInput")
            return
        }
        #expect(sandbox.bytes("foreign.db") == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a write transaction whose body throws leaves nothing behind")
    func rollsBack() throws {
        let sandbox = try VaultSandbox("storage", initialize: false)
        let database = try VaultDatabase.create(at: sandbox.vaultPath)
        let error = caughtError {
            try database.writeTransaction { tx in
                try tx.db.execute(sql: "CREATE TABLE scratch(x)")
                try tx.db.execute(sql: "INSERT INTO scratch VALUES (1)")
                throw CredVaultError.io("stop here")
            }
        }
        #expect(error == .io("stop here"))
        let exists = try database.read { tx in try tx.db.tableExists("scratch") }
        #expect(!exists)
        try database.writeTransaction { tx in try tx.db.execute(sql: "CREATE TABLE scratch(x)") }
        #expect(try database.read { tx in try tx.db.tableExists("scratch") })
    }
}
