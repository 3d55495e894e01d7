import CredVault

/// JSON shape of `directory test --json`: one result per URL, and the policy.
struct DirectoryTestJSON: Encodable {
    struct URLJSON: Encodable {
        let url: String
        let ok: Bool
        let accountDn: String?
        let seconds: Double
        let error: String?
        let exitCode: Int32?
    }

    let forest: String
    let ok: Bool
    let urls: [URLJSON]
    let policy: PolicyJSON?

    init(_ report: DirectoryCheck.Report) {
        forest = report.directory.forest
        ok = report.passed
        urls = report.results.map {
            URLJSON(url: $0.url, ok: $0.error == nil, accountDn: $0.accountDN, seconds: $0.seconds,
                    error: $0.error.map(ErrorPresenter.line(for:)), exitCode: $0.error.map(ErrorPresenter.exitCode(for:)))
        }
        policy = report.policy.map(PolicyJSON.init)
    }
}
