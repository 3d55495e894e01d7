/// What `AuditJSONLine` reads of an event.
protocol AuditJSONSource {
    var seq: Int64 { get }
    var uid: Int64 { get }
    var pid: Int64 { get }
    var version: Int? { get }
    /// Calls `body` with the field's UTF-8 bytes, or nil when an optional field is absent.
    func withText(_ field: AuditTextField, _ body: (UnsafeRawBufferPointer?) -> Void)
    func withMAC(_ body: (UnsafeRawBufferPointer) -> Void)
}

extension AuditEvent: AuditJSONSource {
    func withText(_ field: AuditTextField, _ body: (UnsafeRawBufferPointer?) -> Void) {
        let value: String? = switch field {
        case .time: time
        case .actor: actor
        case .host: host
        case .action: action
        case .forest: forest
        case .connector: connector
        case .outcome: outcome
        case .fingerprint: fingerprint
        case .reason: reason
        case .detail: detail
        }
        guard var value else { return body(nil) }
        value.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    func withMAC(_ body: (UnsafeRawBufferPointer) -> Void) {
        mac.withUnsafeBytes(body)
    }
}
