import CredVault
#if canImport(Glibc)
import Glibc
#endif

/// Everything that touches the terminal or the standard streams.
enum Terminal {
    /// The terminal settings to put back if a signal arrives while echo is off.
    nonisolated(unsafe) private static var savedSettings: termios?
    nonisolated(unsafe) private static var ttyDescriptor: Int32 = -1

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether a prompt could be shown: the process has a controlling terminal.
    static var hasTerminal: Bool {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return false }
        close(tty)
        return true
    }

    static func printError(_ message: String) {
        writeText("credvault: error: \(message)\n", to: STDERR_FILENO)
    }

    static func printNote(_ message: String) {
        writeText("\(message)\n", to: STDERR_FILENO)
    }

    static func write(_ text: String) {
        writeText(text, to: STDOUT_FILENO)
    }

    /// Writes secret bytes straight from secure memory to stdout (unbuffered: no copy lingers in a stdio buffer).
    static func writeSecret(_ bytes: borrowing SecureBytes) {
        bytes.withUnsafeBytes { POSIXIO.writeAll($0, to: STDOUT_FILENO) }
    }

    static func writeText(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { POSIXIO.writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Restores echo when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives during a prompt, takes a
    /// running hook's process group down with credvault, then lets the signal do what it would
    /// have done.
    static func installSignalRestore() {
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if Terminal.ttyDescriptor >= 0, var settings = Terminal.savedSettings {
                    tcsetattr(Terminal.ttyDescriptor, TCSAFLUSH, &settings)
                    _ = Glibc.write(Terminal.ttyDescriptor, "\n", 1)
                }
                RunningHook.terminate()
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// Reads one line from /dev/tty with echo off, into secure memory. Without a terminal (a
    /// timer, a pipeline) it fails with a usage error naming `what` is needed and the options
    /// that give it without a prompt (`instead`).
    static func promptSecret(_ prompt: String, what: String, instead: String) throws -> SecureBytes {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            throw CLIFailure.noTerminal(what: what, instead: instead)
        }
        defer { close(tty) }
        var original = termios()
        guard tcgetattr(tty, &original) == 0 else { throw CLIFailure.cannotDisableEcho }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        savedSettings = original
        ttyDescriptor = tty
        defer {
            tcsetattr(tty, TCSAFLUSH, &original)
            savedSettings = nil
            ttyDescriptor = -1
        }
        // Echo off first, prompt second (as getpass does): an answer typed the moment the
        // prompt appears must not be echoed, nor thrown away by TCSAFLUSH.
        guard tcsetattr(tty, TCSAFLUSH, &silent) == 0 else { throw CLIFailure.cannotDisableEcho }
        _ = prompt.withCString { Glibc.write(tty, $0, strlen($0)) }
        return try readLine(from: tty, limit: UnlockCredential.passphraseByteLimit, what: "input")
    }

    /// Asks twice and insists both answers match.
    static func promptNewSecret(_ prompt: String, instead: String) throws -> SecureBytes {
        let lowered = prompt.prefix(1).lowercased() + prompt.dropFirst()
        let first = try promptSecret("\(prompt): ", what: "the \(lowered)", instead: instead)
        let second = try promptSecret("Repeat \(lowered): ", what: "the \(lowered)", instead: instead)
        guard first.constantTimeEquals(second) else { throw CredVaultError.invalidInput("the two entries do not match; nothing was changed") }
        return first
    }

    /// The first line of `fd` (without its line break) in secure memory, at most `limit` bytes.
    static func readLine(from fd: Int32, limit: Int, what: String) throws(CredVaultError) -> SecureBytes {
        var buffer = try SecureBytes(count: limit + 1)
        var length = 0
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") { break }
            if length == limit + 1 {
                byte = 0
                // Drain the rest of the line so the message is about length, not a broken pipe.
                continue
            }
            buffer.withUnsafeMutableBytes { $0[length] = byte }
            length += 1
        }
        byte = 0
        if length > 0 && buffer.withUnsafeBytes({ $0[length - 1] }) == UInt8(ascii: "\r") { length -= 1 }
        guard length <= limit else {
            throw .invalidInput("the \(what) is longer than \(limit) bytes; nothing was changed")
        }
        return try buffer.slice(0..<length)
    }

    /// All of standard input in secure memory (import files hold passwords).
    static func readAllStandardInput(limit: Int = 512 << 20) throws(CredVaultError) -> SecureBytes {
        var buffer = try SecureBytes(count: 64 << 10)
        var length = 0
        while true {
            if length == buffer.count {
                guard buffer.count < limit else { throw .invalidInput("standard input is larger than \(limit >> 20) MiB") }
                var bigger = try SecureBytes(count: Swift.min(buffer.count * 2, limit))
                bigger.withUnsafeMutableBytes { out in
                    buffer.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: length) }
                }
                buffer = bigger
            }
            let room = buffer.count - length
            let got = buffer.withUnsafeMutableBytes { out in
                POSIXIO.read(STDIN_FILENO, into: UnsafeMutableRawBufferPointer(rebasing: out[length...]))
            }
            guard let got else { throw .io("cannot read standard input: \(String(cString: strerror(errno)))") }
            length += got
            if got < room { break }
        }
        return try buffer.slice(0..<length)
    }

    /// A progress line on stderr that rewrites itself; nil clears it.
    static func progress(_ message: String?) {
        writeText(message.map { "\r\($0)\u{1B}[K" } ?? "\r\u{1B}[K", to: STDERR_FILENO)
    }
}
