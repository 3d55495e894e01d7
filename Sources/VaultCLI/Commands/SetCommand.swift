import ArgumentParser
import CredVault

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Store a new password version for a forest.",
        discussion: """
            The password is read from a no-echo prompt (asked twice), from the first line
            of standard input with --stdin, or made up with --generate. It is never
            printed.

            The forest keeps its account unless --account names another one, which needs
            --new-account (the refusal names the current account). A password one of the
            last 24 versions had is refused unless --allow-reuse (exit 65 for both).
            Exit codes: 0 stored, 64 usage (a new forest without --account), 65 refused
            (account change, reused or invalid password), 75 --expect-version lost the
            race, 77 cannot unlock the vault.

            Examples:
              credvault set contoso.com --account 'CONTOSO\\svc-adsync'
              printf '%s\\n' "$PW" |
                credvault set contoso.com --stdin --reason CHG-1042   # keeps the account
              credvault set fabrikam.com --account svc-sync --generate --length 40 \\
                --expect-version 6
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest, a DNS name such as contoso.com.")
    var forest: String

    @Option(name: .long, help: "The AD DS account the password belongs to (needed for a new forest; kept when left out).")
    var account: String?

    @Flag(name: .long, help: "Change the forest's account to --account (a different account is refused without it).")
    var newAccount = false

    @Flag(name: .long, help: "Store a password that one of the last 24 versions already had.")
    var allowReuse = false

    @Flag(name: .long, help: "Read the password from the first line of standard input.")
    var stdin = false

    @Flag(name: .long, help: "Generate a random password that meets AD complexity rules.")
    var generate = false

    @Option(name: .long, help: "Length of a generated password (12 to 256).")
    var length: Int = PasswordGenerator.defaultLength

    @Option(name: .long, help: ArgumentHelp("Store only if the current version is N (check-and-set; exit 75 otherwise).", valueName: "N"))
    var expectVersion: Int?

    @Option(name: .long, help: "Why the password changed (a ticket number); kept in history and audit.")
    var reason: String?

    func validate() throws {
        if stdin && generate { throw ValidationError("Please choose one of --stdin and --generate.") }
        if !generate && length != PasswordGenerator.defaultLength {
            throw ValidationError("Please use --length only with --generate.")
        }
        if newAccount && account == nil { throw ValidationError("Please give the new account with --account.") }
        if let expectVersion, expectVersion < 0 { throw ValidationError("Please give --expect-version as 0 or more.") }
        if generate && !PasswordGenerator.lengthRange.contains(length) {
            throw ValidationError("Please give --length from \(PasswordGenerator.lengthRange.lowerBound) to \(PasswordGenerator.lengthRange.upperBound).")
        }
    }

    func run() throws {
        let forestName = try Validation.forest(forest)
        if let account { _ = try Validation.account(account) }
        let vault = try options.openVault()
        let password: SecureBytes
        if generate {
            password = try PasswordGenerator.generate(length: length)
        } else if stdin {
            password = try Terminal.readLine(from: 0, limit: Validation.passwordByteRange.upperBound, what: "password")
        } else {
            password = try Terminal.promptNewSecret("New password for \(forestName)", instead: "--stdin or --generate")
        }
        let info = try vault.set(
            forest: forestName, account: account, password: password,
            source: generate ? .generate : .set, expectVersion: expectVersion, reason: reason,
            guards: SetGuards(accountMayChange: newAccount, allowReuse: allowReuse))
        var message = "Stored \(info.forest) version \(info.version) (fingerprint \(info.fingerprint.short))."
        if generate { message += " Reveal it with `credvault get \(info.forest)`." }
        Terminal.write(message + "\n")
        RotationNotice.print(forest: info.forest, account: info.account, vault: vault)
    }
}
