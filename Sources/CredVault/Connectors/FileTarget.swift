/// Where a file connector writes.
public struct FileTarget: Sendable, Equatable, Codable {
    public var path: String
    public var format: TargetFormat
    public var passwordKey: String
    public var accountKey: String?
    /// The file's identity, taken at `connector add`; nil for a connector added before
    /// pinning (its row and MAC stay as they were: the key is absent from its JSON).
    public var pin: TargetPin?
    /// Asked for at `connector add --follow-symlinks`; the pin records it.
    public var followSymlinks: Bool

    public init(path: String, format: TargetFormat, passwordKey: String, accountKey: String? = nil, followSymlinks: Bool = false) {
        self.path = path
        self.format = format
        self.passwordKey = passwordKey
        self.accountKey = accountKey
        self.followSymlinks = followSymlinks
    }

    enum CodingKeys: String, CodingKey {
        case path, format, pin
        case passwordKey = "password_key"
        case accountKey = "account_key"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        format = try container.decode(TargetFormat.self, forKey: .format)
        passwordKey = try container.decode(String.self, forKey: .passwordKey)
        accountKey = try container.decodeIfPresent(String.self, forKey: .accountKey)
        pin = try container.decodeIfPresent(TargetPin.self, forKey: .pin)
        followSymlinks = pin?.followSymlinks ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(passwordKey, forKey: .passwordKey)
        try container.encodeIfPresent(accountKey, forKey: .accountKey)
        try container.encodeIfPresent(pin, forKey: .pin)
    }
}
