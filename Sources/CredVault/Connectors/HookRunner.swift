import Subprocess
#if canImport(Glibc)
import Glibc
#endif

/// Runs adapters, restart hooks and health checks: argv without a shell, a minimal
/// environment, its own process group, a timeout that kills the whole group (SIGTERM, then
/// SIGKILL after a grace period), output captured up to 64 KiB per stream and redacted.
public enum HookRunner {
    public static let captureLimit = 64 << 10
    public static let killGrace: Duration = .seconds(2)

    /// Runs `argv` with no standard input.
    public static func run(
        _ argv: [String], environment: HookEnvironment, timeout: Duration, redactor: Redactor
    ) async -> HookResult {
        await run(argv, environment: environment, timeout: timeout, input: nil, redactor: redactor)
    }

    /// Runs `argv` with `input` written to its standard input (then a newline, then end of
    /// file) straight from secure memory.
    public static func run(
        _ argv: [String], environment: HookEnvironment, timeout: Duration, input: borrowing SecureBytes, redactor: Redactor
    ) async -> HookResult {
        let raw = input.withUnsafeBytes { $0 }
        // `raw` points into `input`'s secure memory, which the caller keeps alive (borrowed)
        // until this function returns.
        return await run(argv, environment: environment, timeout: timeout, input: raw, redactor: redactor)
    }

    static func run(
        _ argv: [String], environment: HookEnvironment, timeout: Duration, input: UnsafeRawBufferPointer?, redactor: Redactor
    ) async -> HookResult {
        guard let program = argv.first, !program.isEmpty else {
            return HookResult(argv: argv, outcome: .failedToStart("empty command"), stdout: "", stderr: "",
                              stdoutTruncated: false, stderrTruncated: false)
        }
        // A hook that exits without reading its input must not kill credvault with SIGPIPE.
        // (Children get every signal reset to its default by swift-subprocess.)
        signal(SIGPIPE, SIG_IGN)
        let executable: Executable = program.contains("/") ? .path(.init(program)) : .name(program)
        let mark = HookRunMark.next()
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment.variables { variables[Environment.Key(rawValue: key)!] = value }
        variables[Environment.Key(rawValue: HookRunMark.variable)!] = mark.value
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: killGrace)]
        let arguments = Arguments(Array(argv.dropFirst()))
        var supervision: Supervision
        HookDescendants.begin(mark); defer { HookDescendants.end() }
        do {
            if let raw = input {
                let result = try await Subprocess.run(
                    executable, arguments: arguments, environment: .custom(variables), platformOptions: options,
                    input: .inputWriter, output: .sequence, error: .sequence
                ) { execution in
                    let writer = execution.standardInputWriter
                    do {
                        _ = try await writer.write(raw.bytes)
                        _ = try await writer.write([0x0a])
                    } catch {
                        // The hook closed its input early; its exit status tells the rest.
                    }
                    try? await writer.finish()
                    return await supervise(execution, timeout: timeout, mark: mark)
                }
                supervision = result.closureResult.finished(with: result.terminationStatus)
            } else {
                let result = try await Subprocess.run(
                    executable, arguments: arguments, environment: .custom(variables), platformOptions: options,
                    input: .none, output: .sequence, error: .sequence
                ) { execution in
                    await supervise(execution, timeout: timeout, mark: mark)
                }
                supervision = result.closureResult.finished(with: result.terminationStatus)
            }
        } catch {
            return HookResult(argv: argv, outcome: .failedToStart(describe(error)), stdout: "", stderr: "",
                              stdoutTruncated: false, stderrTruncated: false)
        }
        // Redacted in place of the only copy left, so the raw capture is wiped, not copied.
        let outRedacted = Array(redactor.redact(&supervision.stdout.bytes, cut: supervision.stdout.truncated).prefix(captureLimit))
        let errRedacted = Array(redactor.redact(&supervision.stderr.bytes, cut: supervision.stderr.truncated).prefix(captureLimit))
        return HookResult(
            argv: argv, outcome: supervision.outcome,
            stdout: String(decoding: outRedacted, as: UTF8.self), stderr: String(decoding: errRedacted, as: UTF8.self),
            stdoutTruncated: supervision.stdout.truncated, stderrTruncated: supervision.stderr.truncated)
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.lowercased().contains("not found") { return "executable not found" }
        return text.split(separator: "\n").first.map(String.init) ?? "spawn failed"
    }

    struct Capture: Sendable {
        var bytes: [UInt8] = []
        var truncated = false
    }

    struct Supervision: Sendable {
        var stdout = Capture()
        var stderr = Capture()
        var timedOutAfter: Double?
        var outcome: HookResult.Outcome = .exited(0)

        func finished(with status: TerminationStatus) -> Supervision {
            var copy = self
            if let timedOutAfter {
                copy.outcome = .timedOut(seconds: timedOutAfter)
            } else {
                switch status {
                case .exited(let code): copy.outcome = .exited(code)
                case .signaled(let signal): copy.outcome = .signaled(signal)
                }
            }
            return copy
        }
    }

    private enum Piece: Sendable {
        case stdout(Capture)
        case stderr(Capture)
        case watch(Double?)
    }

    /// Reads both streams (bounded) while a watchdog enforces the timeout on the process group.
    static func supervise<Input>(
        _ execution: Execution<Input, SequenceOutput, SequenceOutput>, timeout: Duration, mark: HookRunMark
    ) async -> Supervision {
        let pid = execution.processIdentifier.value
        RunningHook.started(pid)
        defer { RunningHook.finished() }
        return await withTaskGroup(of: Piece.self, returning: Supervision.self) { group in
            group.addTask { .stdout(await collect(execution.standardOutput)) }
            group.addTask { .stderr(await collect(execution.standardError)) }
            group.addTask {
                let clock = ContinuousClock()
                let start = clock.now
                let deadline = start + timeout
                // Poll from 1 ms, doubling to 20 ms: a quick hook (most restarts hand off to a
                // service manager) is noticed within a millisecond or two of its exit, while a
                // long one costs a wake-up every 20 ms at most.
                var interval = Duration.milliseconds(1)
                while !hasExited(pid) {
                    if clock.now >= deadline {
                        try? execution.send(signal: .terminate, toProcessGroup: true)
                        let graceEnd = clock.now + killGrace
                        while !hasExited(pid) && clock.now < graceEnd {
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                        // The hook's children may ignore SIGTERM or outlive it: the whole group goes.
                        try? execution.send(signal: .kill, toProcessGroup: true)
                        HookDescendants.killAll(marked: mark)  // and whatever left the group (setsid, orphans)
                        let elapsed = start.duration(to: deadline)
                        return .watch(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    }
                    try? await Task.sleep(for: min(interval, deadline - clock.now))
                    interval = min(interval * 2, .milliseconds(20))
                }
                return .watch(nil)
            }
            var supervision = Supervision()
            var streamsClosed = 0
            for await piece in group {
                switch piece {
                case .stdout(let capture): supervision.stdout = capture; streamsClosed += 1
                case .stderr(let capture): supervision.stderr = capture; streamsClosed += 1
                case .watch(let timedOut): supervision.timedOutAfter = timedOut
                }
                // Both pipes close when a hook exits (unless a child of its own keeps them):
                // wake the watchdog from its sleep at once rather than at its next poll.
                if streamsClosed == 2 && hasExited(pid) { group.cancelAll() }
            }
            return supervision
        }
    }

    /// Keeps the first 64 KiB (plus room to redact a secret cut at the limit) and drains the rest.
    static func collect(_ sequence: SubprocessOutputSequence) async -> Capture {
        var capture = Capture()
        let keep = captureLimit + Validation.passwordByteRange.upperBound
        // One allocation: a growing array would leave unwiped copies of earlier output behind.
        capture.bytes.reserveCapacity(keep)
        do {
            for try await chunk in sequence {
                chunk.withUnsafeBytes { raw in
                    let room = keep - capture.bytes.count
                    if room >= raw.count {
                        capture.bytes.append(contentsOf: raw)
                    } else {
                        if room > 0 { capture.bytes.append(contentsOf: raw.prefix(room)) }
                        capture.truncated = true
                    }
                }
            }
        } catch {
            // A read error ends the capture; the exit status still decides the outcome.
        }
        if capture.bytes.count > captureLimit { capture.truncated = true }
        return capture
    }

    /// Whether `pid` has terminated, without reaping it (swift-subprocess reaps it).
    static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        let rc = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        if rc != 0 { return errno == ECHILD }
        return info.si_signo == SIGCHLD
    }
}
