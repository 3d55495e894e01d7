import CredVault
import Foundation

/// The one sentence a user reads for a `DirectoryError`: what happened, in the directory's
/// own terms (the AD sub-code or constraint is kept, for searching and for the AD admin), and
/// what to do. The library's errors carry only facts; the wording lives here.
enum DirectoryErrorText {
    /// The sentence for `error`; `policy`, when the domain's policy was read, names the rule
    /// a refused password broke.
    static func sentence(for error: DirectoryError, policy: DirectoryPolicy? = nil) -> String {
        switch error {
        case .invalidEndpoint(let url, let problem):
            return endpoint(url, problem)
        case .unreachable(let server):
            return "cannot reach the directory at \(server): check the URL, the port (636 for ldaps://, 389 for ldap://), DNS and firewalls."
        case .tlsFailed(let server, let reason):
            return "TLS with \(server) failed (\(reason)): check that the CA file holds the CA that signed the server's certificate and that the URL's host name is in that certificate."
        case .invalidCredentials(let diagnostic):
            return "the directory refuses the account's name or password (invalid credentials\(code(diagnostic, data: true))): the vault's password is not the account's current one; store the right one with `credvault set`, or reset it with a rotator account."
        case .accountRestricted(let refusal, _):
            return restriction(refusal)
        case .wrongCurrentPassword(let diagnostic):
            return "the directory refuses the current password given for the change\(code(diagnostic, data: false)): the vault's password is out of date; store the current one with `credvault set`, or reset it with a rotator account."
        case .passwordRejected(let constraint, let reason):
            return rejection(constraint: constraint, reason: reason, policy: policy)
        case .insufficientRights(let diagnostic):
            return "the bound account may not change this password (insufficient access rights\(code(diagnostic, data: false))): grant it \"Reset password\" on the account in AD, or change the password in self mode."
        case .unwillingToPerform(let diagnostic):
            return "the directory will not do this (unwilling to perform\(code(diagnostic, data: false))): AD changes unicodePwd only over TLS and only on a writable domain controller; check the URL points to one."
        case .noSuchAccount(let account):
            return "no account named \(account) in the directory: check the name (sAMAccountName, user principal name or DN) and the search base."
        case .ambiguousAccount(let account, let matches):
            return "\(matches) entries match \(account) in the directory: store the account's DN or user principal name instead."
        case .timeout(let operation):
            return "the directory did not answer the \(operation.rawValue) in time: check the server and the network, or allow a longer timeout."
        case .passwordNotUTF8:
            return "the password is not valid UTF-8, so it has no unicodePwd form for AD: store the password as UTF-8 text."
        case .outOfSecureMemory:
            return "out of secure (locked) memory for the password: raise the memlock limit (ulimit -l) and try again."
        case .libraryMissing(let library, let reason):
            return "cannot load OpenLDAP's client library \(library) (\(reason)): install it (Debian: apt-get install libldap-2.5-0) to use directory commands."
        case .other(let resultCode, let diagnostic):
            let detail = diagnostic.isEmpty ? "" : ": \(diagnostic.trimmingCharacters(in: .whitespacesAndNewlines))"
            return "the directory answered LDAP result \(resultCode) (\(resultName(resultCode)))\(detail); see the directory's log for the cause."
        }
    }

    private static func endpoint(_ url: String, _ problem: DirectoryError.EndpointProblem) -> String {
        switch problem {
        case .unsupportedScheme:
            return "\(url) is not a directory URL credvault accepts: use ldaps://HOST[:PORT] or ldap://HOST[:PORT] (always upgraded with StartTLS)."
        case .missingHost:
            return "\(url) does not name one server: write it as ldaps://HOST[:PORT], without a base DN or search part."
        case .unreadableCAFile(let path):
            return "cannot read the CA file \(path): give a readable PEM file holding the CA that signed the directory's certificate."
        }
    }

    private static func restriction(_ refusal: ADBindRefusal) -> String {
        let data = "AD data \(refusal.rawValue)"
        switch refusal {
        case .accountLocked:
            return "the domain has locked the account out after too many wrong passwords (\(data)): unlock it in AD (Unlock-ADAccount) and find what keeps using an old password."
        case .accountDisabled:
            return "the account is disabled in the domain (\(data)): enable it in AD before rotating its password."
        case .accountExpired:
            return "the account has expired in the domain (\(data)): extend its expiry date in AD."
        case .passwordExpired:
            return "the account's password has expired in the domain (\(data)): reset it with a rotator account, then rotate again."
        case .mustChangePassword:
            return "the domain requires the account to change its password at next logon (\(data)): clear that flag in AD, or reset the password with a rotator account."
        case .notPermittedAtThisTime:
            return "the domain does not let the account log on at this time (\(data)): check its logon hours in AD."
        case .notPermittedOnWorkstation:
            return "the domain does not let the account log on from this computer (\(data)): check its \"Log On To\" list in AD."
        }
    }

    private static func rejection(constraint: String?, reason: PasswordRejectionReason?, policy: DirectoryPolicy?) -> String {
        let tag = "(constraint violation\(constraint.map { " \($0)" } ?? ""))"
        let refuses = "the domain refuses this password"
        switch reason {
        case .tooShort:
            let length = policy.map { "at least \($0.minimumLength) characters" } ?? "as long as the domain's minimum length"
            return "\(refuses): it must be \(length) \(tag)."
        case .notComplex:
            return "\(refuses): it must use 3 of 4 character classes (upper case, lower case, digits, symbols) and not contain the account's name \(tag)."
        case .inHistory:
            let count = policy.map { "one of the account's last \($0.historyLength) passwords" } ?? "in the account's password history"
            return "\(refuses): it is \(count) \(tag); use a new password."
        case .tooYoung:
            return "\(refuses) change now: the current password is younger than the domain's minimum password age\(earliest(policy)) \(tag); wait, or reset it with a rotator account (a reset is not bound by the minimum age)."
        case nil:
            guard let policy else {
                return "\(refuses) under its password policy \(tag): check its length, complexity, history and minimum age rules."
            }
            return "\(refuses): it must be at least \(policy.minimumLength) characters\(policy.complexityRequired ? " and use 3 of 4 character classes" : "")\(policy.historyLength > 0 ? ", and not be one of the last \(policy.historyLength)" : "") \(tag)."
        }
    }

    /// " of 1 day (possible from 2026-12-02T09:00:00Z)" when the policy tells.
    private static func earliest(_ policy: DirectoryPolicy?) -> String {
        guard let policy, policy.minimumAge > 0 else { return "" }
        let age = policy.minimumAge.truncatingRemainder(dividingBy: 86_400) == 0
            ? "\(Int(policy.minimumAge / 86_400)) day\(policy.minimumAge == 86_400 ? "" : "s")"
            : "\(Int(policy.minimumAge / 3_600)) hours"
        guard let lastSet = policy.passwordLastSet else { return " of \(age)" }
        let from = lastSet.addingTimeInterval(policy.minimumAge).formatted(.iso8601)
        return " of \(age) (possible from \(from))"
    }

    /// ", AD 0000052D" or ", AD data 52e" from a diagnostic, when AD sent one.
    private static func code(_ diagnostic: ADDiagnostic?, data: Bool) -> String {
        guard let diagnostic else { return "" }
        if data, let sub = diagnostic.data { return ", AD data \(sub)" }
        return ", AD \(diagnostic.code)"
    }

    /// RFC 4511's name for the result codes a password change can meet.
    static func resultName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            1: "operationsError", 2: "protocolError", 3: "timeLimitExceeded", 4: "sizeLimitExceeded",
            7: "authMethodNotSupported", 8: "strongerAuthRequired", 10: "referral", 11: "adminLimitExceeded",
            12: "unavailableCriticalExtension", 13: "confidentialityRequired", 16: "noSuchAttribute",
            17: "undefinedAttributeType", 19: "constraintViolation", 20: "attributeOrValueExists",
            21: "invalidAttributeSyntax", 32: "noSuchObject", 34: "invalidDNSyntax", 48: "inappropriateAuthentication",
            49: "invalidCredentials", 50: "insufficientAccessRights", 51: "busy", 52: "unavailable",
            53: "unwillingToPerform", 64: "namingViolation", 65: "objectClassViolation", 68: "entryAlreadyExists",
            80: "other", -1: "server down", -5: "timeout", -7: "decoding error", -11: "connect error",
        ]
        return names[code] ?? "unknown"
    }
}
