extension World {
    /// One host's process-local cache: an in-memory map in front of the shared cache (Caffeine, a
    /// dictionary behind an actor), with TTLs read against the logical clock exactly as `ModelCache` reads
    /// them, and placeholders for the fill protocol Redis documents for client-side caching.
    ///
    /// A placeholder marks a read in flight (Redis, "Client-side caching", section "Avoiding race
    /// conditions": put a placeholder before asking the server, let an invalidation remove it, store the
    /// reply only if it is still there). It reads as a miss and never counts as content.
    public struct LocalCache: Sendable, Equatable {
        /// One local entry: a value with its expiry, or a placeholder for a read in flight.
        public struct Entry: Sendable, Equatable {
            /// The cached value; `nil` for a placeholder.
            public var value: Value?
            /// The first tick at which the entry is gone, or `nil` for no TTL.
            public var expiresAt: Ticks?
            /// The placeholder's token, for a placeholder.
            public var placeholder: Int?
        }

        private var entries = KeyTable<Entry>()
        /// The last placeholder token handed out; never reset, so a token from before a flush or an
        /// invalidation cannot match a later placeholder.
        private var issued = 0

        /// An empty local cache.
        public init() {}

        /// The live entry holding a value for `key` at tick `now`, if any (a placeholder is none).
        public func entry(_ key: Key, at now: Ticks) -> Entry? {
            guard let entry = entries[key], entry.value != nil else { return nil }
            if let expiry = entry.expiresAt, now >= expiry { return nil }
            return entry
        }

        /// The live value cached for `key` at tick `now`, if any (a placeholder is a miss).
        public func get(_ key: Key, at now: Ticks) -> Value? { entry(key, at: now)?.value }

        /// The keys with a live value at tick `now`, in key order.
        public func liveKeys(at now: Ticks) -> [Key] { entries.keys.filter { get($0, at: now) != nil }.sorted() }

        /// Stores `value` for `ttl` ticks (`nil` = no expiry), replacing a placeholder too.
        public mutating func set(_ key: Key, _ value: Value, ttl: Ticks?, at now: Ticks) {
            entries[key] = Entry(value: value, expiresAt: ttl.map { now.advanced(saturatingBy: $0) }, placeholder: nil)
        }

        /// Removes `key`'s entry or placeholder: what an invalidation message does.
        public mutating func delete(_ key: Key) { entries[key] = nil }

        /// Removes everything, as a client must after its invalidation connection dropped.
        public mutating func flush() { entries.removeAll() }

        /// Puts a placeholder under `key` (replacing what was there) and returns its token.
        public mutating func placeholder(_ key: Key) -> Int {
            issued += 1
            entries[key] = Entry(value: nil, expiresAt: nil, placeholder: issued)
            return issued
        }

        /// Stores `value` only if `key` still holds the placeholder `token`; returns whether it stored.
        public mutating func fill(_ key: Key, _ value: Value, ttl: Ticks?, placeholder token: Int, at now: Ticks) -> Bool {
            guard entries[key]?.placeholder == token else { return false }
            set(key, value, ttl: ttl, at: now)
            return true
        }

        /// Whether a step on `key` could differ at another tick: the entry has an expiry.
        package func hasExpiringState(_ key: Key) -> Bool { entries[key]?.expiresAt != nil }

        /// Equal when the entries and the tokens issued are.
        public static func == (lhs: LocalCache, rhs: LocalCache) -> Bool {
            lhs.issued == rhs.issued && lhs.entries.matches(rhs.entries, by: ==)
        }
    }
}
