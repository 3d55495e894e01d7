import GRDB

/// The four statements an import runs for every record, each looked up once for the import's
/// transaction (`StoreTransaction.preparingImport`). Looking a cached statement up builds its
/// SQL text and hashes it: about 15,000 instructions per imported record for these four.
struct ImportStatements {
    let forest: Statement
    let upsertForest: Statement
    let insertVersion: Statement
    let insertAuditEvent: Statement
}
