import ArgumentParser
import CredVault

/// Option values checked in a command's `validate()`, before it opens the vault: a value the
/// library refuses there (a length out of range, version 0, a time that is not one) is a usage
/// mistake, so it exits 64 with one line in the library's words (through `ErrorPresenter`).
enum UsageCheck {
    static func check(_ body: () throws(CredVaultError) -> Void) throws {
        do {
            try body()
        } catch {
            throw ValidationError(ErrorPresenter.line(for: error))
        }
    }
}
