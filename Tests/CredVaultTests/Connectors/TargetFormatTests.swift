import Testing
@testable import CredVault

@Suite("Target formats")
struct TargetFormatTests {
    func locate(_ text: String, _ key: String, _ format: TargetFormat) throws -> String {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw in
            let location = try TargetLocator.locate(key, format: format, in: raw, file: "f")
            let value = try TargetLocator.decodeValue(at: location, format: format, in: raw)
            return value.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    func replace(_ text: String, _ key: String, _ format: TargetFormat, with password: String) throws -> String {
        let target = FileTarget(path: "f", format: format, passwordKey: key)
        let file = TargetFile(
            path: "f", realPath: "f", contents: try TestBytes.secure(text),
            mode: 0o600, owner: 0, group: 0)
        let secret = try TestBytes.secure(password)
        let out = try FileAdapter.replacing(target, in: file, with: secret)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("keyvalue: finds the key past comments and blanks; replaces only the value")
    func keyvalue() throws {
        let text = "# password=comment\n; x=1\n\n  password = old value \r\nother=2"
        #expect(try locate(text, "password", .keyvalue) == "old value ")
        #expect(try replace(text, "password", .keyvalue, with: "N#w=") == "# password=comment\n; x=1\n\n  password = N#w=\r\nother=2")
        #expect(throws: CredVaultError.self) { try locate("password=a\npassword=b\n", "password", .keyvalue) }
        #expect(throws: CredVaultError.self) { try locate("pass=a\n", "password", .keyvalue) }
        #expect(try locate("password=\n", "password", .keyvalue) == "")
    }

    @Test("json: dotted path, escapes decoded and encoded, other keys untouched")
    func json() throws {
        let text = #"{"a": {"password": "not me", "b": {"c": "x\"y\u00e9\ud83d\ude00"}}, "password": "top"}"#
        #expect(try locate(text, "a.b.c", .json) == "x\"yé😀")
        #expect(try locate(text, "password", .json) == "top")
        #expect(try replace(text, "a.b.c", .json, with: "q\"\\/") ==
                #"{"a": {"password": "not me", "b": {"c": "q\"\\/"}}, "password": "top"}"#)
        #expect(throws: CredVaultError.self) { try locate(text, "a.b", .json) }            // an object, not a string
        #expect(throws: CredVaultError.self) { try locate(text, "a.zz", .json) }           // absent
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a", "p": "b"}"#, "p", .json) }
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a",}"#, "p", .json) }   // trailing comma
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a"} x"#, "p", .json) }
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a\q"}"#, "p", .json) }
        #expect(try locate("\u{FEFF}{\"p\": \"v\"}", "p", .json) == "v")
        // Arrays are walked for syntax but not addressed.
        #expect(try locate(#"{"l": [{"p": "no"}], "p": "yes", "n": -1.5e+3}"#, "p", .json) == "yes")
    }
}
