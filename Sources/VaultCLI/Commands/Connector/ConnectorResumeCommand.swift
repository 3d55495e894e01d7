import ArgumentParser
import CredVault

struct ConnectorResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused connector's service (its --resume hook), or every paused one of a forest.",
        discussion: """
            Runs the connector's resume hook and, when it exits 0, drops the recorded
            pause (audited `resume`). The hook runs also when no pause is recorded: a
            pause or push killed half way may have disabled the schedule without saying
            so. Resume a service only once it holds the password the directory has (after
            a push whose restart succeeded); `status` shows which ones are paused.

            With --forest, every recorded pause of the forest is resumed.

            Exit codes: 0 resumed, 66 no such connector or no resume hook, 3 a resume
            hook failed (the service stays paused and recorded).

            Examples:
              credvault connector resume adsync
              credvault connector resume --forest contoso.com
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: QuiesceTargetOptions

    func run() async throws {
        let vault = try options.openVault()
        let quiescer = Quiescer(vault: vault)
        let steps: [QuiesceStep]
        if let forest = target.forest {
            steps = try await quiescer.resumeAll(forest: forest)
            if steps.isEmpty { Terminal.write("No paused connector of \(try Validation.forest(forest)).\n") }
        } else {
            steps = [try await quiescer.resume(try target.connector(in: vault))]
        }
        QuiesceOutput.print(steps)
        if let failed = steps.first(where: { !$0.ok }) {
            throw CredVaultError.resumeFailed(connector: failed.connector, detail: failed.detail)
        }
    }
}
