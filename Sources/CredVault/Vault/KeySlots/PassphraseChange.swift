import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `changePassphrase` did.
public struct PassphraseChange: Sendable, Equatable {
    public let slot: KeySlotInfo
    /// The passphrase slots the new one replaced (empty when the vault had none).
    public let replaced: [String]
}
