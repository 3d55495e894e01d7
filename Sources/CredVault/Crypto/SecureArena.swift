internal import CSodium
import Synchronization

/// One `sodium_malloc` region that a command's small secrets share.
///
/// Each `sodium_malloc` is its own mapping: mmap, two guard pages made inaccessible, the rest
/// locked and kept out of core dumps, and as many calls again to free it (ten syscalls and a
/// page fault or two per secret; a `get` made ten). Keys, passwords and plaintexts of a
/// command are a few hundred bytes, so they are carved from one guarded, locked region
/// instead: it still ends at a guard page and is never swapped or dumped, and every slice is
/// zeroed when its value dies. When no slice is live the region is reused from its start; a
/// secret that does not fit gets its own `sodium_malloc` as before (`SecureBytes`).
// @unchecked: the region pointer never changes after init; the bump state is behind a Mutex,
// and each slice belongs to the one SecureBytes value that holds it.
final class SecureArena: @unchecked Sendable {
    static let shared = SecureArena()

    /// Usable bytes: three pages, more than any hot command holds at once.
    static let capacity = 3 * 4096
    /// Slices start on 16-byte boundaries, like malloc's.
    private static let alignment = 16

    private struct State {
        var used = 0
        var live = 0
    }

    /// The region, or nil where libsodium could not map it (then every secret is mapped alone).
    private let region: UnsafeMutableRawPointer?
    private let state = Mutex(State())

    private init() {
        if (try? Sodium.ensureInitialized()) != nil, let region = sodium_malloc(Self.capacity) {
            sodium_memzero(region, Self.capacity)
            self.region = region
        } else {
            self.region = nil
        }
    }

    /// Zeroed storage for `count` bytes, or nil when the region has no room for them.
    func allocate(_ count: Int) -> UnsafeMutableRawPointer? {
        guard let region else { return nil }
        let size = Self.rounded(count)
        let offset: Int? = state.withLock { state in
            guard state.used + size <= Self.capacity else { return nil }
            defer { state.used += size; state.live += 1 }
            return state.used
        }
        return offset.map { region + $0 }
    }

    /// Zeroes and returns a slice; false when `pointer` is not in the region (`sodium_free` it).
    func release(_ pointer: UnsafeMutableRawPointer, count: Int) -> Bool {
        guard let region, pointer >= region, pointer < region + Self.capacity else { return false }
        sodium_memzero(pointer, Self.rounded(count))
        state.withLock { state in
            state.live -= 1
            if state.live == 0 { state.used = 0 }
        }
        return true
    }

    private static func rounded(_ count: Int) -> Int {
        (Swift.max(count, 1) + alignment - 1) / alignment * alignment
    }
}
