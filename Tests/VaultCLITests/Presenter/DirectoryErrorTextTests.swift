@testable import CredVault
import Foundation
import Testing
@testable import VaultCLI

/// Every directory error reads as one line that names the cause and the fix.
@Suite("Directory error sentences")
struct DirectoryErrorTextTests {
    let policy = DirectoryPolicy(
        minimumLength: 7, complexityRequired: true, minimumAge: 86_400, maximumAge: 3_628_800,
        historyLength: 24, lockoutThreshold: 0, passwordLastSet: Date(timeIntervalSince1970: 1_704_067_200))

    static let bindFailure = ADDiagnostic(parsing: "80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 52e, v4563")
    static let every: [DirectoryError] = [
        .invalidEndpoint(url: "http://dc1", problem: .unsupportedScheme),
        .invalidEndpoint(url: "ldaps://", problem: .missingHost),
        .invalidEndpoint(url: "ldaps://dc1", problem: .unreadableCAFile(path: "/x.pem")),
        .unreachable(server: "dc1:636"),
        .tlsFailed(server: "dc1:636", reason: "certificate verify failed"),
        .invalidCredentials(bindFailure), .invalidCredentials(nil),
        .wrongCurrentPassword(nil), .insufficientRights(nil), .unwillingToPerform(nil),
        .passwordRejected(constraint: "0000052D", reason: nil),
        .passwordRejected(constraint: "0000052D", reason: .tooShort),
        .passwordRejected(constraint: "0000052D", reason: .notComplex),
        .passwordRejected(constraint: "0000052D", reason: .inHistory),
        .passwordRejected(constraint: "0000052D", reason: .tooYoung),
        .noSuchAccount(account: "MSOL_1"), .ambiguousAccount(account: "MSOL*", matches: 2),
        .timeout(.bind), .passwordNotUTF8, .outOfSecureMemory, .other(resultCode: 80, diagnostic: "boom\n"),
        .libraryMissing(library: "libldap-2.5.so.0", reason: "libldap-2.5.so.0: cannot open shared object file: No such file or directory"),
    ] + ADBindRefusal.allCases.map { DirectoryError.accountRestricted($0, nil) }

    @Test("one line each, cause then fix after a colon, with and without the policy", arguments: every)
    func oneLine(error: DirectoryError) {
        for text in [DirectoryErrorText.sentence(for: error), DirectoryErrorText.sentence(for: error, policy: policy)] {
            #expect(!text.contains("\n"), "\(text)")
            #expect(text.contains(": "), "\(text)")
            #expect(text.hasSuffix("."), "\(text)")
            #expect(!text.contains("LDAP error"), "\(text)")
        }
    }

    @Test("a refused password names the domain's rules and the constraint")
    func refusals() {
        #expect(DirectoryErrorText.sentence(for: .passwordRejected(constraint: "0000052D", reason: nil), policy: policy)
            == "the domain refuses this password: it must be at least 7 characters and use 3 of 4 character classes, and not be one of the last 24 (constraint violation 0000052D).")
        #expect(DirectoryErrorText.sentence(for: .passwordRejected(constraint: "0000052D", reason: .tooShort), policy: policy)
            == "the domain refuses this password: it must be at least 7 characters (constraint violation 0000052D).")
        #expect(DirectoryErrorText.sentence(for: .passwordRejected(constraint: "0000052D", reason: .tooYoung), policy: policy)
            .contains("minimum password age of 1 day (possible from 2024-01-02T00:00:00Z)"))
        #expect(DirectoryErrorText.sentence(for: .passwordRejected(constraint: "0000052D", reason: .inHistory), policy: policy)
            .contains("one of the account's last 24 passwords"))
    }

    @Test("AD's sub-codes are kept in the sentence")
    func subCodes() {
        #expect(DirectoryErrorText.sentence(for: .invalidCredentials(Self.bindFailure)).contains("AD data 52e"))
        #expect(DirectoryErrorText.sentence(for: .accountRestricted(.accountLocked, nil)).contains("AD data 775"))
        #expect(DirectoryErrorText.sentence(for: .other(resultCode: 80, diagnostic: "")).contains("LDAP result 80 (other)"))
    }
}
