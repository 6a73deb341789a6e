extension ModelDatabase {
    /// Applies a transaction's `writes` (`nil` = delete) at `tick`, all in one step: each key's row, its
    /// write count and committed history change as a plain write or delete changes them, and the change
    /// log gets one entry per key. Returns the entries appended, in order.
    public mutating func commit(_ writes: [(key: Key, value: Value?)], at tick: Ticks) -> [ChangeLog.Entry] {
        var appended: [ChangeLog.Entry] = []
        appended.reserveCapacity(writes.count)
        for (key, value) in writes {
            if let value { write(key, value, at: tick) } else { delete(key, at: tick) }
            if let entry = changeLog.entries.last { appended.append(entry) }
        }
        return appended
    }
}
