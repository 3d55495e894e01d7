import ArgumentParser
import CredVault

struct DirectoryTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Bind on every URL with the stored password and read the policy; change nothing.",
        discussion: """
            Each URL is one bind as the forest's account with its current password (one
            attempt: a wrong password counts once towards the domain's lockout
            threshold). The domain's password policy is read from the first URL that
            binds. The test is audited (directory.test); the directory is not changed.

            Exit codes: 0 every URL binds, 69 one cannot be reached, 76 one refuses.

            Examples:
              credvault directory test contoso.com
              credvault directory test contoso.com --json
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: DirectoryForestOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let report = try DirectoryCheck(vault: options.openVault()).run(forest: target.forest)
        if output.json {
            try Output.json(DirectoryTestJSON(report))
        } else {
            for result in report.results {
                let time = String(format: "%.2fs", result.seconds)
                if let error = result.error {
                    Terminal.printError("\(result.url): \(ErrorPresenter.line(for: error))")
                } else {
                    Terminal.write("\(result.url): ok (\(time)) bound as \(result.accountDN ?? "?")\n")
                }
            }
            if let policy = report.policy { Terminal.write(PolicyText.summary(policy) + "\n") }
        }
        if let error = report.results.compactMap(\.error).first { throw CLIFailure.alreadyReported(error) }
    }
}
