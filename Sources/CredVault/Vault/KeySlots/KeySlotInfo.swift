import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A key slot as `credvault keys` shows it: never key material, wrapped or not.
public struct KeySlotInfo: Sendable, Equatable {
    public let id: String
    public let kind: KeySlotKind
    public let label: String?
    public let createdAt: String
    /// Argon2id parameters of a passphrase slot; nil for a keyfile slot.
    public let kdf: KDFParameters?

    init(_ slot: KeySlot) {
        id = slot.id
        kind = slot.kind
        label = slot.label
        createdAt = slot.createdAt
        kdf = slot.kdf
    }
}
