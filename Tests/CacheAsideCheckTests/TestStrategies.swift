import Synchronization
import CacheAsideCheck
import CacheAsideModels

/// Strategies that misbehave on purpose, to pin down how the simulation reports them.
struct SleepsForRealStrategy: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await Task.sleep(for: .milliseconds(5))
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

struct LoopsForeverStrategy: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        while true { _ = try await env.cache.get(key) }
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

struct ThrowsStrategy: CachingStrategy {
    struct Oops: Error {}
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        _ = try await env.cache.get(key)
        throw Oops()
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

struct UnstructuredTaskStrategy: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await Task { try await env.database.read(key) }.value
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// Takes the lock and never releases it: without a lease a second client deadlocks.
struct ForgetsToUnlockStrategy: CachingStrategy {
    var lease: Ticks?
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await env.lock.acquire(key, lease: lease)
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// Waits in a read for a change-log entry past any that will be written: a long poll only workers may make.
struct TailsTheChangeLogInARead: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        _ = try await env.database.changes(after: 5)
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// Reads under a lock and sleeps inside it, to exercise sleeping, waking and lock hand-over.
struct SleepyLockedReader: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await env.lock.acquire(key)
        try await env.clock.sleep(5)
        let row = try await env.database.read(key)
        try await env.lock.release(key)
        return row
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// Cache-aside that skips its delete on every other write, counted in a process-wide counter: state the
/// simulation cannot see, so the same seed gives different runs.
struct GlobalCounterStrategy: CachingStrategy {
    static let writes = Mutex(0)
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside().read(key, in: env)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        let count = Self.writes.withLock { count in
            count += 1
            return count
        }
        if count % 2 == 0 { try await env.cache.delete(key) }
    }
}

/// Takes a leased lock, then sleeps past the lease before releasing: the lock can pass to another
/// client while this one still thinks it holds it.
struct SlowLeasedLockHolder: CachingStrategy {
    var lease: Ticks
    var work: Ticks
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await env.lock.acquire(key, lease: lease)
        try await env.clock.sleep(work)
        let row = try await env.database.read(key)
        try await env.lock.release(key)
        return row
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// Asks the environment for a number below zero.
struct DrawsBelowZero: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        _ = env.random(below: 0)
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}

/// A change-data-capture tailer for tests: reads up to `limit` changes at a time and deletes each key,
/// really sleeping (an escape) before it deletes `sleepsOn`.
struct TestTailer: BackgroundWorker {
    var limit = 100
    var sleepsOn: Key?
    var name: String { "tailer" }
    func run(from position: Int, in env: Environment) async throws {
        var position = position
        while true {
            for change in try await env.database.changes(after: position, limit: limit) {
                if change.key == sleepsOn { try await Task.sleep(for: .zero) }
                try await env.cache.delete(change.key)
                position = change.position
            }
        }
    }
}

/// CDC invalidation with a worker of the test's: cache-aside reads, writes to the database alone.
struct CDCWith: CachingStrategy {
    var worker: any BackgroundWorker
    var workers: [any BackgroundWorker] { [worker] }
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await CacheAside().read(key, in: env) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}
