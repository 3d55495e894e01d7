import GRDB

/// One transaction on the vault's database, as `VaultDatabase.read` and `writeTransaction`
/// lend it. Its methods, in the `StoreTransaction+*.swift` files beside it, are named after
/// what the vault does (look up a forest, insert a version, replace the passphrase slots,
/// append an audit event) and hold all of the code base's SQL.
///
/// `db` is for those files, and for tests that edit rows behind the vault's back on purpose.
struct StoreTransaction {
    let db: Database
}
