import CredVault
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A test knob (docs/DESIGN-NOTES.md, "Rotation"): with CREDVAULT_ROTATE_PAUSE_AFTER=STEP
/// and CREDVAULT_ROTATE_PAUSE_FIFO=PATH (a FIFO), `rotate` stops after STEP is on disk
/// (pending, changed, verified, replicated, committed, pushed) and waits until a writer
/// opens the FIFO and closes it. A test kills the process while it waits: a crash at a
/// known step. Only a step name goes in and nothing comes out: it cannot carry a secret.
enum RotationPause {
    static func observer() -> @Sendable (RotationStep) -> Void {
        guard let step = environment("CREDVAULT_ROTATE_PAUSE_AFTER"),
              let fifo = environment("CREDVAULT_ROTATE_PAUSE_FIFO") else { return { _ in } }
        return { reached in
            guard reached.rawValue == step else { return }
            let fd = open(fifo, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            var byte: UInt8 = 0
            while read(fd, &byte, 1) > 0 {}
            close(fd)
        }
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
