import Foundation

/// Watches every process's command line and environment (/proc/PID/cmdline and environ) on a
/// background thread while a block runs, for the rule "a password never appears in argv or a
/// child's environment". A process that lives a few milliseconds can be missed, so the watch
/// also counts the processes it saw whose command line contains `marker` (say, the ssh key
/// path): a test checks that count to know the watch really saw the processes it is about.
public final class ProcessLeakWatch: @unchecked Sendable {
    private let secrets: [[UInt8]]
    private let marker: [UInt8]
    private let lock = NSLock()
    private var running = false
    private var found: Set<String> = []
    private var seen: Set<String> = []

    public init(secrets: [String], marker: String) {
        self.secrets = secrets.map { Array($0.utf8) }
        self.marker = Array(marker.utf8)
    }

    /// Where a secret was seen ("PID cmdline" / "PID environ"); empty is good.
    public var leaks: [String] { lock.withLock { found.sorted() } }
    /// How many distinct processes with `marker` in their command line were seen.
    public var sightings: Int { lock.withLock { seen.count } }

    /// Runs `body` while the watch scans /proc over and over.
    public func during<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { running = true }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) { scanOnce() }
            done.signal()
        }
        defer {
            lock.withLock { running = false }
            done.wait()
        }
        return try body()
    }

    private func scanOnce() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        for entry in entries where Int32(entry) != nil {
            let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline").map(Array.init) ?? []
            let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ").map(Array.init) ?? []
            let startTime = (try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8))?
                .split(separator: " ").dropFirst(21).first.map(String.init) ?? ""
            lock.withLock {
                if contains(cmdline, marker) { seen.insert("\(entry)@\(startTime)") }
                for secret in secrets {
                    if contains(cmdline, secret) { found.insert("\(entry) cmdline") }
                    if contains(environ, secret) { found.insert("\(entry) environ") }
                }
            }
        }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
