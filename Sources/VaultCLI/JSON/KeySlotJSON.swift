import ArgumentParser
import CredVault

struct KeySlotJSON: Encodable {
    struct KDF: Encodable {
        let algorithm: String
        let opslimit: UInt64
        let memlimit: UInt64
    }

    let id: String
    let kind: String
    let label: String?
    let createdAt: String
    let kdf: KDF?

    init(_ slot: KeySlotInfo) {
        id = slot.id
        kind = slot.kind.rawValue
        label = slot.label
        createdAt = slot.createdAt
        kdf = slot.kdf.map {
            KDF(algorithm: $0.algorithm == KDFParameters.argon2id13 ? "argon2id13" : "unknown(\($0.algorithm))",
                opslimit: $0.opsLimit, memlimit: $0.memLimit)
        }
    }

    static func describe(_ kdf: KDFParameters) -> String {
        "argon2id ops=\(kdf.opsLimit) mem=\(kdf.memLimit >> 20)MiB"
    }
}
