/// A strict JSON syntax check that also notes where the string value at one key path sits.
struct JSONScanner {
    enum Failure: Error { case syntax(Int), duplicate, notString }

    let bytes: UnsafeRawBufferPointer
    let path: [[UInt8]]
    var position = 0
    var found: Range<Int>?
    var depth = 0

    init(bytes: UnsafeRawBufferPointer, path: [[UInt8]]) {
        self.bytes = bytes
        self.path = path
    }

    mutating func parseDocument() throws(Failure) {
        // A UTF-8 byte order mark is allowed before the document.
        if bytes.count >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf { position = 3 }
        try parseValue(matched: 0)
        skipWhitespace()
        guard position == bytes.count else { throw .syntax(position) }
    }

    mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
    }

    /// `matched`: how many parts of the path lead here, or nil once the location left the path.
    mutating func parseValue(matched: Int?) throws(Failure) {
        skipWhitespace()
        guard position < bytes.count else { throw .syntax(position) }
        let atTarget = matched == path.count
        switch bytes[position] {
        case UInt8(ascii: "{"):
            if atTarget { throw .notString }
            try parseObject(matched: matched)
        case UInt8(ascii: "["):
            if atTarget { throw .notString }
            try parseArray()
        case UInt8(ascii: "\""):
            let range = try parseString()
            if atTarget {
                guard found == nil else { throw .duplicate }
                found = range
            }
        case UInt8(ascii: "t"): try literal("true"); if atTarget { throw .notString }
        case UInt8(ascii: "f"): try literal("false"); if atTarget { throw .notString }
        case UInt8(ascii: "n"): try literal("null"); if atTarget { throw .notString }
        default:
            try parseNumber()
            if atTarget { throw .notString }
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw .syntax(position) }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw .syntax(position) }
        position += count
    }

    mutating func parseNumber() throws(Failure) {
        let start = position
        if position < bytes.count && bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ scanner: inout JSONScanner) -> Int {
            let begin = scanner.position
            while scanner.position < scanner.bytes.count, (0x30...0x39).contains(scanner.bytes[scanner.position]) { scanner.position += 1 }
            return scanner.position - begin
        }
        guard digits(&self) > 0 else { throw .syntax(start) }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw .syntax(position) }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits(&self) > 0 else { throw .syntax(position) }
        }
    }

    mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= 512 else { throw .syntax(position) }
    }

    mutating func parseObject(matched: Int?) throws(Failure) {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw .syntax(position) }
            let keyRange = try parseString()
            var childMatched: Int?
            if let matched, matched < path.count {
                let inner = UnsafeRawBufferPointer(rebasing: bytes[(keyRange.lowerBound + 1)..<(keyRange.upperBound - 1)])
                var decoded = [UInt8](repeating: 0, count: inner.count)
                let length = decoded.withUnsafeMutableBytes { JSONStringCodec.decode(inner, into: $0) }
                if let length, decoded.prefix(length).elementsEqual(path[matched]) { childMatched = matched + 1 }
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw .syntax(position) }
            position += 1
            try parseValue(matched: childMatched)
            skipWhitespace()
            guard position < bytes.count else { throw .syntax(position) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return }
            throw .syntax(position)
        }
    }

    mutating func parseArray() throws(Failure) {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return }
        while true {
            try parseValue(matched: nil)
            skipWhitespace()
            guard position < bytes.count else { throw .syntax(position) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return }
            throw .syntax(position)
        }
    }

    /// A string literal's range, quotes included; escapes and control characters checked.
    mutating func parseString() throws(Failure) -> Range<Int> {
        let start = position
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                let range = start..<position
                let inner = UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(position - 1)])
                guard JSONStringCodec.decodedLengthIfValid(inner) != nil else { throw .syntax(start) }
                return range
            }
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte < 0x20 { throw .syntax(position) }
            position += 1
        }
        throw .syntax(start)
    }
}
