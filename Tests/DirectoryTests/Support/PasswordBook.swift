import CredVault
import Foundation

/// What each test account's password is now, as the tests change them (in secure memory).
final class PasswordBook: @unchecked Sendable {
    // @unchecked: every access to `entries` holds `lock`.
    private final class Entry {
        var bytes: SecureBytes
        init(_ bytes: consuming SecureBytes) { self.bytes = bytes }
    }
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// A copy of `account`'s current password.
    func current(_ account: String) throws -> SecureBytes {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[account] else { throw FixtureError("no password recorded for \(account)") }
        return try entry.bytes.slice(0..<entry.bytes.count)
    }

    /// Records `password` as `account`'s current one.
    func record(_ account: String, _ password: borrowing SecureBytes) throws {
        let copy = try password.slice(0..<password.count)
        lock.lock()
        defer { lock.unlock() }
        entries[account] = Entry(copy)
    }
}
