/// The set of operations the search has linearised so far, as a bitset that also knows its *window*:
/// the first word that is not all ones and the last word that is not all zeros. Outside the window the
/// set is "everything before, nothing after", so the window alone identifies the set; the memo stores
/// only that (see `LinearizationMemo`). Both ends move by amortised O(1) as bits come and go.
///
/// Most sets are also "every operation below `base`, plus a 64-bit mask of the next ones"
/// (`compactForm`), which is all `CompactConfigurationTable` stores.
///
/// The set's Zobrist hash (the XOR of a random key per member, Zobrist 1970) is kept alongside, so
/// hashing a configuration costs nothing however long the history.
struct LinearisedSet {
    private(set) var words: [UInt64]
    /// Index of the first word that is not all ones (`words.count` when every operation is in).
    private(set) var lowWord = 0
    /// Index of the last word that is not zero (-1 when the set is empty).
    private(set) var highWord = -1
    /// XOR of the members' keys.
    private(set) var hash: UInt64 = 0
    private let memberKeys: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
        memberKeys = (0..<count).map { RegisterSearch.mix(UInt64($0) &+ 0x2545_F491_4F6C_DD1D) }
    }

    /// The set's hash combined with a register value, never 0 (the memo's empty-slot mark).
    func hash(with state: Int) -> UInt64 {
        let combined = hash ^ RegisterSearch.mix(UInt64(bitPattern: Int64(state)))
        return combined == 0 ? 1 : combined
    }

    /// (`base`, `members`): `base` is the first operation not in the set and bit i of `members` says
    /// whether operation base+1+i is; nil when some member lies beyond base+64.
    var compactForm: (base: Int, members: UInt64)? {
        guard lowWord < words.count else { return (words.count * 64, 0) }
        let base = lowWord * 64 + (~words[lowWord]).trailingZeroBitCount
        if highWord >= 0, highWord * 64 + 63 - words[highWord].leadingZeroBitCount > base + 64 { return nil }
        let start = base + 1, word = start >> 6, bit = start & 63
        var members = word < words.count ? words[word] >> UInt64(bit) : 0
        if bit != 0, word + 1 < words.count { members |= words[word + 1] << UInt64(64 - bit) }
        return (base, members)
    }

    @inline(__always)
    mutating func insert(_ member: Int) {
        let word = member >> 6
        words[word] |= UInt64(1) << UInt64(member & 63)
        hash ^= memberKeys[member]
        if word > highWord { highWord = word }
        if word == lowWord { while lowWord < words.count && words[lowWord] == ~0 { lowWord += 1 } }
    }

    @inline(__always)
    mutating func remove(_ member: Int) {
        let word = member >> 6
        words[word] &= ~(UInt64(1) << UInt64(member & 63))
        hash ^= memberKeys[member]
        if word < lowWord { lowWord = word }
        if word == highWord { while highWord >= 0 && words[highWord] == 0 { highWord -= 1 } }
    }
}
