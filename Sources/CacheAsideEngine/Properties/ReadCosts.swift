/// What each answered client read cost its reader: how long it took and whether the cache answered it.
///
/// This is the price side of the stampede cures: a lock or a lease keeps the database to one load per
/// refill by making the other readers *wait*, and that waiting shows here, not in the load counts.
/// Latency is measured in ticks from the read's first step to its return, and in serial time counts that
/// step's own tick, so a hit on a one-tick cache takes 1 in either timing. A read is a hit when its reader did not read the database
/// during it.
package struct ReadCosts: Sendable {
    /// Each answered read's latency in ticks, in the order the reads returned.
    package private(set) var latencies: [Int] = []
    /// How many answered reads did not touch the database.
    package private(set) var hits = 0

    /// The analysis of `run`'s history.
    package init(run: RunRecord) {
        var reading: [ClientID: (invokeTick: Ticks, loaded: Bool)] = [:]
        let ownTick = run.timing.ticksPerStep
        for event in run.history.events {
            guard let client = event.client else { continue }
            switch event.kind {
            case .invoke(let operation):
                if operation.isRead { reading[client] = (event.tick, false) }
            case .step(let step):
                switch step.action {
                case .databaseRead, .databaseVersionedRead, .transactionRead: reading[client]?.loaded = true
                default: break
                }
            case .returned(let operation, _):
                guard operation.isRead, let read = reading.removeValue(forKey: client) else { continue }
                latencies.append((event.tick - read.invokeTick).advanced(saturatingBy: ownTick))
                if !read.loaded { hits += 1 }
            case .failed, .crashed:
                reading[client] = nil
            case .clockAdvanced, .fault:
                break
            }
        }
    }
}
