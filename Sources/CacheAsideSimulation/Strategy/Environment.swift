/// What a strategy's `read` and `write` act on: the simulated cache, database, clock and locks, as seen
/// by one client (or, for a `BackgroundWorker`, by one worker). Every `async` call on these is one atomic
/// step and one scheduling point.
public struct Environment: Sendable {
    let run: SimulationRun

    /// The slot in the scheduler's rotation: the client's in the workload plan, or a worker's after them.
    /// The identity is looked up from it rather than stored, so that an environment stays two words:
    /// every cache or database call copies it.
    let slot: Int

    init(run: SimulationRun, slot: Int) {
        self.run = run
        self.slot = slot
    }

    /// The client performing the operation; `nil` in a background worker's environment.
    public var client: ClientID? { run.actorID(slot).client }
    /// The background worker this environment belongs to; `nil` in a client's.
    public var worker: WorkerID? { run.actorID(slot).worker }

    /// The model cache.
    public var cache: CacheClient { CacheClient(environment: self) }
    /// The model database.
    public var database: DatabaseClient { DatabaseClient(environment: self) }
    /// The logical clock.
    public var clock: ClockClient { ClockClient(environment: self) }
    /// Locks shared by all clients (for single flight).
    public var lock: LockClient { LockClient(environment: self) }
    /// The work queue clients hand work to background workers through.
    public var queue: QueueClient { QueueClient(environment: self) }

    /// A number in `0..<bound` drawn from the run's choices, so it replays and shrinks like everything
    /// else. `0` must be the strategy's simplest behaviour (shrinking drives values toward it). A bound
    /// below 1 fails the run with `SimulationFailure.randomBoundBelowOne` (and returns 0) instead of trapping.
    public func random(below bound: Int) -> Int {
        guard run.acceptsCalls else { return 0 }
        guard bound > 0 else {
            run.noteRandomBoundBelowOne(slot, bound: bound)
            return 0
        }
        return run.choices.choose(below: bound)
    }

    nonisolated(nonsending) func step<Result>(
        _ action: StepAction, _ effect: (inout World) throws -> (Result, StepOutcome)
    ) async throws -> Result {
        try await run.step(slot, action, effect)
    }
}

/// The cache as one client calls it. Methods mirror memcached's: get/set/add/delete, gets/cas, and
/// Facebook-style leases.
public struct CacheClient: Sendable {
    let environment: Environment

    nonisolated(nonsending) func cacheStep<Result>(
        _ action: StepAction, _ effect: (inout World) -> (Result, StepOutcome)
    ) async throws -> Result {
        try await environment.step(action) { world in
            if environment.run.faultFires(.cacheUnavailable) { throw CacheClient.Unavailable(call: action.callDescription) }
            return effect(&world)
        }
    }

    /// The cached value of `key`, or `nil` on a miss.
    nonisolated(nonsending) public func get(_ key: Key) async throws -> Value? {
        try await cacheStep(.cacheGet(key)) { world in
            let value = world.cache.get(key, at: world.now)
            return (value, .value(value))
        }
    }

    /// Stores `value` under `key` for `ttl` ticks (`nil` = no expiry; zero or less = stored already expired,
    /// so it only replaces and invalidates what was there).
    nonisolated(nonsending) public func set(_ key: Key, _ value: Value, ttl: Ticks?) async throws {
        try await cacheStep(.cacheSet(key, value, ttl: ttl)) { world in
            world.cache.set(key, value, ttl: ttl, at: world.now)
            return ((), .done)
        }
    }

    /// Stores `value` only if `key` is absent; returns whether it stored. `ttl` reads as in `set`.
    nonisolated(nonsending) public func add(_ key: Key, _ value: Value, ttl: Ticks?) async throws -> Bool {
        try await cacheStep(.cacheAdd(key, value, ttl: ttl)) { world in
            let stored = world.cache.add(key, value, ttl: ttl, at: world.now)
            return (stored, .stored(stored))
        }
    }

    /// Removes `key` (and voids its leases).
    nonisolated(nonsending) public func delete(_ key: Key) async throws {
        try await cacheStep(.cacheDelete(key)) { world in
            if environment.run.faultFires(.lostDelete) { return ((), .silentlyDropped(Fault.lostDelete.rawValue)) }
            world.cache.delete(key)
            return ((), .done)
        }
    }

    /// The cached value with its cas unique, or `nil` on a miss.
    nonisolated(nonsending) public func gets(_ key: Key) async throws -> (value: Value, casUnique: Int)? {
        try await cacheStep(.cacheGets(key)) { world in
            let found = world.cache.gets(key, at: world.now)
            return (found, .versioned(found?.value, version: found?.casUnique))
        }
    }

    /// Stores `value` only if `key` still carries `casUnique`; returns whether it stored.
    nonisolated(nonsending) public func cas(_ key: Key, _ value: Value, ttl: Ticks?, casUnique: Int) async throws -> Bool {
        try await cacheStep(.cacheCompareAndSet(key, value, ttl: ttl, casUnique: casUnique)) { world in
            let stored = world.cache.cas(key, value, ttl: ttl, casUnique: casUnique, at: world.now)
            return (stored, .stored(stored))
        }
    }

    /// A memcache lease get: a hit, a miss with a lease token, or a miss while someone else holds the lease.
    nonisolated(nonsending) public func leaseGet(_ key: Key) async throws -> ModelCache.LeaseResult {
        try await cacheStep(.cacheLeaseGet(key)) { world in
            let result = world.cache.leaseGet(key, at: world.now)
            return (result, .lease(result))
        }
    }

    /// Stores `value` only if `token` is still `key`'s outstanding lease; returns whether it stored.
    nonisolated(nonsending) public func leaseSet(_ key: Key, _ value: Value, ttl: Ticks?, token: Int) async throws -> Bool {
        try await cacheStep(.cacheLeaseSet(key, value, ttl: ttl, token: token)) { world in
            let stored = world.cache.leaseSet(key, value, ttl: ttl, token: token, at: world.now)
            return (stored, .stored(stored))
        }
    }
}

/// The database as one client calls it.
public struct DatabaseClient: Sendable {
    let environment: Environment

    /// The row of `key`. With the `replica-lag` fault a read may come from a replica one or two writes
    /// behind.
    nonisolated(nonsending) public func read(_ key: Key) async throws -> Value? {
        try await environment.step(.databaseRead(key)) { world in
            let lag = environment.run.replicaLag()
            let value = lag == 0 ? world.database.read(key) : world.database.replicaRead(key, lag: lag)
            return (value, lag == 0 ? .value(value) : .versioned(value, version: nil))
        }
    }

    /// The row of `key` with the number of writes it has received (a version column), from the primary.
    nonisolated(nonsending) public func readVersioned(_ key: Key) async throws -> (value: Value?, version: Int) {
        try await environment.step(.databaseVersionedRead(key)) { world in
            let value = world.database.read(key)
            let version = world.database.writeCounts[key] ?? 0
            return ((value, version), .versioned(value, version: version))
        }
    }

    /// Removes the row of `key`: reads find no row (`nil`) until a write inserts one. With absent keys
    /// (`Workload.absentKeys`) this is what negative caching and insert-after-miss races are about.
    nonisolated(nonsending) public func delete(_ key: Key) async throws {
        try await environment.step(.databaseDelete(key)) { world in
            world.database.delete(key, at: world.now)
            return ((), .done)
        }
    }

    /// Replaces the row of `key`.
    nonisolated(nonsending) public func write(_ key: Key, _ value: Value) async throws {
        try await environment.step(.databaseWrite(key, value)) { world in
            world.database.write(key, value, at: world.now)
            return ((), .done)
        }
    }

    /// Up to `limit` entries of the commit log after `position` (every write and delete, in commit order,
    /// positions from 1), waiting until there is at least one: a change-data-capture tailer's long poll
    /// on the binlog. One step. For a background worker, `position` is also its acknowledgement: after a
    /// crash it restarts from there (see `BackgroundWorker`).
    nonisolated(nonsending) public func changes(after position: Int, limit: Int = 100) async throws -> [ChangeLog.Entry] {
        try await environment.run.readLog(environment.slot, .database, after: position, limit: limit)
    }
}

/// The logical clock as one client sees it.
public struct ClockClient: Sendable {
    let environment: Environment

    /// The current tick (0 for a task outside the simulation, which must not read the run's state).
    public var now: Ticks { environment.run.acceptsCalls ? environment.run.world.now : 0 }

    /// Parks the client until `ticks` ticks from now; other clients run meanwhile, and if nobody else can
    /// run the clock jumps ahead. A sleep of zero or less only yields; one past `Ticks.max` ends there.
    nonisolated(nonsending) public func sleep(_ ticks: Ticks) async throws {
        try await environment.run.sleep(environment.slot, ticks: ticks)
    }
}

/// Mutual-exclusion locks shared by every client, one per key: the building block for single flight.
public struct LockClient: Sendable {
    let environment: Environment

    /// Takes the lock on `key`, waiting while another client holds it (or until its lease ends).
    /// - Parameters:
    ///   - key: the key whose lock to take.
    ///   - lease: how many ticks the lock lasts unless released, like Redis `SET NX PX`; `nil` = until
    ///     released; less than one tick counts as one. A lease keeps a crashed holder from blocking
    ///     everyone, and lets a slow holder lose the lock while it still thinks it holds it (Kleppmann,
    ///     "How to do distributed locking").
    nonisolated(nonsending) public func acquire(_ key: Key, lease: Ticks? = nil) async throws {
        while try await !tryAcquire(key, lease: lease) {
            try await environment.run.waitForLock(environment.slot, key: key)
        }
    }

    /// Takes the lock on `key` if it is free (or its holder's lease has ended); returns whether it did.
    nonisolated(nonsending) public func tryAcquire(_ key: Key, lease: Ticks? = nil) async throws -> Bool {
        let slot = environment.slot
        return try await environment.step(.lockAcquire(key, lease: lease)) { world in
            let taken = environment.run.takeLock(key, for: slot, lease: lease, now: world.now)
            return (taken, .acquired(taken))
        }
    }

    /// Releases the lock on `key`; returns false if this client no longer held it (its lease ended).
    @discardableResult
    nonisolated(nonsending) public func release(_ key: Key) async throws -> Bool {
        let slot = environment.slot
        return try await environment.step(.lockRelease(key)) { world in
            let freed = environment.run.releaseLock(key, by: slot, now: world.now)
            return (freed, .released(freed))
        }
    }
}
