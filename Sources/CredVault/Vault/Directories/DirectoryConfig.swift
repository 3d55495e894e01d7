/// Where a forest's directory is and how its account's password is changed there: the URLs
/// (the first is where a change is made, the others are waited on for replication), the CA
/// file that verifies them, the account as the directory names it and, for reset mode, the
/// vault entry whose account and password do the reset.
public struct DirectoryConfig: Sendable, Equatable {
    public var forest: String
    public var kind: DirectoryKind
    public var urls: [String]
    public var caFile: String
    /// The account as stored in the vault (sAMAccountName, UPN, DN or uid); its DN is searched.
    public var account: String
    /// Reset mode: the forest entry holding the rotator account's password; nil: self mode.
    public var resetWith: String?
    public var createdAt: String

    public init(
        forest: String, kind: DirectoryKind, urls: [String], caFile: String, account: String = "",
        resetWith: String? = nil, createdAt: String = ""
    ) {
        self.forest = forest
        self.kind = kind
        self.urls = urls
        self.caFile = caFile
        self.account = account
        self.resetWith = resetWith
        self.createdAt = createdAt
    }

    public var mode: RotationMode { resetWith == nil ? .selfChange : .reset }
}
