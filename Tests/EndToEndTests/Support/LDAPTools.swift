import Foundation
import TestSupport

/// The OpenLDAP client tools as the end-to-end tests use them against any of the fixture
/// directories: a password is only ever given on a pipe (`-y /dev/stdin`, `-T /dev/stdin`),
/// never in argv or the environment.
enum LDAPTools {
    /// Does a simple bind as `dn` with `password` succeed on `uri`?
    static func canBind(_ uri: String, dn: String, password: String) throws -> Bool {
        let result = try Command.run("/usr/bin/ldapwhoami", ["-x", "-H", uri, "-D", dn, "-y", "/dev/stdin"],
                                     stdin: Data(password.utf8), timeout: 15)
        return result.status == 0
    }

    /// Resets `account`'s password to `password` with `ldappasswd`, bound as `admin` whose
    /// password is in the 0600 file `adminPasswordFile` (the way an AD admin resets it).
    static func resetPassword(_ uri: String, account: String, to password: String,
                              admin: String, adminPasswordFile: String) throws {
        let result = try Command.run("/usr/bin/ldappasswd", [
            "-x", "-H", uri, "-D", admin, "-y", adminPasswordFile, "-T", "/dev/stdin", account,
        ], stdin: Data(password.utf8), timeout: 15)
        guard result.status == 0 else { throw TestFailure("ldappasswd on \(uri) failed: \(result)") }
    }
}
