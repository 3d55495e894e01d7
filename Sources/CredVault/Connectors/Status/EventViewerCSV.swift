/// An Event Viewer "Save As CSV" export: a header naming the columns (`Level,Date and
/// Time,Source,Event ID,Task Category`) then one event per row, the message quoted.
struct EventViewerCSV: Equatable {
    let eventIDColumn: Int
    let dateColumn: Int?

    /// The columns, when `line` is such a header.
    init?(header line: String) {
        let names = EventViewerCSV.fields(line).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let eventID = names.firstIndex(of: "event id") else { return nil }
        eventIDColumn = eventID
        dateColumn = names.firstIndex { $0 == "date and time" || $0 == "date" || $0 == "time created" }
    }

    /// The fields of one CSV row: commas separate, double quotes quote, "" is a quote.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                quoted = false
            case "\"" where current.isEmpty:
                quoted = true
            case "," where !quoted:
                fields.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
