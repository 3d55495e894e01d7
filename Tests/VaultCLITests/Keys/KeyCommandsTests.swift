import Foundation
import Testing
import TestSupport

@Suite("key slot commands (black box)")
struct KeyCommandsTests {
    /// The ids of the vault's slots of `kind` (label checked when given).
    static func slots(_ vault: VaultSandbox, environment: [String: String] = [:]) throws -> [[String: Any]] {
        let result = try vault.run(["keys", "--json"], environment: environment)
        #expect(result.status == 0, "keys --json: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func writeSecretFile(_ vault: VaultSandbox, _ name: String, _ text: String) throws -> String {
        try vault.write(name, text + "\n", mode: 0o600)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileMode.of(path))
    }

    @Test("keys lists slots without key material; keyfile add unlocks, keyfile remove locks it out again")
    func keyfileAddRemove() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Keys-Pw-1!")
        let initial = try KeyCommandsTests.slots(vault)
        #expect(initial.count == 1)
        #expect(initial.first?["kind"] as? String == "keyfile")
        let listing = try vault.run(["keys"])
        #expect(listing.stdout.contains("keyfile"))
        let keyText = try String(contentsOfFile: vault.keyfilePath, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(!listing.stdout.contains(keyText))
        #expect(!(try vault.run(["keys", "--json"]).stdout.contains(keyText)))

        let second = vault.folder.appendingPathComponent("second.key").path
        let added = try vault.run(["keyfile", "add", "--out", second])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try KeyCommandsTests.mode(second) == 0o600)
        let again = try vault.run(["keyfile", "add", "--out", second])
        #expect(again.status == 73)

        let withSecond = ["CREDVAULT_KEYFILE": second]
        let got = try vault.run(["get", "contoso.com"], environment: withSecond)
        #expect(got.status == 0)
        #expect(got.stdout == "Keys-Pw-1!\n")

        let slots = try KeyCommandsTests.slots(vault)
        #expect(slots.count == 2)
        let newID = try #require(slots.first { ($0["label"] as? String) == second }?["id"] as? String)
        let removed = try vault.run(["keyfile", "remove", newID])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try vault.run(["get", "contoso.com"], environment: withSecond).status == 77)
        #expect(try vault.run(["get", "contoso.com"]).status == 0)

        // The last slot stays.
        let lastID = try #require(try KeyCommandsTests.slots(vault).first?["id"] as? String)
        let refused = try vault.run(["keyfile", "remove", lastID])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("only slot"))
        #expect(try vault.run(["keyfile", "remove", "ffffffffffffffff"]).status == 66)

        let actions = try vault.run(["audit", "--action", "keyslot", "--json"]).stdout.split(separator: "\n")
        #expect(actions.count == 2)
        #expect(try vault.run(["audit", "verify"]).status == 0)
    }

    @Test("passphrase change: the old passphrase fails with 77, the new one opens")
    func passphraseChange() throws {
        let vault = try VaultSandbox(initialize: false)
        let old = try KeyCommandsTests.writeSecretFile(vault, "old.pass", "Old passphrase 1")
        let new = try KeyCommandsTests.writeSecretFile(vault, "new.pass", "New passphrase 2")
        let created = try CLI.run(
            ["init", "--passphrase-file", old, "--keyfile-out", vault.keyfilePath, "--kdf", "interactive"],
            environment: ["CREDVAULT_VAULT": vault.vaultPath])
        try #require(created.status == 0, "\(created.stderr)")
        try vault.set("contoso.com", password: "Pass-Change-Pw!")
        let byOld = ["CREDVAULT_KEYFILE": "", "CREDVAULT_PASSPHRASE_FILE": old]
        let byNew = ["CREDVAULT_KEYFILE": "", "CREDVAULT_PASSPHRASE_FILE": new]
        #expect(try vault.run(["list"], environment: byOld).status == 0)

        let changed = try vault.run(
            ["passphrase", "change", "--new-passphrase-file", new, "--kdf", "interactive"], environment: byOld)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try vault.run(["list"], environment: byOld).status == 77)
        #expect(try vault.run(["get", "contoso.com"], environment: byNew).stdout == "Pass-Change-Pw!\n")
        let passphraseSlots = try KeyCommandsTests.slots(vault).filter { $0["kind"] as? String == "passphrase" }
        #expect(passphraseSlots.count == 1)
        let kdf = try #require(passphraseSlots.first?["kdf"] as? [String: Any])
        #expect(kdf["algorithm"] as? String == "argon2id13")
        #expect(kdf["opslimit"] is Int && kdf["memlimit"] is Int)
        #expect(try vault.run(["audit", "--action", "passphrase.change", "--json"]).stdout.split(separator: "\n").count == 1)
        #expect(try vault.run(["audit", "verify"]).status == 0)

        // Rekey unlocked by the passphrase keeps that slot and drops the keyfile slot.
        let rekeyed = try vault.run(["rekey"], environment: byNew)
        #expect(rekeyed.status == 0, "\(rekeyed.stderr)")
        #expect(rekeyed.stdout.contains("Removed keyfile slot"))
        #expect(try vault.run(["get", "contoso.com"], environment: byNew).stdout == "Pass-Change-Pw!\n")
        #expect(try vault.run(["list"]).status == 77)
        #expect(try vault.run(["audit", "verify"], environment: byNew).status == 0)
    }

    @Test("passphrase change on a keyfile-only vault adds a passphrase slot")
    func passphraseAdded() throws {
        let vault = try VaultSandbox()
        let pass = try KeyCommandsTests.writeSecretFile(vault, "first.pass", "First passphrase 1")
        let result = try vault.run(["passphrase", "change", "--new-passphrase-file", pass, "--kdf", "interactive"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try vault.run(["list"], environment: ["CREDVAULT_KEYFILE": "", "CREDVAULT_PASSPHRASE_FILE": pass]).status == 0)
        #expect(try KeyCommandsTests.slots(vault).count == 2)
    }

    @Test("rekey: every version still reads, key generation rises, verify passes, other slots are removed")
    func rekey() throws {
        let vault = try VaultSandbox()
        let passwords = ["Rekey-Pw-1!", "Rekey-Pw-2!", "Rekey-Pw-3!"]
        for password in passwords { try vault.set("contoso.com", password: password) }
        try vault.set("fabrikam.com", password: "Rekey-Fab-1!")
        let second = vault.folder.appendingPathComponent("second.key").path
        #expect(try vault.run(["keyfile", "add", "--out", second]).status == 0)
        let before = try vault.sqlite("SELECT forest, version, key_generation, hex(ciphertext) FROM secret_versions ORDER BY forest, version").stdout
        let checkpoint = try vault.run(["audit", "checkpoint"]).stdout.trimmingCharacters(in: .newlines)

        let result = try vault.run(["rekey"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Removed keyfile slot"))
        #expect(result.stdout.contains("credvault-checkpoint v1 seq="))

        for (index, password) in passwords.enumerated() {
            #expect(try vault.run(["get", "contoso.com", "--version", String(index + 1)]).stdout == password + "\n")
        }
        #expect(try vault.run(["get", "fabrikam.com"]).stdout == "Rekey-Fab-1!\n")
        let generations = try vault.sqlite("SELECT DISTINCT key_generation FROM secret_versions; SELECT key_generation FROM vault_meta").stdout
        #expect(generations == "2\n2\n")
        let after = try vault.sqlite("SELECT forest, version, key_generation, hex(ciphertext) FROM secret_versions ORDER BY forest, version").stdout
        #expect(before != after)
        #expect(try vault.run(["audit", "verify"]).status == 0)
        // The head taken just before the rekey is vouched for by the rekey event.
        #expect(try vault.run(["audit", "verify", "--checkpoint", checkpoint]).status == 0)
        #expect(try vault.run(["audit", "--action", "rekey", "--json"]).stdout.split(separator: "\n").count == 1)
        // The slot not used to unlock is gone.
        #expect(try vault.run(["list"], environment: ["CREDVAULT_KEYFILE": second]).status == 77)
        #expect(try KeyCommandsTests.slots(vault).count == 1)
        // A second rekey works from the re-wrapped slot.
        #expect(try vault.run(["rekey"]).status == 0)
        #expect(try vault.run(["get", "contoso.com"]).stdout == "Rekey-Pw-3!\n")
        #expect(try vault.run(["audit", "verify"]).status == 0)
        #expect(!(try vault.allVaultBytes()).contains(Data("Rekey-Pw-1!".utf8)))
    }

    @Test("rekey refuses a broken audit trail and changes nothing")
    func rekeyRefusesBrokenChain() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Rekey-Broken-1!")
        try vault.set("contoso.com", password: "Rekey-Broken-2!")
        try #require(try vault.sqlite("UPDATE audit_events SET reason = 'forged' WHERE seq = 2").status == 0)
        let before = try vault.sqlite("SELECT hex(ciphertext), key_generation FROM secret_versions; SELECT hex(mac) FROM audit_events").stdout
        let result = try vault.run(["rekey"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("seq 2"))
        #expect(try vault.sqlite("SELECT hex(ciphertext), key_generation FROM secret_versions; SELECT hex(mac) FROM audit_events").stdout == before)
    }

    @Test("backup: a 0600 copy that opens with the same keyfile and has the same history")
    func backup() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Backup-Pw-1!", extra: ["--reason", "first"])
        try vault.set("contoso.com", password: "Backup-Pw-2!")
        let copy = vault.folder.appendingPathComponent("copy.db").path
        let result = try vault.run(["backup", copy])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try KeyCommandsTests.mode(copy) == 0o600)
        #expect(try vault.run(["backup", copy]).status == 73)

        let onCopy = ["CREDVAULT_VAULT": copy]
        #expect(try vault.run(["history", "contoso.com", "--json"], environment: onCopy).stdout
            == (try vault.run(["history", "contoso.com", "--json"]).stdout))
        #expect(try vault.run(["get", "contoso.com", "--version", "1"], environment: onCopy).stdout == "Backup-Pw-1!\n")
        #expect(try vault.run(["audit", "verify"], environment: onCopy).status == 0)
        let backups = try vault.run(["audit", "--action", "backup", "--json"]).stdout.split(separator: "\n")
        #expect(backups.count == 1)
        #expect(try vault.run(["audit", "verify"]).status == 0)
    }
}
