// Published test vectors, copied verbatim from their sources. Each group names where it
// comes from; none of these values was produced by CredVault or by the libsodium under test.

/// libsodium's own Argon2id vectors: test/default/pwhash_argon2id.c (function `tv`) with the
/// expected outputs in test/default/pwhash_argon2id.exp. The C test reads the 32-byte salt
/// hex into a 16-byte buffer, so only the first 16 bytes are the salt.
struct Argon2idVector: Sendable {
    let name: String
    let passwordHex: String
    let saltHex: String
    let outputLength: Int
    let opsLimit: UInt64
    let memLimit: UInt64
    let expectedHex: String
}

enum Argon2idVectors {
    static let published: [Argon2idVector] = [
        Argon2idVector(
            name: "pwhash_argon2id tv[0]",
            passwordHex: "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                + "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                + "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                + "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6",
            saltHex: "5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2",
            outputLength: 155, opsLimit: 5, memLimit: 7_256_678,
            expectedHex: "18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac4461c6ca07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83f5ca27277393e316582033c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277c8ecc4b313225748dd2a80f5679534a0700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1"),
        Argon2idVector(
            name: "pwhash_argon2id tv[1]",
            passwordHex: "e125cee61c8cb7778d9e5ad0a6f5d978ce9f84de213a8556d9ffe202020ab4a6ed"
                + "9074a4eb3416f9b168f137510f3a30b70b96cbfa219ff99f6c6eaffb15c06b60e0"
                + "0cc2890277f0fd3c622115772f7048adaebed86e",
            saltHex: "f1192dd5dc2368b9cd421338b22433455ee0a3699f9379a08b9650ea2c126f0d",
            outputLength: 250, opsLimit: 4, memLimit: 7_849_083,
            expectedHex: "26bab5f101560e48c711da4f05e81f5a3802b7a93d5155b9cab153069cc42b8e9f910bfead747652a0708d70e4de0bada37218bd203a1201c36b42f9a269b675b1f30cfc36f35a3030e9c7f57dfba0d341a974c1886f708c3e8297efbfe411bb9d51375264bd7c70d57a8a56fc9de2c1c97c08776803ec2cd0140bba8e61dc0f4ad3d3d1a89b4b710af81bfe35a0eea193e18a6da0f5ec05542c9eefc4584458e1da715611ba09617384748bd43b9bf1f3a6df4ecd091d0875e08d6e2fd8a5c7ce08904b5160cd38167b76ec76ef2d310049055a564da23d4ebd2b87e421cc33c401e12d5cd8d936c9baf75ebdfb557d342d2858fc781da31860"),
        Argon2idVector(
            name: "pwhash_argon2id tv[6]",
            passwordHex: "b540beb016a5366524d4605156493f9874514a5aa58818cd0c6dfffaa9e90205f17b",
            saltHex: "44071f6d181561670bda728d43fb79b443bb805afdebaf98622b5165e01b15fb",
            outputLength: 231, opsLimit: 1, memLimit: 1_631_659,
            expectedHex: "7fb72409b0987f8190c3729710e98c3f80c5a8727d425fdcde7f3644d467fe973f5b5fee683bd3fce812cb9ae5e9921a2d06c2f1905e4e839692f2b934b682f11a2fe2b90482ea5dd234863516dba6f52dc0702d324ec77d860c2e181f84472bd7104fedce071ffa93c5309494ad51623d214447a7b2b1462dc7d5d55a1f6fd5b54ce024118d86f0c6489d16545aaa87b6689dad9f2fb47fda9894f8e12b87d978b483ccd4cc5fd9595cdc7a818452f915ce2f7df95ec12b1c72e3788d473441d884f9748eb14703c21b45d82fd667b85f5b2d98c13303b3fe76285531a826b6fc0fe8e3dddecf"),
    ]

    /// pwhash_argon2id tv[3]: an output length of 5 bytes, which libsodium's test expects to fail
    /// ("[tv] pwhash failure (maybe intentional): [3]" in the .exp file).
    static let tooShortOutput = Argon2idVector(
        name: "pwhash_argon2id tv[3]",
        passwordHex: "027b6d8e8c8c474e9b69c7d9ed4f9971e8e1ce2f6ba95048414c3970f0f09b70e3"
            + "b6c5ae05872b3d8678705b7d381829c351a5a9c88c233569b35d6b0b809df44b64"
            + "51a9c273f1150e2ef8a0b5437eb701e373474cd44b97ef0248ebce2ca0400e1b53"
            + "f3d86221eca3f18eb45b702b9172440f774a82cbf1f6f525df30a6e293c873cce6"
            + "9bb078ed1f0d31e7f9b8062409f37f19f8550aae",
        saltHex: "eb2a3056a09ad2d7d7f975bcd707598f24cd32518cde3069f2e403b34bfee8a5",
        outputLength: 5, opsLimit: 4, memLimit: 1_397_645, expectedHex: "")

    /// 32-byte outputs (the length CredVault derives) made with the Argon2 reference CLI
    /// (`echo -n 123 | ./argon2 ABCDEFGHIJKLMNOP -id -v 13 -k 1024 -t 5`), as published in
    /// iov-one/iov-core packages/iov-crypto/src/libsodium.spec.ts.
    static let referenceCLI: [(password: String, opsLimit: UInt64, memLimit: UInt64, expectedHex: String)] = [
        ("123", 5, 1024 * 1024, "3c5d010180ba0cf5b6b858cba23b318e42d33088983c404598599c3b029ecac6"),
        ("123", 2, 8 * 1024 * 1024, "3ee950488d26ce691657b1d753f562139857b61a58f234d6cb0ce84c4cc27328"),
        ("\u{1F60E}", 5, 1024 * 1024, "dc92db2a69a5607a75472e1581ac0851292ed9a2606f1000f62fa2efc97964e0"),
    ]
    static let referenceCLISalt = "ABCDEFGHIJKLMNOP"
}

/// draft-irtf-cfrg-xchacha-03, appendix A.3.1 (AEAD_XChaCha20_Poly1305).
enum XChaCha20Poly1305Vector {
    static let plaintext = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
    static let aadHex = "50515253c0c1c2c3c4c5c6c7"
    static let keyHex = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
    static let nonceHex = "404142434445464748494a4b4c4d4e4f5051525354555657"
    static let ciphertextHex = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
        + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
        + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
        + "21f9664c97637da9768812f615c68b13b52e"
    static let tagHex = "c0875924c1c7987947deafd8780acf49"
}

enum BLAKE2bVectors {
    /// RFC 7693 appendix A: BLAKE2b-512("abc"), unkeyed.
    static let rfc7693ABC = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"

    /// BLAKE2 testvectors/blake2b-kat.txt (keyed): key = 00 01 .. 3f (64 bytes),
    /// input = 00 01 .. (n-1), 64-byte output.
    static let keyedKAT: [(inputLength: Int, expectedHex: String)] = [
        (0, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
            + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
        (1, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
            + "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
        (255, "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
            + "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"),
    ]

    /// libsodium test/default/generichash.c, iteration i = 31 of its loop (line 32 of
    /// generichash.exp): key = 00 .. 1f (32 bytes, CredVault's key size), input = 00 .. 1e,
    /// 32-byte output. This one runs through KeyedHash.mac with a SymmetricKey.
    static let libsodium32ByteKey = "a9f51bb7f6a3e9cdb96ce652c07d177962a348a9cced1b92f948187e59b44463"
}
