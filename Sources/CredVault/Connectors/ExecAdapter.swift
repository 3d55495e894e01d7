/// Delivers a password by running a command with the password (and one newline) on its
/// standard input: never in its argv or environment. The command gets the hook runner's
/// minimal environment, its own process group and the connector's timeout.
enum ExecAdapter {
    static func write(
        password: borrowing SecureBytes, connector: ConnectorConfig, environment: HookEnvironment, redactor: Redactor
    ) async throws(CredVaultError) -> HookResult {
        guard let argv = connector.execArgv, !argv.isEmpty else {
            throw .integrity("connector \(connector.name) has no command")
        }
        let result = await HookRunner.run(
            argv, environment: environment, timeout: .seconds(connector.timeoutSeconds), input: password, redactor: redactor)
        return result
    }
}
