import ArgumentParser
import CredVault

struct ConnectorPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a connector's service (its --pause hook), or every dependent of a forest.",
        discussion: """
            Runs the connector's pause hook, which returns once the service runs no sync
            and starts none, and records the pause (audited `pause`): `status` shows the
            service as PAUSED until a resume succeeds. The next push of the connector
            keeps it paused through the write and the restart and resumes it once the
            restart succeeded; `connector resume` resumes it at once.

            With --forest, every connector of the forest with a pause hook is paused, by
            name. When one pause fails, it and every service paused before it are
            resumed again, and the command exits 75 naming it.

            Exit codes: 0 paused, 66 no such connector or no pause hook, 75 the pause
            hook failed (the service was resumed).

            Examples:
              credvault connector pause adsync
              credvault connector pause --forest contoso.com
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: QuiesceTargetOptions

    func run() async throws {
        let vault = try options.openVault()
        let quiescer = Quiescer(vault: vault)
        if let forest = target.forest {
            let batch = try await quiescer.pauseAll(forest: forest, cause: .operator)
            QuiesceOutput.print(batch.steps)
            if batch.steps.isEmpty { Terminal.write("No connector of \(batch.forest) has a pause hook.\n") }
            if let failure = batch.failure { throw CredVaultError.pauseFailed(connector: failure.connector, detail: failure.detail) }
            return
        }
        let connector = try target.connector(in: vault)
        let step = try await quiescer.pause(connector, cause: .operator)
        QuiesceOutput.print([step])
        if !step.ok {
            let undo = try await quiescer.resume(connector)
            QuiesceOutput.print([undo])
            throw CredVaultError.pauseFailed(connector: step.connector, detail: step.detail)
        }
    }
}
