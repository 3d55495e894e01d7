import Foundation
import Testing
import TestSupport

@Suite("CLI smoke")
struct SmokeTests {
    @Test("init, set, get round-trips a password through the real binary")
    func roundTrip() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Sm0ke-Test-Pw!")
        let got = try vault.run(["get", "contoso.com"])
        #expect(got.status == 0)
        #expect(got.stdout == "Sm0ke-Test-Pw!\n")
    }
}
