/// The database as the simulation models it: one row per key, each row carrying the version that wrote it.
///
/// Every key exists from the start with the row `v0`, unless the workload starts it absent. Operations are atomic: the simulation applies one
/// step at a time, so there is nothing to lock here.
public struct ModelDatabase: Sendable, Equatable {
    /// The current row of every key that has one.
    public private(set) var rows: [Key: Value]

    /// How many writes each key has received; a versioned read returns it with the row.
    public private(set) var writeCounts: [Key: Int] = [:]

    /// Every committed row of every key, oldest first, for replica reads that lag behind the primary.
    public private(set) var committed: [Key: [Value]] = [:]

    /// Every write and delete, in commit order: the change log that background workers follow
    /// (`env.database.changes(after:limit:)`), as a change-data-capture tailer follows a binlog.
    public private(set) var changeLog = ChangeLog()

    /// A database in which each of `keys` holds `v0`, except the `absent` ones, which have no row yet.
    public init(keys: [Key], absent: Set<Key> = []) {
        // Built in place: a world is made for every run.
        var rows: [Key: Value] = Dictionary(minimumCapacity: keys.count)
        var committed: [Key: [Value]] = Dictionary(minimumCapacity: keys.count)
        for key in keys {
            let isAbsent = !absent.isEmpty && absent.contains(key)
            if !isAbsent { rows[key] = .initial }
            let earlier = committed.updateValue(isAbsent ? [] : Self.initialCommits, forKey: key)
            precondition(earlier == nil, "duplicate key \(key)")
        }
        self.rows = rows
        self.committed = committed
    }

    /// Every key's first committed row, shared until the key's first write copies it.
    private static let initialCommits = [Value.initial]

    /// The row of `key`, or `nil` if it has none.
    public func read(_ key: Key) -> Value? { rows[key] }

    /// The row of `key` as a replica that is `lag` writes behind the primary would return it.
    public func replicaRead(_ key: Key, lag: Int) -> Value? {
        guard let history = committed[key], !history.isEmpty else { return nil }
        return history[max(0, history.count - 1 - lag)]
    }

    /// Removes the row of `key` (at `tick`, for the change log); later reads find none until a write
    /// inserts it again. The delete counts as a write for versioned reads; replica reads, which replay the
    /// committed values, do not see it.
    public mutating func delete(_ key: Key, at tick: Ticks = 0) {
        rows[key] = nil
        writeCounts[key, default: 0] += 1
        changeLog.append(key, nil, at: tick)
    }

    /// Replaces the row of `key` (at `tick`, for the change log).
    public mutating func write(_ key: Key, _ value: Value, at tick: Ticks = 0) {
        rows[key] = value
        writeCounts[key, default: 0] += 1
        committed[key, default: []].append(value)
        changeLog.append(key, value, at: tick)
    }
}
