/// The documented exit codes (sysexits). `ErrorPresenter` is the one place that picks one.
enum ExitCodes {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let restartFailed: Int32 = 3
    static let healthCheckFailed: Int32 = 4
    static let restartPending: Int32 = 5
    static let drifted: Int32 = 6
    /// A password is older than its maximum age (`credvault policy`), and no connector is worse off.
    static let passwordOverdue: Int32 = 7
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    /// The directory cannot be reached (connection, TLS, timeout).
    static let unavailable: Int32 = 69
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let tempFail: Int32 = 75
    /// The directory refused: a bind, a change, its password policy or minimum age.
    static let directoryRefused: Int32 = 76
    static let noPermission: Int32 = 77
}
