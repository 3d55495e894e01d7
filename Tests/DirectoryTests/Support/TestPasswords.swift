import CredVault
import Foundation

/// Passwords the tests make up.
enum TestPasswords {
    /// A fresh password meeting AD's default policy (7+ characters, 4 classes).
    static func random() throws -> SecureBytes {
        try text("Pw1!" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(14))
    }

    /// `value` in secure memory (test passwords only: they were a Swift String already).
    static func text(_ value: String) throws -> SecureBytes {
        let utf8 = Array(value.utf8)
        var bytes = try SecureBytes(count: utf8.count)
        bytes.withUnsafeMutableBytes { $0.copyBytes(from: utf8) }
        return bytes
    }
}
