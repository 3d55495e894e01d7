import Testing
@testable import CredVault

@Suite("Validation")
struct ValidationTests {
    static func label(_ count: Int, _ character: Character = "a") -> String {
        String(repeating: character, count: count)
    }

    @Test("forest names are DNS names, returned in lower case without a trailing dot", arguments: [
        ("contoso.com", "contoso.com"),
        ("CONTOSO.COM", "contoso.com"),
        ("Corp.Contoso.Com", "corp.contoso.com"),
        ("contoso.com.", "contoso.com"),
        ("localforest", "localforest"),
        ("a-b.c-d.e1", "a-b.c-d.e1"),
        ("123.example", "123.example"),
    ])
    func validForests(_ pair: (raw: String, normalised: String)) throws {
        #expect(try Validation.forest(pair.raw) == pair.normalised)
    }

    @Test("the longest label (63) and the longest name (253) are accepted")
    func limits() throws {
        let longestLabel = Self.label(63) + ".com"
        #expect(try Validation.forest(longestLabel) == longestLabel)
        let longestName = [Self.label(63), Self.label(63), Self.label(63), Self.label(61)].joined(separator: ".")
        #expect(longestName.count == 253)
        #expect(try Validation.forest(longestName) == longestName)
        #expect(try Validation.forest(longestName + ".") == longestName)
    }

    @Test("bad forest names are refused", arguments: [
        "", ".", "a b", " contoso.com", "contoso.com ", "contoso..com", ".contoso.com", "contoso.com..",
        "-contoso.com", "contoso-.com", "contoso_com", "contoso.com/x", "conto\u{0}so.com", "contoso\n.com",
        "contosö.com", "\u{212A}ontoso.com", "ｃｏｎｔｏｓｏ.com",
        String(repeating: "a", count: 300),
        String(repeating: "b", count: 64) + ".com",
        [String(repeating: "a", count: 63), String(repeating: "a", count: 63), String(repeating: "a", count: 63), String(repeating: "a", count: 62)].joined(separator: "."),
    ])
    func badForests(_ raw: String) {
        #expect(throws: CredVaultError.self) { _ = try Validation.forest(raw) }
    }

    @Test("forest errors are invalid input (exit 65), one line, and without quoting can leave the text out")
    func forestMessages() {
        do {
            _ = try Validation.forest("Secret Pa55word!")
            Issue.record("accepted a bad name")
        } catch {
            guard case .invalidInput(let message) = error else { Issue.record("wrong case \(error)"); return }
            #expect(message.contains("Secret Pa55word!"))
            #expect(!message.contains("\n"))
        }
        do {
            _ = try Validation.forest("Secret Pa55word!", quoting: false)
            Issue.record("accepted a bad name")
        } catch {
            #expect(!error.description.contains("Pa55word"))
        }
        do {
            _ = try Validation.forest("bad\nname")
            Issue.record("accepted a bad name")
        } catch {
            #expect(!error.description.contains("\n"), "a control character reached the message unescaped")
        }
        #expect(throws: CredVaultError.invalidInput("the forest name is empty")) { _ = try Validation.forest("") }
    }

    @Test("accounts: non-empty, at most 256 bytes, no control characters")
    func accounts() throws {
        #expect(try Validation.account(#"CONTOSO\svc-adsync"#) == #"CONTOSO\svc-adsync"#)
        #expect(try Validation.account("svc-sync@contoso.com") == "svc-sync@contoso.com")
        #expect(try Validation.account("Dienstkonto Ü") == "Dienstkonto Ü")
        #expect(try Validation.account(Self.label(256)) == Self.label(256))
        for bad in ["", "svc\tsync", "svc\nsync", "svc\u{0}", "svc\u{7f}", "svc\u{85}", Self.label(257)] {
            #expect(throws: CredVaultError.self) { _ = try Validation.account(bad) }
        }
    }

    static func checkPassword(_ bytes: [UInt8]) throws {
        let secret = try TestBytes.secure(bytes)
        try Validation.password(secret)
    }

    @Test("passwords: 1 to 1024 bytes of UTF-8 without control characters")
    func passwords() throws {
        try Self.checkPassword(Array("a".utf8))
        try Self.checkPassword(Array(String(repeating: "x", count: 1024).utf8))
        try Self.checkPassword(Array(#"P@ss "quoted" \ é€😀"#.utf8))
        try Self.checkPassword(Array("\u{A0}nbsp and \u{A9}".utf8))   // C2 A0, C2 A9: not controls
        let bad: [[UInt8]] = [
            [],
            Array(String(repeating: "x", count: 1025).utf8),
            Array("line\nbreak".utf8), Array("tab\there".utf8), [0x61, 0x00, 0x62], [0x61, 0x7f],
            [0x61, 0xff], [0xc3], [0xed, 0xa0, 0x80],
            [0x61, 0xc2, 0x85], [0xc2, 0x80], [0xc2, 0x9f, 0x61],   // C1 controls (NEL, PAD, APC)
        ]
        for bytes in bad {
            #expect(throws: CredVaultError.self, "\(bytes.prefix(8))") { try Self.checkPassword(bytes) }
        }
        #expect(throws: CredVaultError.invalidInput("the password is empty")) { try Self.checkPassword([]) }
    }

    @Test("versions start at 1")
    func versions() throws {
        #expect(try Validation.version(1) == 1)
        #expect(throws: CredVaultError.self) { _ = try Validation.version(0) }
        #expect(throws: CredVaultError.self) { _ = try Validation.version(-3) }
    }

    @Test("connector names: 1 to 64 of letters, digits, dot, dash, underscore")
    func connectorNames() throws {
        #expect(try Validation.connectorName("contoso_ma-1.prod") == "contoso_ma-1.prod")
        for bad in ["", "a b", "a/b", Self.label(65)] {
            #expect(throws: CredVaultError.self) { _ = try Validation.connectorName(bad) }
        }
    }
}
