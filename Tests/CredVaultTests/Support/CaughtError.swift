import Testing
@testable import CredVault

/// The CredVaultError `body` throws, or nil when it returns (any other error is recorded as
/// an issue): library tests assert on the case, not on the message.
func caughtError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> CredVaultError? {
    do {
        try body()
        return nil
    } catch let error as CredVaultError {
        return error
    } catch {
        Issue.record("not a CredVaultError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
