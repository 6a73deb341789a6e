/// A named situation to check a strategy in: the workload's shape, how long calls take, the TTL the
/// strategy fills with, the faults that may fire, and how many seeds make a fair sample of it.
///
/// A scenario is a plain value — nothing in it is special to the simulation — so a preset is a starting
/// point, not a mode: `--scenario hot-key-expiry --clients 16` is the same preset with 16 clients, and a
/// test may build its own by changing any field. The presets are the situations users come to study,
/// chosen so that the differences between the catalogue's cures show in them.
public struct Scenario: Sendable {
    /// The name `--scenario` takes, e.g. `hot-key-expiry`.
    public var name: String
    /// One line: what the scenario stresses and what to look for in it.
    public var summary: String
    /// The clients, operations, keys, mix, think time and warm start.
    public var workload: Workload
    /// Latencies, faults and everything else about how runs execute.
    public var simulation: SimulationOptions
    /// The TTL strategies fill entries with (`nil` = none); also the default staleness bound.
    public var ttl: Ticks?
    /// How many seeds (`0..<seeds`) the command line runs by default: enough runs to show what the
    /// scenario is about, few enough to stay quick when runs are long.
    public var seeds: Int
    /// Whether `compare` judges linearizability here. Its search (Wing & Gong) is exponential in the
    /// number of operations that overlap, and dozens of clients reading one hot key overlap by the dozen:
    /// a preset about load leaves linearizability to the scenarios whose runs it can decide quickly.
    public var comparesLinearizability: Bool
    /// The bound `compare` judges recovery with (`Property.recovery`), for a scenario about recovering
    /// from a disturbance; `nil` (the default) = not judged.
    public var recoveryBound: Ticks? = nil

    /// A scenario.
    public init(
        name: String, summary: String, workload: Workload = Workload(), simulation: SimulationOptions = SimulationOptions(),
        ttl: Ticks? = 60, seeds: Int = 10_000, comparesLinearizability: Bool = true
    ) {
        self.comparesLinearizability = comparesLinearizability
        self.name = name
        self.summary = summary
        self.workload = workload
        self.simulation = simulation
        self.ttl = ttl
        self.seeds = seeds
    }
}

extension Scenario {
    /// The default: three clients × three operations on one cold key, half writes, TTL 60, one tick per
    /// call. A run lasts about twenty ticks, so nothing expires: what shows is the interleaving of one
    /// reader's refill with one writer's invalidation — cache-aside's stale set.
    public static let classicRace = Scenario(
        name: "classic-race",
        summary: "3 clients × 3 ops on one cold key, half writes, ttl 60: the stale set of a refill racing a write")

    /// A hot key expiring under load, in concurrent time: 64 clients, read-mostly (2% writes), on 4 keys of
    /// which `k1` takes about half the traffic (Zipf, skew 1.2); each client thinks 0–80 ticks before each
    /// of its 4 operations, so a run lasts about 170 ticks; the cache starts warm with expiries spread
    /// over the first TTL, and the TTL (30) is short against the run, so the hot key expires five or six
    /// times while readers crowd it. A database read takes 2–4 ticks, a cache call 1. This is where the
    /// stampede cures differ: how many loads each expiry of `k1` costs, how many loads they spend early,
    /// and how long readers wait.
    public static let hotKeyExpiry = Scenario(
        name: "hot-key-expiry",
        summary: "64 clients, read-mostly, a hot key, warm cache, ttl 30 ≪ run, db reads 2-4 ticks: the stampede at expiry",
        workload: Workload(
            clients: 64, operationsPerClient: 4, keys: 4, writeRatio: 0.02, thinkTime: 0...80, keySkew: 1.2,
            warmStart: 30),
        simulation: SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 2...4), timing: .concurrent),
        ttl: 30, seeds: 300, comparesLinearizability: false)

    /// Slow refills: the classic race's clients, but a database read takes 1–20 ticks and the TTL is 30,
    /// so a refill's load can go stale long before its set lands. Staleness is bounded by the TTL plus the
    /// longest refill, not the TTL: this is the scenario that shows by how much.
    public static let slowRefill = Scenario(
        name: "slow-refill",
        summary: "4 clients × 4 ops, half writes, ttl 30, db reads 1-20 ticks: how long a stale set outlives the TTL",
        workload: Workload(clients: 4, operationsPerClient: 4, keys: 1, writeRatio: 0.5, thinkTime: 0...10),
        simulation: SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...20), timing: .concurrent),
        ttl: 30, seeds: 10_000)

    /// A write-heavy mix: 8 clients on 2 keys, 80% writes, warm cache: invalidations dominate, so refills
    /// are after invalidations, and every design's race between a refill and a write is exercised often.
    public static let writeHeavy = Scenario(
        name: "write-heavy",
        summary: "8 clients × 4 ops on 2 warm keys, 80% writes, db writes 1-4 ticks: invalidation after invalidation",
        workload: Workload(clients: 8, operationsPerClient: 4, keys: 2, writeRatio: 0.8, thinkTime: 0...4, warmStart: 60),
        simulation: SimulationOptions(latencies: SimulationOptions.Latencies(databaseWrite: 1...4), timing: .concurrent),
        ttl: 60, seeds: 10_000)

    /// Change-data-capture invalidation with tailer lag, in concurrent time: 6 clients × 4 operations on
    /// 2 warm keys, 30% writes, thinking 0–10 ticks; a background worker sees a log entry 1–6 ticks after
    /// it reads it (the tailer's lag), and a database read takes 1–12 ticks, so a refill can outlast the
    /// lag. Run `cdc-invalidation` in it: a hit's stale window ends with the tailer's delete, bounded by
    /// the lag, while a refill slower than the lag still sets a stale row that nothing deletes again.
    /// Strategies without workers run in it too, as a mixed-load baseline.
    public static let cdcLag = Scenario(
        name: "cdc-lag",
        summary: "6 clients × 4 ops on 2 warm keys, 30% writes, worker lag 1-6, db reads 1-12: CDC invalidation's stale window",
        workload: Workload(clients: 6, operationsPerClient: 4, keys: 2, writeRatio: 0.3, thinkTime: 0...10, warmStart: 60),
        simulation: SimulationOptions(
            latencies: SimulationOptions.Latencies(databaseRead: 1...12, logRead: 1...6), timing: .concurrent),
        ttl: 60, seeds: 2_000)

    /// Keys filled together, so that they expire together, in concurrent time: 64 clients × 30 reads on 8
    /// keys (uniform, no writes) on a cold cache, thinking 0–8 ticks, so the first reads fill every key
    /// within a few ticks of each other; with TTL 30 against a run of about 150 ticks, all keys then expire
    /// in step, wave after wave, under the same load. A database read takes 2–4 ticks. This is where TTL
    /// variation matters: the database-load figures across keys (peak reads in flight, busiest window,
    /// load over time) show the waves, and whether a model spreads them (jitter) or only thins each key's
    /// share of them (a lock, a lease). The cold start's own burst is the same for every model.
    public static let massExpiry = Scenario(
        name: "mass-expiry",
        summary: "64 clients read 8 keys filled together on a cold start, ttl 30 ≪ run, db reads 2-4: keys expire in step",
        workload: Workload(clients: 64, operationsPerClient: 30, keys: 8, writeRatio: 0, thinkTime: 0...8),
        simulation: SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 2...4), timing: .concurrent),
        ttl: 30, seeds: 200, comparesLinearizability: false)

    /// Every preset, in the order `cacheaside-check scenarios` lists them; the first is the default.
    public static let presets: [Scenario] = [.classicRace, .hotKeyExpiry, .slowRefill, .writeHeavy, .cdcLag, .massExpiry, .overload, .twoHosts]

    /// The preset named `name`, if there is one.
    public static func named(_ name: String) -> Scenario? { presets.first { $0.name == name } }
}
