import CacheAsideCheck

/// How long a client waits, in ticks, before each retry when another client is busy refilling or
/// writing a key: doubling waits, 63 ticks in all before it gives up.
///
/// The total is deliberately longer than any refill can take while its client is alive (a refill is two
/// or three steps, and the clock does not jump while that client can run), so giving up happens only
/// when the other client crashed holding the lease or the lock — the simulation's locks and leases have
/// no expiry of their own. Giving up is what keeps a crashed holder from stalling everyone forever.
enum Backoff {
    /// The waits before each retry, in order.
    static let waits: [Ticks] = [1, 2, 4, 8, 16, 32]

    /// Waits for polling something a live client is about to provide (a lease holder's fill): doubling
    /// from 1 to `cap` ticks, then `cap` at a time, `patience` ticks in all. Polling keeps the wait short
    /// when the fill is quick, and the patience is long against any refill under load — a crashed
    /// holder is the only thing that should exhaust it.
    static func polling(cap: Ticks = 8, patience: Ticks = 2_000) -> [Ticks] {
        var waits: [Ticks] = []
        var total = 0
        var next = 1
        while total + next <= patience {
            waits.append(next)
            total += next
            next = min(next * 2, cap)
        }
        return waits
    }
}

extension Environment {
    /// Takes the lock on `key`, retrying after each of `Backoff.waits`; returns `false` if it is still
    /// held after the last wait (its holder has most likely crashed) and the caller must go on without it.
    func acquireLockOrGiveUp(_ key: Key) async throws -> Bool {
        if try await lock.tryAcquire(key) { return true }
        for wait in Backoff.waits {
            try await clock.sleep(wait)
            if try await lock.tryAcquire(key) { return true }
        }
        return false
    }
}
