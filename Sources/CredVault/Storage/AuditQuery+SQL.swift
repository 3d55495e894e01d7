import GRDB

/// How an `AuditQuery` reads as SQL: the only place its filters meet the schema.
extension AuditQuery {
    /// The WHERE clause and its arguments.
    var sqlFilter: (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let forest { clauses.append("forest = ?"); arguments += [forest] }
        if let action {
            if AuditAction(rawValue: action) != nil {
                clauses.append("action = ?"); arguments += [action]
            } else {
                clauses.append("substr(action, 1, ?) = ?"); arguments += [action.utf8.count + 1, action + "."]
            }
        }
        if let since { clauses.append("time >= ?"); arguments += [since] }
        if let until { clauses.append("time <= ?"); arguments += [until] }
        if let afterSeq { clauses.append("seq > ?"); arguments += [afterSeq] }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
