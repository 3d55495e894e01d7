/// Active Directory's reasons to refuse a bind whose password may well be right: the `data`
/// sub-code of its `AcceptSecurityContext error` diagnostic (MS-ADTS; hexadecimal Win32 codes).
public enum ADBindRefusal: String, Equatable, Sendable, CaseIterable {
    /// 530 ERROR_INVALID_LOGON_HOURS
    case notPermittedAtThisTime = "530"
    /// 531 ERROR_INVALID_WORKSTATION
    case notPermittedOnWorkstation = "531"
    /// 532 ERROR_PASSWORD_EXPIRED
    case passwordExpired = "532"
    /// 533 ERROR_ACCOUNT_DISABLED
    case accountDisabled = "533"
    /// 701 ERROR_ACCOUNT_EXPIRED
    case accountExpired = "701"
    /// 773 ERROR_PASSWORD_MUST_CHANGE
    case mustChangePassword = "773"
    /// 775 ERROR_ACCOUNT_LOCKED_OUT
    case accountLocked = "775"
}
