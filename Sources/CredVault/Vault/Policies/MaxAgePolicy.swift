/// The maximum password ages the vault holds: a vault-wide default and per-forest
/// overrides, in seconds.
public struct MaxAgePolicy: Sendable, Equatable {
    /// The age every forest without its own may reach; nil when none is set.
    public let vaultWide: Int?
    /// Forests with a maximum of their own, which wins over the vault-wide one.
    public let forests: [String: Int]

    public init(vaultWide: Int?, forests: [String: Int]) {
        self.vaultWide = vaultWide
        self.forests = forests
    }

    /// The maximum age that applies to `forest`: its own, else the vault-wide one.
    public func effective(forest: String) -> Int? {
        forests[forest] ?? vaultWide
    }

    public var isEmpty: Bool { vaultWide == nil && forests.isEmpty }
}
