import Foundation
import Testing
import TestSupport

@Suite("Man page and completions: scripts/install-docs.sh")
struct InstallDocsTests {
    /// The repository root, from this file's place in Tests/VaultCLITests/Usage.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func install(into prefix: URL) throws -> ProcessResult {
        try ProcessRunner.run("/bin/bash", [root.appendingPathComponent("scripts/install-docs.sh").path, CLI.binary.path, prefix.path])
    }

    @Test("installs the man page and bash, zsh and fish completions under PREFIX; man finds the page")
    func installs() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("credvault-prefix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try Self.install(into: prefix)
        #expect(result.status == 0, "\(result)")

        let share = prefix.appendingPathComponent("share")
        func text(_ path: String) throws -> String {
            try String(contentsOf: share.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(try text("bash-completion/completions/credvault").contains("credvault"))
        #expect(try text("zsh/site-functions/_credvault").hasPrefix("#compdef credvault"))
        #expect(try text("fish/vendor_completions.d/credvault.fish").contains("complete -c 'credvault'"))
        let bashCheck = try ProcessRunner.run("/bin/bash", ["-n", share.appendingPathComponent("bash-completion/completions/credvault").path])
        #expect(bashCheck.status == 0, "\(bashCheck)")

        let man = try ProcessRunner.run(
            "/usr/bin/man", ["credvault"],
            environment: ["MANPATH": share.appendingPathComponent("man").path, "MANPAGER": "cat", "LC_ALL": "C", "MANWIDTH": "200"])
        #expect(man.status == 0, "\(man)")
        #expect(man.stdout.contains("credvault"))
        #expect(man.stdout.contains("--no-newline"))
        #expect(man.stdout.contains("--after-seq"))
    }

    @Test("without BIN it is a usage error and installs nothing")
    func usage() throws {
        let result = try ProcessRunner.run("/bin/bash", [Self.root.appendingPathComponent("scripts/install-docs.sh").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("usage:"))
    }

    @Test("the committed man page covers every command and long option of the binary (rerun scripts/generate-man.sh)")
    func manPageIsCurrent() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/man/credvault.1"), encoding: .utf8)
        let dump = try CLI.run(["--experimental-dump-help"])
        try #require(dump.status == 0)
        let tool = try JSON.object(dump.stdout)
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String, !page.contains(name) { missing.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for spelling in argument["names"] as? [[String: Any]] ?? [] where spelling["kind"] as? String == "long" {
                    let name = spelling["name"] as? String ?? ""
                    // mdoc writes a long option as "Fl -name" with its hyphens escaped or not.
                    if !page.contains(name) && !page.contains(name.replacingOccurrences(of: "-", with: "\\-")) {
                        missing.append("--" + name)
                    }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(tool["command"] as? [String: Any]))
        #expect(missing.isEmpty, "docs/man/credvault.1 lacks \(missing): run scripts/generate-man.sh")
    }
}
