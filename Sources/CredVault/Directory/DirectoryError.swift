/// Why a directory operation failed, as facts: which server, which LDAP result and which
/// Active Directory sub-code. The sentence a user reads (cause and fix) is made by the CLI
/// (VaultCLI/Presenter/DirectoryErrorText.swift); no case carries prose, and none ever
/// carries a password.
public enum DirectoryError: Error, Equatable, Sendable {
    /// The URL is not `ldaps://HOST[:PORT]` or `ldap://HOST[:PORT]` (the latter always upgraded
    /// with StartTLS), or the CA file cannot be read.
    case invalidEndpoint(url: String, problem: EndpointProblem)
    /// No TCP connection to the server within the connect timeout (refused, no route, no answer).
    case unreachable(server: String)
    /// The server answered but TLS could not be established: its certificate does not verify
    /// against the CA file, its name does not match, or the server does not offer StartTLS.
    /// `reason` is libldap's diagnostic, verbatim.
    case tlsFailed(server: String, reason: String)
    /// The directory refused the name and password (LDAP 49; AD sub-code 52e, or 525 for a name
    /// it does not know: AD does not tell the two apart to the client, and neither do we).
    case invalidCredentials(ADDiagnostic?)
    /// The password is right but AD refuses the logon: locked (775), disabled (533), expired
    /// account (701), expired password (532), must change at next logon (773), outside its
    /// hours (530) or from this workstation (531).
    case accountRestricted(ADBindRefusal, ADDiagnostic?)
    /// A self change gave a current password the directory does not accept (AD 00000056).
    case wrongCurrentPassword(ADDiagnostic?)
    /// The directory refused the new password against its policy (AD 0000052D: length,
    /// complexity, history or minimum age). `reason` is what the server's message names, when
    /// it names it (Samba does, Windows does not).
    case passwordRejected(constraint: String?, reason: PasswordRejectionReason?)
    /// The bound account may not do this (LDAP 50; AD 00000005).
    case insufficientRights(ADDiagnostic?)
    /// The directory is unwilling (LDAP 53), e.g. a password change without TLS.
    case unwillingToPerform(ADDiagnostic?)
    /// No entry matches the account name under the base.
    case noSuchAccount(account: String)
    /// More than one entry matches the account name: refusing to pick one.
    case ambiguousAccount(account: String, matches: Int)
    /// The operation got no answer within its timeout; it was abandoned.
    case timeout(DirectoryOperation)
    /// The password is not valid UTF-8, so it has no UTF-16 form to send to AD.
    case passwordNotUTF8
    /// No secure (sodium) memory was left to build the request in.
    case outOfSecureMemory
    /// OpenLDAP's client library could not be loaded (it is loaded only by commands that
    /// talk to a directory): `library` is the file asked for, `reason` the loader's message.
    case libraryMissing(library: String, reason: String)
    /// Any other LDAP result: the code and the server's diagnostic message, verbatim.
    case other(resultCode: Int32, diagnostic: String)

    /// What is wrong with an endpoint's configuration.
    public enum EndpointProblem: Equatable, Sendable {
        case unsupportedScheme
        case missingHost
        case unreadableCAFile(path: String)
    }
}
