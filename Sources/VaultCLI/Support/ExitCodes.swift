import CredVault

/// The documented exit codes (sysexits), mapped from the library's typed errors in one place.
enum ExitCodes {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let restartFailed: Int32 = 3
    static let healthCheckFailed: Int32 = 4
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let tempFail: Int32 = 75
    static let noPermission: Int32 = 77

    static func code(for error: CredVaultError) -> Int32 {
        switch error {
        case .usage: return usage
        case .invalidInput, .integrity, .malformedRecord: return dataError
        case .notFound: return noInput
        case .cannotCreate: return cannotCreate
        case .io: return ioError
        case .busy: return tempFail
        case .unlockFailed, .insecurePermissions: return noPermission
        case .restartFailed: return restartFailed
        case .healthCheckFailed: return healthCheckFailed
        case .crypto: return failure
        }
    }
}
