import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `rekey` did.
public struct RekeyReport: Sendable, Equatable {
    public let keyGeneration: Int
    public let versions: Int
    /// The events in the chain after the rekey: those re-MACed, plus the `rekey` event itself.
    public let auditEvents: Int
    /// The slot kept (re-wrapped under the new master key): the one the vault was opened with.
    public let kept: KeySlotInfo
    /// Slots that could not be re-wrapped (their credential was not presented) and were removed.
    public let removed: [KeySlotInfo]
    /// The head of the re-MACed audit chain, to keep as the new checkpoint.
    public let checkpoint: AuditCheckpoint
}
