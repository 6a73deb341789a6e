extension World {
    /// Server-assisted client-side caching as Redis does it with `CLIENT TRACKING` in its default
    /// (tracking) mode: the shared cache remembers which hosts read a key through a tracked get
    /// (`env.cache.trackedGet`), and when the key next changes (a store or a delete) it sends each of them
    /// one invalidation message and forgets them, so a host must read the key again to hear of the next
    /// change (https://redis.io/docs/latest/develop/reference/client-side-caching/).
    ///
    /// Messages travel on each host's own connection, independently of replies: the scheduler delivers a
    /// host's undelivered messages at a point chosen by the run's choices (`0` = at the next scheduling
    /// point), and a delivery removes those keys from the host's `LocalCache`. Undelivered messages are a
    /// set of keys per host, delivered together: two messages for one key remove it once, and messages for
    /// different keys commute, so the order in which changes enqueue them can never matter.
    ///
    /// When the host's connection drops (the `invalidation-loss` fault, or a restart of the shared cache)
    /// its undelivered messages and its tracked keys are lost, and the next local-cache call on the host
    /// reports the reconnect: the client must then flush its local cache, because the server forgot what
    /// it was tracking for it.
    package struct InvalidationChannel: Sendable, Equatable {
        /// Per key, the hosts (bit `h` for host index `h`) the next change of the key must notify.
        private var trackers = KeyTable<UInt64>()
        /// Per host index, the keys whose invalidation is on its way, in key order; empty (for every
        /// host) until the first message, so that a run without tracking allocates nothing here.
        package private(set) var pending: [[Key]] = []
        /// The number of hosts.
        package let hosts: Int
        /// Hosts whose connection dropped since their last local-cache call (bit per host index).
        private var reconnects: UInt64 = 0

        /// A channel for `hosts` hosts, tracking nothing.
        package init(hosts: Int) { self.hosts = hosts }

        /// Whether any host tracks a key or waits for a message: otherwise no change sends anything, and
        /// the simulation skips the channel entirely. Stored, not derived: it is asked at every scheduling
        /// point and every step, and changes only with the channel's own (rare) calls.
        package private(set) var isActive = false

        private mutating func noteActivity() { isActive = !trackers.isEmpty || pending.contains { !$0.isEmpty } }

        /// Host `host` read `key` tracked: the next change of `key` notifies it.
        package mutating func track(_ key: Key, host: Int) {
            trackers[key] = (trackers[key] ?? 0) | 1 << UInt64(host)
            isActive = true
        }

        /// `key` changed in the shared cache: every host tracking it gets a message, and stops tracking it.
        package mutating func keyChanged(_ key: Key) {
            guard let hosts = trackers[key] else { return }
            trackers[key] = nil
            if pending.isEmpty { pending = Array(repeating: [], count: self.hosts) }
            for host in pending.indices where hosts & 1 << UInt64(host) != 0 {
                if let slot = pending[host].firstIndex(where: { $0 >= key }) {
                    if pending[host][slot] != key { pending[host].insert(key, at: slot) }
                } else {
                    pending[host].append(key)
                }
            }
            noteActivity()
        }

        /// Hands over host `host`'s undelivered messages (emptying its queue).
        package mutating func takePending(_ host: Int) -> [Key] {
            guard !pending.isEmpty else { return [] }
            let taken = pending[host]
            pending[host] = []
            noteActivity()
            return taken
        }

        /// Host `host`'s connection dropped: its messages and tracked keys are lost, and its next
        /// local-cache call reports the reconnect. Returns the keys whose messages were lost.
        package mutating func disconnect(_ host: Int) -> [Key] {
            let lost = takePending(host)
            let bit: UInt64 = 1 << UInt64(host)
            for key in trackers.keys {
                let remaining = trackers[key]! & ~bit
                trackers[key] = remaining == 0 ? nil : remaining
            }
            reconnects |= bit
            noteActivity()
            return lost
        }

        /// Whether host `host`'s connection dropped and it has not made a local-cache call since.
        package func awaitsReconnect(_ host: Int) -> Bool { reconnects & 1 << UInt64(host) != 0 }

        /// Whether host `host` reconnected since its last local-cache call; clears the flag.
        package mutating func takeReconnect(_ host: Int) -> Bool {
            let bit: UInt64 = 1 << UInt64(host)
            guard reconnects & bit != 0 else { return false }
            reconnects &= ~bit
            return true
        }

        /// `pending` with a (possibly empty) list for every host.
        private var pendingByHost: [[Key]] { pending.isEmpty ? Array(repeating: [], count: hosts) : pending }

        /// Equal when the same hosts track the same keys and wait for the same messages.
        package static func == (lhs: InvalidationChannel, rhs: InvalidationChannel) -> Bool {
            lhs.pendingByHost == rhs.pendingByHost && lhs.reconnects == rhs.reconnects && lhs.trackers.matches(rhs.trackers, by: ==)
        }
    }
}
