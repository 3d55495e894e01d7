import GRDB

/// Turns SQLite's and GRDB's errors into CredVaultError at the storage boundary.
enum StorageErrors {
    static func map(_ error: any Error, path: String) -> CredVaultError {
        if let error = error as? CredVaultError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy("the vault \(path) is busy (another credvault is writing); try again")
            case .SQLITE_READONLY:
                return .io("the vault \(path) is read-only; nothing was changed")
            case .SQLITE_FULL:
                return .io("the vault \(path) is full (disk or page limit); nothing was changed")
            case .SQLITE_NOTADB:
                return .invalidInput("\(path) is not a CredVault vault")
            case .SQLITE_CORRUPT:
                return .integrity("the vault \(path) is damaged (SQLite reports corruption)")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                return .io("cannot open vault \(path)")
            case .SQLITE_IOERR:
                return .io("I/O error on vault \(path)")
            case .SQLITE_CONSTRAINT:
                return .integrity("the vault \(path) refused a change that breaks its rules: \(error.message ?? "constraint")")
            default:
                return .io("database error on \(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
        return .io("unexpected error on \(path): \(error)")
    }
}
