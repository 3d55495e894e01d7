import ArgumentParser
import CredVault

struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Tell the vault where a forest's directory is, so `credvault rotate` can change the password there.",
        discussion: """
            A forest's directory is one or more LDAP URLs (ldaps://, or ldap:// always
            upgraded with StartTLS; the first URL is where a rotation changes the
            password, the others are waited on for replication), the PEM file of the CA
            that signed their certificates, and the directory kind. Certificates are
            always verified. The account is the forest's (as `credvault set` stored it);
            its DN is searched for, never guessed. With --reset-with ENTRY a rotation
            binds as the account of vault entry ENTRY and resets the password (AD:
            "Reset password" right on the account) instead of changing it as itself.

            Exit codes: 0 ok, 64 usage or a bad URL, 65 a tampered row, 66 no such forest,
            directory or CA file, 69 the directory cannot be reached (connection, TLS,
            timeout), 76 the directory refused (bind, rights, policy).

            Examples:
              credvault directory set contoso.com --url ldaps://dc1.contoso.com \\
                  --url ldaps://dc2.contoso.com --ca-file /etc/credvault/contoso-ca.pem
              credvault directory set lab.example --url ldap://ldap.lab.example \\
                  --ca-file ca.pem --kind openldap --reset-with rotator.lab.example
              credvault directory show contoso.com --json
              credvault directory test contoso.com
              credvault directory remove contoso.com
            """,
        subcommands: [
            DirectorySetCommand.self, DirectoryShowCommand.self, DirectoryTestCommand.self, DirectoryRemoveCommand.self,
        ]
    )
}
