@testable import CredVault

/// The directory's LDAP result parser (ADDiagnostic and DirectoryErrorTranslator): any result
/// code and diagnostic translate without a trap; a parsed diagnostic keeps the server's
/// text and a well-formed status and data sub-code; and a diagnostic built the way AD writes
/// it gives back its status and sub-code, and a bind refusal when the sub-code names one.
/// Input: four bytes of result code, then the diagnostic (or the comment of a built one).
enum LDAPResultFuzz {
    static let operations: [DirectoryOperation] = [.connect, .startTLS, .bind, .search, .modify, .passwordModify]

    static func run(_ input: UnsafeRawBufferPointer) {
        guard input.count >= 4 else { return }
        let code = input.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let diagnostic = FuzzInput.text(Array(input.dropFirst(4)))
        for operation in operations {
            _ = DirectoryErrorTranslator.error(resultCode: Int32(bitPattern: code), diagnostic: diagnostic, operation: operation)
        }
        if let parsed = ADDiagnostic(parsing: diagnostic) { check(parsed, of: diagnostic) }
        built(status: Array(input.prefix(4)), comment: diagnostic)
    }

    private static func check(_ parsed: ADDiagnostic, of diagnostic: String) {
        precondition(parsed.message == diagnostic, "the diagnostic was not kept verbatim")
        precondition(parsed.code.count == 8 && parsed.code == parsed.code.uppercased(), "a malformed status")
        let status = String(String.UnicodeScalarView(diagnostic.unicodeScalars.prefix(8)))
        precondition(status.uppercased() == parsed.code, "the status is not the text's first eight digits")
        if let data = parsed.data {
            precondition(!data.isEmpty && data.allSatisfy(\.isHexDigit) && data == data.lowercased(), "a malformed data field")
            precondition(data == "0" || !data.hasPrefix("0"), "leading zeros kept in the data field")
        }
    }

    /// `SSSSSSSS: comment, data DDD, v4563` with the status and data made from `status`.
    private static func built(status: [UInt8], comment: String) {
        guard !comment.contains(",") else { return }
        let hex = Hex.encode(status)
        let data = String(hex.suffix(Int(status[3] % 8) + 1))
        let message = "\(hex): \(comment), data \(data), v4563"
        guard let parsed = ADDiagnostic(parsing: message) else { preconditionFailure("an AD diagnostic did not parse") }
        let trimmed = data.drop { $0 == "0" }
        precondition(parsed.code == hex.uppercased(), "the status was misread")
        precondition(parsed.data == (trimmed.isEmpty ? "0" : String(trimmed)), "the data sub-code was misread")
        let error = DirectoryErrorTranslator.error(resultCode: DirectoryErrorTranslator.invalidCredentials, diagnostic: message, operation: .bind)
        if let refusal = ADBindRefusal(rawValue: parsed.data ?? "") {
            precondition(error == .accountRestricted(refusal, parsed), "a bind refusal was not recognised")
        } else {
            precondition(error == .invalidCredentials(parsed), "a plain invalid-credentials result was misread")
        }
    }
}
