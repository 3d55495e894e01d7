internal import CLDAP
#if canImport(Glibc)
import Glibc
#endif

/// The libldap calls that set a connection up, bind, and wait for an answer.
extension LDAPConnection {
    /// A handle with every option that matters set on it, not yet connected.
    convenience init(configuredFor endpoint: DirectoryEndpoint, timeouts: DirectoryTimeouts) throws(DirectoryError) {
        let library = try LDAPLibrary.shared()
        var handle: OpaquePointer?
        guard library.ldap_initialize(&handle, endpoint.url) == LDAP_SUCCESS, let handle else {
            throw .invalidEndpoint(url: endpoint.url, problem: .missingHost)
        }
        self.init(handle: handle, library: library, endpoint: endpoint, timeouts: timeouts)
        try configure()
    }

    private func configure() throws(DirectoryError) {
        var version = Int32(LDAP_VERSION3)
        var demand = Int32(LDAP_OPT_X_TLS_DEMAND)
        var tls12: Int32 = (3 << 8) + 3  // LDAP_OPT_X_TLS_PROTOCOL_TLS1_2 (a macro Swift cannot import)
        var network = LDAPConnection.timeval(seconds: timeouts.connect)
        var operation = LDAPConnection.timeval(seconds: timeouts.operation)
        var client: Int32 = 0
        let ok = library.ldap_set_option(handle, LDAP_OPT_PROTOCOL_VERSION, &version) == LDAP_OPT_SUCCESS
            && library.ldap_set_option(handle, LDAP_OPT_CONNECT_CB, watchdog.callback) == LDAP_OPT_SUCCESS
            // Never follow referrals: libldap would bind anonymously to whatever server they name.
            && library.ldap_set_option(handle, LDAP_OPT_REFERRALS, nil) == LDAP_OPT_SUCCESS
            && library.ldap_set_option(handle, LDAP_OPT_NETWORK_TIMEOUT, &network) == LDAP_OPT_SUCCESS
            && library.ldap_set_option(handle, LDAP_OPT_TIMEOUT, &operation) == LDAP_OPT_SUCCESS
            && library.ldap_set_option(handle, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand) == LDAP_OPT_SUCCESS
            && library.ldap_set_option(handle, LDAP_OPT_X_TLS_PROTOCOL_MIN, &tls12) == LDAP_OPT_SUCCESS
            // Trust exactly the CA file: drop a CA directory ldap.conf may have named.
            && library.ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTDIR, nil) == LDAP_OPT_SUCCESS
            && endpoint.caFile.withCString { library.ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTFILE, $0) } == LDAP_OPT_SUCCESS
            // A context of this handle's own, built from the options above (0: client side).
            && library.ldap_set_option(handle, LDAP_OPT_X_TLS_NEWCTX, &client) == LDAP_OPT_SUCCESS
        guard ok else {
            throw .tlsFailed(server: endpoint.server, reason: diagnosticMessage())
        }
    }

    /// Opens the TCP connection (TLS handshake included for ldaps://), then StartTLS for ldap://.
    func establish() throws(DirectoryError) {
        let connected = watchdog.guarding(seconds: timeouts.connect) { library.ldap_connect(handle) }
        if connected.timedOut { throw .timeout(.connect) }
        if connected.result != LDAP_SUCCESS {
            throw connectFailure(connected.result)
        }
        guard endpoint.security == .startTLS else { return }
        // The StartTLS request waits at most the operation timeout (LDAP_OPT_TIMEOUT); the
        // handshake after it is bounded by the watchdog.
        let tls = watchdog.guarding(seconds: timeouts.connect + timeouts.operation) { library.ldap_start_tls_s(handle, nil, nil) }
        if tls.timedOut { throw .timeout(.startTLS) }
        let started = tls.result
        guard started == LDAP_SUCCESS else {
            if started == DirectoryErrorTranslator.serverDown { throw .unreachable(server: endpoint.server) }
            if started == DirectoryErrorTranslator.timedOut { throw .timeout(.startTLS) }
            let diagnostic = diagnosticMessage()
            throw .tlsFailed(server: endpoint.server, reason: diagnostic.isEmpty ? "StartTLS result \(started)" : diagnostic)
        }
    }

    /// ldap_connect's failure: libldap records a diagnostic only when the TLS layer failed
    /// (certificate, name, handshake); a refused or unanswered TCP connect leaves it empty.
    private func connectFailure(_ code: Int32) -> DirectoryError {
        let diagnostic = diagnosticMessage()
        if code == DirectoryErrorTranslator.timedOut { return .unreachable(server: endpoint.server) }
        if endpoint.security == .ldaps, !diagnostic.isEmpty {
            return .tlsFailed(server: endpoint.server, reason: diagnostic)
        }
        return .unreachable(server: endpoint.server)
    }

    func simpleBind(name: String, password: UnsafeRawBufferPointer) throws(DirectoryError) {
        var credential = berval(bv_len: ber_len_t(password.count), bv_val: LDAPConnection.chars(password))
        var messageID: Int32 = 0
        let sent = library.ldap_sasl_bind(handle, name, nil, &credential, nil, nil, &messageID)
        try checkSent(sent, .bind)
        let result = try awaitResult(messageID, .bind)
        defer { _ = library.ldap_msgfree(result) }
        try check(result, .bind)
    }

    /// Throws for a request libldap could not send.
    func checkSent(_ code: Int32, _ operation: DirectoryOperation) throws(DirectoryError) {
        guard code != LDAP_SUCCESS else { return }
        if code == DirectoryErrorTranslator.serverDown { throw .unreachable(server: endpoint.server) }
        throw DirectoryErrorTranslator.error(resultCode: code, diagnostic: diagnosticMessage(), operation: operation)
    }

    /// Waits at most the operation timeout for the whole answer to `messageID`; on timeout the
    /// request is abandoned. The caller frees the returned message chain.
    func awaitResult(_ messageID: Int32, _ operation: DirectoryOperation) throws(DirectoryError) -> OpaquePointer {
        var limit = LDAPConnection.timeval(seconds: timeouts.operation)
        var result: OpaquePointer?
        let type = library.ldap_result(handle, messageID, LDAP_MSG_ALL, &limit, &result)
        if type == 0 {
            _ = library.ldap_abandon_ext(handle, messageID, nil, nil)
            throw .timeout(operation)
        }
        guard type > 0, let result else {
            var code: Int32 = 0
            _ = library.ldap_get_option(handle, LDAP_OPT_RESULT_CODE, &code)
            if code == DirectoryErrorTranslator.serverDown { throw .unreachable(server: endpoint.server) }
            throw DirectoryErrorTranslator.error(resultCode: code, diagnostic: diagnosticMessage(), operation: operation)
        }
        return result
    }

    /// Throws the translated error unless the result in `message` is success. `tolerating`
    /// lists other codes that count as success here (sizeLimitExceeded for a bounded search).
    func check(_ message: OpaquePointer, _ operation: DirectoryOperation, tolerating: Set<Int32> = []) throws(DirectoryError) {
        var code: Int32 = 0
        var diagnostic: UnsafeMutablePointer<CChar>?
        let parsed = library.ldap_parse_result(handle, message, &code, nil, &diagnostic, nil, nil, 0)
        defer { if let diagnostic { library.ldap_memfree(diagnostic) } }
        guard parsed == LDAP_SUCCESS else {
            throw DirectoryErrorTranslator.error(resultCode: parsed, diagnostic: "", operation: operation)
        }
        guard code != LDAP_SUCCESS, !tolerating.contains(code) else { return }
        let text = diagnostic.map { String(cString: $0) } ?? ""
        throw DirectoryErrorTranslator.error(resultCode: code, diagnostic: text, operation: operation)
    }

    /// libldap's last diagnostic message for this handle ("" when none).
    func diagnosticMessage() -> String {
        var message: UnsafeMutablePointer<CChar>?
        guard library.ldap_get_option(handle, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) == LDAP_OPT_SUCCESS,
              let message else { return "" }
        defer { library.ldap_memfree(message) }
        return String(cString: message)
    }

    func unbind() {
        _ = library.ldap_unbind_ext(handle, nil, nil)
    }

    static func timeval(seconds: Double) -> Glibc.timeval {
        let whole = seconds.rounded(.down)
        return Glibc.timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
    }

    /// A berval's `bv_val` for bytes libldap only reads.
    static func chars(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<CChar>? {
        guard let base = bytes.baseAddress else { return nil }
        return UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
    }
}
