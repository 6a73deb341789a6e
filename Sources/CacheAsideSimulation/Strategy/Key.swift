/// Logical time: the simulation's clock counts ticks, and every step on the cache or the database takes one.
public typealias Ticks = Int

/// A cache and database key. Keys are small integers so that a workload can draw them from the choices;
/// they print as `k1`, `k2`, ….
public struct Key: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The key's number, starting at 1.
    public var number: Int

    /// Creates the key `k<number>`.
    public init(_ number: Int) { self.number = number }

    /// `k1`, `k2`, …, as the lanes print it.
    public var description: String { "k\(number)" }

    /// Keys order by number.
    public static func < (lhs: Key, rhs: Key) -> Bool { lhs.number < rhs.number }
}

/// A row value. Every write writes a fresh version (`v1`, `v2`, …) and `v0` is every key's initial row, so
/// any value a read returns names the single write that produced it. That is what makes linearizability
/// and staleness checkable by looking at values alone.
public struct Value: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The version number: 0 for the initial row, then 1, 2, … in the order writes were invoked.
    public var version: Int

    /// Creates the value `v<version>`.
    public init(version: Int) { self.version = version }

    /// Every key's row before any write.
    public static let initial = Value(version: 0)

    /// What a negative cache stores for a key with no row (`v-1`, written `no row`): no write ever
    /// writes it, and convergence counts it equal to an absent row.
    public static let noRow = Value(version: -1)

    /// `v0`, `v1`, …, as the lanes print it (`no row` for `noRow`).
    public var description: String { version == -1 ? "no row" : "v\(version)" }

    /// Values order by version, which is the order their writes were *invoked*. Writes that overlap may
    /// commit in the other order, so `a < b` does not say which one the database ended with.
    public static func < (lhs: Value, rhs: Value) -> Bool { lhs.version < rhs.version }
}
