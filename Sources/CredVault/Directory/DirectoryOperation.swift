/// The step a directory error or timeout belongs to, so it can say what did not finish.
public enum DirectoryOperation: String, Equatable, Sendable {
    case connect
    case startTLS = "starttls"
    case bind
    case search
    case modify
    case passwordModify = "password-modify"
}
