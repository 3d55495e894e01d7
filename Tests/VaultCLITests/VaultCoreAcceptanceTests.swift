import CredVault
import Foundation
import Testing
import TestSupport

/// Issue 2's acceptance list, black-box through the built `credvault` binary.
/// (Acceptance 7, the known-answer tests, lives in CredVaultTests/KnownAnswerTests.swift.)
@Suite("Vault core acceptance")
struct VaultCoreAcceptanceTests {
    static let forest = "contoso.com"
    static let account = #"CONTOSO\svc-adsync"#

    /// Versions and fingerprints from `history --json`.
    static func history(_ vault: VaultSandbox, _ forest: String = forest) throws -> [(version: Int, fingerprint: String, source: String)] {
        let result = try vault.run(["history", forest, "--json"])
        guard result.status == 0 else { throw TestFailure("history failed (\(result.status)): \(result.stderr)") }
        return try JSON.array(result.stdout).map {
            ($0["version"] as? Int ?? -1, $0["fingerprint"] as? String ?? "", $0["source"] as? String ?? "")
        }
    }

    // MARK: 1. init, three sets, get, history

    @Test("AC1: three sets give versions 1-3; get returns each; history lists three fingerprints")
    func versionsRoundTrip() throws {
        let vault = try VaultSandbox()
        let passwords = ["Ac1-first-Pw!1", "Ac1-second-Pw@2", "Ac1-third-Pw#3"]
        for password in passwords {
            try vault.set(Self.forest, account: Self.account, password: password)
        }

        let current = try vault.run(["get", Self.forest])
        #expect(current.status == 0)
        #expect(current.stdout == passwords[2] + "\n")
        for (index, password) in passwords.enumerated() {
            let old = try vault.run(["get", Self.forest, "--version", String(index + 1)])
            #expect(old.status == 0)
            #expect(old.stdout == password + "\n")
        }

        let historyResult = try vault.run(["history", Self.forest, "--json"])
        #expect(historyResult.status == 0)
        let rows = try JSON.array(historyResult.stdout)
        #expect(rows.compactMap { $0["version"] as? Int } == [1, 2, 3])
        let fingerprints = rows.compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints.count == 3)
        #expect(Set(fingerprints).count == 3)
        for row in rows {
            for key in ["version", "created_at", "actor", "source", "fingerprint"] {
                #expect(row[key] != nil, "history row lacks \(key)")
            }
            #expect((row["created_at"] as? String).flatMap(Timestamp.parse) != nil)
            #expect(row["source"] as? String == "set")
        }
    }

    // MARK: 2. No plaintext in the files; modes

    @Test("AC2: no password in the .db, -wal or -shm bytes; vault, WAL, SHM and keyfile are 0600")
    func noPlaintextOnDisk() throws {
        let vault = try VaultSandbox()
        // A second connection keeps SQLite from folding the WAL away when each command exits,
        // so the -wal and -shm bytes are there to search.
        let holder = try OpenConnection(databasePath: vault.vaultPath)
        defer { holder.close() }

        var passwords = ["Disk-Plain-Alpha-7Q!", "Disk-Plain-Bravo-8R@", "Disk-Plain-Charlie-9S#"]
        for password in passwords { try vault.set(Self.forest, password: password) }
        let generated = try vault.run(["set", "fabrikam.com", "--account", "svc", "--generate"])
        #expect(generated.status == 0)
        let revealed = try vault.run(["get", "fabrikam.com"])
        #expect(revealed.status == 0)
        passwords.append(revealed.stdout.trimmingCharacters(in: .newlines))
        let imported = "Disk-Plain-Imported-0T$"
        passwords.append(imported)
        let importResult = try vault.run(["import"], stdin: #"{"forest":"tailspin.com","account":"svc","password":"\#(imported)"}"# + "\n")
        #expect(importResult.status == 0)
        let rollback = try vault.run(["rollback", Self.forest, "--to", "1"])
        #expect(rollback.status == 0)

        let walPath = vault.vaultPath + "-wal"
        #expect(FileManager.default.fileExists(atPath: walPath), "the held connection should keep the WAL")
        let whileOpen = try vault.allVaultBytes()
        for password in passwords {
            #expect(whileOpen.range(of: Data(password.utf8)) == nil, "a password is in the vault files in plaintext")
        }
        #expect(FileMode.of(vault.vaultPath) == 0o600)
        for suffix in ["-wal", "-shm"] {
            if let mode = FileMode.of(vault.vaultPath + suffix) { #expect(mode == 0o600, "\(suffix) is not 0600") }
        }
        #expect(FileMode.of(vault.keyfilePath) == 0o600)

        holder.close()
        let afterCheckpoint = try vault.allVaultBytes()
        for password in passwords {
            #expect(afterCheckpoint.range(of: Data(password.utf8)) == nil, "a password is in the vault file in plaintext")
        }
        #expect(FileMode.of(vault.vaultPath) == 0o600)
    }

    // MARK: 3. Unlocking

    @Test("AC3: another vault's keyfile exits 77 with one line saying the vault could not be unlocked")
    func wrongKeyfile() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac3-Keyfile-Pw1")
        let other = try VaultSandbox()
        let result = try vault.run(["get", Self.forest], environment: ["CREDVAULT_KEYFILE": other.keyfilePath])
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("could not be unlocked"))
        #expect(result.stdout.isEmpty)
    }

    @Test("AC3: a wrong passphrase exits 77 with one line saying the vault could not be unlocked")
    func wrongPassphrase() throws {
        let vault = try VaultSandbox(initialize: false)
        let right = try vault.write("right.pass", "Correct horse battery staple\n", mode: 0o600)
        let wrong = try vault.write("wrong.pass", "Correct horse battery stapler\n", mode: 0o600)
        let noKeyfile = ["CREDVAULT_KEYFILE": ""]
        let initResult = try vault.run(["init", "--passphrase-file", right, "--kdf", "interactive"], environment: noKeyfile)
        #expect(initResult.status == 0, "\(initResult.stderr)")

        let good = try vault.run(["set", Self.forest, "--account", "svc", "--stdin", "--passphrase-file", right],
                                 stdin: "Ac3-Passphrase-Pw1\n", environment: noKeyfile)
        #expect(good.status == 0, "\(good.stderr)")

        let before = try vault.dump()
        let result = try vault.run(["get", Self.forest, "--passphrase-file", wrong], environment: noKeyfile)
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("could not be unlocked"))
        #expect(result.stdout.isEmpty)
        #expect(try vault.dump() == before)

        // The same through the environment variable.
        let viaEnvironment = try vault.run(["list"], environment: ["CREDVAULT_KEYFILE": "", "CREDVAULT_PASSPHRASE_FILE": wrong])
        #expect(viaEnvironment.status == 77)
        #expect(viaEnvironment.stderr.contains("could not be unlocked"))
    }

    @Test("AC3: a keyfile readable by group or others exits 77 with a chmod 600 hint")
    func keyfileReadableByOthers() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac3-Mode-Pw1")
        for mode in [0o644, 0o640, 0o604] {
            try FileMode.set(vault.keyfilePath, mode)
            let result = try vault.run(["get", Self.forest])
            #expect(result.status == 77)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.contains("chmod 600"))
            #expect(result.stdout.isEmpty)
        }
        try FileMode.set(vault.keyfilePath, 0o600)
        #expect(try vault.run(["get", Self.forest]).status == 0)
    }

    @Test("AC3: a passphrase file readable by others exits 77 with a chmod 600 hint")
    func passphraseFileReadableByOthers() throws {
        let vault = try VaultSandbox(initialize: false)
        let pass = try vault.write("vault.pass", "Tr0ub4dor&3 passphrase\n", mode: 0o600)
        let noKeyfile = ["CREDVAULT_KEYFILE": ""]
        #expect(try vault.run(["init", "--passphrase-file", pass, "--kdf", "interactive"], environment: noKeyfile).status == 0)
        try FileMode.set(pass, 0o644)
        let result = try vault.run(["list", "--passphrase-file", pass], environment: noKeyfile)
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("chmod 600"))
    }

    @Test("AC3: a vault file readable by others is refused with 77")
    func vaultReadableByOthers() throws {
        let vault = try VaultSandbox()
        try FileMode.set(vault.vaultPath, 0o644)
        let result = try vault.run(["list"])
        #expect(result.status == 77)
        #expect(result.stderr.contains("chmod 600"))
    }

    // MARK: 4. Tampering

    @Test("AC4: a ciphertext moved to another row, or one flipped byte, fails with 65 naming forest and version")
    func tamperedVersions() throws {
        let vault = try VaultSandbox()
        let passwords = ["Ac4-one-Pw!1", "Ac4-two-Pw!2", "Ac4-three-Pw!3"]
        for password in passwords { try vault.set(Self.forest, password: password) }

        // Version 1's ciphertext and nonce, copied into version 2's row.
        let copy = try vault.sqlite("""
            UPDATE secret_versions
               SET ciphertext = (SELECT ciphertext FROM secret_versions WHERE forest = 'contoso.com' AND version = 1),
                   nonce      = (SELECT nonce      FROM secret_versions WHERE forest = 'contoso.com' AND version = 1)
             WHERE forest = 'contoso.com' AND version = 2;
            """)
        #expect(copy.status == 0, "\(copy.stderr)")
        let moved = try vault.run(["get", Self.forest, "--version", "2"])
        #expect(moved.status == 65)
        #expect(moved.stderrLines.count == 1)
        #expect(moved.stderr.contains("contoso.com"))
        #expect(moved.stderr.contains("version 2"))
        #expect(moved.stdout.isEmpty)
        #expect(!moved.stderr.contains(passwords[0]))

        // One flipped bit in version 3's ciphertext.
        let hex = try vault.sqlite("SELECT hex(ciphertext) FROM secret_versions WHERE forest = 'contoso.com' AND version = 3")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes = Array(hex.utf8)
        #expect(bytes.count > 4)
        bytes[2] = bytes[2] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let flippedHex = String(decoding: bytes, as: UTF8.self)
        #expect(try vault.sqlite("UPDATE secret_versions SET ciphertext = X'\(flippedHex)' WHERE forest = 'contoso.com' AND version = 3").status == 0)
        for arguments in [["get", Self.forest], ["get", Self.forest, "--version", "3"], ["get", Self.forest, "--json"]] {
            let flipped = try vault.run(arguments)
            #expect(flipped.status == 65)
            #expect(flipped.stderrLines.count == 1)
            #expect(flipped.stderr.contains("contoso.com"))
            #expect(flipped.stderr.contains("version 3"))
            #expect(flipped.stdout.isEmpty)
        }
        let rollback = try vault.run(["rollback", Self.forest, "--to", "3"])
        #expect(rollback.status == 65)

        // The untouched version still reads.
        let first = try vault.run(["get", Self.forest, "--version", "1"])
        #expect(first.status == 0)
        #expect(first.stdout == passwords[0] + "\n")
    }

    @Test("AC4: a ciphertext copied from another forest does not open there")
    func ciphertextMovedAcrossForests() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac4-Contoso-Pw1")
        try vault.set("fabrikam.com", password: "Ac4-Fabrikam-Pw1")
        #expect(try vault.sqlite("""
            UPDATE secret_versions
               SET ciphertext = (SELECT ciphertext FROM secret_versions WHERE forest = 'contoso.com' AND version = 1),
                   nonce      = (SELECT nonce      FROM secret_versions WHERE forest = 'contoso.com' AND version = 1)
             WHERE forest = 'fabrikam.com' AND version = 1;
            """).status == 0)
        let result = try vault.run(["get", "fabrikam.com"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("fabrikam.com version 1"))
        #expect(try vault.run(["get", Self.forest]).stdout == "Ac4-Contoso-Pw1\n")
    }

    // MARK: 5. Bad input leaves the vault as it was

    /// Runs a command that must be refused: exit `code`, one line on stderr, nothing on stdout,
    /// and the vault's whole content (audit trail included) unchanged.
    static func expectRefused(
        _ vault: VaultSandbox, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        code: Int32, mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try vault.dump()
        let auditBefore = try vault.auditEventCount()
        let result = try vault.run(arguments, stdin: stdin, environment: environment)
        #expect(result.status == code, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(arguments): stderr is \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(arguments): stdout is \(result.stdout)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "\(arguments): stderr lacks \(word)", sourceLocation: sourceLocation)
        }
        #expect(try vault.auditEventCount() == auditBefore, "\(arguments) added an audit event", sourceLocation: sourceLocation)
        #expect(try vault.dump() == before, "\(arguments) changed the vault", sourceLocation: sourceLocation)
    }

    @Test("AC5: bad forest names, unknown forests and versions are refused and change nothing")
    func badNamesAndVersions() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac5-Names-Pw1")
        try vault.set(Self.forest, password: "Ac5-Names-Pw2")
        let long = String(repeating: "a", count: 300)
        let longLabel = String(repeating: "b", count: 64) + ".com"
        // ("-contoso.com" would be read as an option by the parser: a usage error, tested in the unit tests.)
        for forest in ["", "a b", long, longLabel, "contoso-.com", "contoso..com", "contoso_com", "\u{212A}ontoso.com"] {
            try Self.expectRefused(vault, ["set", forest, "--account", "svc", "--stdin"], stdin: "Ac5-Names-Pw3\n", code: 65)
            try Self.expectRefused(vault, ["get", forest], code: 65)
            try Self.expectRefused(vault, ["history", forest], code: 65)
        }
        try Self.expectRefused(vault, ["get", "unknown.com"], code: 66, mentioning: ["unknown.com"])
        try Self.expectRefused(vault, ["history", "unknown.com"], code: 66, mentioning: ["unknown.com"])
        try Self.expectRefused(vault, ["rollback", "unknown.com", "--to", "1"], code: 66)
        try Self.expectRefused(vault, ["get", Self.forest, "--version", "99"], code: 66, mentioning: ["99"])
        try Self.expectRefused(vault, ["get", Self.forest, "--version", "99", "--json"], code: 66)
        try Self.expectRefused(vault, ["rollback", Self.forest, "--to", "99"], code: 66)
        try Self.expectRefused(vault, ["get", Self.forest, "--version", "0"], code: 64)  // issue 13: a usage error
        try Self.expectRefused(vault, ["set", Self.forest, "--account", "bad\u{7}account", "--stdin"], stdin: "Ac5-Names-Pw3\n", code: 65)
    }

    @Test("AC5: empty and over-long passwords are refused and change nothing")
    func badPasswords() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac5-Pw-Base1")
        let set = ["set", Self.forest, "--account", "svc", "--stdin"]
        try Self.expectRefused(vault, set, stdin: "\n", code: 65, mentioning: ["empty"])
        try Self.expectRefused(vault, set, stdin: "", code: 65, mentioning: ["empty"])
        try Self.expectRefused(vault, set, stdin: "\r\n", code: 65)
        try Self.expectRefused(vault, set, stdin: String(repeating: "x", count: 1025) + "\n", code: 65, mentioning: ["1024"])
        try Self.expectRefused(vault, set, stdin: String(repeating: "é", count: 513) + "\n", code: 65, mentioning: ["1024"])
        try Self.expectRefused(vault, set, stdin: "tab\there\n", code: 65)
        try Self.expectRefused(vault, ["set", Self.forest, "--account", "svc", "--generate", "--length", "8"], code: 64)  // issue 13
    }

    @Test("AC5: a password of exactly 1024 bytes is kept intact")
    func longestPassword() throws {
        let vault = try VaultSandbox()
        let password = String(repeating: "Zz9!", count: 256)
        try vault.set(Self.forest, password: password)
        #expect(try vault.run(["get", Self.forest]).stdout == password + "\n")
    }

    @Test("AC5: a missing vault exits 66 with a hint to run credvault init, and creates nothing")
    func missingVault() throws {
        let vault = try VaultSandbox(initialize: false)
        for arguments in [["list"], ["get", Self.forest], ["history", Self.forest]] {
            let result = try vault.run(arguments)
            #expect(result.status == 66)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.contains("credvault init"))
        }
        let set = try vault.run(["set", Self.forest, "--account", "svc", "--stdin"], stdin: "Ac5-Missing-Pw1\n")
        #expect(set.status == 66)
        #expect(set.stderr.contains("credvault init"))
        #expect(!FileManager.default.fileExists(atPath: vault.vaultPath))
    }

    @Test("init never overwrites a vault or a keyfile (exit 73)")
    func initRefusesToOverwrite() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Init-Keep-Pw1")
        let keyBefore = FileManager.default.contents(atPath: vault.keyfilePath)
        try Self.expectRefused(vault, ["init", "--keyfile-out", vault.path("second.key")], code: 73, mentioning: ["already exists"])
        #expect(!FileManager.default.fileExists(atPath: vault.path("second.key")))

        let fresh = try VaultSandbox(initialize: false)
        let again = try fresh.run(["init", "--keyfile-out", vault.keyfilePath])
        #expect(again.status == 73)
        #expect(again.stderrLines.count == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.vaultPath), "a vault was made whose keyfile could not be written")
        #expect(FileManager.default.contents(atPath: vault.keyfilePath) == keyBefore)
        #expect(try vault.run(["get", Self.forest]).stdout == "Init-Keep-Pw1\n")
    }

    @Test("AC5: a vault path that is a directory exits 66")
    func vaultIsDirectory() throws {
        let vault = try VaultSandbox(initialize: false)
        try FileManager.default.createDirectory(atPath: vault.vaultPath, withIntermediateDirectories: false)
        for arguments in [["list"], ["get", Self.forest]] {
            let result = try vault.run(arguments)
            #expect(result.status == 66)
            #expect(result.stderrLines.count == 1)
        }
        let set = try vault.run(["set", Self.forest, "--account", "svc", "--stdin"], stdin: "Ac5-Dir-Pw1\n")
        #expect(set.status == 66)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: vault.vaultPath, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test("AC5: a file that is not a vault (random bytes, another SQLite database) exits 65 and is left as it was")
    func notAVault() throws {
        let vault = try VaultSandbox()
        var random = [UInt8](repeating: 0, count: 8192)
        for index in random.indices { random[index] = UInt8.random(in: 0...255) }
        let randomPath = try vault.write("random.db", Data(random), mode: 0o600)

        let plainPath = vault.path("plain.db")
        let create = try CLI.runSQLite(plainPath, "CREATE TABLE t (x); INSERT INTO t VALUES ('kept');")
        #expect(create.status == 0)
        try FileMode.set(plainPath, 0o600)

        for path in [randomPath, plainPath] {
            let before = FileManager.default.contents(atPath: path)
            for arguments in [["list"], ["get", Self.forest], ["set", Self.forest, "--account", "svc", "--stdin"]] {
                let result = try CLI.run(arguments, stdin: "Ac5-NotVault-Pw1\n",
                                         environment: ["CREDVAULT_VAULT": path, "CREDVAULT_KEYFILE": vault.keyfilePath])
                #expect(result.status == 65, "\(path) \(arguments): \(result.stderr)")
                #expect(result.stderrLines.count == 1)
                #expect(result.stderr.contains("not a CredVault vault"))
            }
            #expect(FileManager.default.contents(atPath: path) == before, "\(path) was changed")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(try CLI.runSQLite(plainPath, "PRAGMA journal_mode").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "delete")
    }

    @Test("AC5: malformed import lines refuse the whole import, naming the line; nothing is written")
    func malformedImports() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Ac5-Import-Base1")
        let good = #"{"forest":"fabrikam.com","account":"svc","password":"Ac5-Import-Good1"}"#
        let cases: [(format: String, input: String, line: String)] = [
            ("jsonl", good + "\n" + #"{"forest":"tailspin.com","account":"svc","password":"x""# + "\n", "line 2"),
            ("jsonl", good + "\n" + #"{"forest":"tailspin.com","account":"svc"}"# + "\n", "line 2"),
            ("jsonl", good + "\n\n" + "not json\n", "line 3"),
            ("jsonl", good + "\n" + #"{"forest":"bad forest","account":"svc","password":"Ac5-Import-Bad1"}"# + "\n", "line 2"),
            ("jsonl", good + "\n" + #"{"forest":"tailspin.com","account":"svc","password":""}"# + "\n", "line 2"),
            ("jsonl", good + "\n" + #"{"forest":"tailspin.com","account":"svc","password":"\ud800"}"# + "\n", "line 2"),
            ("jsonl", good + "\n" + #"{"forest":"tailspin.com","account":"svc","password":"a\u0000b"}"# + "\n", "line 2"),
            ("jsonl", good + " trailing\n", "line 1"),
            ("csv", "forest,account,password\nfabrikam.com,svc,Ac5-Import-Good1\ntailspin.com,svc\n", "line 3"),
            ("csv", "fabrikam.com,svc,Ac5-Import-Good1\ntailspin.com,svc,\"unclosed\n", "line 2"),
            ("csv", "fabrikam.com,svc,Ac5-Import-Good1\ntailspin.com,svc,a,b\n", "line 2"),
            ("csv", "fabrikam.com,svc,Ac5-Import-Good1\ntails\"pin.com,svc,x\n", "line 2"),
            ("jsonl", "", "no records"),
        ]
        for item in cases {
            try Self.expectRefused(vault, ["import", "--format", item.format], stdin: item.input, code: 65, mentioning: [item.line])
            #expect(try vault.run(["get", "fabrikam.com"]).status == 66, "the good record was imported")
        }
        let list = try JSON.array(vault.run(["list", "--json"]).stdout)
        #expect(list.compactMap { $0["forest"] as? String } == [Self.forest])
    }

    @Test("an import is one transaction: a failure while writing its second record leaves none stored")
    func importIsOneTransaction() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Tx-Base-Pw1")
        // Make SQLite itself refuse the second record, after the first was inserted.
        #expect(try vault.sqlite("""
            CREATE TRIGGER refuse_tailspin BEFORE INSERT ON secret_versions WHEN NEW.forest = 'tailspin.com'
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END;
            """).status == 0)
        let before = try vault.dump()
        let input = #"{"forest":"fabrikam.com","account":"svc","password":"Tx-Import-Pw1"}"# + "\n"
            + #"{"forest":"tailspin.com","account":"svc","password":"Tx-Import-Pw2"}"# + "\n"
        let result = try vault.run(["import"], stdin: input)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderrLines.count == 1)
        #expect(try vault.dump() == before)
        #expect(try vault.run(["get", "fabrikam.com"]).status == 66)
    }

    @Test("fail closed: when the audit event cannot be written, neither the change nor the read happens")
    func auditFailureFailsClosed() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Audit-Base-Pw1")
        #expect(try vault.sqlite("""
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END;
            """).status == 0)
        let before = try vault.dump()
        let set = try vault.run(["set", Self.forest, "--account", "svc-sync", "--stdin"], stdin: "Audit-New-Pw2\n")
        #expect(set.status != 0)
        #expect(set.stderrLines.count == 1)
        let rollback = try vault.run(["rollback", Self.forest, "--to", "1"])
        #expect(rollback.status != 0)
        let get = try vault.run(["get", Self.forest])
        #expect(get.status != 0)
        #expect(!get.stdout.contains("Audit-Base-Pw1"), "a read was revealed without its audit event")
        #expect(try vault.dump() == before)
    }

    // MARK: 6. Concurrent writers

    @Test("AC6: 8 processes doing 25 sets each on one forest end with versions 1 to 200 exactly")
    func concurrentWriters() throws {
        let vault = try VaultSandbox()
        let environment = vault.environment
        let failures = Failures()
        let group = DispatchGroup()
        // Threads, not a concurrent queue: each worker must really run at once with the others.
        for worker in 0..<8 {
            group.enter()
            let thread = Thread {
                for round in 0..<25 {
                    do {
                        let result = try CLI.run(
                            ["set", "race.com", "--account", "svc", "--stdin"],
                            stdin: "Race-\(worker)-\(round)-Pw!\n", environment: environment)
                        if result.status != 0 { failures.add("worker \(worker) round \(round): \(result.status) \(result.stderr)") }
                    } catch {
                        failures.add("worker \(worker) round \(round): \(error)")
                    }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()

        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        let history = try Self.history(vault, "race.com")
        #expect(history.map(\.version) == Array(1...200))
        #expect(Set(history.map(\.fingerprint)).count == 200)
        let list = try JSON.array(vault.run(["list", "--json"]).stdout)
        #expect(list.first?["current_version"] as? Int == 200)
        let sets = try vault.sqlite("SELECT count(*) FROM audit_events WHERE action = 'set' AND forest = 'race.com'")
        #expect(sets.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "200")
    }

    // MARK: 8. Only get prints a password

    @Test("AC8: no command but get prints a password, on stdout or stderr")
    func onlyGetPrints() throws {
        let folder = try VaultSandbox(initialize: false)
        var outputs: [ProcessResult] = []
        // Every command runs with the most verbose logging: a log line must not leak either.
        let trace = ["CREDVAULT_LOG_LEVEL": "trace"]
        let passFile = try folder.write("init.pass", "Ac8-Vault-Passphrase-Zq\n", mode: 0o600)
        var passwords = ["Ac8-Vault-Passphrase-Zq"]
        let initResult = try CLI.run(["init", "--keyfile-out", folder.keyfilePath, "--passphrase-file", passFile, "--kdf", "interactive"],
                                     environment: ["CREDVAULT_VAULT": folder.vaultPath].merging(trace) { $1 })
        #expect(initResult.status == 0)
        outputs.append(initResult)
        let vault = folder

        func record(_ result: ProcessResult) { outputs.append(result) }
        let p1 = "Ac8-Set-First-Kx1!", p2 = "Ac8-Set-Second-Kx2@", p3 = "Ac8-Reason-Kx3#"
        passwords += [p1, p2, p3]
        record(try vault.set(Self.forest, account: Self.account, password: p1, environment: trace))
        record(try vault.set(Self.forest, account: Self.account, password: p2, extra: ["--expect-version", "1"], environment: trace))
        record(try vault.set(Self.forest, account: Self.account, password: p3, extra: ["--reason", "CHG-1042"], environment: trace))
        record(try vault.run(["set", "fabrikam.com", "--account", "svc", "--generate"], environment: trace))
        record(try vault.run(["set", "fabrikam.com", "--account", "svc", "--generate", "--length", "64"], environment: trace))
        let lost = "Ac8-Lost-Race-Kx4$"
        passwords.append(lost)
        record(try vault.run(["set", Self.forest, "--account", "svc", "--stdin", "--expect-version", "1"], stdin: lost + "\n", environment: trace))
        let imported = ["Ac8-Import-Json-Kx5%", "Ac8-Import-Csv-Kx6^", #"Ac8-"quoted",Kx7&"#]
        passwords += imported
        record(try vault.run(["import"], stdin: #"{"forest":"tailspin.com","account":"svc","password":"\#(imported[0])"}"# + "\n", environment: trace))
        record(try vault.run(["import", "--format", "csv"],
                             stdin: "forest,account,password\nwingtip.com,svc,\(imported[1])\nnorthwind.com,svc,\"Ac8-\"\"quoted\"\",Kx7&\"\n",
                             environment: trace))
        // An import with its columns in the wrong order must not echo the password in its error.
        let misplaced = "Ac8-Misplaced-Kx8"
        passwords.append(misplaced)
        record(try vault.run(["import", "--format", "csv"], stdin: "\(misplaced)!,svc,contoso.com\n", environment: trace))
        record(try vault.run(["import"], stdin: #"{"forest":"\#(misplaced)!","account":"svc","password":"contoso.com"}"# + "\n", environment: trace))
        record(try vault.run(["rollback", Self.forest, "--to", "1"], environment: trace))
        record(try vault.run(["list"], environment: trace))
        record(try vault.run(["list", "--json"], environment: trace))
        for forest in [Self.forest, "fabrikam.com", "tailspin.com", "wingtip.com", "northwind.com"] {
            record(try vault.run(["history", forest], environment: trace))
            record(try vault.run(["history", forest, "--json"], environment: trace))
        }
        record(try vault.run(["get", Self.forest, "--version", "99"], environment: trace))
        record(try vault.run(["list"], environment: ["CREDVAULT_KEYFILE": "", "CREDVAULT_PASSPHRASE_FILE": passFile].merging(trace) { $1 }))

        // The generated passwords, learned the only allowed way.
        for version in ["1", "2"] {
            let got = try vault.run(["get", "fabrikam.com", "--version", version])
            #expect(got.status == 0)
            let generated = got.stdout.trimmingCharacters(in: .newlines)
            #expect(generated.count == (version == "1" ? 32 : 64))
            passwords.append(generated)
        }
        #expect(outputs.contains { $0.stderr.contains("stored version") }, "trace logging did not reach stderr")
        for password in passwords {
            for result in outputs {
                #expect(!result.stdout.contains(password), "a password was printed on stdout")
                #expect(!result.stderr.contains(password), "a password was printed on stderr")
            }
        }
        // get itself does print it.
        #expect(try vault.run(["get", "northwind.com"]).stdout == imported[2] + "\n")
    }

    // MARK: Check-and-set, rollback, get --json

    @Test("set --expect-version N is a check-and-set: exit 75 when another version landed first")
    func checkAndSet() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Cas-One-Pw1", extra: ["--expect-version", "0"])
        try vault.set(Self.forest, password: "Cas-Two-Pw2", extra: ["--expect-version", "1"])
        try Self.expectRefused(
            vault, ["set", Self.forest, "--account", "svc-sync", "--stdin", "--expect-version", "1"], stdin: "Cas-Late-Pw3\n",
            code: 75, mentioning: ["version 2"])
        try Self.expectRefused(
            vault, ["set", "new.example.com", "--account", "svc", "--stdin", "--expect-version", "3"], stdin: "Cas-New-Pw1\n",
            code: 75)
        #expect(try vault.run(["get", Self.forest]).stdout == "Cas-Two-Pw2\n")
        #expect(try Self.history(vault).map(\.version) == [1, 2])
    }

    @Test("8 processes racing the same --expect-version: exactly one stores, the others exit 75")
    func checkAndSetRace() throws {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, password: "Race-Base-Pw0")
        let environment = vault.environment
        let statuses = Failures()
        let group = DispatchGroup()
        for worker in 0..<8 {
            group.enter()
            Thread {
                do {
                    let result = try CLI.run(
                        ["set", Self.forest, "--account", "svc-sync", "--stdin", "--expect-version", "1"],
                        stdin: "Race-Cas-\(worker)-Pw!\n", environment: environment)
                    statuses.add("\(result.status)")
                } catch {
                    statuses.add("error \(error)")
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(statuses.all.sorted() == ["0"] + Array(repeating: "75", count: 7))
        #expect(try Self.history(vault).map(\.version) == [1, 2])
    }

    @Test("rollback stores a new version with the old version's password and fingerprint")
    func rollbackMakesNewVersion() throws {
        let vault = try VaultSandbox()
        for password in ["Rb-One-Pw1", "Rb-Two-Pw2", "Rb-Three-Pw3"] { try vault.set(Self.forest, password: password) }
        let result = try vault.run(["rollback", Self.forest, "--to", "1", "--reason", "v3 broke the connector"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("version 4"))

        let rows = try JSON.array(vault.run(["history", Self.forest, "--json"]).stdout)
        #expect(rows.compactMap { $0["version"] as? Int } == [1, 2, 3, 4])
        #expect(rows[3]["fingerprint"] as? String == rows[0]["fingerprint"] as? String)
        #expect(rows[3]["fingerprint"] as? String != rows[2]["fingerprint"] as? String)
        #expect(rows[3]["source"] as? String == "rollback")
        #expect(rows[3]["rolled_back_from"] as? Int == 1)
        #expect(try vault.run(["get", Self.forest]).stdout == "Rb-One-Pw1\n")
        #expect(try vault.run(["get", Self.forest, "--version", "3"]).stdout == "Rb-Three-Pw3\n")
        let events = try vault.sqlite("SELECT count(*) FROM audit_events WHERE action = 'rollback' AND version = 4")
        #expect(events.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("get --json has forest, account, version, password and created_at")
    func getJSONShape() throws {
        let vault = try VaultSandbox()
        let password = #"Js"on\back\slash/é€😀"#
        try vault.set("Contoso.COM", account: Self.account, password: "Json-First-Pw1")
        try vault.set("contoso.com.", account: Self.account, password: password)
        let result = try vault.run(["get", "CONTOSO.com", "--json"])
        #expect(result.status == 0)
        let object = try JSON.object(result.stdout)
        #expect(object["forest"] as? String == Self.forest)
        #expect(object["account"] as? String == Self.account)
        #expect(object["version"] as? Int == 2)
        #expect(object["password"] as? String == password)
        #expect((object["created_at"] as? String).flatMap(Timestamp.parse) != nil)
        #expect((object["created_at"] as? String)?.hasSuffix("Z") == true)
        let old = try JSON.object(vault.run(["get", Self.forest, "--json", "--version", "1"]).stdout)
        #expect(old["password"] as? String == "Json-First-Pw1")
        #expect(old["version"] as? Int == 1)
    }
}

/// Failures collected from worker threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
