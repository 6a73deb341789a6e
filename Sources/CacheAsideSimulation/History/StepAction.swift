/// One atomic step a client took on the cache, the database, the clock or a lock.
package enum StepAction: Hashable, Sendable {
    /// `env.cache.get(key)`.
    case cacheGet(Key)
    /// `env.cache.set(key, value, ttl:)`.
    case cacheSet(Key, Value, ttl: Ticks?)
    /// `env.cache.add(key, value, ttl:)`: set if absent.
    case cacheAdd(Key, Value, ttl: Ticks?)
    /// `env.cache.delete(key)`.
    case cacheDelete(Key)
    /// `env.cache.gets(key)`: a get with the entry's cas unique.
    case cacheGets(Key)
    /// `env.cache.cas(key, value, ttl:, casUnique:)`.
    case cacheCompareAndSet(Key, Value, ttl: Ticks?, casUnique: Int)
    /// `env.cache.leaseGet(key)`.
    case cacheLeaseGet(Key)
    /// `env.cache.leaseSet(key, value, ttl:, token:)`.
    case cacheLeaseSet(Key, Value, ttl: Ticks?, token: Int)
    /// `env.database.read(key)`.
    case databaseRead(Key)
    /// `env.database.readVersioned(key)`.
    case databaseVersionedRead(Key)
    /// `env.database.write(key, value)`.
    case databaseWrite(Key, Value)
    /// `env.database.delete(key)`: the row is removed.
    case databaseDelete(Key)
    /// `env.database.changes(after:limit:)`: up to `limit` change-log entries after `position`, waiting
    /// for one.
    case databaseChanges(after: Int, limit: Int)
    /// `env.queue.append(key, value)`: an entry appended to the work queue.
    case queueAppend(Key, Value?)
    /// `env.queue.entries(after:limit:)`: up to `limit` work-queue entries after `position`, waiting for one.
    case queueEntries(after: Int, limit: Int)
    /// `env.clock.sleep(ticks)`.
    case sleep(ticks: Ticks)
    /// One attempt to take a lock: `env.lock.tryAcquire(key, lease:)`, or one round of `acquire`.
    case lockAcquire(Key, lease: Ticks?)
    /// `env.lock.release(key)`.
    case lockRelease(Key)
    /// `env.database.transaction { … }` begins: the client's transaction opens (nothing is visible yet).
    case databaseBegin
    /// The transaction commits: its buffered writes reach the rows and the change log, all in this step.
    case databaseCommit
    /// The transaction rolls back (its closure threw): its buffered writes are dropped.
    case databaseRollback
    /// `tx.read(key)`: a read inside the client's transaction, which sees its own writes.
    case transactionRead(Key)
    /// `tx.write(key, value)`: a write buffered in the client's transaction until it commits.
    case transactionWrite(Key, Value)
    /// `tx.delete(key)`: a row delete buffered in the client's transaction until it commits.
    case transactionDelete(Key)
    /// `env.cache.generation(key)`: the key's generation counter.
    case cacheGeneration(Key)
    /// `env.cache.bumpGeneration(key)`: the key's generation counter incremented.
    case cacheBumpGeneration(Key)
    /// `env.localCache.get(key)` on host index `host`.
    case localGet(host: Int, Key)
    /// `env.localCache.set(key, value, ttl:)`.
    case localSet(host: Int, Key, Value, ttl: Ticks?)
    /// `env.localCache.delete(key)`.
    case localDelete(host: Int, Key)
    /// `env.localCache.flush()`.
    case localFlush(host: Int)
    /// `env.localCache.placeholder(key)`.
    case localPlaceholder(host: Int, Key)
    /// `env.localCache.fill(key, value, ttl:, placeholder:)`.
    case localFill(host: Int, Key, Value, ttl: Ticks?, placeholder: Int)
    /// `env.cache.trackedGet(key)`: a get that makes the shared cache track the key for the caller's host.
    case cacheTrackedGet(Key)
    /// `env.cache.trackedLeaseGet(key)`: a lease get that makes the shared cache track the key for the
    /// caller's host.
    case cacheTrackedLeaseGet(Key)
    /// The simulation delivered host `host`'s invalidation messages for `keys` (no actor's step).
    case invalidationsDelivered(host: Int, keys: [Key])
    /// Host `host`'s invalidation connection dropped, losing the messages for `keys` (no actor's step).
    case invalidationsLost(host: Int, keys: [Key])

    /// Which component the step touched; the lane diagram draws each in its own column.
    package enum Component: Sendable {
        /// The model cache.
        case cache
        /// The model database (its change log included).
        case database
        /// The logical clock (sleeps).
        case clock
        /// The per-key locks.
        case lock
        /// The work queue clients hand background workers work through.
        case queue
        /// A host's local cache and the invalidation messages it receives.
        case localCache
    }

    /// The component the step touched.
    package var component: Component {
        switch self {
        case .cacheGet, .cacheSet, .cacheAdd, .cacheDelete, .cacheGets, .cacheCompareAndSet, .cacheLeaseGet,
            .cacheLeaseSet, .cacheGeneration, .cacheBumpGeneration:
            .cache
        case .databaseRead, .databaseVersionedRead, .databaseWrite, .databaseDelete, .databaseChanges: .database
        case .databaseBegin, .databaseCommit, .databaseRollback, .transactionRead, .transactionWrite,
            .transactionDelete:
            .database
        case .queueAppend, .queueEntries: .queue
        case .sleep: .clock
        case .lockAcquire, .lockRelease: .lock
        case .cacheTrackedGet, .cacheTrackedLeaseGet: .cache
        case .localGet, .localSet, .localDelete, .localFlush, .localPlaceholder, .localFill, .invalidationsDelivered,
            .invalidationsLost:
            .localCache
        }
    }

    /// The host index of a local-cache step or an invalidation event.
    package var host: Int? {
        switch self {
        case .localGet(let h, _), .localSet(let h, _, _, _), .localDelete(let h, _), .localFlush(let h),
            .localPlaceholder(let h, _), .localFill(let h, _, _, _, _), .invalidationsDelivered(let h, _),
            .invalidationsLost(let h, _):
            h
        default: nil
        }
    }

    /// The key the step touched, if any.
    package var key: Key? {
        switch self {
        case .cacheGet(let k), .cacheSet(let k, _, _), .cacheAdd(let k, _, _), .cacheDelete(let k),
            .cacheGets(let k), .cacheCompareAndSet(let k, _, _, _), .cacheLeaseGet(let k),
            .cacheLeaseSet(let k, _, _, _), .databaseRead(let k), .databaseVersionedRead(let k),
            .databaseWrite(let k, _), .databaseDelete(let k), .lockAcquire(let k, _), .lockRelease(let k),
            .queueAppend(let k, _), .transactionRead(let k), .transactionWrite(let k, _), .transactionDelete(let k),
            .cacheGeneration(let k), .cacheBumpGeneration(let k), .localGet(_, let k), .localSet(_, let k, _, _),
            .localDelete(_, let k), .localPlaceholder(_, let k), .localFill(_, let k, _, _, _), .cacheTrackedGet(let k),
            .cacheTrackedLeaseGet(let k):
            k
        case .sleep, .databaseChanges, .queueEntries, .databaseBegin, .databaseCommit, .databaseRollback, .localFlush,
            .invalidationsDelivered, .invalidationsLost:
            nil
        }
    }

    /// The call as the client's lane shows it, e.g. `cache.set k1=v0 ttl 60`.
    package var callDescription: String {
        func ttlText(_ ttl: Ticks?) -> String { ttl.map { " ttl \($0)" } ?? "" }
        switch self {
        case .cacheGet(let k): return "cache.get \(k)"
        case .cacheSet(let k, let v, let ttl): return "cache.set \(k)=\(v)\(ttlText(ttl))"
        case .cacheAdd(let k, let v, let ttl): return "cache.add \(k)=\(v)\(ttlText(ttl))"
        case .cacheDelete(let k): return "cache.delete \(k)"
        case .cacheGets(let k): return "cache.gets \(k)"
        case .cacheCompareAndSet(let k, let v, let ttl, let unique): return "cache.cas \(k)=\(v) #\(unique)\(ttlText(ttl))"
        case .cacheLeaseGet(let k): return "cache.leaseGet \(k)"
        case .cacheLeaseSet(let k, let v, let ttl, let token): return "cache.leaseSet \(k)=\(v) lease \(token)\(ttlText(ttl))"
        case .databaseRead(let k): return "db.read \(k)"
        case .databaseVersionedRead(let k): return "db.readVersioned \(k)"
        case .databaseWrite(let k, let v): return "db.write \(k)=\(v)"
        case .databaseDelete(let k): return "db.delete \(k)"
        case .databaseChanges(let position, _): return "db.changes after #\(position)"
        case .queueAppend(let k, let v): return "queue.append \(k)" + (v.map { "=\($0)" } ?? "")
        case .queueEntries(let position, _): return "queue.entries after #\(position)"
        case .sleep(let ticks): return "clock.sleep \(ticks)"
        case .lockAcquire(let k, let lease): return "lock \(k)" + (lease.map { " lease \($0)" } ?? "")
        case .lockRelease(let k): return "unlock \(k)"
        case .databaseBegin: return "db.begin"
        case .databaseCommit: return "db.commit"
        case .databaseRollback: return "db.rollback"
        case .transactionRead(let k): return "tx.read \(k)"
        case .transactionWrite(let k, let v): return "tx.write \(k)=\(v)"
        case .transactionDelete(let k): return "tx.delete \(k)"
        case .cacheGeneration(let k): return "cache.generation \(k)"
        case .cacheBumpGeneration(let k): return "cache.bumpGeneration \(k)"
        case .localGet(let h, let k): return "h\(h + 1).local.get \(k)"
        case .localSet(let h, let k, let v, let ttl): return "h\(h + 1).local.set \(k)=\(v)\(ttlText(ttl))"
        case .localDelete(let h, let k): return "h\(h + 1).local.delete \(k)"
        case .localFlush(let h): return "h\(h + 1).local.flush"
        case .localPlaceholder(let h, let k): return "h\(h + 1).local.placeholder \(k)"
        case .localFill(let h, let k, let v, let ttl, let token):
            return "h\(h + 1).local.fill \(k)=\(v) placeholder \(token)\(ttlText(ttl))"
        case .cacheTrackedGet(let k): return "cache.get \(k) (tracked)"
        case .cacheTrackedLeaseGet(let k): return "cache.leaseGet \(k) (tracked)"
        case .invalidationsDelivered(let h, let keys):
            return "h\(h + 1) invalidated " + keys.map(\.description).joined(separator: ", ")
        case .invalidationsLost(let h, let keys):
            return "h\(h + 1) connection dropped" + (keys.isEmpty ? "" : ", lost invalidation of " + keys.map(\.description).joined(separator: ", "))
        }
    }
}

/// What a step returned or did, as recorded in the history.
package enum StepOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Nothing to report beyond "done" (a delete, a plain set, a write).
    case done
    /// A lookup's result: a value or a miss.
    case value(Value?)
    /// Whether a conditional store (add, cas, lease set) stored.
    case stored(Bool)
    /// A versioned lookup's result.
    case versioned(Value?, version: Int?)
    /// A lease get's result.
    case lease(ModelCache.LeaseResult)
    /// Whether a lock was taken (false: another client holds it and this one waits).
    case acquired(Bool)
    /// Whether a release freed the lock (false: this client no longer held it — its lease had expired).
    case released(Bool)
    /// The step was refused by an injected fault, named here; the call threw.
    case fault(String)
    /// The step was acknowledged but an injected fault dropped its effect, named here.
    case silentlyDropped(String)
    /// The log entries a change-log or queue read returned, or the ones a commit appended.
    case entries([ChangeLog.Entry])
    /// A count: the generation counter a generation read or bump returned.
    case count(Int)
    /// A local-cache call found its host's invalidation connection had dropped and reconnected; the call
    /// threw `Environment.LocalCacheClient.Reconnected` without doing anything.
    case reconnected

    /// What the step did, as the cache or database lane prints it.
    package var description: String {
        switch self {
        case .done: "ok"
        case .value(let v): v.map { "\($0)" } ?? "miss"
        case .stored(let stored): stored ? "stored" : "not stored"
        case .versioned(let v, let version):
            v.map { "\($0)" + (version.map { " (version \($0))" } ?? "") } ?? "miss"
        case .lease(.hit(let v)): "\(v)"
        case .lease(.miss(let token)): "miss, lease \(token)"
        case .lease(.missLeaseHeld): "miss, lease held elsewhere"
        case .acquired(let taken): taken ? "acquired" : "busy, waiting"
        case .released(let freed): freed ? "released" : "not held any more (lease expired)"
        case .fault(let name): "failed (\(name))"
        case .silentlyDropped(let name): "ok, but dropped (\(name))"
        case .entries(let entries): entries.map(\.description).joined(separator: ", ")
        case .count(let count): "\(count)"
        case .reconnected: "reconnected: flush the local cache"
        }
    }
}
