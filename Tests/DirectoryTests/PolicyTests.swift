@testable import CredVault
import Foundation
import Testing

/// AD's time encodings and the policy's "may the account change its own password now?".
@Suite("Directory policy")
struct PolicyTests {
    @Test("FILETIME and AD intervals")
    func fileTime() throws {
        // 2024-01-01T00:00:00Z
        let date = Date(timeIntervalSince1970: 1_704_067_200)
        #expect(FileTime.fileTime(date) == 133_485_408_000_000_000)
        #expect(FileTime.date(133_485_408_000_000_000) == date)
        #expect(FileTime.date(0) == nil)
        #expect(FileTime.date(Int64.max) == nil)
        #expect(FileTime.interval(-864_000_000_000) == 86_400)
        #expect(FileTime.interval(Int64.min) == nil)
        #expect(FileTime.ticks(86_400) == -864_000_000_000)
    }

    @Test("the domain object and pwdLastSet become a policy")
    func fromEntries() {
        func value(_ text: String) -> [[UInt8]] { [Array(text.utf8)] }
        let domain = LDAPEntry(dn: "DC=contoso,DC=com", attributes: [
            "minPwdLength": value("12"), "pwdProperties": value("17"), "minPwdAge": value("-864000000000"),
            "maxPwdAge": value("-9223372036854775808"), "pwdHistoryLength": value("24"), "lockoutThreshold": value("5"),
        ])
        let account = LDAPEntry(dn: "CN=MSOL_1", attributes: ["pwdLastSet": value("133485408000000000")])
        let policy = DirectoryPolicy(domain: domain, account: account)
        #expect(policy == DirectoryPolicy(
            minimumLength: 12, complexityRequired: true, minimumAge: 86_400, maximumAge: nil,
            historyLength: 24, lockoutThreshold: 5, passwordLastSet: Date(timeIntervalSince1970: 1_704_067_200)))
        #expect(policy.passwordExpires == nil)
        let simple = DirectoryPolicy(domain: LDAPEntry(dn: "x", attributes: ["pwdProperties": value("16")]), account: nil)
        #expect(!simple.complexityRequired)
        #expect(simple.passwordLastSet == nil)
    }

    @Test("a self change waits for minPwdAge after pwdLastSet")
    func selfChange() {
        let lastSet = Date(timeIntervalSince1970: 1_704_067_200)
        var policy = DirectoryPolicy(minimumLength: 7, complexityRequired: true, minimumAge: 86_400, maximumAge: 3_628_800,
                                     historyLength: 24, lockoutThreshold: 0, passwordLastSet: lastSet)
        #expect(policy.selfChange(at: lastSet.addingTimeInterval(3_600)) == .notBefore(lastSet.addingTimeInterval(86_400)))
        #expect(policy.selfChange(at: lastSet.addingTimeInterval(86_400)) == .allowed)
        #expect(policy.passwordExpires == lastSet.addingTimeInterval(3_628_800))
        policy.minimumAge = 0
        #expect(policy.selfChange(at: lastSet) == .allowed)
        policy.minimumAge = 86_400
        policy.passwordLastSet = nil
        #expect(policy.selfChange(at: lastSet) == .allowed)
    }
}
