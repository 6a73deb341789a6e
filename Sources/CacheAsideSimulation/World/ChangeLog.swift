extension ChangeLog {
    /// One entry of an ordered log that background workers follow: the database's commit log, or the work
    /// queue clients hand to workers.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// The entry's place in its log: 1 for the first entry, and one more for each after it. A worker
        /// remembers the position it has handled up to and asks for the entries after it.
        public var position: Int
        /// The key the entry is about.
        public var key: Key
        /// The value: in the commit log, the row written (`nil` = the row was deleted); in the work queue,
        /// whatever the client appended (`nil` = a request with no value, e.g. "refresh this key").
        public var value: Value?
        /// The tick at which it was committed or appended: what a worker measures its lag from.
        public var tick: Ticks

        /// An entry.
        public init(position: Int, key: Key, value: Value?, tick: Ticks) {
            self.position = position
            self.key = key
            self.value = value
            self.tick = tick
        }

        /// `#3 k1=v2` (`no row` for a delete), as the lanes print a log read's answer.
        public var description: String { "#\(position) \(key)=\(value.map { "\($0)" } ?? "no row")" }
    }
}

/// An append-only, ordered log, read by position: what change-data-capture tails (the MySQL binlog that
/// Facebook's McSqueal follows to invalidate memcache, Nishtala et al., NSDI 2013; Debezium's connectors
/// do the same for Kafka) and what a write-behind or refresh-ahead queue holds.
///
/// Entries are never removed, so a reader that crashed can come back to any position it acknowledged
/// and read on from there: delivery is at least once, as with a Kafka consumer that restarts from its
/// last committed offset.
public struct ChangeLog: Sendable, Hashable {
    /// Every entry, oldest first; `entries[i].position == i + 1`.
    public private(set) var entries: [ChangeLog.Entry] = []

    /// An empty log.
    public init() {}

    /// The position of the last entry (0 while the log is empty).
    public var lastPosition: Int { entries.count }

    /// Appends an entry for `key`, made at `tick`, and returns its position.
    @discardableResult
    public mutating func append(_ key: Key, _ value: Value?, at tick: Ticks) -> Int {
        entries.append(ChangeLog.Entry(position: entries.count + 1, key: key, value: value, tick: tick))
        return entries.count
    }

    /// Up to `limit` entries after `position`, oldest first (positions below 0 read from the start; a
    /// limit below 1 reads one entry, and any larger than the log reads to its end: `Int.max` is "all").
    public func entries(after position: Int, limit: Int) -> ArraySlice<ChangeLog.Entry> {
        let start = min(max(position, 0), entries.count)
        return entries[start..<start + min(entries.count - start, max(limit, 1))]
    }
}
