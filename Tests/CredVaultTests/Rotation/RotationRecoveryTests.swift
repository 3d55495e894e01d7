import CredVault
import Testing

/// Every combination of what the directory answers for the pending and the committed password.
@Suite("Rotation recovery decisions")
struct RotationRecoveryTests {
    let unreachable = BindOutcome.inconclusive(.unreachable(server: "dc1:636"))
    let locked = BindOutcome.inconclusive(.accountRestricted(.accountLocked, nil))

    @Test("the pending password is tried first, and only once")
    func order() {
        #expect(RotationRecovery.next(pending: nil, current: nil) == .tryPending)
        #expect(RotationRecovery.next(pending: nil, current: .accepted) == .tryPending)
        #expect(RotationRecovery.next(pending: .refused, current: nil) == .tryCurrent)
        #expect(RotationRecovery.next(pending: unreachable, current: nil) == .tryCurrent)
    }

    @Test("pending binds: finish, without trying the committed password")
    func finish() {
        #expect(RotationRecovery.next(pending: .accepted, current: nil) == .decided(.finish))
        #expect(RotationRecovery.next(pending: .accepted, current: .refused) == .decided(.finish))
    }

    @Test("pending refused and committed binds: abort")
    func abort() {
        #expect(RotationRecovery.next(pending: .refused, current: .accepted) == .decided(.abort))
    }

    @Test("anything that proves neither is indeterminate, with both outcomes")
    func indeterminate() {
        let cases: [(BindOutcome, BindOutcome)] = [
            (.refused, .refused), (.refused, unreachable), (unreachable, .accepted),
            (unreachable, unreachable), (locked, .accepted), (.refused, locked),
        ]
        for (pending, current) in cases {
            #expect(RotationRecovery.next(pending: pending, current: current)
                == .decided(.indeterminate(pending: pending, current: current)))
        }
    }

    @Test("bind errors become outcomes: only a wrong password proves absence")
    func outcomes() {
        #expect(BindOutcome(bindError: nil) == .accepted)
        #expect(BindOutcome(bindError: .invalidCredentials(nil)) == .refused)
        #expect(BindOutcome(bindError: .timeout(.bind)) == .inconclusive(.timeout(.bind)))
        #expect(BindOutcome(bindError: .accountRestricted(.accountDisabled, nil))
            == .inconclusive(.accountRestricted(.accountDisabled, nil)))
    }
}
