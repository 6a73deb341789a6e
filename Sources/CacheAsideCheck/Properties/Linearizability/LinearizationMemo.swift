/// The set of search configurations already explored: (set of linearised operations, register value).
///
/// Lowe ("Testing for linearizability", 2017) observed that the Wing & Gong search reaches the same
/// configuration through many orders of the same operations; remembering each one and refusing to
/// explore it twice turns an exponential search into one that is usually near-linear. Porcupine keeps a
/// map from bitset hash to a list of (bitset, state); this is the same idea as one open-addressing table
/// whose bitsets live in one flat array, so an insertion allocates only when the table grows.
struct LinearizationMemo {
    /// How many 64-bit words one bitset takes.
    let wordsPerEntry: Int
    /// Hash of each slot's configuration; 0 marks an empty slot (hashes are never 0).
    private var slotHashes: [UInt64]
    private var slotStates: [Int]
    /// Index of each slot's bitset in `bitsets`, in units of `wordsPerEntry`.
    private var slotEntries: [Int32]
    /// Every remembered bitset, one after another.
    private var bitsets: [UInt64] = []
    private var mask: Int
    /// How many configurations are remembered.
    private(set) var count = 0

    init(wordsPerEntry: Int, initialCapacity: Int = 64) {
        self.wordsPerEntry = wordsPerEntry
        var capacity = 16
        while capacity < initialCapacity { capacity <<= 1 }
        slotHashes = [UInt64](repeating: 0, count: capacity)
        slotStates = [Int](repeating: 0, count: capacity)
        slotEntries = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Roughly how many bytes the memo holds, for the memory limit.
    var byteCount: Int { slotHashes.count * 20 + bitsets.capacity * 8 }

    /// Remembers the configuration and returns true, or returns false if it was already remembered.
    /// `hash` must be a hash of (`bitset`, `state`) and must not be 0.
    mutating func insert(_ bitset: [UInt64], state: Int, hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slotHash = slotHashes[slot]
            if slotHash == 0 { break }
            if slotHash == hash, slotStates[slot] == state, storedBitset(Int(slotEntries[slot]), equals: bitset) {
                return false
            }
            slot = (slot &+ 1) & mask
        }
        slotHashes[slot] = hash
        slotStates[slot] = state
        slotEntries[slot] = Int32(count)
        bitsets.append(contentsOf: bitset)
        count += 1
        // Half full at most, so probes stay short.
        if count * 2 > slotHashes.count { grow() }
        return true
    }

    private func storedBitset(_ entry: Int, equals bitset: [UInt64]) -> Bool {
        let start = entry * wordsPerEntry
        for word in 0..<wordsPerEntry where bitsets[start + word] != bitset[word] { return false }
        return true
    }

    private mutating func grow() {
        let oldHashes = slotHashes, oldStates = slotStates, oldEntries = slotEntries
        let capacity = oldHashes.count * 2
        slotHashes = [UInt64](repeating: 0, count: capacity)
        slotStates = [Int](repeating: 0, count: capacity)
        slotEntries = [Int32](repeating: 0, count: capacity)
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
