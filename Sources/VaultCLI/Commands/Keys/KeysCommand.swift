import ArgumentParser
import CredVault

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the key slots that unlock the vault.",
        discussion: """
            Shows each slot's id, kind, label, creation time and KDF parameters; never key
            material. Any one slot opens the vault.

            Examples:
              credvault keys
              credvault keys --json | jq -r '.[] | select(.kind == "keyfile") | .id'
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print a JSON array of {id, kind, label, created_at, kdf}.")
    var json = false

    func run() throws {
        let slots = try options.openVault().keySlots()
        if json {
            try Output.json(slots.map(KeySlotJSON.init))
        } else {
            Output.table(["ID", "KIND", "CREATED", "KDF", "LABEL"], slots.map {
                [$0.id, $0.kind.rawValue, $0.createdAt, $0.kdf.map(KeySlotJSON.describe) ?? "-", $0.label ?? ""]
            })
        }
    }
}
