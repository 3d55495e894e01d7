import ArgumentParser
import CredVault

struct StatusJSON: Encodable {
    let forests: [ForestStatusJSON]
    let connectors: [ConnectorStatusJSON]
}
