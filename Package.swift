// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "CredVault",
    products: [
        .executable(name: "credvault", targets: ["VaultCLI"]),
        .library(name: "CredVault", targets: ["CredVault"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // OpenLDAP's headers only: libldap is not linked (no pkgConfig, whose flags would link
        // it) but loaded with dlopen by the directory commands (Directory/LDAPLibrary.swift).
        .systemLibrary(
            name: "CLDAP",
            providers: [.apt(["libldap-dev"])]
        ),
        .target(
            name: "CredVault",
            dependencies: [
                "CSodium",
                "CLDAP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .executableTarget(
            name: "VaultCLI",
            dependencies: [
                "CredVault",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The test kit (vault sandbox, child processes, polling, file modes) shared by all test targets.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CredVaultTests",
            dependencies: ["CredVault", "CSodium", "TestSupport"]
        ),
        .testTarget(
            name: "VaultCLITests",
            dependencies: ["CredVault", "VaultCLI", "TestSupport"]
        ),
        // The operator's story end to end against a real slapd and a simulated sync service
        // (Tests/Fixtures). Black-box: it only runs the built `credvault` binary; the
        // dependency on VaultCLI just makes sure that binary is built first.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["VaultCLI", "TestSupport"]
        ),
        // The directory client against real servers the tests start on 127.0.0.1: a Samba AD
        // DC (Tests/Fixtures/samba) and slapd with TLS (Tests/Fixtures/ldap).
        .testTarget(
            name: "DirectoryTests",
            dependencies: ["CredVault", "VaultCLI", "TestSupport"]
        ),
    ]
)

// libFuzzer targets (bench/fuzz/run builds them with CREDVAULT_FUZZ=1 into .build-fuzz);
// never part of `swift build` or `swift test`.
if Context.environment["CREDVAULT_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "CredVaultFuzz",
        dependencies: ["CredVault", .product(name: "GRDB", package: "GRDB.swift")],
        path: "bench/fuzz/Harness",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "credvault-fuzz", targets: ["CredVaultFuzz"]))
}

// The shipped build (scripts/shipped-build.sh) sets CREDVAULT_SHIPPED_ARCHIVES to a folder of
// links to libstdc++.a, libsqlite3.a and libsodium.a, searched before the system's folders, so
// those three are linked in from Debian's static archives while glibc stays shared (PIE, one
// file; the loader binds 4,000 fewer symbols), with the toolchain's lld (packed relative
// relocations, and the start-up functions placed together: scripts/startup-order.txt).
// Never part of `swift build` or `swift test` (docs/DESIGN-NOTES.md, "Loader work", "Start-up faults").
if let archives = Context.environment["CREDVAULT_SHIPPED_ARCHIVES"] {
    for target in package.targets where target.name == "VaultCLI" {
        target.linkerSettings = [.unsafeFlags(["-L\(archives)", "-use-ld=lld"])]
    }
}
