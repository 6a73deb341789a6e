extension Scenario {
    /// A metastable failure in the making (Bronson et al., "Metastable Failures in Distributed Systems",
    /// HotOS 2021): 64 clients read 8 keys from a warm cache (no writes, no TTL, so nothing but the
    /// disturbance empties it), each thinking 0–8 ticks before each of its 30 operations, in concurrent
    /// time. The database serves 6 calls in flight at full speed (a read takes 2–4 ticks) and slows
    /// beyond that (`SimulationOptions.loadedLatency`), and a client gives up on a call after 10 ticks. At
    /// tick 60 the cache is flushed: every reader misses at once, ten times the capacity is in flight, and
    /// latency passes the timeout. What happens next is the strategy's. One that retries at once keeps
    /// the load up after the trigger is over; one that coalesces its loads, or only waits, lets the first
    /// loads through, and the cache takes the load off again. `compare` judges **recovery ≤ 40**: hit
    /// ratio and load over ticks 100–140 against the 40 ticks before the flush. The load window is 10
    /// ticks (there is no TTL to take a tenth of).
    public static let overload: Scenario = {
        var simulation = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 2...4), timing: .concurrent)
        simulation.databaseCapacity = 6
        simulation.databaseTimeout = 10
        simulation.cacheFlushAt = 60
        var scenario = Scenario(
            name: "overload",
            summary: "64 clients, 8 warm keys, db capacity 6 and timeout 10, cache flushed at t60: does the load recover?",
            workload: Workload(
                clients: 64, operationsPerClient: 30, keys: 8, writeRatio: 0, thinkTime: 0...8, warmStart: 1_000_000),
            simulation: simulation, ttl: nil, seeds: 50, comparesLinearizability: false)
        scenario.recoveryBound = 40
        return scenario
    }()
}
