internal import CSodium

/// libsodium's one-time initialisation. `sodium_init` is itself thread-safe; the static
/// stores its outcome so every entry point can check it cheaply and throw instead of crash.
enum Sodium {
    private static let initResult: Int32 = sodium_init()

    static func ensureInitialized() throws(CredVaultError) {
        // 0: initialised now, 1: already initialised; -1: unusable.
        guard initResult >= 0 else {
            throw .crypto("libsodium could not be initialised")
        }
    }
}
