import Testing
@testable import CredVault

@Suite("Sodium basics")
struct SodiumBasicsTests {
    @Test("secure bytes compare in constant time and by content")
    func secureBytesEquality() throws {
        let a = try SecureBytes.random(count: 32)
        let b = try a.slice(0..<32)
        let c = try SecureBytes.random(count: 32)
        // #expect cannot capture noncopyable operands: compute first, then check.
        let same = a.constantTimeEquals(b)
        let different = a.constantTimeEquals(c)
        #expect(same)
        #expect(!different)
    }
}
