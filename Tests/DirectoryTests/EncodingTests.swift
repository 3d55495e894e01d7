@testable import CredVault
import Foundation
import Testing

/// The bytes sent to the directory: unicodePwd values, Password Modify requests, filters.
@Suite("Directory encodings")
struct EncodingTests {
    private func bytes(_ value: borrowing SecureBytes) -> [UInt8] {
        value.withUnsafeBytes { Array($0) }
    }

    @Test("unicodePwd is the password in double quotes, UTF-16LE, from UTF-8 (surrogate pairs too)")
    func unicodePwd() throws {
        #expect(bytes(try ADPasswordValue.encode(TestPasswords.text("Ab1"))) == [0x22, 0, 0x41, 0, 0x62, 0, 0x31, 0, 0x22, 0])
        // é is U+00E9; 😀 is U+1F600, the pair D83D DE00.
        #expect(bytes(try ADPasswordValue.encode(TestPasswords.text("é😀")))
            == [0x22, 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, 0x22, 0])
        var invalid = try SecureBytes(count: 2)
        invalid.withUnsafeMutableBytes { $0[0] = 0xC3; $0[1] = 0x28 }
        #expect(throws: DirectoryError.passwordNotUTF8) { _ = try ADPasswordValue.encode(invalid) }
    }

    @Test("Password Modify: SEQUENCE of [0] identity, [1] old, [2] new, DER lengths")
    func passwordModify() throws {
        let old = try TestPasswords.text("old")
        let new = try TestPasswords.text("new1")
        let request = try old.withUnsafeBytes { (o) throws(DirectoryError) in
            try new.withUnsafeBytes { (n) throws(DirectoryError) in
                try PasswordModifyRequest.encode(identity: "cn=a", current: o, new: n)
            }
        }
        #expect(bytes(request) == [0x30, 17, 0x80, 4] + Array("cn=a".utf8) + [0x81, 3] + Array("old".utf8)
            + [0x82, 4] + Array("new1".utf8))

        let long = try TestPasswords.text(String(repeating: "x", count: 300))
        let reset = try long.withUnsafeBytes { (n) throws(DirectoryError) in
            try PasswordModifyRequest.encode(identity: nil, current: nil, new: n)
        }
        // 304 body bytes: 0x82 0x01 0x30; the field: 0x82 (tag) 0x82 0x01 0x2C (300).
        #expect(Array(bytes(reset).prefix(8)) == [0x30, 0x82, 0x01, 0x30, 0x82, 0x82, 0x01, 0x2C])
        #expect(reset.count == 4 + 304)
    }

    @Test("filter values are escaped (RFC 4515)")
    func filters() {
        #expect(LDAPFilter.equals("sAMAccountName", "MSOL_1") == "(sAMAccountName=MSOL_1)")
        #expect(LDAPFilter.escape("a*b(c)d\\e") == "a\\2ab\\28c\\29d\\5ce")
        #expect(LDAPFilter.escape("é") == "é")
        #expect(LDAPFilter.and("(a=1)", "(b=2)") == "(&(a=1)(b=2))")
    }

    @Test("account names: DN, UPN, DOMAIN\\name, sAMAccountName, uid; bind names")
    func accountNames() {
        let dn = DirectoryAccountName("CN=MSOL_1,CN=Users,DC=contoso,DC=com", kind: .activeDirectory)
        #expect(dn == .distinguishedName("CN=MSOL_1,CN=Users,DC=contoso,DC=com"))
        #expect(dn.filter == nil)
        let upn = DirectoryAccountName("MSOL_1@contoso.com", kind: .activeDirectory)
        #expect(upn.filter == "(&(objectClass=user)(userPrincipalName=MSOL_1@contoso.com))")
        #expect(upn.bindName(defaultNamingContext: nil) == "MSOL_1@contoso.com")
        let nt4 = DirectoryAccountName("CONTOSO\\MSOL_1", kind: .activeDirectory)
        #expect(nt4 == .samAccountName("MSOL_1", domain: "CONTOSO"))
        #expect(nt4.bindName(defaultNamingContext: nil) == "CONTOSO\\MSOL_1")
        let sam = DirectoryAccountName("MSOL_1", kind: .activeDirectory)
        #expect(sam.filter == "(&(objectClass=user)(sAMAccountName=MSOL_1))")
        #expect(sam.bindName(defaultNamingContext: "DC=contoso,DC=com") == "MSOL_1@contoso.com")
        #expect(sam.bindName(defaultNamingContext: nil) == nil)
        let uid = DirectoryAccountName("svc-sync", kind: .openLDAP)
        #expect(uid == .uid("svc-sync"))
        #expect(uid.bindName(defaultNamingContext: nil) == nil)
        #expect(DirectoryAccountName("a*", kind: .activeDirectory).filter == "(&(objectClass=user)(sAMAccountName=a\\2a))")
    }
}
