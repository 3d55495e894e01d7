import Testing
@testable import CredVault

@Suite("UTF-8 check")
struct UTF8CheckTests {
    static func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { UTF8Check.isValid($0) }
    }

    @Test("well-formed UTF-8 passes", arguments: [
        [], Array("plain ascii".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8),
        [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xef, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80],
        [0xf4, 0x8f, 0xbf, 0xbf], [0xee, 0x80, 0x80],
    ] as [[UInt8]])
    func accepts(_ bytes: [UInt8]) {
        #expect(Self.valid(bytes))
    }

    @Test("ill-formed UTF-8 fails", arguments: [
        [0x80],                    // lone continuation byte
        [0xbf],
        [0xc0, 0xaf],              // overlong '/'
        [0xc1, 0xbf],              // overlong
        [0xe0, 0x80, 0xaf],        // overlong 3-byte
        [0xf0, 0x80, 0x80, 0xaf],  // overlong 4-byte
        [0xed, 0xa0, 0x80],        // UTF-16 surrogate D800
        [0xed, 0xbf, 0xbf],        // surrogate DFFF
        [0xf4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xf5, 0x80, 0x80, 0x80],
        [0xe2, 0x82],              // truncated €
        [0x61, 0xe2],              // truncated at the end
        [0xc3, 0x41],              // continuation missing
        [0xfe], [0xff],
    ] as [[UInt8]])
    func rejects(_ bytes: [UInt8]) {
        #expect(!Self.valid(bytes))
    }
}
