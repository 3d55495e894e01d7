/// Each audited forest's highest version, keyed by the name's bytes: one packed byte buffer
/// of names and one open-addressed slot array, about 40 bytes a forest where a
/// `[String: Int]` makes a String allocation per forest and per lookup.
///
/// Lookups compare the whole name (the hash only picks the slot), so the table is exact.
struct ForestVersionTable {
    private struct Slot {
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var hash: UInt32 = 0
        var used = false
        var matched = false
        var version: Int64 = 0
    }

    private var names: [UInt8] = []
    private var slots = [Slot](repeating: Slot(), count: 64)
    /// Forests held.
    private(set) var count = 0
    /// Forests `take` found.
    private(set) var matchedCount = 0

    /// Records `version` for `name`, keeping the highest seen.
    mutating func raise(_ name: UnsafeRawBufferPointer, to version: Int64) {
        let hash = ForestVersionTable.hash(name)
        let index = find(name, hash: hash)
        if slots[index].used {
            if version > slots[index].version { slots[index].version = version }
            return
        }
        slots[index] = Slot(offset: UInt32(names.count), length: UInt32(name.count), hash: hash, used: true, version: version)
        names.append(contentsOf: name)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// The highest version recorded for `name` (nil: none), marking it found.
    mutating func take(_ name: UnsafeRawBufferPointer) -> Int64? {
        let index = find(name, hash: ForestVersionTable.hash(name))
        guard slots[index].used else { return nil }
        if !slots[index].matched {
            slots[index].matched = true
            matchedCount += 1
        }
        return slots[index].version
    }

    /// The slot holding `name`, or the empty slot where it belongs (linear probing).
    private func find(_ name: UnsafeRawBufferPointer, hash: UInt32) -> Int {
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while slots[index].used {
            let slot = slots[index]
            if slot.hash == hash, slot.length == name.count, holds(slot, name) { return index }
            index = (index + 1) & mask
        }
        return index
    }

    private func holds(_ slot: Slot, _ name: UnsafeRawBufferPointer) -> Bool {
        names.withUnsafeBytes { stored in
            RawBytes.equal(UnsafeRawBufferPointer(rebasing: stored[Int(slot.offset)..<Int(slot.offset) + Int(slot.length)]), name)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.used {
            var index = Int(slot.hash) & mask
            while slots[index].used { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// SipHash with the process's random seed: names cannot be chosen to pile into one slot.
    private static func hash(_ name: UnsafeRawBufferPointer) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: name)
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }
}
