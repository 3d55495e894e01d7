import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, finding 3: a crash of a running `get` must print one line, never registers or memory.
@Suite("Crash reports print no memory")
struct CrashReportTests {
    static let password = "Crash-Report-Secret-7731"

    /// The debug build the tests run, and the shipped static build when it has been built
    /// (`bash scripts/quickstart.sh` builds it, with the flags in scripts/shipped-build.sh).
    static let staticBinary = packageRoot.appendingPathComponent(".build-static/release/credvault")

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
                    + "`bash scripts/quickstart.sh` (flags in scripts/shipped-build.sh)")
                return
            }
            binary = Self.staticBinary
        }
        let vault = try VaultSandbox()
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
        #expect(eventually(deadline: 60) { Self.isBlockedWritingStdout(pid) }, "get never blocked writing its stdout")
        kill(pid, SIGSEGV)
        // Bounded: a runtime backtracer (what this guards against) can take long or hang.
        let exited = eventually(deadline: 60) { !get.isRunning }
        #expect(exited, "get did not exit within 60 s of SIGSEGV")
        if !exited { kill(pid, SIGKILL) }
        get.waitUntilExit()
        let output = Self.readAvailable(stderr.fileHandleForReading.fileDescriptor)
        // A static build has no swift-backtrace to run: with SWIFT_BACKTRACE set, the runtime
        // says so at start-up. That notice is not crash output.
        let text = String(decoding: output, as: UTF8.self)
            .replacingOccurrences(of: "swift runtime: unable to locate swift-backtrace; disabling backtracing.\n", with: "")

        #expect(get.terminationReason == .exit)
        #expect(get.terminationStatus == 70)
        #expect(text == "credvault: internal error (signal \(SIGSEGV)); no memory was printed\n")
        #expect(output.range(of: Data(Self.password.utf8)) == nil)
        #expect(output.range(of: Data(Self.password.utf8.prefix(8))) == nil)
        for marker in ["rax", "rip", "Registers", "Backtrace", "Thread 0", "0x"] {
            #expect(!text.contains(marker), "crash output holds \(marker): \(text.prefix(400))")
        }
    }

    /// What the pipe holds now, without waiting for writers that may outlive the process.
    static func readAvailable(_ fd: Int32) -> Data {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
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
        guard pipe(&fds) == 0 else { throw TestFailure("pipe failed") }
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
