import CacheAsideCheck

/// One strategy in the catalogue: its command-line name, its one-line claim, and how to build it.
package struct CatalogueEntry: Sendable {
    /// The name `--model` takes, e.g. `cache-aside`.
    package var name: String
    /// One line: which properties it keeps and breaks.
    package var summary: String
    /// Builds the strategy with a TTL for filled entries (`nil` = no TTL), every parameter at its default.
    package var make: @Sendable (_ ttl: Ticks?) -> any CachingStrategy
    /// The parameters `--model NAME:param=value` sets, in the order `models` lists them.
    package var parameters: [ModelParameter] = []

    /// A catalogue entry.
    package init(name: String, summary: String, make: @escaping @Sendable (_ ttl: Ticks?) -> any CachingStrategy) {
        self.name = name
        self.summary = summary
        self.make = make
    }

    /// A catalogue entry whose model takes parameters.
    package init(
        name: String, summary: String, parameters: [ModelParameter],
        make: @escaping @Sendable (_ ttl: Ticks?) -> any CachingStrategy
    ) {
        self.init(name: name, summary: summary, make: make)
        self.parameters = parameters
    }
}

/// The strategy catalogue: every model the command line can check, in the order `models` lists them.
/// Each model's file says in full which properties it keeps and breaks, and why; `ModelsTests` checks
/// every claim.
package enum ModelCatalogue {
    /// Every entry.
    package static let entries: [CatalogueEntry] = [
        CatalogueEntry(
            name: "cache-aside",
            summary: "db write → delete; miss → db read → set. The stale set breaks convergence; reads survive a dead cache."
        ) { CacheAside(ttl: $0) },
        CatalogueEntry(
            name: "update-on-write",
            summary: "db write → set. Two writers alone break convergence: the cache sets in the other order."
        ) { UpdateOnWrite(ttl: $0) },
        CatalogueEntry(
            name: "delete-before-write",
            summary: "delete → db write. A reader refills the old row in between: convergence breaks easily."
        ) { DeleteBeforeWrite(ttl: $0) },
        CatalogueEntry(
            name: "delayed-double-delete",
            summary: "delete → db write → sleep → delete. A reader slower than the sleep still sets a stale row.",
            parameters: [.ticks("delay", \DelayedDoubleDelete.delay, in: 0...Ticks.max, help: "the wait between the database write and the second delete")]
        ) { DelayedDoubleDelete(ttl: $0) },
        CatalogueEntry(
            name: "lease",
            summary: "memcache leases (NSDI 2013): no stale set without faults; lost-delete brings it back.",
            parameters: [.ticks("patience", \Lease.patience, in: 0...Ticks.max, help: "how long a reader polls a held lease before it reads around the cache")]
        ) { Lease(ttl: $0) },
        CatalogueEntry(
            name: "versioned-set",
            summary: "fill with add, write installs a fresh row by gets/cas: converges unless the entry vanishes.",
            parameters: [.ticks("cas-attempts", \VersionedSet.casAttempts, in: 1...1_000, unit: "rounds", help: "how many gets/cas rounds a writer tries before it deletes instead")]
        ) { VersionedSet(ttl: $0) },
        CatalogueEntry(
            name: "read-through",
            summary: "Caffeine's loading cache: one load per miss, invalidation waits for it; converges, but reads fail when the cache does.",
            parameters: [.lockLease(\ReadThrough.lockLease)]
        ) { ReadThrough(ttl: $0) },
        CatalogueEntry(
            name: "read-through-uncoalesced",
            summary: "the cache loads on a miss, every reader for itself: cache-aside's races unchanged, and reads fail when the cache does."
        ) { UncoalescedReadThrough(ttl: $0) },
        CatalogueEntry(
            name: "write-through",
            summary: "a cache-fronted store (Ehcache's loader-writer): writes and fills of a key ordered by its lock; converges without faults.",
            parameters: [.lockLease(\WriteThrough.lockLease)]
        ) { WriteThrough(ttl: $0) },
        CatalogueEntry(
            name: "write-through-unordered-fill",
            summary: "writes serialized by the cache (db → set under a lock), reads fill outside it: writers converge, a reader's fill does not."
        ) { UnorderedFillWriteThrough(ttl: $0) },
        CatalogueEntry(
            name: "single-flight",
            summary: "one locked refill per miss: one db read per refill, but still the stale set.",
            parameters: [.lockLease(\SingleFlight.lockLease)]
        ) { SingleFlight(ttl: $0) },
        CatalogueEntry(
            name: "early-refresh",
            summary: "reload when a hit is near expiry: no help for cold or invalidated keys, which still stampede.",
            parameters: [.ticks("window", \EarlyRefresh.refreshAhead, in: 0...Ticks.max, defaultNote: "ttl/5", help: "a hit with at most this many ticks left reloads")]
        ) { EarlyRefresh(ttl: $0) },
        CatalogueEntry(
            name: "probabilistic-early-expiration",
            summary: "XFetch (VLDB 2015): random early recompute near expiry; cold and invalidated keys still stampede.",
            parameters: [
                .number("beta", \ProbabilisticEarlyExpiration.beta, above: 0, upTo: 1_000, help: "XFetch's beta: above 1 recomputes earlier"),
                .ticks("delta", \ProbabilisticEarlyExpiration.recomputeTicks, in: 0...Ticks.max, help: "XFetch's delta: the recompute time it assumes"),
            ]
        ) { ProbabilisticEarlyExpiration(ttl: $0) },
        CatalogueEntry(
            name: "cache-aside-jittered-ttl",
            summary: "cache-aside whose fills live 1-1.5 TTLs at random: keys filled together expire apart; each expiry still stampedes.",
            parameters: [
                .number("jitter", \JitteredTTL.jitter, in: 0...10, help: "the most a fill's TTL is lengthened, as a fraction of the TTL (0 = none)")
            ]
        ) { JitteredTTL(ttl: $0) },
        CatalogueEntry(
            name: "cdc-invalidation",
            summary: "writes go to the db; a tailer follows its commit log and deletes, with lag: stale hits end with the lag, but a refill slower than the lag still sets a stale row."
        ) { CDCInvalidation(ttl: $0) },
        CatalogueEntry(
            name: "write-behind",
            summary: "writes set the cache and queue; a flusher writes the db later: a reader's fill from the lagging db overwrites the new value."
        ) { WriteBehind(ttl: $0) },
        CatalogueEntry(
            name: "negative-caching",
            summary: "misses cache 'no row'; an insert does not invalidate: the insert stays unseen until the negative TTL ends.",
            parameters: [.negativeTTL(\NegativeCaching.negativeTTL)]
        ) { NegativeCaching(ttl: $0) },
        CatalogueEntry(
            name: "negative-caching-invalidate-on-insert",
            summary: "negative caching whose writes always delete: only the stale set of 'no row' remains.",
            parameters: [.negativeTTL(\NegativeCachingInvalidatingOnInsert.base.negativeTTL)]
        ) { NegativeCachingInvalidatingOnInsert(ttl: $0) },
        CatalogueEntry(
            name: "leased-single-flight",
            summary: "single flight with a lock lease shorter than a refill: two holders load at once (Kleppmann's race).",
            parameters: [.ticks("lock-lease", \LeasedSingleFlight.base.lockLease, in: 1...Ticks.max, help: "how long the refill lock lasts: shorter than a refill lets a second holder load")]
        ) { LeasedSingleFlight(ttl: $0) },
        CatalogueEntry(
            name: "refresh-ahead",
            summary: "hits near expiry queue the key; a refresher worker reloads it: no expiry misses, but its reload is a stale set.",
            parameters: [.ticks("window", \RefreshAhead.refreshAhead, in: 0...Ticks.max, defaultNote: "ttl/5", help: "a hit with at most this many ticks left queues a reload")]
        ) { RefreshAhead(ttl: $0) },
        CatalogueEntry(
            name: "orm-hook-invalidation",
            summary: "db write in a transaction, delete from a hook before commit (after_save): a reader refills the old committed row before the commit."
        ) { OrmHookInvalidation(ttl: $0) },
        CatalogueEntry(
            name: "after-commit-invalidation",
            summary: "db write in a transaction, delete after commit (after_commit, on_commit): no hook race, cache-aside's stale set remains."
        ) { AfterCommitInvalidation(ttl: $0) },
        CatalogueEntry(
            name: "double-delete-transaction",
            summary: "delete → transaction → delete: the hook race is undone, cache-aside's stale set remains."
        ) { DoubleDeleteTransaction(ttl: $0) },
        CatalogueEntry(
            name: "versioned-set-transaction",
            summary: "versioned-set whose writer commits in a transaction before its gets/cas install: versioned-set's verdicts.",
            parameters: [.ticks("cas-attempts", \TransactionalVersionedSet.base.casAttempts, in: 1...1_000, unit: "rounds", help: "how many gets/cas rounds a writer tries before it deletes instead")]
        ) { TransactionalVersionedSet(ttl: $0) },
        CatalogueEntry(
            name: "generation-counter",
            summary: "a miss fills only if the key's generation is unchanged; writers bump it: the check-then-set gap still lets a stale row in."
        ) { GenerationCounter(ttl: $0) },
        CatalogueEntry(
            name: "retry-on-error",
            summary: "cache-aside; a db timeout → delete the key, retry the load at once: metastable under overload."
        ) { RetryOnError(ttl: $0) },
        CatalogueEntry(
            name: "backoff-retry",
            summary: "cache-aside; a db timeout → jittered exponential backoff, look again, retry: recovers from overload."
        ) { BackoffRetry(ttl: $0) },
        CatalogueEntry(
            name: "local-cache-ttl",
            summary: "a local cache with a 5-tick TTL in front of cache-aside: other hosts serve the old row until it expires.",
            parameters: [.ticks("local-ttl", \LocalCacheTTL.localTTL, in: 1...Ticks.max, help: "how long a local entry lives")]
        ) { LocalCacheTTL(ttl: $0) },
        CatalogueEntry(
            name: "local-cache-tracking",
            summary: "a local cache invalidated by tracking messages, no placeholder: the reply/invalidation race leaves a stale local entry."
        ) { LocalCacheTracking(ttl: $0) },
        CatalogueEntry(
            name: "local-cache-tracking-placeholder",
            summary: "tracking with Redis' placeholder fix, flushing on reconnect: converges; messages still lag."
        ) { LocalCacheTrackingPlaceholder(ttl: $0) },
        CatalogueEntry(
            name: "local-cache-tracking-placeholder-no-flush",
            summary: "the placeholder fix without the flush on reconnect: a lost invalidation leaves a stale local entry."
        ) { LocalCacheTrackingPlaceholder(ttl: $0, flushesOnReconnect: false) },
        CatalogueEntry(
            name: "local-cache-lease",
            summary: "a local cache with a 5-tick TTL in front of leases: one load per refill, local reads stale until the TTL.",
            parameters: [.ticks("local-ttl", \LocalCacheLease.localTTL, in: 1...Ticks.max, help: "how long a local entry lives")]
        ) { LocalCacheLease(ttl: $0) },
    ]

    /// The entry named `name`, if there is one.
    package static func entry(named name: String) -> CatalogueEntry? { entries.first { $0.name == name } }

    /// Every entry's name, in order.
    package static var names: [String] { entries.map(\.name) }
}

extension ModelParameter {
    /// The lease of a key's lock, for the models that hold one while they load or write.
    fileprivate static func lockLease<Model: CachingStrategy>(_ keyPath: WritableKeyPath<Model, Ticks> & Sendable) -> ModelParameter {
        .ticks("lock-lease", keyPath, in: 1...Ticks.max, help: "how long a key's lock lasts unless released (a crashed holder's runs out)")
    }

    /// How long negative caching keeps a cached "no row".
    fileprivate static func negativeTTL<Model: CachingStrategy>(_ keyPath: WritableKeyPath<Model, Ticks?> & Sendable) -> ModelParameter {
        .optionalTicks("negative-ttl", keyPath, in: 1...Ticks.max, defaultNote: "ttl/3", help: "how long a cached 'no row' lives")
    }
}
