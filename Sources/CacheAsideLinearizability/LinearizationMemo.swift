/// The set of search configurations already explored: (set of linearised operations, register state).
///
/// Lowe ("Testing for linearizability", 2017) observed that the Wing & Gong search reaches the same
/// configuration through many orders of the same operations; remembering each one and refusing to
/// explore it twice turns an exponential search into one that is usually near-linear. On a hard history
/// (many concurrent clients, few distinct values, a violation found only at the end) the memo is what
/// grows, so its size per configuration decides what the memory limit can decide: nearly every
/// configuration goes to `CompactConfigurationTable` (16 bytes), the rare wide one to
/// `WideConfigurationTable`.
struct LinearizationMemo {
    private var compact = CompactConfigurationTable()
    private var wide = WideConfigurationTable()

    /// How many configurations are remembered.
    var count: Int { compact.count + wide.count }

    /// Bytes held by both tables, counted from their contents, not from the allocator.
    var byteCount: Int { compact.byteCount + wide.byteCount }

    /// Remembers (`set`, `state`) and returns true, or returns false if it was already remembered.
    /// `state` is an interned register value, below 2^32.
    @inline(__always)
    mutating func insert(_ set: LinearisedSet, state: Int) -> Bool {
        if let (base, members) = set.compactForm {
            return compact.insert(base: base, members: members, state: state)
        }
        return wide.insert(set, state: state, hash: set.hash(with: state))
    }
}
