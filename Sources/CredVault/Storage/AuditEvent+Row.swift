import Foundation
import GRDB

/// An `audit_events` row read through GRDB, with checked conversions: a second reader beside
/// `AuditRowView`, which the tests hold against it.
extension AuditEvent: FetchableRecord, TableRecord {
    public static let databaseTableName = "audit_events"

    public init(row: Row) throws {
        var columns = CheckedRow(row, table: "audit_events")
        seq = try columns.value(0, "seq")
        columns.key = String(seq)
        time = try columns.value(1, "time")
        actor = try columns.value(2, "actor")
        uid = try columns.value(3, "uid")
        host = try columns.value(4, "host")
        pid = try columns.value(5, "pid")
        action = try columns.value(6, "action")
        forest = try columns.optional(7, "forest")
        version = try columns.optional(8, "version")
        connector = try columns.optional(9, "connector")
        outcome = try columns.value(10, "outcome")
        fingerprint = try columns.optional(11, "fingerprint")
        reason = try columns.optional(12, "reason")
        detail = try columns.optional(13, "detail")
        mac = [UInt8](try columns.optional(14, "mac", as: Data.self) ?? Data())
    }
}
