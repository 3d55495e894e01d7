import Testing
@testable import CredVault

@Suite("Redaction and log scanning")
struct RedactionTests {
    @Test("every occurrence, and a secret cut at the capture limit, are redacted")
    func redacts() throws {
        let redactor = Redactor()
        try redactor.add(copyOf: try TestBytes.secure("s3cret"))
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
