import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connector as stored, with the verdict of its row MAC.
public struct ConnectorEntry: Sendable, Equatable {
    public let config: ConnectorConfig
    /// False when the row was changed outside credvault: such a connector is never pushed through.
    public let macValid: Bool
}
