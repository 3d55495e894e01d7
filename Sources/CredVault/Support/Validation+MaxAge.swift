/// A maximum password age as people write it: a whole number and a unit.
extension Validation {
    /// Seconds per unit: s(econds), h(ours), d(ays), w(eeks). No `m`: minutes or months?
    static let ageUnits: [Character: Int] = ["s": 1, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The seconds `text` (`90d`, `12h`, `2w`, `30s`) stands for; at least 1 s, at most 100 years.
    public static func maxAge(_ text: String) throws(CredVaultError) -> Int {
        let shown = printable(String(text.prefix(40)))
        guard let unit = text.last, let scale = ageUnits[unit],
              let number = Int(text.dropLast()), text.dropLast().allSatisfy(\.isASCII), text.first?.isNumber == true
        else {
            throw .invalidInput("--max-age \"\(shown)\" is not an age: give a whole number and a unit, such as 90d, 12h, 2w or 30s")
        }
        guard number > 0 else { throw .invalidInput("--max-age must be more than 0 (\(shown) would make every password overdue)") }
        guard number <= 36_500 * 86_400 / scale else { throw .invalidInput("--max-age \(shown) is more than 100 years") }
        return number * scale
    }
}
