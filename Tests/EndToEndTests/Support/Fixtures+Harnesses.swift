/// The harnesses for rotation under replication, remote connectors and run counting.
extension Fixtures {
    static var syncreplHarness: String { root.appendingPathComponent("syncrepl/syncrepl-harness.sh").path }
    static var sshdHarness: String { root.appendingPathComponent("sshd/sshd-harness.sh").path }
    /// The exec adapter's far end on the "remote" host (reads the password on stdin).
    static var remoteWriter: String { root.appendingPathComponent("sshd/remote-writer").path }
}
