/// Finds where a key's value sits in a target file, so that a push replaces exactly those
/// bytes and keeps every other byte of the file as it was.
enum TargetLocator {
    /// Where a value sits. For json, `range` covers the string literal with its quotes.
    struct Location: Equatable {
        let range: Range<Int>
    }

    static func locate(
        _ key: String, format: TargetFormat, in bytes: UnsafeRawBufferPointer, file: String
    ) throws(CredVaultError) -> Location {
        switch format {
        case .json: return try locateJSON(key, in: bytes, file: file)
        case .keyvalue: return try locateKeyValue(key, in: bytes, file: file)
        }
    }

    /// The value at `location` decoded (JSON escapes undone) into secure memory.
    static func decodeValue(
        at location: Location, format: TargetFormat, in bytes: UnsafeRawBufferPointer
    ) throws(CredVaultError) -> SecureBytes {
        switch format {
        case .keyvalue:
            return try SecureBytes(copying: UnsafeRawBufferPointer(rebasing: bytes[location.range]))
        case .json:
            let inner = (location.range.lowerBound + 1)..<(location.range.upperBound - 1)
            var out = try SecureBytes(count: inner.count)
            let length = try out.withUnsafeMutableBytes { (buffer) throws(CredVaultError) -> Int in
                guard let length = JSONStringCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[inner]), into: buffer) else {
                    throw .invalidInput("a JSON string has an invalid escape")
                }
                return length
            }
            return try out.slice(0..<length)
        }
    }

    /// The value at `location` as text (for account names, which are not secret).
    static func decodeText(at location: Location, format: TargetFormat, in bytes: UnsafeRawBufferPointer) throws(CredVaultError) -> String {
        let value = try decodeValue(at: location, format: format, in: bytes)
        return value.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes that stand for `value` in a file of `format`: a quoted, escaped JSON string
    /// or the raw value of a keyvalue line.
    static func encodeValue(_ value: borrowing SecureBytes, format: TargetFormat) throws(CredVaultError) -> SecureBytes {
        switch format {
        case .keyvalue:
            return try value.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
                // A reader skips the blanks after '=' (as `locateKeyValue` does, and the
                // services that read such files): a leading blank would be lost, every read
                // would see another password and every push would rewrite and restart.
                if let first = raw.first, isBlank(first) {
                    throw .invalidInput("a keyvalue file cannot hold a password that begins with a space (a reader skips the blanks after '='); nothing was written: store another password, or use a json target")
                }
                return try SecureBytes(copying: raw)
            }
        case .json:
            return try value.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
                var out = try SecureBytes(count: JSONStringCodec.encodedLength(raw))
                out.withUnsafeMutableBytes { JSONStringCodec.encode(raw, into: $0) }
                return out
            }
        }
    }

    // MARK: keyvalue

    static func locateKeyValue(_ key: String, in bytes: UnsafeRawBufferPointer, file: String) throws(CredVaultError) -> Location {
        let wanted = Array(key.utf8)
        var found: Location?
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            defer { lineStart = lineEnd + 1 }
            var index = lineStart
            while index < contentEnd && isBlank(bytes[index]) { index += 1 }
            guard index < contentEnd else { continue }
            let first = bytes[index]
            if first == UInt8(ascii: "#") || first == UInt8(ascii: ";") || first == UInt8(ascii: "!") { continue }
            guard let equals = (index..<contentEnd).first(where: { bytes[$0] == UInt8(ascii: "=") }) else { continue }
            var keyEnd = equals
            while keyEnd > index && isBlank(bytes[keyEnd - 1]) { keyEnd -= 1 }
            guard keyEnd - index == wanted.count,
                  zip(bytes[index..<keyEnd], wanted).allSatisfy({ $0 == $1 }) else { continue }
            var valueStart = equals + 1
            while valueStart < contentEnd && isBlank(bytes[valueStart]) { valueStart += 1 }
            guard found == nil else {
                throw .invalidInput("\(file) has the key \(key) more than once (line \(lineNumber)); refusing to guess which one the service reads")
            }
            found = Location(range: valueStart..<contentEnd)
        }
        guard let found else { throw .invalidInput("\(file) has no line \(key)=…") }
        return found
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    // MARK: json

    static func locateJSON(_ key: String, in bytes: UnsafeRawBufferPointer, file: String) throws(CredVaultError) -> Location {
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard !path.isEmpty, !path.contains(where: \.isEmpty) else {
            throw .invalidInput("the key path \"\(Validation.printable(key))\" has an empty part")
        }
        var scanner = JSONScanner(bytes: bytes, path: path)
        do {
            try scanner.parseDocument()
        } catch {
            switch error {
            case .syntax(let offset):
                throw .invalidInput("\(file) is not valid JSON (near byte \(offset))")
            case .duplicate:
                throw .invalidInput("\(file) has the key \(key) more than once; refusing to guess which one the service reads")
            case .notString:
                throw .invalidInput("\(file): the value at \(key) is not a string")
            }
        }
        guard let found = scanner.found else { throw .invalidInput("\(file) has no key \(key)") }
        return Location(range: found)
    }
}
