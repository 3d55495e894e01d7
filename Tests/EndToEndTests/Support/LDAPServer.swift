import Foundation
import TestSupport

/// A private OpenLDAP server for one test: `slapd` on 127.0.0.1 on a free port, its own
/// config and mdb databases under `folder`, seeded with `dc=contoso,dc=com` and
/// `dc=fabrikam,dc=com` and one sync account in each (`cn=svc-adsync,<base>`).
///
/// slapd runs under Tests/Fixtures/ldap/slapd-harness.sh, which stops it as soon as its
/// standard input closes. This object holds the write end of that pipe: `stop()` or deinit
/// closes it, and if the test process dies the kernel closes it, so no slapd outlives a test.
final class LDAPServer {
    let folder: URL
    let port: UInt16
    var uri: String { "ldap://127.0.0.1:\(port)/" }
    private let process: Process
    private let lifeline: Pipe
    private var stopped = false

    /// Starts the server and returns once it answers a bind; retries on another port if the
    /// chosen one was taken in the meantime.
    static func start(in folder: URL) throws -> LDAPServer {
        var lastError: Error = TestFailure("slapd did not start")
        for attempt in 1...3 {
            let state = folder.appendingPathComponent("ldap-\(attempt)")
            do {
                return try LDAPServer(folder: state, port: freePort())
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private init(folder: URL, port: UInt16) throws {
        self.folder = folder
        self.port = port
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Fixtures.slapdHarness, folder.path, String(port)]
        process.environment = ["PATH": Command.path, "LANG": "C.UTF-8"]
        lifeline = Pipe()
        // Only the harness may hold the lifeline: with close-on-exec no other child of the test
        // process (credvault, a hook, ldapwhoami) inherits the write end and keeps slapd alive
        // after the test process is gone. (The harness gets the read end as its stdin via dup2,
        // which clears the flag there.)
        for fd in [lifeline.fileHandleForWriting.fileDescriptor, lifeline.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        process.standardInput = lifeline
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // Ready when the directory manager can bind; the harness exits at once if slapd fails.
        let ready = eventually(deadline: 30, poll: 0.1) {
            guard process.isRunning else { return true }
            return (try? whoami(dn: adminDN("contoso.com"), passwordFile: rootPasswordFile))?.status == 0
        }
        guard ready, process.isRunning else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("slapd.log"), encoding: .utf8)) ?? ""
            stop()
            throw TestFailure("slapd did not come up on port \(port): \(log.suffix(2000))")
        }
    }

    deinit { stop() }

    /// Closes the lifeline (the harness then stops slapd) and waits for the harness to exit;
    /// kills both if that takes more than 10 s.
    func stop() {
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        if !eventually(deadline: 10, poll: 0.05, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            ObservedProcess(pidFile: folder.appendingPathComponent("slapd.child.pid").path).killIfRunning()
            process.waitUntilExit()
        }
    }

    // MARK: - The directory's accounts

    static func baseDN(_ forest: String) -> String {
        forest.split(separator: ".").map { "dc=\($0)" }.joined(separator: ",")
    }
    static func accountDN(_ forest: String) -> String { "cn=svc-adsync,\(baseDN(forest))" }
    func adminDN(_ forest: String) -> String { "cn=admin,\(LDAPServer.baseDN(forest))" }

    var rootPasswordFile: String { folder.appendingPathComponent("private/rootpw").path }

    /// The sync account's password as seeded (a 0600 file the harness wrote).
    func initialPassword(_ forest: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("private/svc-\(forest).pw"), encoding: .utf8)
    }

    /// `ldapwhoami` as `dn` with the password read from `passwordFile` (never from argv).
    func whoami(dn: String, passwordFile: String) throws -> ProcessResult {
        try Command.run("/usr/bin/ldapwhoami", ["-x", "-H", uri, "-D", dn, "-y", passwordFile], timeout: 15)
    }

    /// `ldapwhoami` as `dn` with `password` given on a pipe (`-y /dev/stdin`).
    func canBind(dn: String, password: String) throws -> Bool {
        let result = try Command.run("/usr/bin/ldapwhoami", ["-x", "-H", uri, "-D", dn, "-y", "/dev/stdin"],
                                     stdin: Data(password.utf8), timeout: 15)
        return result.status == 0
    }

    /// Rotates the sync account's password in the directory, the way an AD admin resets it:
    /// `ldappasswd` as the directory manager, the new password read from a 0600 file (-T).
    func rotatePassword(_ forest: String, to password: String, scratch: VaultSandbox) throws {
        let file = try scratch.write("rotate-\(forest)-\(UUID().uuidString.prefix(6)).pw", password)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Command.run("/usr/bin/ldappasswd", [
            "-x", "-H", uri, "-D", adminDN(forest), "-y", rootPasswordFile, "-T", file,
            LDAPServer.accountDN(forest),
        ], timeout: 15)
        guard result.status == 0 else { throw TestFailure("ldappasswd failed: \(result)") }
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> UInt16 {
        try LoopbackSocket.freePort()
    }
}
