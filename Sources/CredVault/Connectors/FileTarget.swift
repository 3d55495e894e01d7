/// Where a file connector writes.
public struct FileTarget: Sendable, Equatable, Codable {
    public var path: String
    public var format: TargetFormat
    public var passwordKey: String
    public var accountKey: String?

    public init(path: String, format: TargetFormat, passwordKey: String, accountKey: String? = nil) {
        self.path = path
        self.format = format
        self.passwordKey = passwordKey
        self.accountKey = accountKey
    }

    enum CodingKeys: String, CodingKey {
        case path, format
        case passwordKey = "password_key"
        case accountKey = "account_key"
    }
}
