import CredVault

/// The AGE and MAX AGE cells of `list` and `status`.
enum AgeColumns {
    /// `95d 2h`, or `95d 2h, OVERDUE by 5d 2h` past the maximum.
    static func age(_ age: PasswordAge) -> String {
        let text = AgeText.short(age.seconds)
        return age.overdue ? "\(text), OVERDUE by \(AgeText.short(age.overdueBySeconds))" : text
    }

    /// The maximum that applies (`90d`), `-` when none does.
    static func limit(_ age: PasswordAge) -> String {
        age.maxSeconds.map(AgeText.limit) ?? "-"
    }

    /// Says on stderr which forests are overdue, for commands whose output has no forest
    /// table (`check`, `push --all`); stdout stays the command's own report (or its JSON).
    static func noteOverdue(_ forests: [ForestSummary]) {
        for summary in forests where summary.age.overdue {
            Terminal.printNote(
                "\(summary.forest): the password is \(AgeText.short(summary.age.seconds)) old, past its maximum of "
                    + "\(AgeText.limit(summary.age.maxSeconds ?? 0)): OVERDUE by \(AgeText.short(summary.age.overdueBySeconds)) "
                    + "(rotate it: credvault rotate \(summary.forest))")
        }
    }
}
