/// One TLS-protected connection to one directory server, on OpenLDAP's libldap.
///
/// `open` returns only once TLS is up: `ldaps://` verifies the server's certificate in the
/// handshake, `ldap://` is upgraded with StartTLS before anything else is sent. Every option
/// that decides whom we trust is set on this handle, with a TLS context of its own, so nothing
/// from ldap.conf, ~/.ldaprc or LDAPTLS_* weakens it. Passwords reach libldap as bervals that
/// point into `SecureBytes`, never through a Swift `String`.
///
/// Not thread-safe: one connection belongs to one task at a time.
public final class LDAPConnection {
    let handle: OpaquePointer
    /// libldap's functions (loaded on first use: see `LDAPLibrary`).
    let library: LDAPLibrary
    public let endpoint: DirectoryEndpoint
    public let timeouts: DirectoryTimeouts
    /// Bounds the connect and TLS handshake; libldap keeps a pointer to its callback, so it
    /// lives as long as the handle.
    let watchdog: SocketWatchdog

    init(handle: OpaquePointer, library: LDAPLibrary, endpoint: DirectoryEndpoint, timeouts: DirectoryTimeouts) {
        self.handle = handle
        self.library = library
        self.endpoint = endpoint
        self.timeouts = timeouts
        watchdog = SocketWatchdog(sockbufControl: library.ber_sockbuf_ctrl)
    }

    deinit { unbind() }

    /// Connects to `endpoint` and establishes TLS, verifying the certificate against its CA file.
    public static func open(
        _ endpoint: DirectoryEndpoint, timeouts: DirectoryTimeouts = DirectoryTimeouts()
    ) throws(DirectoryError) -> LDAPConnection {
        let connection = try LDAPConnection(configuredFor: endpoint, timeouts: timeouts)
        try connection.establish()
        return connection
    }

    /// Simple bind as `name` (a DN, or for AD also a UPN) with `password`.
    public func bind(name: String, password: borrowing SecureBytes) throws(DirectoryError) {
        try password.withUnsafeBytes { (raw) throws(DirectoryError) in
            try simpleBind(name: name, password: raw)
        }
    }

    /// The rootDSE's naming contexts, controls and extended operations.
    public func readRootDSE() throws(DirectoryError) -> RootDSE {
        let entries = try search(base: "", scope: .base, filter: "(objectClass=*)", attributes: RootDSE.attributes)
        return RootDSE(entry: entries.first)
    }

    /// The one entry at `dn`, with `attributes`.
    public func read(dn: String, attributes: [String]) throws(DirectoryError) -> LDAPEntry? {
        try search(base: dn, scope: .base, filter: "(objectClass=*)", attributes: attributes).first
    }

    /// AD self change: one modify that deletes the old `unicodePwd` and adds the new one, both
    /// as AD wants them (quoted, UTF-16LE). AD checks the old value and the domain's policy.
    public func changeADPassword(
        dn: String, current: borrowing SecureBytes, new: borrowing SecureBytes
    ) throws(DirectoryError) {
        let oldValue = try ADPasswordValue.encode(current)
        let newValue = try ADPasswordValue.encode(new)
        try modifyPassword(dn: dn, deleting: oldValue, adding: newValue)
    }

    /// AD reset: replace `unicodePwd` (needs "Reset password" on the account). With
    /// `policyHints` the modify carries LDAP_SERVER_POLICY_HINTS_OID so AD enforces the
    /// history too; send it only when the rootDSE lists it.
    public func resetADPassword(dn: String, new: borrowing SecureBytes, policyHints: Bool) throws(DirectoryError) {
        let newValue = try ADPasswordValue.encode(new)
        try modifyPassword(dn: dn, replacingWith: newValue, policyHints: policyHints)
    }

    /// RFC 3062 Password Modify with the old password (a self change).
    public func passwordModify(
        identity: String?, current: borrowing SecureBytes, new: borrowing SecureBytes
    ) throws(DirectoryError) {
        let request = try current.withUnsafeBytes { (old) throws(DirectoryError) in
            try new.withUnsafeBytes { (new) throws(DirectoryError) in
                try PasswordModifyRequest.encode(identity: identity, current: old, new: new)
            }
        }
        try extendedOperation(oid: PasswordModifyRequest.oid, value: request, operation: .passwordModify)
    }

    /// RFC 3062 Password Modify without the old password (a reset by a privileged account).
    public func passwordModify(identity: String, new: borrowing SecureBytes) throws(DirectoryError) {
        let request = try new.withUnsafeBytes { (new) throws(DirectoryError) in
            try PasswordModifyRequest.encode(identity: identity, current: nil, new: new)
        }
        try extendedOperation(oid: PasswordModifyRequest.oid, value: request, operation: .passwordModify)
    }
}
