import Testing
@testable import CredVault

@Suite("Password generator")
struct PasswordGeneratorTests {
    static let alphabet = Set(PasswordGenerator.alphabet)

    @Test("the default length is 32 and any length from 12 to 256 is honoured")
    func lengths() throws {
        #expect(try PasswordGenerator.generate().count == 32)
        for length in [12, 13, 20, 64, 255, 256] {
            #expect(try PasswordGenerator.generate(length: length).count == length)
        }
        for length in [0, 11, 257, -1] {
            #expect(throws: CredVaultError.self) { _ = try PasswordGenerator.generate(length: length) }
        }
    }

    @Test("every draw meets AD complexity (3 of 4 classes) and uses only the alphabet")
    func complexity() throws {
        var seenClasses = Set<Int>()
        var seenCharacters = Set<UInt8>()
        var draws = Set<[UInt8]>()
        for index in 0..<3000 {
            // The shortest length misses classes most often: the hardest case for the rejection loop.
            let password = try PasswordGenerator.generate(length: index % 2 == 0 ? 12 : 32)
            let bytes = TestBytes.array(password)
            let classes = bytes.withUnsafeBytes { PasswordGenerator.classCount(in: $0) }
            #expect(classes >= 3, "a generated password has only \(classes) character classes")
            #expect(bytes.allSatisfy { Self.alphabet.contains($0) })
            for (classIndex, charset) in PasswordGenerator.classes.enumerated() where bytes.contains(where: charset.contains) {
                seenClasses.insert(classIndex)
            }
            seenCharacters.formUnion(bytes)
            draws.insert(bytes)
        }
        #expect(seenClasses == [0, 1, 2, 3])
        // Uniform over the alphabet: with ~66,000 characters drawn, every one of them shows up.
        #expect(seenCharacters == Self.alphabet)
        #expect(draws.count == 3000, "two draws were identical")
    }

    @Test("the alphabet has the four AD classes and none of the characters that break files or shells")
    func alphabetContents() {
        #expect(PasswordGenerator.classes.count == 4)
        #expect(PasswordGenerator.alphabet.count == Set(PasswordGenerator.alphabet).count, "a character appears twice")
        for excluded in Array("\"'\\`= \t".utf8) {
            #expect(!Self.alphabet.contains(excluded))
        }
        #expect(Self.alphabet.allSatisfy { $0 > 0x20 && $0 < 0x7f })
    }

    @Test("classCount counts the four classes")
    func classCount() {
        func count(_ text: String) -> Int { Array(text.utf8).withUnsafeBytes { PasswordGenerator.classCount(in: $0) } }
        #expect(count("") == 0)
        #expect(count("abc") == 1)
        #expect(count("abcDEF") == 2)
        #expect(count("abcDEF123") == 3)
        #expect(count("abcDEF123!") == 4)
        #expect(count("aB1") == 3)
    }
}
