extension Scenario {
    /// A metastable failure in the making (Bronson et al., "Metastable Failures in Distributed Systems",
    /// HotOS 2021): 64 clients read 8 keys (1% writes) from a warm cache, each thinking 0–8 ticks before
    /// each of its 30 operations, in concurrent time; the database serves 8 calls in flight at full speed
    /// (a read takes 2–4 ticks) and slows beyond that (`SimulationOptions.loadedLatency`), and a client
    /// gives up on a call after 10 ticks. At tick 60 the cache is flushed. Every reader misses at once,
    /// far more calls than the capacity are in flight, and latency passes the timeout: what happens next is
    /// the strategy's. One that retries at once keeps the load up after the trigger is over; one that
    /// coalesces the loads, or backs off, lets the first loads through and the cache takes the load off
    /// again. `compare` judges **recovery ≤ 40**: the hit ratio and load over ticks 100–140 against the 40
    /// ticks before the flush.
    public static let overload: Scenario = {
        var simulation = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 2...4), timing: .concurrent)
        simulation.databaseCapacity = 8
        simulation.databaseTimeout = 10
        simulation.cacheFlushAt = 60
        var scenario = Scenario(
            name: "overload",
            summary: "64 clients, 8 warm keys, db capacity 8 and timeout 10, cache flushed at t60: does load recover?",
            workload: Workload(clients: 64, operationsPerClient: 30, keys: 8, writeRatio: 0.01, thinkTime: 0...8, warmStart: 600),
            simulation: simulation, ttl: 600, seeds: 50, comparesLinearizability: false)
        scenario.recoveryBound = 40
        return scenario
    }()
}
