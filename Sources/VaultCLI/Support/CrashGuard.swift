import CredVault
#if canImport(Glibc)
import Glibc
#endif

/// A crash prints one fixed line and exits; never registers, a backtrace or memory.
///
/// Swift's runtime backtracer (SWIFT_BACKTRACE, on by default on Linux) catches the same
/// signals and prints registers and stack words, which can hold password bytes. Installing our
/// own handlers with sigaction replaces the runtime's (it installs them before `main`), so
/// whatever SWIFT_BACKTRACE says, nothing but this line is printed. Core dumps are already off
/// (ProcessHardening). A crash ends the process with `exitCode` (EX_SOFTWARE).
enum CrashGuard {
    /// The documented exit code of a crash (sysexits EX_SOFTWARE: internal software error).
    static let exitCode: Int32 = 70
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// One prepared message per signal number: the handler only looks up and writes.
    nonisolated(unsafe) private static var messages: UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>>?
    private static let messageSlots = 65

    /// Installs the handlers on an alternate stack (a stack overflow can still report).
    /// Call first thing in `main`, before any secret is read.
    static func install() {
        prepareMessages()
        installAlternateStack()
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in CrashGuard.report(signal) }
            sigfillset(&action.sa_mask)
            action.sa_flags = SA_ONSTACK
            sigaction(signal, &action, nil)
        }
    }

    /// Async-signal-safe: kills a running hook's group, writes the prepared line, `_exit`s.
    private static func report(_ signal: Int32) -> Never {
        RunningHook.terminate()
        if let messages, signal >= 0, signal < messageSlots {
            let line = messages[Int(signal)]
            if let base = line.baseAddress, line.count > 0 { _ = Glibc.write(STDERR_FILENO, base, line.count) }
        }
        _exit(exitCode)
    }

    private static func prepareMessages() {
        let table = UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>>.allocate(capacity: messageSlots)
        table.initialize(repeating: UnsafeMutableBufferPointer(start: nil, count: 0), count: messageSlots)
        for signal in signals {
            let text = Array("credvault: internal error (signal \(signal)); no memory was printed\n".utf8)
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
            _ = buffer.initialize(from: text)
            table[Int(signal)] = buffer
        }
        messages = table
    }

    /// The main thread's alternate signal stack (sigaltstack is per thread; a crash on another
    /// thread runs the handler on that thread's stack, which is enough unless it overflowed, and
    /// then the kernel's default action ends the process silently, with no core).
    private static func installAlternateStack() {
        let size = 64 << 10
        guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        sigaltstack(&stack, nil)
    }
}
