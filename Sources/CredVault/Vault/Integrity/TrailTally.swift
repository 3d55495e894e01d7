/// What `AuditCrossCheck` needs from the audit trail, gathered during the chain walk from
/// each event whose MAC verified: one pass over the trail instead of three more full scans
/// (the trail has no index on `action`).
///
/// It keeps each forest's highest version in a successful set, generate, rollback or import
/// event, the connectors added and not removed, and the maximum ages set and not cleared:
/// what `auditLastVersions`, `auditConnectorEvents` and `auditPolicyEvents` select, read
/// the way those queries read them. An event it cannot read exactly that way (a column of
/// another type, a text holding a NUL, a forest name that is not ASCII, so that byte and
/// String equality could differ) makes it `unsure`, and the exact check runs instead.
final class TrailTally {
    private(set) var lastVersions = ForestVersionTable()
    private(set) var connectors = Set<String>()
    private(set) var agePolicies: [String: Int] = [:]
    private(set) var unsure = false

    /// Takes in one event of the verified chain (`AuditVerifier`, in seq order).
    func observe(_ row: AuditRowView) {
        guard !unsure else { return }
        guard let action = row.text(.action) else { unsure = true; return }
        switch Kind(action) {
        case .version?: observeVersion(row)
        case .connectorAdd?: observeConnector(row, added: true)
        case .connectorRemove?: observeConnector(row, added: false)
        case .policySet?: observePolicy(row, cleared: false)
        case .policyClear?: observePolicy(row, cleared: true)
        case nil: return
        }
    }

    /// `action IN (set, generate, rollback, import) AND outcome = 'ok' AND forest IS NOT NULL`, then MAX(version).
    private func observeVersion(_ row: AuditRowView) {
        guard let outcome = row.text(.outcome) else { unsure = true; return }
        guard RawBytes.equal(outcome, TrailTally.ok), !row.isNull(AuditRowView.Column.forest.rawValue) else { return }
        guard let forest = row.text(.forest), RawBytes.isPlainASCII(forest), let version = row.storedInteger(.version)
        else { unsure = true; return }
        lastVersions.raise(forest, to: version)
    }

    private func observeConnector(_ row: AuditRowView, added: Bool) {
        if row.isNull(AuditRowView.Column.connector.rawValue) { return }
        guard let name = row.text(.connector).flatMap(TrailTally.string) else { unsure = true; return }
        AuditCrossCheck.apply(connector: name, added: added, to: &connectors)
    }

    private func observePolicy(_ row: AuditRowView, cleared: Bool) {
        guard let forest = optionalString(row, .forest), let detail = optionalString(row, .detail) else {
            unsure = true
            return
        }
        AuditCrossCheck.apply(policyCleared: cleared, forest: forest, detail: detail, to: &agePolicies)
    }

    /// NULL as `.some(nil)`; a TEXT as its String; nil for anything else.
    private func optionalString(_ row: AuditRowView, _ column: AuditRowView.Column) -> String?? {
        if row.isNull(column.rawValue) { return .some(nil) }
        return row.text(column).flatMap(TrailTally.string).map { .some($0) }
    }

    /// The String GRDB reads from a TEXT column, when that is exactly its bytes (no NUL, valid UTF-8).
    private static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !RawBytes.containsNUL(bytes) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private static let ok = Array(AuditOutcome.ok.rawValue.utf8)

    /// The actions the cross-check reads, told apart by their bytes.
    private enum Kind {
        case version, connectorAdd, connectorRemove, policySet, policyClear

        private static let names: [(AuditAction, Kind)] = [
            (.set, .version), (.generate, .version), (.rollback, .version), (.import, .version),
            (.connectorAdd, .connectorAdd), (.connectorRemove, .connectorRemove),
            (.policySet, .policySet), (.policyClear, .policyClear),
        ]
        private static let bytes: [([UInt8], Kind)] = names.map { (Array($0.0.rawValue.utf8), $0.1) }

        init?(_ action: UnsafeRawBufferPointer) {
            guard let found = Kind.bytes.first(where: { RawBytes.equal(action, $0.0) }) else { return nil }
            self = found.1
        }
    }
}
