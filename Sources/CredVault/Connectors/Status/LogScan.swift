/// One pass over a service log for one forest: the lines showing the seed symptoms, each
/// with the time it carries (or the last time before it). Plain text, an Event Viewer CSV
/// export and `wevtutil qe /f:text` all read line by line. A symptom line that names another
/// forest of the vault and not this one is that forest's; a successful run after symptoms
/// clears them (the service works again).
struct LogScan {
    struct Hit: Equatable {
        let line: Int
        let symptom: String
        let time: Double?
    }

    let forest: String
    let otherForests: [String]
    private(set) var hits: [Hit] = []
    private var lastDated: Double?
    private var csv: EventViewerCSV?

    init(forest: String, otherForests: [String]) {
        self.forest = forest.lowercased()
        self.otherForests = otherForests.map { $0.lowercased() }.filter { $0 != forest.lowercased() }
    }

    mutating func read(_ line: String, number: Int) {
        if let header = EventViewerCSV(header: line) {
            csv = header
            return
        }
        let fields = csv.map { _ in EventViewerCSV.fields(line) }
        let csvDate = csv?.dateColumn.flatMap { column in fields.flatMap { column < $0.count ? $0[column] : nil } }
        if let stamp = csvDate.flatMap(LogScanner.timestamp(in:)) ?? LogScanner.timestamp(in: line) { lastDated = stamp }
        if LogScanner.isSuccess(line) {
            hits.removeAll()
            return
        }
        var symptom = LogScanner.symptom(in: line)
        if symptom == nil, let csv, let fields, csv.eventIDColumn < fields.count,
           fields[csv.eventIDColumn].trimmingCharacters(in: .whitespaces) == "6000" {
            symptom = "Event ID 6000"
        }
        guard let symptom, !namesOnlyAnotherForest(line) else { return }
        hits.append(Hit(line: number, symptom: symptom, time: lastDated))
    }

    private func namesOnlyAnotherForest(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard !lower.contains(forest) else { return false }
        return otherForests.contains { lower.contains($0) }
    }
}
