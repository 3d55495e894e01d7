/// Which end of an audit query's time range.
public enum TimeBound: String, Sendable, Equatable {
    case since, until
}
