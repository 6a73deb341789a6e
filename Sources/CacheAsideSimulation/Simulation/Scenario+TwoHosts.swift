extension Scenario {
    /// The classic race's workload on two hosts (clients 1 and 3 on `h1`, client 2 on `h2`), each with
    /// its own local cache, with the `invalidation-loss` fault enabled: where the local-cache models
    /// differ — a local TTL's stale reads, the tracking race, the placeholder fix, and a lost message with
    /// or without the flush on reconnect. Models without a local cache run as in `classic-race` (the
    /// fault only fires while an invalidation message is on its way).
    public static let twoHosts: Scenario = {
        var workload = Workload()
        workload.hosts = 2
        return Scenario(
            name: "two-hosts",
            summary: "classic-race on 2 hosts with local caches, invalidation messages may be lost: the tracking race and the flush on reconnect",
            workload: workload, simulation: SimulationOptions(faults: [.invalidationLoss]))
    }()
}
