import Foundation
import Testing
import TestSupport
@testable import CredVault
#if canImport(Glibc)
import Glibc
#endif

/// `text`'s UTF-8 in secure memory.
func secureCopy(_ text: String) throws -> SecureBytes {
    let bytes = Array(text.utf8)
    var out = try SecureBytes(count: bytes.count)
    out.withUnsafeMutableBytes { dest in
        bytes.withUnsafeBytes { if $0.count > 0 { dest.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
    }
    return out
}

@Suite("CommandLineSplitter")
struct CommandLineSplitterTests {
    @Test("splits like a shell: quotes, escapes, empty words")
    func splits() throws {
        #expect(try CommandLineSplitter.split("systemctl restart adsync") == ["systemctl", "restart", "adsync"])
        #expect(try CommandLineSplitter.split("  a\t b \n c ") == ["a", "b", "c"])
        #expect(try CommandLineSplitter.split(#"/bin/echo 'two words' "and \"quotes\"""#) == ["/bin/echo", "two words", #"and "quotes""#])
        #expect(try CommandLineSplitter.split(#"a\ b c\\d"#) == ["a b", #"c\d"#])
        #expect(try CommandLineSplitter.split(#"x '' "" y"#) == ["x", "", "", "y"])
        #expect(try CommandLineSplitter.split(#"'it'\''s' "a\nb""#) == ["it's", #"a\nb"#])
        #expect(try CommandLineSplitter.split("echo $HOME * ; rm -rf /") == ["echo", "$HOME", "*", ";", "rm", "-rf", "/"])
        #expect(try CommandLineSplitter.split(#"pre"mid dle"post"#) == ["premid dlepost"])
    }

    @Test("refuses unbalanced quotes, a trailing backslash and an empty command")
    func refuses() {
        for bad in ["'open", "\"open", "trailing\\", "", "   ", "''"] {
            #expect(throws: CredVaultError.self, "\(bad)") { try CommandLineSplitter.split(bad) }
        }
    }

    @Test("display quotes so that split(display(argv)) == argv")
    func roundTrips() throws {
        for argv in [["a", "b c", "it's", "", "$x", "\"q\""], ["/usr/bin/x", "--flag=1"]] {
            #expect(try CommandLineSplitter.split(CommandLineSplitter.display(argv)) == argv)
        }
    }
}

@Suite("Target formats")
struct TargetFormatTests {
    func locate(_ text: String, _ key: String, _ format: TargetFormat) throws -> String {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw in
            let location = try TargetLocator.locate(key, format: format, in: raw, file: "f")
            let value = try TargetLocator.decodeValue(at: location, format: format, in: raw)
            return value.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    func replace(_ text: String, _ key: String, _ format: TargetFormat, with password: String) throws -> String {
        let target = FileTarget(path: "f", format: format, passwordKey: key)
        let file = TargetFile(
            path: "f", realPath: "f", contents: try secureCopy(text),
            mode: 0o600, owner: 0, group: 0)
        let secret = try secureCopy(password)
        let out = try FileAdapter.replacing(target, in: file, with: secret)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("keyvalue: finds the key past comments and blanks; replaces only the value")
    func keyvalue() throws {
        let text = "# password=comment\n; x=1\n\n  password = old value \r\nother=2"
        #expect(try locate(text, "password", .keyvalue) == "old value ")
        #expect(try replace(text, "password", .keyvalue, with: "N#w=") == "# password=comment\n; x=1\n\n  password = N#w=\r\nother=2")
        #expect(throws: CredVaultError.self) { try locate("password=a\npassword=b\n", "password", .keyvalue) }
        #expect(throws: CredVaultError.self) { try locate("pass=a\n", "password", .keyvalue) }
        #expect(try locate("password=\n", "password", .keyvalue) == "")
    }

    @Test("json: dotted path, escapes decoded and encoded, other keys untouched")
    func json() throws {
        let text = #"{"a": {"password": "not me", "b": {"c": "x\"y\u00e9\ud83d\ude00"}}, "password": "top"}"#
        #expect(try locate(text, "a.b.c", .json) == "x\"yé😀")
        #expect(try locate(text, "password", .json) == "top")
        #expect(try replace(text, "a.b.c", .json, with: "q\"\\/") ==
                #"{"a": {"password": "not me", "b": {"c": "q\"\\/"}}, "password": "top"}"#)
        #expect(throws: CredVaultError.self) { try locate(text, "a.b", .json) }            // an object, not a string
        #expect(throws: CredVaultError.self) { try locate(text, "a.zz", .json) }           // absent
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a", "p": "b"}"#, "p", .json) }
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a",}"#, "p", .json) }   // trailing comma
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a"} x"#, "p", .json) }
        #expect(throws: CredVaultError.self) { try locate(#"{"p": "a\q"}"#, "p", .json) }
        #expect(try locate("\u{FEFF}{\"p\": \"v\"}", "p", .json) == "v")
        // Arrays are walked for syntax but not addressed.
        #expect(try locate(#"{"l": [{"p": "no"}], "p": "yes", "n": -1.5e+3}"#, "p", .json) == "yes")
    }
}

@Suite("Redaction and log scanning")
struct RedactionTests {
    @Test("every occurrence, and a secret cut at the capture limit, are redacted")
    func redacts() throws {
        let redactor = Redactor()
        try redactor.add(copyOf: try secureCopy("s3cret"))
        var data = Array("a s3cret b s3crets3cret".utf8)
        #expect(String(decoding: redactor.redact(&data, cut: false), as: UTF8.self) == "a [REDACTED] b [REDACTED][REDACTED]")
        #expect(data.allSatisfy { $0 == 0 }, "the raw capture is wiped")
        var cut = Array("tail s3c".utf8)
        #expect(String(decoding: redactor.redact(&cut, cut: true), as: UTF8.self) == "tail [REDACTED]")
    }

    @Test("log symptoms and timestamps")
    func logScanner() {
        #expect(LogScanner.symptom(in: "run-status: NO-START-CREDENTIALS") == "no-start-credentials")
        #expect(LogScanner.symptom(in: "Source: ADSync Event ID: 6000 failed") == "Event ID 6000")
        #expect(LogScanner.symptom(in: "EventID=6000") == "Event ID 6000")
        #expect(LogScanner.symptom(in: "Event ID 60001") == nil)
        #expect(LogScanner.symptom(in: "all good") == nil)
        #expect(LogScanner.timestamp(in: "2026-01-02T03:04:05Z x") == Timestamp.parse("2026-01-02T03:04:05Z"))
        #expect(LogScanner.timestamp(in: "[2026-01-02 03:04:05.250] x") == Timestamp.parse("2026-01-02T03:04:05.250Z"))
        #expect(LogScanner.timestamp(in: "2026-01-02T03:04:05+02:00 x") == Timestamp.parse("2026-01-02T01:04:05Z"))
        #expect(LogScanner.timestamp(in: "no time here") == nil)
    }
}

@Suite("HookRunner")
struct HookRunnerTests {
    let environment = HookEnvironment(forest: "contoso.com", connector: "c", version: 3, fingerprint: "abc")

    @Test("exit status, exact environment, stdin from secure memory")
    func basics() async throws {
        let secret = try secureCopy("st4ndard-in")
        let redactor = Redactor()
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "env | sort; read line; test \"$line\" = st4ndard-in && exit 7"], environment: environment,
            timeout: .seconds(10), input: secret, redactor: redactor)
        #expect(result.outcome == .exited(7))
        let keys = result.stdout.split(separator: "\n").compactMap { $0.split(separator: "=").first }.map(String.init)
        #expect(Set(keys).isSuperset(of: ["CREDVAULT_FOREST", "CREDVAULT_CONNECTOR", "CREDVAULT_VERSION", "CREDVAULT_FINGERPRINT", "PATH", "LANG"]))
        #expect(result.stdout.contains("CREDVAULT_VERSION=3"))
        let missing = await HookRunner.run(["/nonexistent/hook"], environment: environment, timeout: .seconds(5), redactor: redactor)
        if case .failedToStart = missing.outcome {} else { Issue.record("expected failedToStart, got \(missing.outcome)") }
    }

    @Test("output beyond 64 KiB is truncated, not an error")
    func truncates() async {
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo done >&2"], environment: environment,
            timeout: .seconds(20), redactor: Redactor())
        #expect(result.outcome == .exited(0))
        #expect(result.stdout.utf8.count == HookRunner.captureLimit)
        #expect(result.stdoutTruncated)
        #expect(result.stderr == "done\n")
    }

    @Test("a hook that exits while a background child holds its output returns at once; the child is not killed")
    func backgroundChildHoldingPipes() async throws {
        let sandbox = try VaultSandbox("hook", initialize: false)
        let pidFile = sandbox.path("daemon.pid")
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "sleep 60 & echo $! > \(pidFile); echo started"],
            environment: environment, timeout: .seconds(30), redactor: Redactor())
        let daemon = pid_t((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        defer { if daemon > 0 { kill(daemon, SIGKILL) } }
        #expect(result.outcome == .exited(0))
        #expect(result.stdout == "started\n")
        #expect(daemon > 0 && kill(daemon, 0) == 0, "a daemon started by a restart hook keeps running")
    }

    @Test("the timeout kills the whole process group, grandchildren included")
    func timeoutKillsGroup() async throws {
        let sandbox = try VaultSandbox("hook", initialize: false)
        let pidFile = sandbox.path("child.pid")
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "trap '' TERM; sleep 300 & echo $! > \(pidFile); while :; do sleep 1; done"],
            environment: environment, timeout: .seconds(1), redactor: Redactor())
        #expect(result.outcome == .timedOut(seconds: 1))
        let child = pid_t((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        #expect(child > 0)
        #expect(eventually { ProcessRunner.isGone(child) })
    }
}
