import Testing
@testable import CredVault

@Suite("Base64 and hex")
struct Base64Tests {
    static func encode(_ bytes: [UInt8]) throws -> String {
        let secret = try TestBytes.secure(bytes)
        let encoded = try Base64.encodeSecret(secret)
        return String(decoding: TestBytes.array(encoded), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [UInt8]? {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { (raw) throws(CredVaultError) -> [UInt8]? in
            TestBytes.array(try Base64.decodeSecret(raw))
        }
    }

    @Test("RFC 4648 section 10 vectors encode and decode", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648(_ vector: (plain: String, encoded: String)) throws {
        #expect(try Self.encode(Array(vector.plain.utf8)) == vector.encoded)
        #expect(try Self.decode(vector.encoded) == Array(vector.plain.utf8))
    }

    @Test("random bytes of every length up to 100 round-trip")
    func roundTrip() throws {
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            let encoded = try Self.encode(bytes)
            #expect(encoded.utf8.count == (length + 2) / 3 * 4)
            #expect(try Self.decode(encoded) == bytes, "length \(length)")
        }
        // A keyfile: 32 bytes, 44 characters with one '='.
        let key = (0..<32).map { UInt8($0) }
        let text = try Self.encode(key)
        #expect(text.utf8.count == 44 && text.hasSuffix("=") && !text.hasSuffix("=="))
    }

    @Test("malformed base64 is refused", arguments: [
        "Zg=",        // length not a multiple of 4
        "Zm9vY",      // ditto
        "Zg===",      // ditto
        "====",       // padding only
        "Z===",       // too much padding
        "Zg=a",       // data after padding
        "Z=g=",       // padding in the middle
        "Zm9v!mFy",   // not in the alphabet
        "Zm9v YmFy",  // a space
        "Zm9-YmFy",   // URL-safe alphabet
        "Zh==",       // non-canonical: unused bits set
        "Zm9=",       // non-canonical: unused bits set
    ])
    func rejects(_ text: String) throws {
        #expect(try Self.decode(text) == nil)
    }

    @Test("hex round-trips and refuses odd lengths and non-hex digits")
    func hex() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa5, 0xff]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == bytes)
        #expect(Hex.decode("000FA5FF") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }
}
