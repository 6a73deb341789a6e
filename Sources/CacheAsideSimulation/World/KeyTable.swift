/// A map from keys to `Element` for the model cache's state: an array indexed by key number (a workload's
/// keys are `k1`…`kN`), with a dictionary for a key outside that range. The cache is read and written at
/// nearly every step, and indexing costs a fraction of hashing.
struct KeyTable<Element: Sendable>: Sendable {
    /// Key numbers below this are stored by index; `Workload.maximumKeys` is well inside it.
    private static var denseLimit: Int { 4_096 }

    private var dense: [Element?] = []
    private var sparse: [Key: Element] = [:]
    /// How many keys have an element.
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    subscript(key: Key) -> Element? {
        get {
            let number = key.number
            if number >= 0, number < Self.denseLimit { return number < dense.count ? dense[number] : nil }
            return sparse[key]
        }
        set {
            let number = key.number
            if number >= 0, number < Self.denseLimit {
                if number >= dense.count {
                    guard newValue != nil else { return }
                    dense += repeatElement(nil, count: number + 1 - dense.count)
                }
                if dense[number] == nil { count += 1 }
                if newValue == nil { count -= 1 }
                dense[number] = newValue
            } else if let newValue {
                if sparse.updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if sparse.removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }

    /// Removes every element (capacity is kept: a restarted cache fills again).
    mutating func removeAll() {
        for index in dense.indices { dense[index] = nil }
        sparse.removeAll()
        count = 0
    }

    /// The keys with an element, in key order.
    var keys: [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(count)
        for number in dense.indices where dense[number] != nil { keys.append(Key(number)) }
        keys += sparse.keys.sorted()
        return keys.sorted()
    }

    /// Whether both tables hold elements for the same keys, and `same` holds of each pair.
    func matches(_ other: KeyTable, by same: (Element, Element) -> Bool) -> Bool {
        guard count == other.count else { return false }
        for number in dense.indices {
            guard let mine = dense[number] else { continue }
            guard let theirs = other[Key(number)], same(mine, theirs) else { return false }
        }
        for (key, mine) in sparse {
            guard let theirs = other[key], same(mine, theirs) else { return false }
        }
        return true
    }
}

extension KeyTable where Element: Equatable {
    /// Equal when they hold equal elements for the same keys, however each was stored.
    static func == (lhs: KeyTable, rhs: KeyTable) -> Bool { lhs.matches(rhs, by: ==) }
}
