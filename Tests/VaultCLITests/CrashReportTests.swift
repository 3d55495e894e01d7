import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, finding 3: a crash of a running `get` must print one line, never registers or memory.
@Suite("Crash reports print no memory")
struct CrashReportTests {
    static let password = "Crash-Report-Secret-7731"

    /// The debug build the tests run, and the shipped static build when it has been built
    /// (`swift build -c release --static-swift-stdlib --scratch-path .build-static`).
    static let staticBinary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build-static/release/credvault")

    enum Build: String, CaseIterable, CustomTestStringConvertible {
        case debug, shippedStatic
        var testDescription: String { rawValue }
    }

    @Test("SIGSEGV to a get blocked on a full pipe prints one line and exits 70",
          arguments: Build.allCases, ["", "enable=yes,interactive=no,registers=all,sanitize=no"])
    func segvDuringGet(build: Build, backtraceSetting: String) throws {
        let binary: URL
        switch build {
        case .debug: binary = CLI.binary
        case .shippedStatic:
            guard FileManager.default.isExecutableFile(atPath: Self.staticBinary.path) else {
                print("skipped: no shipped static build at \(Self.staticBinary.path); build it with "
                    + "`swift build -c release --static-swift-stdlib --scratch-path .build-static`")
                return
            }
            binary = Self.staticBinary
        }
        let vault = try TempVault()
        try vault.set("crash.example", password: Self.password)
        var environment = vault.environment.merging(["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]) { $1 }
        if !backtraceSetting.isEmpty { environment["SWIFT_BACKTRACE"] = backtraceSetting }

        let pipe = try FullPipe()
        let stderr = Pipe()
        let get = Process()
        get.executableURL = binary
        get.arguments = ["get", "crash.example"]
        get.environment = environment
        get.standardOutput = FileHandle(fileDescriptor: pipe.writeEnd, closeOnDealloc: false)
        get.standardError = stderr
        try get.run()
        defer { if get.isRunning { kill(get.processIdentifier, SIGKILL) } }

        let pid = get.processIdentifier
        #expect(eventually(within: 60) { Self.isBlockedWritingStdout(pid) }, "get never blocked writing its stdout")
        kill(pid, SIGSEGV)
        let output = stderr.fileHandleForReading.readDataToEndOfFile()
        get.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)

        #expect(get.terminationReason == .exit)
        #expect(get.terminationStatus == 70)
        #expect(text == "credvault: internal error (signal \(SIGSEGV)); no memory was printed\n")
        #expect(output.range(of: Data(Self.password.utf8)) == nil)
        #expect(output.range(of: Data(Self.password.utf8.prefix(8))) == nil)
        for marker in ["rax", "rip", "Registers", "Backtrace", "Thread 0", "0x"] {
            #expect(!text.contains(marker), "crash output holds \(marker): \(text.prefix(400))")
        }
    }

    /// The main thread sits in write(2) on fd 1 (syscall number 1 on x86_64, 64 on arm64), or
    /// the kernel says it waits in pipe_write. Readable by root or a ptrace-capable test runner.
    static func isBlockedWritingStdout(_ pid: pid_t) -> Bool {
        if let wchan = try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8), wchan.contains("pipe_write") {
            return true
        }
        guard let call = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return false }
        #if arch(x86_64)
        return call.hasPrefix("1 0x1 ")
        #else
        return call.hasPrefix("64 0x1 ")
        #endif
    }
}

/// A pipe whose buffer is already full, so the next write to it blocks. Nobody reads it until `deinit`.
final class FullPipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestSetupError("pipe failed") }
        readEnd = fds[0]
        writeEnd = fds[1]
        let flags = fcntl(writeEnd, F_GETFL)
        _ = fcntl(writeEnd, F_SETFL, flags | O_NONBLOCK)
        let filler = [UInt8](repeating: 0x2e, count: 4096)
        while filler.withUnsafeBytes({ Glibc.write(writeEnd, $0.baseAddress, $0.count) }) > 0 {}
        var single: UInt8 = 0x2e
        while Glibc.write(writeEnd, &single, 1) > 0 {}
        // Blocking again: O_NONBLOCK belongs to the open file description the child inherits.
        _ = fcntl(writeEnd, F_SETFL, flags)
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
