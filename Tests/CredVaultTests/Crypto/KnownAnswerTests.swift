import CSodium
import Testing
@testable import CredVault

/// Acceptance 7: the crypto wrappers the vault runs (PasswordKDF, AEAD, KeyedHash) give the
/// published answers. Vectors and their sources are in KnownAnswerVectors.swift.
@Suite("Known-answer tests")
struct KnownAnswerTests {
    // MARK: Argon2id

    @Test("Argon2id through PasswordKDF matches libsodium's published vectors", arguments: Argon2idVectors.published)
    func argon2idPublished(_ vector: Argon2idVector) throws {
        let password = try TestBytes.secure(TestBytes.hex(vector.passwordHex))
        let salt = try Salt(bytes: Array(TestBytes.hex(vector.saltHex).prefix(Salt.byteCount)))
        let output = try PasswordKDF.derive(
            from: password, salt: salt,
            parameters: KDFParameters(opsLimit: vector.opsLimit, memLimit: vector.memLimit),
            outputLength: vector.outputLength)
        let hex = TestBytes.hexString(output)
        #expect(hex == vector.expectedHex, "\(vector.name)")
    }

    @Test("Argon2id refuses the output length libsodium's vector expects to fail")
    func argon2idTooShort() throws {
        let vector = Argon2idVectors.tooShortOutput
        let password = try TestBytes.secure(TestBytes.hex(vector.passwordHex))
        let salt = try Salt(bytes: Array(TestBytes.hex(vector.saltHex).prefix(Salt.byteCount)))
        #expect(throws: CredVaultError.self) {
            _ = try PasswordKDF.derive(
                from: password, salt: salt,
                parameters: KDFParameters(opsLimit: vector.opsLimit, memLimit: vector.memLimit),
                outputLength: vector.outputLength)
        }
    }

    @Test("PasswordKDF.deriveKey (32 bytes) matches the Argon2 reference CLI")
    func argon2idDeriveKey() throws {
        let salt = try Salt(bytes: Array(Argon2idVectors.referenceCLISalt.utf8))
        for vector in Argon2idVectors.referenceCLI {
            let key = try PasswordKDF.deriveKey(
                from: TestBytes.secure(vector.password), salt: salt,
                parameters: KDFParameters(opsLimit: vector.opsLimit, memLimit: vector.memLimit))
            let hex = key.withUnsafeBytes { Hex.encode($0) }
            #expect(hex == vector.expectedHex, "password \(vector.password), t=\(vector.opsLimit)")
        }
    }

    @Test("KDFParameters.argon2id13 is libsodium's crypto_pwhash_ALG_ARGON2ID13")
    func argon2idAlgorithmConstant() {
        #expect(KDFParameters.argon2id13 == crypto_pwhash_ALG_ARGON2ID13)
        #expect(KDFParameters.argon2id13 == crypto_pwhash_alg_argon2id13())
        #expect(KDFParameters.interactive.algorithm == crypto_pwhash_ALG_ARGON2ID13)
        #expect(KDFParameters.interactive.opsLimit == UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE))
        #expect(KDFParameters.moderate.memLimit == UInt64(crypto_pwhash_MEMLIMIT_MODERATE))
        #expect(KDFParameters.sensitive.memLimit == UInt64(crypto_pwhash_MEMLIMIT_SENSITIVE))
    }

    // MARK: XChaCha20-Poly1305-IETF

    @Test("AEAD.seal with a fixed nonce gives draft-irtf-cfrg-xchacha-03 A.3.1's ciphertext and tag")
    func xchachaSeal() throws {
        let v = XChaCha20Poly1305Vector.self
        let key = try TestBytes.key(TestBytes.hex(v.keyHex))
        let nonce = try Nonce(bytes: TestBytes.hex(v.nonceHex))
        let box = try AEAD.seal(
            TestBytes.secure(v.plaintext), using: key, associatedData: TestBytes.hex(v.aadHex), nonce: nonce)
        #expect(box.nonce == nonce)
        #expect(Hex.encode(box.ciphertext) == v.ciphertextHex + v.tagHex)
    }

    @Test("AEAD.open of the A.3.1 ciphertext gives the plaintext; any change gives nil")
    func xchachaOpen() throws {
        let v = XChaCha20Poly1305Vector.self
        let key = try TestBytes.key(TestBytes.hex(v.keyHex))
        let nonce = try Nonce(bytes: TestBytes.hex(v.nonceHex))
        let aad = TestBytes.hex(v.aadHex)
        let sealed = TestBytes.hex(v.ciphertextHex + v.tagHex)

        let opened = try AEAD.open(SealedBox(nonce: nonce, ciphertext: sealed), using: key, associatedData: aad)
        let plaintext = TestBytes.array(opened)
        #expect(plaintext == Array(v.plaintext.utf8))

        var flippedTag = sealed
        flippedTag[flippedTag.count - 1] ^= 0x01
        let badTag = try TestBytes.array(AEAD.open(SealedBox(nonce: nonce, ciphertext: flippedTag), using: key, associatedData: aad))
        #expect(badTag == nil)

        var flippedBody = sealed
        flippedBody[0] ^= 0x80
        let badBody = try TestBytes.array(AEAD.open(SealedBox(nonce: nonce, ciphertext: flippedBody), using: key, associatedData: aad))
        #expect(badBody == nil)

        let badAAD = try TestBytes.array(AEAD.open(SealedBox(nonce: nonce, ciphertext: sealed), using: key, associatedData: aad + [0]))
        #expect(badAAD == nil)

        var otherNonce = nonce.bytes
        otherNonce[23] ^= 0x01
        let badNonce = try TestBytes.array(AEAD.open(SealedBox(nonce: Nonce(bytes: otherNonce), ciphertext: sealed), using: key, associatedData: aad))
        #expect(badNonce == nil)
    }

    @Test("Nonce and SealedBox refuse wrong lengths before any C call")
    func lengthsChecked() throws {
        #expect(throws: CredVaultError.self) { _ = try Nonce(bytes: [UInt8](repeating: 0, count: 23)) }
        #expect(throws: CredVaultError.self) { _ = try Nonce(bytes: [UInt8](repeating: 0, count: 25)) }
        #expect(throws: CredVaultError.self) {
            _ = try SealedBox(nonce: Nonce.random(), ciphertext: [UInt8](repeating: 0, count: 15))
        }
        #expect(throws: CredVaultError.self) { _ = try TestBytes.key([UInt8](repeating: 0, count: 31)) }
        #expect(throws: CredVaultError.self) { _ = try Salt(bytes: [UInt8](repeating: 0, count: 8)) }
    }

    // MARK: BLAKE2b

    @Test("BLAKE2b-512 of \"abc\", unkeyed, is RFC 7693 appendix A's digest")
    func blake2bRFC7693() throws {
        let digest = try KeyedHash.hash(
            rawKey: UnsafeRawBufferPointer(start: nil, count: 0), outputLength: 64, parts: [Array("abc".utf8)])
        #expect(Hex.encode(digest) == BLAKE2bVectors.rfc7693ABC)
    }

    @Test("Keyed BLAKE2b-512 matches blake2b-kat.txt")
    func blake2bKeyedKAT() throws {
        let key = (0..<64).map { UInt8($0) }
        for vector in BLAKE2bVectors.keyedKAT {
            let input = (0..<vector.inputLength).map { UInt8($0) }
            let digest = try key.withUnsafeBytes { raw in
                try KeyedHash.hash(rawKey: raw, outputLength: 64, parts: [input])
            }
            #expect(Hex.encode(digest) == vector.expectedHex, "input length \(vector.inputLength)")
        }
    }

    @Test("KeyedHash.mac with a 32-byte SymmetricKey matches libsodium's generichash vector, in one part or several")
    func blake2bMacWithSymmetricKey() throws {
        let key = try TestBytes.key((0..<32).map { UInt8($0) })
        let input = (0..<31).map { UInt8($0) }
        let whole = try KeyedHash.mac(key: key, outputLength: 32, input)
        #expect(Hex.encode(whole) == BLAKE2bVectors.libsodium32ByteKey)

        let split = try KeyedHash.mac(key: key, outputLength: 32, Array(input[0..<10]), Array(input[10..<31]))
        #expect(Hex.encode(split) == BLAKE2bVectors.libsodium32ByteKey)

        // The secret path (used by Fingerprint) streams the tail straight from secure memory.
        let tail = try TestBytes.secure(Array(input[20..<31]))
        let streamed = try tail.withUnsafeBytes { (raw) throws(CredVaultError) -> [UInt8] in
            try KeyedHash.mac(key: key, outputLength: 32, parts: [Array(input[0..<20])], secret: raw)
        }
        #expect(Hex.encode(streamed) == BLAKE2bVectors.libsodium32ByteKey)
    }

    @Test("KeyedHash.equal compares in constant time and by length")
    func macEquality() {
        #expect(KeyedHash.equal([1, 2, 3], [1, 2, 3]))
        #expect(!KeyedHash.equal([1, 2, 3], [1, 2, 4]))
        #expect(!KeyedHash.equal([1, 2, 3], [1, 2]))
    }
}

extension Argon2idVector: CustomTestStringConvertible {
    var testDescription: String { name }
}
