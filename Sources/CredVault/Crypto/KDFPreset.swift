internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

public enum KDFPreset: String, CaseIterable, Sendable {
    case interactive, moderate, sensitive, calibrate
}
