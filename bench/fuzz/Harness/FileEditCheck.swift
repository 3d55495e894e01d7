@testable import CredVault

/// The promise of a file connector's edit (FileAdapter.replacing, then the read a later push
/// or `status` does): the value read back is exactly the password written, for any password
/// the vault accepts, and every byte outside the value is the file's as it was.
enum FileEditCheck {
    static func replaceThenRead(password: [UInt8], contents: [UInt8], target: FileTarget) {
        guard let before = location(target, in: contents) else { return }
        let output: [UInt8]
        do {
            let secret = try secure(password)
            guard (try? Validation.password(secret)) != nil else { return }
            output = try edit(targetFile(contents, target), target: target, password: secret)
        } catch {
            return  // no secure memory left, or the one refusal `edit` allows
        }
        let readBack: [UInt8]
        do {
            let edited = try targetFile(output, target)
            readBack = try FileAdapter.password(in: edited, target: target).withUnsafeBytes { Array($0) }
        } catch {
            preconditionFailure("the edited file no longer reads: \(error)")
        }
        precondition(readBack == password, "the value read back is not the password written")
        guard let after = location(target, in: output) else { preconditionFailure("the edited file lost its key") }
        precondition(output[..<after.lowerBound] == contents[..<before.lowerBound], "the edit changed bytes before the value")
        precondition(output[after.upperBound...] == contents[before.upperBound...], "the edit changed bytes after the value")
    }

    /// Where the password's value sits, nil when the file cannot take a push (a typed refusal).
    static func location(_ target: FileTarget, in contents: [UInt8]) -> Range<Int>? {
        contents.withUnsafeBytes { raw in
            try? TargetLocator.locate(target.passwordKey, format: target.format, in: raw, file: target.path).range
        }
    }

    /// The edited file's bytes. The one refusal the editor may make, before writing anything,
    /// is a keyvalue password that begins with a space (TargetLocator.encodeValue).
    private static func edit(_ file: consuming TargetFile, target: FileTarget, password: borrowing SecureBytes) throws(CredVaultError) -> [UInt8] {
        do {
            return try FileAdapter.replacing(target, in: file, with: password).withUnsafeBytes { Array($0) }
        } catch {
            let leadingSpace = password.withUnsafeBytes { $0.first == 0x20 }
            precondition(target.format == .keyvalue && leadingSpace, "the editor refused a valid password: \(error)")
            throw error
        }
    }

    private static func secure(_ bytes: [UInt8]) throws(CredVaultError) -> SecureBytes {
        var out = try SecureBytes(count: bytes.count)
        out.withUnsafeMutableBytes { dest in bytes.withUnsafeBytes { dest.copyMemory(from: $0) } }
        return out
    }

    private static func targetFile(_ contents: [UInt8], _ target: FileTarget) throws(CredVaultError) -> TargetFile {
        TargetFile(path: target.path, realPath: target.path, contents: try secure(contents), mode: 0o600, owner: 0, group: 0)
    }
}
