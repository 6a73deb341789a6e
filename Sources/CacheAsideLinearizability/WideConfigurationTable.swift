/// The memo's table for the configurations `CompactConfiguration` cannot hold: those whose linearised
/// operations reach more than 64 places past the first one missing (an unknown-outcome operation left
/// out for long, or a very wide window of concurrency). Rare, so it may cost more per entry.
///
/// Porcupine keeps a map from bitset hash to a list of (bitset, state); this is the same idea as one
/// open-addressing table whose bitsets live in one flat array, so an insertion allocates only when the
/// table grows.
///
/// A configuration's bitset is stored as a *window*: the words from the first one that is not all ones
/// to the last one that is not all zeros (`LinearisedSet` keeps both ends). Storing whole bitsets would
/// cost n/8 bytes per configuration — 6 KB each for a key with 50,000 operations.
struct WideConfigurationTable {
    /// Hash of each slot's configuration; 0 marks an empty slot (hashes are never 0).
    private var slotHashes: [UInt64]
    private var slotStates: [Int]
    /// Where each slot's window starts in `windows`.
    private var slotEntries: [Int]
    /// Every remembered window as (first word's index, word count, words…), one after another.
    private var windows: [UInt64] = []
    private var mask: Int
    /// How many configurations are remembered.
    private(set) var count = 0

    init(initialCapacity: Int = 16) {
        var capacity = 16
        while capacity < initialCapacity { capacity <<= 1 }
        slotHashes = [UInt64](repeating: 0, count: capacity)
        slotStates = [Int](repeating: 0, count: capacity)
        slotEntries = [Int](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// How many bytes the memo holds, counted from its contents (slots and stored words) rather than
    /// from what the allocator handed out, so the memory limit trips at the same point on every machine.
    var byteCount: Int { slotHashes.count * 24 + windows.count * 8 }

    /// Remembers the configuration and returns true, or returns false if it was already remembered.
    /// `hash` must be a hash of (`set`, `state`) and must not be 0.
    mutating func insert(_ set: LinearisedSet, state: Int, hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slotHash = slotHashes[slot]
            if slotHash == 0 { break }
            if slotHash == hash, slotStates[slot] == state, stored(slotEntries[slot], equals: set) {
                return false
            }
            slot = (slot &+ 1) & mask
        }
        slotHashes[slot] = hash
        slotStates[slot] = state
        slotEntries[slot] = windows.count
        let low = set.lowWord, high = set.highWord
        windows.append(UInt64(low))
        windows.append(UInt64(high &- low &+ 1))
        if high >= low { for word in low...high { windows.append(set.words[word]) } }
        count += 1
        // Half full at most, so probes stay short.
        if count * 2 > slotHashes.count { grow() }
        return true
    }

    private func stored(_ start: Int, equals set: LinearisedSet) -> Bool {
        let low = set.lowWord, length = set.highWord &- low &+ 1
        guard windows[start] == UInt64(low), windows[start + 1] == UInt64(length) else { return false }
        for word in 0..<length where windows[start + 2 + word] != set.words[low + word] { return false }
        return true
    }

    private mutating func grow() {
        let oldHashes = slotHashes, oldStates = slotStates, oldEntries = slotEntries
        let capacity = oldHashes.count * 2
        slotHashes = [UInt64](repeating: 0, count: capacity)
        slotStates = [Int](repeating: 0, count: capacity)
        slotEntries = [Int](repeating: 0, count: capacity)
        mask = capacity - 1
        for old in 0..<oldHashes.count where oldHashes[old] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[old]) & mask
            while slotHashes[slot] != 0 { slot = (slot &+ 1) & mask }
            slotHashes[slot] = oldHashes[old]
            slotStates[slot] = oldStates[old]
            slotEntries[slot] = oldEntries[old]
        }
    }
}
