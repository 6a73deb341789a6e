/// The memo's main table: a configuration (set of linearised operations, register state) in 16 bytes.
///
/// Operations are numbered in invocation order, and the search can only linearise an operation invoked
/// before the earliest return among those still pending. So a linearised set is "every operation before
/// the first one missing, `base`, plus some of the next few": on a key where c clients run concurrently,
/// the members above `base` lie within a few times c places of it. Such a set is exactly (`base`, a
/// 64-bit mask of operations base+1…base+64), and with the interned state that is two words, whatever
/// the history's length. Porcupine stores a whole bitset per configuration (n/8 bytes, plus a slice
/// header and its map's own overhead): several times this on the histories that fill memory, and
/// memory is what decides a hard history.
///
/// The table is open addressing with linear probing, at most three quarters full. Nothing is hashed
/// lossily: entries are compared whole, so a collision can never prune an unexplored configuration
/// (hash compaction, Wolper & Leroy 1993, would save another half but could turn "linearizable" into
/// "not").
struct CompactConfigurationTable {
    /// Two words per slot: (1 << 63 | base << 32 | state, mask); a first word of 0 marks an empty slot.
    private var slots: [UInt64]
    private var slotMask: Int
    /// How many configurations are remembered.
    private(set) var count = 0

    init(initialCapacity: Int = 64) {
        var capacity = 16
        while capacity < initialCapacity { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * capacity)
        slotMask = capacity - 1
    }

    /// Bytes held, counted from the table's size so that a limit trips at the same point everywhere.
    var byteCount: Int { slots.count * 8 }

    /// Remembers (`base`, `members`, `state`) and returns true, or false if it was already remembered.
    /// `base` below 2^31, `state` below 2^32.
    @inline(__always)
    mutating func insert(base: Int, members: UInt64, state: Int) -> Bool {
        let head = 1 << 63 | UInt64(base) << 32 | UInt64(state)
        var slot = Int(truncatingIfNeeded: RegisterSearch.mix(head ^ RegisterSearch.mix(members))) & slotMask
        while true {
            let stored = slots[2 * slot]
            if stored == 0 { break }
            if stored == head && slots[2 * slot + 1] == members { return false }
            slot = (slot &+ 1) & slotMask
        }
        slots[2 * slot] = head
        slots[2 * slot + 1] = members
        count += 1
        if count * 4 > (slotMask + 1) * 3 { grow() }
        return true
    }

    private mutating func grow() {
        let old = slots
        let capacity = (slotMask + 1) * 2
        slots = [UInt64](repeating: 0, count: 2 * capacity)
        slotMask = capacity - 1
        for index in stride(from: 0, to: old.count, by: 2) where old[index] != 0 {
            let head = old[index], members = old[index + 1]
            var slot = Int(truncatingIfNeeded: RegisterSearch.mix(head ^ RegisterSearch.mix(members))) & slotMask
            while slots[2 * slot] != 0 { slot = (slot &+ 1) & slotMask }
            slots[2 * slot] = head
            slots[2 * slot + 1] = members
        }
    }
}
