internal import CLDAP
#if canImport(Glibc)
import Glibc
#endif

/// The libldap calls for search, modify and extended operations.
extension LDAPConnection {
    /// Entries under `base` matching `filter` (already escaped: see `LDAPFilter`), with
    /// `attributes`. A `sizeLimit` > 0 stops after that many entries without failing.
    public func search(
        base: String, scope: LDAPScope, filter: String, attributes: [String], sizeLimit: Int32 = 0
    ) throws(DirectoryError) -> [LDAPEntry] {
        var messageID: Int32 = 0
        let sent = LDAPConnection.withCStrings(attributes) { names in
            library.ldap_search_ext(handle, base, scope.rawValue, filter, names, 0, nil, nil, nil, sizeLimit, &messageID)
        }
        try checkSent(sent, .search)
        let result = try awaitResult(messageID, .search)
        defer { _ = library.ldap_msgfree(result) }
        try check(result, .search, tolerating: [Int32(LDAP_SIZELIMIT_EXCEEDED)])
        var entries: [LDAPEntry] = []
        var entry = library.ldap_first_entry(handle, result)
        while let current = entry {
            entries.append(readEntry(current))
            entry = library.ldap_next_entry(handle, current)
        }
        return entries
    }

    private func readEntry(_ entry: OpaquePointer) -> LDAPEntry {
        var dn = ""
        if let raw = library.ldap_get_dn(handle, entry) {
            dn = String(cString: raw)
            library.ldap_memfree(raw)
        }
        var attributes: [String: [[UInt8]]] = [:]
        var position: OpaquePointer?
        var name = library.ldap_first_attribute(handle, entry, &position)
        while let current = name {
            attributes[String(cString: current)] = values(of: current, in: entry)
            library.ldap_memfree(current)
            name = library.ldap_next_attribute(handle, entry, position)
        }
        if let position { library.ber_free(position, 0) }
        return LDAPEntry(dn: dn, attributes: attributes)
    }

    private func values(of attribute: UnsafeMutablePointer<CChar>, in entry: OpaquePointer) -> [[UInt8]] {
        guard let list = library.ldap_get_values_len(handle, entry, attribute) else { return [] }
        defer { library.ldap_value_free_len(list) }
        var values: [[UInt8]] = []
        var index = 0
        while let value = list[index] {
            let bytes = UnsafeRawBufferPointer(start: value.pointee.bv_val, count: Int(value.pointee.bv_len))
            values.append(Array(bytes))
            index += 1
        }
        return values
    }

    /// Replaces `attribute` of `dn` with `values` (text; not for secrets).
    public func replace(dn: String, attribute: String, values: [String]) throws(DirectoryError) {
        let sent = LDAPConnection.withCStrings(values) { strings in
            attribute.withCString { type in
                var mod = LDAPMod()
                mod.mod_op = LDAP_MOD_REPLACE
                mod.mod_type = UnsafeMutablePointer(mutating: type)
                mod.mod_vals.modv_strvals = strings
                return sendModify(dn: dn, mods: [mod], controls: nil)
            }
        }
        try finishModify(sent)
    }

    /// One modify: delete `old`, add `new` in the `unicodePwd` attribute (AD's self change).
    func modifyPassword(dn: String, deleting old: borrowing SecureBytes, adding new: borrowing SecureBytes) throws(DirectoryError) {
        let sent = old.withUnsafeBytes { oldBytes in
            new.withUnsafeBytes { newBytes in
                ADPasswordValue.attribute.withCString { type in
                    var oldValue = berval(bv_len: ber_len_t(oldBytes.count), bv_val: LDAPConnection.chars(oldBytes))
                    var newValue = berval(bv_len: ber_len_t(newBytes.count), bv_val: LDAPConnection.chars(newBytes))
                    return withUnsafeMutablePointer(to: &oldValue) { oldPointer in
                        withUnsafeMutablePointer(to: &newValue) { newPointer in
                            var oldList: [UnsafeMutablePointer<berval>?] = [oldPointer, nil]
                            var newList: [UnsafeMutablePointer<berval>?] = [newPointer, nil]
                            return oldList.withUnsafeMutableBufferPointer { oldValues in
                                newList.withUnsafeMutableBufferPointer { newValues in
                                    let delete = LDAPConnection.binaryMod(LDAP_MOD_DELETE, type, oldValues.baseAddress!)
                                    let add = LDAPConnection.binaryMod(LDAP_MOD_ADD, type, newValues.baseAddress!)
                                    return sendModify(dn: dn, mods: [delete, add], controls: nil)
                                }
                            }
                        }
                    }
                }
            }
        }
        try finishModify(sent)
    }

    /// One modify replacing `unicodePwd` with `new` (AD's reset), with the policy-hints control
    /// when asked.
    func modifyPassword(dn: String, replacingWith new: borrowing SecureBytes, policyHints: Bool) throws(DirectoryError) {
        let sent = new.withUnsafeBytes { newBytes in
            ADPasswordValue.attribute.withCString { type in
                var newValue = berval(bv_len: ber_len_t(newBytes.count), bv_val: LDAPConnection.chars(newBytes))
                return withUnsafeMutablePointer(to: &newValue) { newPointer in
                    var list: [UnsafeMutablePointer<berval>?] = [newPointer, nil]
                    return list.withUnsafeMutableBufferPointer { values in
                        let replace = LDAPConnection.binaryMod(LDAP_MOD_REPLACE, type, values.baseAddress!)
                        guard policyHints else { return sendModify(dn: dn, mods: [replace], controls: nil) }
                        return LDAPConnection.withPolicyHintsControl { control in
                            var controls: [UnsafeMutablePointer<LDAPControl>?] = [control, nil]
                            return sendModify(dn: dn, mods: [replace], controls: &controls)
                        }
                    }
                }
            }
        }
        try finishModify(sent)
    }

    /// ldap_modify_ext with `mods` (whose pointers must stay valid for the call); returns the
    /// send code and the message id. libldap encodes the request before it returns.
    private func sendModify(
        dn: String, mods: [LDAPMod], controls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
    ) -> (code: Int32, messageID: Int32) {
        let storage = UnsafeMutablePointer<LDAPMod>.allocate(capacity: mods.count)
        storage.initialize(from: mods, count: mods.count)
        defer { storage.deallocate() }
        var list: [UnsafeMutablePointer<LDAPMod>?] = (0..<mods.count).map { storage + $0 } + [nil]
        var messageID: Int32 = 0
        let code = library.ldap_modify_ext(handle, dn, &list, controls, nil, &messageID)
        return (code, messageID)
    }

    private func finishModify(_ sent: (code: Int32, messageID: Int32)) throws(DirectoryError) {
        try checkSent(sent.code, .modify)
        let result = try awaitResult(sent.messageID, .modify)
        defer { _ = library.ldap_msgfree(result) }
        try check(result, .modify)
    }

    /// An extended operation whose request value is secret (it is sent from `value`'s sodium
    /// memory); a response value, if the server sends one, is wiped before it is freed.
    func extendedOperation(oid: String, value: borrowing SecureBytes, operation: DirectoryOperation) throws(DirectoryError) {
        var messageID: Int32 = 0
        let sent = value.withUnsafeBytes { bytes in
            var request = berval(bv_len: ber_len_t(bytes.count), bv_val: LDAPConnection.chars(bytes))
            return library.ldap_extended_operation(handle, oid, &request, nil, nil, &messageID)
        }
        try checkSent(sent, operation)
        let result = try awaitResult(messageID, operation)
        defer { _ = library.ldap_msgfree(result) }
        try check(result, operation)
        var responseOID: UnsafeMutablePointer<CChar>?
        var responseValue: UnsafeMutablePointer<berval>?
        if library.ldap_parse_extended_result(handle, result, &responseOID, &responseValue, 0) == LDAP_SUCCESS {
            if let responseOID { library.ldap_memfree(responseOID) }
            if let responseValue {
                if let bytes = responseValue.pointee.bv_val { explicit_bzero(bytes, Int(responseValue.pointee.bv_len)) }
                library.ber_bvfree(responseValue)
            }
        }
    }

    private static func binaryMod(
        _ operation: Int32, _ type: UnsafePointer<CChar>, _ values: UnsafeMutablePointer<UnsafeMutablePointer<berval>?>
    ) -> LDAPMod {
        var mod = LDAPMod()
        mod.mod_op = operation | LDAP_MOD_BVALUES
        mod.mod_type = UnsafeMutablePointer(mutating: type)
        mod.mod_vals.modv_bvals = values
        return mod
    }

    /// LDAP_SERVER_POLICY_HINTS_OID with flags 1 (SEQUENCE { INTEGER 1 }), critical: a server
    /// that lists it must apply it.
    private static func withPolicyHintsControl<R>(_ body: (UnsafeMutablePointer<LDAPControl>) -> R) -> R {
        var value: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x01]
        return RootDSE.policyHintsControl.withCString { oid in
            value.withUnsafeMutableBytes { bytes in
                var control = LDAPControl(
                    ldctl_oid: UnsafeMutablePointer(mutating: oid),
                    ldctl_value: berval(bv_len: ber_len_t(bytes.count), bv_val: bytes.baseAddress?.assumingMemoryBound(to: CChar.self)),
                    ldctl_iscritical: 1)
                return body(&control)
            }
        }
    }

    /// A NULL-terminated array of C strings for libldap, freed after `body`.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(&pointers)
    }
}
