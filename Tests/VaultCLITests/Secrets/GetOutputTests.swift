import Foundation
import Testing
import TestSupport

@Suite("get: exact output and a reason")
struct GetOutputTests {
    static let password = "Exact-Bytes-9!"

    @Test("by default the password ends with one newline; --no-newline prints the exact bytes")
    func noNewline() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: Self.password)

        let plain = try vault.run(["get", "contoso.com"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == Self.password + "\n")

        let exact = try vault.run(["get", "contoso.com", "--no-newline"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout == Self.password)

        let json = try vault.run(["get", "contoso.com", "--json", "--no-newline"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(!json.stdout.hasSuffix("\n"))
        #expect(try JSON.object(json.stdout)["password"] as? String == Self.password)
    }

    @Test("--reason is recorded in the get event")
    func reasonIsAudited() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: Self.password)
        let result = try vault.run(["get", "contoso.com", "--reason", "INC-7 ldappasswd"])
        #expect(result.status == 0, "\(result.stderr)")

        let audit = try vault.run(["audit", "--action", "get", "--json"])
        let events = try audit.stdout.split(separator: "\n").map { try JSON.object(String($0)) }
        #expect(events.count == 1)
        #expect(events.first?["reason"] as? String == "INC-7 ldappasswd")

        // Without --reason the event's reason stays null, as before.
        _ = try vault.run(["get", "contoso.com"])
        let again = try vault.run(["audit", "--action", "get", "--json"]).stdout
            .split(separator: "\n").map { try JSON.object(String($0)) }
        #expect(again.count == 2)
        #expect(again.last?["reason"] is NSNull)
    }
}
