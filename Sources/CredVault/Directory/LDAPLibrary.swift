internal import CLDAP
#if canImport(Glibc)
import Glibc
#endif

/// OpenLDAP's libldap, loaded with `dlopen` the first time a command talks to a directory.
///
/// Linking libldap would make the dynamic loader map and relocate it and its dependencies
/// (GnuTLS, nettle, gmp, p11-kit, SASL, …) in every process, `get` and `set` included: 9.1 M
/// of a `get`'s 21.1 M instructions (docs/DESIGN-NOTES.md, "libldap on demand"). CLDAP
/// therefore only declares the types and constants; the functions the directory client calls
/// are resolved here by name, once per process. Each property is named after the C function
/// it points to and typed as its prototype in ldap.h / lber.h (2.5), so a call reads as the C
/// call does. A function used elsewhere without going through this table fails to link.
struct LDAPLibrary: @unchecked Sendable {
    // @unchecked: the table is immutable after loading; libldap's functions are thread-safe
    // per handle, and one handle belongs to one task at a time (LDAPConnection).
    typealias Handle = OpaquePointer
    typealias Controls = UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>
    typealias CString = UnsafePointer<CChar>
    typealias Chars = UnsafeMutablePointer<CChar>

    /// The shared object, by the soname of the libldap-dev headers CLDAP compiles against
    /// (OpenLDAP 2.5: libldap-2.5.so.0; 2.6 and later: libldap.so.2).
    static let soname = LDAP_VENDOR_VERSION_MINOR < 6 ? "libldap-\(LDAP_VENDOR_VERSION_MAJOR).\(LDAP_VENDOR_VERSION_MINOR).so.0" : "libldap.so.2"

    let ldap_initialize: @convention(c) (UnsafeMutablePointer<Handle?>?, CString?) -> Int32
    let ldap_set_option: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    let ldap_get_option: @convention(c) (Handle?, Int32, UnsafeMutableRawPointer?) -> Int32
    let ldap_connect: @convention(c) (Handle?) -> Int32
    let ldap_start_tls_s: @convention(c) (Handle?, Controls?, Controls?) -> Int32
    let ldap_sasl_bind: @convention(c) (
        Handle?, CString?, CString?, UnsafeMutablePointer<berval>?, Controls?, Controls?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    let ldap_result: @convention(c) (Handle?, Int32, Int32, UnsafeMutablePointer<timeval>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    let ldap_msgfree: @convention(c) (OpaquePointer?) -> Int32
    let ldap_abandon_ext: @convention(c) (Handle?, Int32, Controls?, Controls?) -> Int32
    let ldap_parse_result: @convention(c) (
        Handle?, OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Chars?>?, UnsafeMutablePointer<Chars?>?,
        UnsafeMutablePointer<UnsafeMutablePointer<Chars?>?>?, UnsafeMutablePointer<Controls?>?, Int32
    ) -> Int32
    let ldap_memfree: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let ldap_unbind_ext: @convention(c) (Handle?, Controls?, Controls?) -> Int32
    let ldap_search_ext: @convention(c) (
        Handle?, CString?, Int32, CString?, UnsafeMutablePointer<Chars?>?, Int32, Controls?, Controls?,
        UnsafeMutablePointer<timeval>?, Int32, UnsafeMutablePointer<Int32>?
    ) -> Int32
    let ldap_first_entry: @convention(c) (Handle?, OpaquePointer?) -> OpaquePointer?
    let ldap_next_entry: @convention(c) (Handle?, OpaquePointer?) -> OpaquePointer?
    let ldap_get_dn: @convention(c) (Handle?, OpaquePointer?) -> Chars?
    let ldap_first_attribute: @convention(c) (Handle?, OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> Chars?
    let ldap_next_attribute: @convention(c) (Handle?, OpaquePointer?, OpaquePointer?) -> Chars?
    let ldap_get_values_len: @convention(c) (Handle?, OpaquePointer?, CString?) -> UnsafeMutablePointer<UnsafeMutablePointer<berval>?>?
    let ldap_value_free_len: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<berval>?>?) -> Void
    let ldap_modify_ext: @convention(c) (
        Handle?, CString?, UnsafeMutablePointer<UnsafeMutablePointer<LDAPMod>?>?, Controls?, Controls?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    let ldap_extended_operation: @convention(c) (
        Handle?, CString?, UnsafeMutablePointer<berval>?, Controls?, Controls?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    let ldap_parse_extended_result: @convention(c) (
        Handle?, OpaquePointer?, UnsafeMutablePointer<Chars?>?, UnsafeMutablePointer<UnsafeMutablePointer<berval>?>?, Int32
    ) -> Int32
    let ber_free: @convention(c) (OpaquePointer?, Int32) -> Void
    let ber_bvfree: @convention(c) (UnsafeMutablePointer<berval>?) -> Void
    /// liblber's; the connection callback in CLDAP's shim.h calls it through this pointer.
    let ber_sockbuf_ctrl: credvault_sockbuf_ctrl_f

    /// The library, loaded on first use; the same answer for the rest of the process.
    static func shared() throws(DirectoryError) -> LDAPLibrary {
        try loaded.get()
    }

    private static let loaded: Result<LDAPLibrary, DirectoryError> = Result { () throws(DirectoryError) in
        try LDAPLibrary(loading: soname)
    }

    private init(loading name: String) throws(DirectoryError) {
        // RTLD_NOW: a libldap without one of these functions fails here, not in mid-operation.
        guard let image = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw .libraryMissing(library: name, reason: dlerror().map { String(cString: $0) } ?? "")
        }
        let resolver = SymbolResolver(image: image, library: name)
        ldap_initialize = try resolver.function("ldap_initialize")
        ldap_set_option = try resolver.function("ldap_set_option")
        ldap_get_option = try resolver.function("ldap_get_option")
        ldap_connect = try resolver.function("ldap_connect")
        ldap_start_tls_s = try resolver.function("ldap_start_tls_s")
        ldap_sasl_bind = try resolver.function("ldap_sasl_bind")
        ldap_result = try resolver.function("ldap_result")
        ldap_msgfree = try resolver.function("ldap_msgfree")
        ldap_abandon_ext = try resolver.function("ldap_abandon_ext")
        ldap_parse_result = try resolver.function("ldap_parse_result")
        ldap_memfree = try resolver.function("ldap_memfree")
        ldap_unbind_ext = try resolver.function("ldap_unbind_ext")
        ldap_search_ext = try resolver.function("ldap_search_ext")
        ldap_first_entry = try resolver.function("ldap_first_entry")
        ldap_next_entry = try resolver.function("ldap_next_entry")
        ldap_get_dn = try resolver.function("ldap_get_dn")
        ldap_first_attribute = try resolver.function("ldap_first_attribute")
        ldap_next_attribute = try resolver.function("ldap_next_attribute")
        ldap_get_values_len = try resolver.function("ldap_get_values_len")
        ldap_value_free_len = try resolver.function("ldap_value_free_len")
        ldap_modify_ext = try resolver.function("ldap_modify_ext")
        ldap_extended_operation = try resolver.function("ldap_extended_operation")
        ldap_parse_extended_result = try resolver.function("ldap_parse_extended_result")
        // liblber is libldap's own dependency: dlsym on libldap's handle searches it too.
        ber_free = try resolver.function("ber_free")
        ber_bvfree = try resolver.function("ber_bvfree")
        ber_sockbuf_ctrl = try resolver.function("ber_sockbuf_ctrl")
    }
}
