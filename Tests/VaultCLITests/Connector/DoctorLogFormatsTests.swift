import Foundation
import Testing
import TestSupport

/// Issue 13: `doctor --log` reads Windows logs: Event Viewer CSV exports, `wevtutil qe
/// /f:text`, US dates; a line is the forest's it names; a later successful run clears it.
@Suite("doctor --log reads Windows logs")
struct DoctorLogFormatsTests {
    /// contoso.com pushed healthy just now; fabrikam.com also in the vault.
    func makeBench() throws -> ConnectorBench {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "CONTOSO\\svc", password: "Log-Pw-1111")
        try bench.vault.set("fabrikam.com", account: "FABRIKAM\\svc", password: "Log-Pw-2222")
        let target = try bench.file("t.properties", "password=old\n")
        try bench.addConnector(["s", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        return bench
    }

    /// A time after the healthy push, in the format asked for (UTC).
    func later(_ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: Date().addingTimeInterval(3600))
    }

    func doctor(_ bench: ConnectorBench, _ log: String) throws -> ProcessResult {
        try bench.run(["doctor", "contoso.com", "--log", bench.path(log)])
    }

    @Test("an Event Viewer CSV export: the Event ID column and its US date")
    func eventViewerCSV() throws {
        let bench = try makeBench()
        try bench.file("events.csv", """
            Level,Date and Time,Source,Event ID,Task Category
            Error,\(later("M/d/yyyy h:mm:ss a")),ADSync,6000,None,"The management agent ""contoso.com"" failed to run."
            """)
        let result = try doctor(bench, "events.csv")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("Event ID 6000"), "\(result.stdout)")
        // The same event dated before the push is old news.
        try bench.file("old.csv", "Level,Date and Time,Source,Event ID,Task Category\nError,12/1/2020 8:20 PM,ADSync,6000,None,x\n")
        let old = try doctor(bench, "old.csv")
        #expect(old.status == 0, "\(old)")
    }

    @Test("wevtutil qe /f:text output")
    func wevtutilText() throws {
        let bench = try makeBench()
        try bench.file("events.txt", """
            Event[0]:
              Log Name: Application
              Source: ADSync
              Date: \(later("yyyy-MM-dd'T'HH:mm:ss.SSS"))
              Event ID: 6000
              Level: Error
              Description:
            The management agent "contoso.com" failed to run because the credentials were invalid.
            """)
        let result = try doctor(bench, "events.txt")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("Event ID 6000"))
    }

    @Test("a US date on a plain line dates it (not the file's mtime)")
    func usDates() throws {
        let bench = try makeBench()
        try bench.file("old.log", "12/1/2020 8:20 PM run profile: no-start-credentials\n")
        #expect(try doctor(bench, "old.log").status == 0)
        try bench.file("new.log", "\(later("M/d/yyyy h:mm a")) run profile: no-start-credentials\n")
        #expect(try doctor(bench, "new.log").status == 1)
    }

    @Test("a line naming another forest is that forest's; a successful run afterwards clears the symptom")
    func attributionAndClearing() throws {
        let bench = try makeBench()
        let stamp = later("yyyy-MM-dd HH:mm:ss")
        try bench.file("other.log", "\(stamp) run profile fabrikam.com: no-start-credentials\n")
        let other = try doctor(bench, "other.log")
        #expect(other.status == 0, "fabrikam's failure was blamed on contoso: \(other)")
        try bench.file("mine.log", "\(stamp) run profile contoso.com: no-start-credentials\n")
        #expect(try doctor(bench, "mine.log").status == 1)
        try bench.file("healed.log", """
            \(stamp) run profile contoso.com: no-start-credentials
            \(stamp) run profile contoso.com completed successfully
            """)
        let healed = try doctor(bench, "healed.log")
        #expect(healed.status == 0, "\(healed)")
    }
}
