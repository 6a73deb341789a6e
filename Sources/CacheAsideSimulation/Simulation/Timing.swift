extension SimulationOptions {
    /// How the clock relates to steps: whether the clients share one tick per call, or run side by side.
    ///
    /// The classic race is told in **serial** time: every call takes the clock's next tick, as if the whole
    /// system made one call at a time. That is the right scale for three clients and a handful of calls, and
    /// every figure of the default report is measured in it. With dozens of clients it is not: a client's
    /// next call would wait for every other client's, so a refill of three calls would take about three
    /// times the number of clients in ticks, the TTL would pass between two calls of the same reader, and
    /// read latency would measure the crowd rather than the strategy. **Concurrent** time is a discrete-event
    /// clock: clients act in parallel, a call takes effect at the current tick and occupies its client for
    /// its latency (`SimulationOptions.Latencies`), many calls may share a tick (their order is still the scheduler's
    /// choice, so every interleaving within a tick is explored), and the clock moves only when every
    /// client is waiting — for an answer, a think time, a sleep or a lock. Time then means what users mean
    /// by it: a TTL of 20 is 20 ticks of every client's progress, a refill is as slow as its query.
    public enum Timing: String, Sendable, Hashable, CaseIterable {
        /// One call per tick in the whole system: the classic race's time, the default.
        case serial
        /// Clients in parallel; time passes only through latencies, think times, sleeps and jumps.
        case concurrent

        /// How far the clock moves for a call itself, before its latency.
        package var ticksPerStep: Ticks { self == .serial ? 1 : 0 }
    }
}
