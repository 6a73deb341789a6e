/// A client's database transaction between its begin and its commit or rollback: the writes it has
/// buffered, which nobody else sees until the commit (read committed).
///
/// It lives with the client's slot rather than in the `World`, because until the commit the database
/// has not changed: invariants, replica reads, change-log tailers and every other client see the world
/// without it, and a crash (which drops the slot's transaction) leaves nothing to undo.
struct OpenTransaction {
    /// The buffered writes, one per key in the order each key was first written; `nil` = a delete.
    private(set) var writes: [(key: Key, value: Value?)] = []

    /// Buffers a write of `value` (`nil` = delete) to `key`, replacing an earlier one of the same key: a
    /// commit writes each key once, with its last value.
    mutating func buffer(_ key: Key, _ value: Value?) {
        if let index = writes.firstIndex(where: { $0.key == key }) {
            writes[index].value = value
        } else {
            writes.append((key, value))
        }
    }

    /// What a read of `key` inside the transaction returns: its own latest write if it wrote the key,
    /// otherwise the row `database` holds now (read committed: no snapshot, so a commit by another
    /// client in between is seen).
    func read(_ key: Key, in database: ModelDatabase) -> Value? {
        if let own = writes.first(where: { $0.key == key }) { return own.value }
        return database.read(key)
    }
}
