import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Audit actor under sudo")
struct SudoActorTests {
    /// The `set` event of a vault where `environment` was added to the child's environment.
    static func setEvent(_ environment: [String: String]) throws -> [String: Any] {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Sudo-Actor-1!", environment: environment)
        let audit = try vault.run(["audit", "--action", "set", "--json"])
        try #require(audit.status == 0, "\(audit.stderr)")
        return try JSON.object(audit.stdout.trimmingCharacters(in: .newlines))
    }

    @Test("as root with SUDO_USER the actor is the invoker, the uid the real one",
          .enabled(if: getuid() == 0, "sudo facts are only believed as root"))
    func sudoUserIsRecorded() throws {
        let event = try Self.setEvent(["SUDO_USER": "alice", "SUDO_UID": "1000"])
        #expect(event["actor"] as? String == "alice (sudo as root)")
        #expect(event["uid"] as? Int == 0)
        let detail = try #require(event["detail"] as? [String: Any])
        #expect(detail["sudo_user"] as? String == "alice")
        #expect(detail["sudo_uid"] as? String == "1000")
        #expect(detail["account"] as? String == "svc-sync")
    }

    @Test("without SUDO_USER, or with one that is not a plain name, the actor is the user itself",
          .enabled(if: getuid() == 0, "the expected actor is root"),
          arguments: [[:], ["SUDO_USER": "ali ce"], ["SUDO_USER": "root", "SUDO_UID": "0"]])
    func noSudoUser(environment: [String: String]) throws {
        let event = try Self.setEvent(environment)
        #expect(event["actor"] as? String == "root")
        let detail = try #require(event["detail"] as? [String: Any])
        #expect(detail["sudo_user"] == nil)
    }

    @Test("history names the invoker too", .enabled(if: getuid() == 0, "sudo facts are only believed as root"))
    func historyActor() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Sudo-Actor-1!", environment: ["SUDO_USER": "alice"])
        let history = try vault.run(["history", "contoso.com", "--json"])
        try #require(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("alice (sudo as root)"))
    }
}
