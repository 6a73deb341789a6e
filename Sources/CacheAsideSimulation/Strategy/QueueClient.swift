/// The work queue: an ordered log that clients append to and background workers follow, as Oracle
/// Coherence's write-behind queue holds acknowledged writes until its flusher stores them, and its
/// refresh-ahead queue holds the keys to reload. Entries stay, addressed by position (see `ChangeLog`).
public struct QueueClient: Sendable {
    let environment: Environment

    /// Appends an entry for `key` (`value` may be `nil`, e.g. a refresh request). One step.
    nonisolated(nonsending) public func append(_ key: Key, _ value: Value?) async throws {
        try await environment.step(.queueAppend(key, value)) { world in
            world.queue.append(key, value, at: world.now)
            return ((), .done)
        }
    }

    /// Up to `limit` entries after `position`, waiting until there is at least one. One step; for a
    /// worker, `position` is its acknowledgement, as in `DatabaseClient.changes(after:limit:)`.
    nonisolated(nonsending) public func entries(after position: Int, limit: Int = 100) async throws -> [ChangeLog.Entry] {
        try await environment.run.readLog(environment.slot, .queue, after: position, limit: limit)
    }
}
