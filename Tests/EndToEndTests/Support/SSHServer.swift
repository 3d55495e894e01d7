import Foundation
import TestSupport

/// A private OpenSSH server on 127.0.0.1 for one test (Tests/Fixtures/sshd): the "remote
/// host" of a connector reached through ssh. Its own host key and client key, key
/// authentication only, the test's own user; nothing of /etc/ssh is used.
final class SSHServer {
    let folder: URL
    let port: UInt16
    /// The account the client logs in as: the user running the tests.
    let user: String
    private let harness: HarnessProcess

    var clientKey: String { folder.appendingPathComponent("private/client_key").path }
    var knownHosts: String { folder.appendingPathComponent("known_hosts").path }
    var logPath: String { folder.appendingPathComponent("sshd.log").path }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts sshd and returns once a login runs a command; retries on another port if the
    /// chosen one was taken in the meantime.
    static func start(in folder: URL) throws -> SSHServer {
        try HarnessProcess.firstStarting { attempt in
            try SSHServer(folder: folder.appendingPathComponent("sshd-\(attempt)"), port: LDAPServer.freePort())
        }
    }

    private init(folder: URL, port: UInt16) throws {
        self.folder = folder
        self.port = port
        user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        harness = try HarnessProcess(script: Fixtures.sshdHarness, folder: folder, arguments: [String(port)])
        try harness.waitUntilReady(in: folder, deadline: 30, logs: ["sshd.log"]) {
            (try? run(["true"]))?.status == 0
        }
    }

    func stop() { harness.stop() }

    /// argv of `ssh` running `remote` on this host. ssh joins the words with spaces and the
    /// remote user's shell splits them again, so each word is single-quoted here.
    /// `-F /dev/null`: no ssh_config at all (Debian's would send LANG and LC_* along).
    func sshArgv(_ remote: [String]) -> [String] {
        ["/usr/bin/ssh", "-F", "/dev/null", "-i", clientKey, "-o", "IdentitiesOnly=yes",
         "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
         "-p", String(port), "\(user)@127.0.0.1"] + remote.map(Self.quoted)
    }

    /// The same as one command line, for `connector add --exec/--restart/--health` (which
    /// split it like shell words, without a shell).
    func commandLine(_ remote: [String]) -> String {
        sshArgv(remote).map(Self.quoted).joined(separator: " ")
    }

    /// Runs `remote` on this host with `stdin` on its standard input.
    func run(_ remote: [String], stdin: Data? = nil) throws -> ProcessResult {
        let argv = sshArgv(remote)
        return try Command.run(argv[0], Array(argv.dropFirst()), stdin: stdin, timeout: 30)
    }

    /// `word` in single quotes (a `'` inside becomes `'\''`).
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension SSHServer {
    /// How many sessions sshd has started so far (one per command run over ssh). sshd -e
    /// ends its lines with CR LF, one Character in Swift: split on any newline.
    var sessionsStarted: Int {
        log.split(whereSeparator: \.isNewline).filter { $0.contains("Starting session: command for") }.count
    }
}
