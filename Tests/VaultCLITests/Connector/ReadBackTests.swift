import Foundation
import Testing
import TestSupport

/// Issue 13: whatever a push writes, the probe reads back as the same password, for every
/// format; a password a format cannot hold is refused before anything is written.
@Suite("Target read-back is exact")
struct ReadBackTests {
    /// A random password of printable ASCII (space, '=', '#', quotes, backslash included)
    /// and some non-ASCII letters, 12 to 40 characters.
    static func randomPassword<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array(" =#\"'\\;!:{}[],") + (0x21...0x7e).map { Character(UnicodeScalar(UInt8($0))) }
            + Array("éßøЖ漢🙂")
        let length = Int.random(in: 12...40, using: &generator)
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random passwords pushed to keyvalue (CRLF) and json targets read back as current; a second push --all leaves them alone",
          arguments: [("keyvalue", "user=svc\r\npassword=old\r\n# comment\r\n"), ("json", "{\"user\": \"svc\", \"password\": \"old\"}\n")])
    func randomPasswords(_ target: (format: String, text: String)) throws {
        let bench = try ConnectorBench()
        var generator = SeededGenerator(state: target.format == "json" ? 13 : 42)
        try bench.vault.set("contoso.com", password: "Seed-Password-1")
        let path = try bench.file("target.\(target.format)", target.text)
        let restart = try bench.script("restart.sh", "echo r >> \(bench.path("restarts"))")
        try bench.addConnector(["t", "--forest", "contoso.com", "--file", path, "--format", target.format, "--password-key", "password",
                                "--restart", restart])
        var restarts = 0
        for round in 0..<25 {
            var password = Self.randomPassword(using: &generator)
            if round == 0 { password = " leading space" }
            if round == 1 { password = "trailing space " }
            try bench.vault.set("contoso.com", password: password, extra: ["--allow-reuse"])
            let before = bench.read("target.\(target.format)")
            let push = try bench.run(["push", "--all"])
            if target.format == "keyvalue" && password.first == " " {
                #expect(push.status == 65, "\(password): \(push)")
                #expect(push.stderr.contains("begins with a space"), "\(push.stderr)")
                #expect(bench.read("target.\(target.format)") == before, "a refused push changed the file")
                continue
            }
            #expect(push.status == 0, "\(password): \(push)")
            restarts += 1
            #expect(try bench.status("t")["target_state"] as? String == "current", "\(password) did not read back")
            let again = try bench.run(["push", "--all"])
            #expect(again.status == 0 && again.stdout.contains("left alone"), "\(password): \(again)")
            #expect(bench.read("restarts").split(separator: "\n").count == restarts, "\(password): a needless restart")
        }
        if target.format == "keyvalue" { #expect(bench.read("target.keyvalue").contains("\r\n# comment\r\n")) }
    }
}
