import CredVault

/// `policy show --json`: the vault-wide maximum age (null when none) and each forest's own,
/// by forest name (an array: the encoder's snake_case strategy would rewrite dictionary keys).
struct AgePolicyJSON: Encodable {
    struct ForestAge: Encodable {
        let forest: String
        let maxAgeSeconds: Int
    }

    let vaultMaxAgeSeconds: Int?
    let forests: [ForestAge]

    init(_ policy: MaxAgePolicy) {
        vaultMaxAgeSeconds = policy.vaultWide
        forests = policy.forests.sorted { $0.key < $1.key }.map { ForestAge(forest: $0.key, maxAgeSeconds: $0.value) }
    }

    private enum CodingKeys: String, CodingKey { case vaultMaxAgeSeconds, forests }

    /// Null written out rather than left out: "no vault-wide maximum" is an answer.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(vaultMaxAgeSeconds, forKey: .vaultMaxAgeSeconds)
        try container.encode(forests, forKey: .forests)
    }
}
