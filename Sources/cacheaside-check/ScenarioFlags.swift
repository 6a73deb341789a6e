import CacheAsideCheck

/// The flags that pick a scenario and adjust it, shared by the check and `compare` forms: `--scenario
/// NAME` chooses the preset wherever it appears, and every other flag changes one field of it, so a
/// preset is a starting point rather than a mode.
enum ScenarioFlags {
    /// The scenario options of a form whose scenario is at `scenario`: `--scenario`, applied first
    /// through `choosePreset` (which also sets what the form derives from the preset, such as its seed
    /// count), then one option per field of the scenario.
    static func options<Options>(
        scenario: WritableKeyPath<Options, Scenario> & Sendable, choosePreset: @escaping @Sendable (inout Options, Scenario) -> Void
    ) -> [OptionDescription<Options>] {
        let presetNames = Scenario.presets.map(\.name).joined(separator: ", ")
        let chooser = OptionDescription<Options>(
            "--scenario", "NAME",
            help: "start from a preset: \(presetNames) (default classic-race; see `cacheaside-check scenarios`); "
                + "the options below adjust it, wherever they appear",
            isAppliedFirst: true
        ) { (options: inout Options, name: String) throws(UsageError) in
            guard let preset = Scenario.named(name) else {
                throw UsageError("unknown scenario '\(name)'; choose one of \(presetNames)")
            }
            choosePreset(&options, preset)
        }
        return [chooser] + fields.map { $0.pulledBack(scenario) }
    }

    /// One option per field of a scenario.
    private static let fields: [OptionDescription<Scenario>] = [
        .init("--clients", "C", help: "clients per run, 1-\(Workload.maximumClients)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.clients = try OptionValue.integer(text, for: "--clients", in: 1...Workload.maximumClients)
        },
        .init("--ops", "O", help: "operations per client, 1-\(Workload.maximumOperationsPerClient)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.operationsPerClient = try OptionValue.integer(
                text, for: "--ops", in: 1...Workload.maximumOperationsPerClient)
        },
        .init("--keys", "K", help: "distinct keys, 1-\(Workload.maximumKeys)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.keys = try OptionValue.integer(text, for: "--keys", in: 1...Workload.maximumKeys)
        },
        .init("--write-ratio", "R", help: "probability an operation is a write, 0-1") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.writeRatio = try OptionValue.ratio(text, for: "--write-ratio")
        },
        .init("--key-skew", "S", help: "Zipf skew of key picks, 0-10: k1 hottest (0 = uniform)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            guard let skew = Double(text), skew.isFinite, (0...10).contains(skew) else {
                throw UsageError("--key-skew takes a number from 0 to 10, not '\(text)'")
            }
            scenario.workload.keySkew = skew
        },
        .init("--think-time", "A-B", help: "ticks a client pauses before each operation (a choice, 0 = A)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.thinkTime = try OptionValue.ticksRange(text, for: "--think-time", lowest: 0)
        },
        .init("--warm-start", "T|none", help: "start with every key cached, expiring within T ticks (none = cold)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.warmStart = try OptionValue.ticksOrNone(text, for: "--warm-start")
        },
        .init("--absent-keys", "N", help: "the last N keys start with no row (a read finds nothing until a write)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.absentKeys = try OptionValue.integer(text, for: "--absent-keys", in: 0...Workload.maximumKeys)
        },
        .init("--hosts", "H", help: "hosts (processes) the clients run on, each with a local cache: client i on host i mod H (default 1)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.workload.hosts = try OptionValue.integer(text, for: "--hosts", in: 1...Workload.maximumClients)
        },
        .init("--cache-latency", "A-B", help: "ticks per cache or lock call (default 1)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.latencies.cacheCall = try OptionValue.ticksRange(text, for: "--cache-latency", lowest: 1)
        },
        .init("--db-read-latency", "A-B", help: "ticks per database read: a slow refill (default 1)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.latencies.databaseRead = try OptionValue.ticksRange(text, for: "--db-read-latency", lowest: 1)
        },
        .init("--db-write-latency", "A-B", help: "ticks per database write (default 1)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.latencies.databaseWrite = try OptionValue.ticksRange(text, for: "--db-write-latency", lowest: 1)
        },
        .init("--worker-lag", "A-B", help: "ticks before a background worker sees a log entry it read (default 1)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.latencies.logRead = try OptionValue.ticksRange(text, for: "--worker-lag", lowest: 1)
        },
        .init("--ttl", "T|none", help: "TTL in ticks for filled entries, also the staleness bound") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.ttl = try OptionValue.ticksOrNone(text, for: "--ttl")
        },
        .init("--faults", "LIST", help: "comma list of: \(Fault.allCases.map(\.rawValue).joined(separator: ", ")), or none") { (scenario: inout Scenario, text: String) throws(UsageError) in
            let names = try OptionValue.list(text, for: "--faults", allowed: Fault.allCases.map(\.rawValue) + ["none"])
            scenario.simulation.faults = Set(names.compactMap(Fault.init(rawValue:)))
        },
        .init("--clock-jumps", "T", help: "let the clock jump up to T ticks between steps (default: no jumps)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.clockJumps = try OptionValue.integer(text, for: "--clock-jumps", in: 1...1_000_000)
        },
        .init("--timing", "serial|concurrent", help: "one call per tick in the whole system (classic-race), or clients side by side with time passing only through latencies and think time") { (scenario: inout Scenario, text: String) throws(UsageError) in
            let name = try OptionValue.list(text, for: "--timing", allowed: SimulationOptions.Timing.allCases.map(\.rawValue))
            guard name.count == 1, let timing = SimulationOptions.Timing(rawValue: name[0]) else {
                throw UsageError("--timing takes one of serial, concurrent")
            }
            scenario.simulation.timing = timing
        },
        .init("--db-capacity", "N|none", help: "database calls in flight before each call slows down: latency × (1 + excess/N) (default none)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.databaseCapacity = try text == "none" ? nil : OptionValue.integer(text, for: "--db-capacity", in: 1...1_000_000)
        },
        .init("--db-timeout", "T|none", help: "ticks a client waits for a database call before it throws DatabaseClient.Timeout (default none)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.databaseTimeout = try text == "none" ? nil : OptionValue.integer(text, for: "--db-timeout", in: 1...1_000_000_000)
        },
        .init("--cache-flush-at", "T|none", help: "the cache loses every entry when the clock reaches tick T (default none)") { (scenario: inout Scenario, text: String) throws(UsageError) in
            scenario.simulation.cacheFlushAt = try text == "none" ? nil : OptionValue.integer(text, for: "--cache-flush-at", in: 0...1_000_000_000)
        },
    ]

    /// Checks what single flags cannot: the fields that constrain one another.
    static func validate(_ scenario: Scenario) throws(UsageError) {
        let workload = scenario.workload
        guard workload.absentKeys <= workload.keys else {
            throw UsageError("--absent-keys \(workload.absentKeys) is more than --keys \(workload.keys); use at most \(workload.keys)")
        }
    }

    /// The flags that turn `preset` into `scenario`, in a fixed order, leaving out what already matches.
    /// `--scenario` comes first unless the preset is the default; the shape flags come in `shape`, the
    /// time flags in `time`, so callers can keep the order their replay lines have always had.
    static func arguments(for scenario: Scenario, from preset: Scenario) -> (shape: [String], time: [String]) {
        var shape: [String] = preset.name == Scenario.classicRace.name ? [] : ["--scenario", preset.name]
        let (workload, base) = (scenario.workload, preset.workload)
        if workload.clients != base.clients { shape += ["--clients", "\(workload.clients)"] }
        if workload.operationsPerClient != base.operationsPerClient { shape += ["--ops", "\(workload.operationsPerClient)"] }
        if workload.keys != base.keys { shape += ["--keys", "\(workload.keys)"] }
        if workload.writeRatio != base.writeRatio { shape += ["--write-ratio", "\(workload.writeRatio)"] }
        if scenario.ttl != preset.ttl { shape += ["--ttl", scenario.ttl.map { "\($0)" } ?? "none"] }
        if scenario.simulation.faults != preset.simulation.faults {
            let names = scenario.simulation.faults.sorted().map(\.rawValue)
            shape += ["--faults", names.isEmpty ? "none" : names.joined(separator: ",")]
        }
        var time: [String] = []
        if let jumps = scenario.simulation.clockJumps, jumps != preset.simulation.clockJumps {
            time += ["--clock-jumps", "\(jumps)"]
        }
        if scenario.simulation.timing != preset.simulation.timing {
            time += ["--timing", scenario.simulation.timing.rawValue]
        }
        if workload.keySkew != base.keySkew { time += ["--key-skew", "\(workload.keySkew)"] }
        if workload.thinkTime != base.thinkTime { time += ["--think-time", workload.thinkTime.rangeText] }
        if workload.absentKeys != base.absentKeys { time += ["--absent-keys", "\(workload.absentKeys)"] }
        if workload.hosts != base.hosts { time += ["--hosts", "\(workload.hosts)"] }
        if workload.warmStart != base.warmStart { time += ["--warm-start", workload.warmStart.map { "\($0)" } ?? "none"] }
        let (latencies, baseLatencies) = (scenario.simulation.latencies, preset.simulation.latencies)
        if latencies.cacheCall != baseLatencies.cacheCall { time += ["--cache-latency", latencies.cacheCall.rangeText] }
        if latencies.databaseRead != baseLatencies.databaseRead {
            time += ["--db-read-latency", latencies.databaseRead.rangeText]
        }
        if latencies.databaseWrite != baseLatencies.databaseWrite {
            time += ["--db-write-latency", latencies.databaseWrite.rangeText]
        }
        if latencies.logRead != baseLatencies.logRead { time += ["--worker-lag", latencies.logRead.rangeText] }
        let (simulation, baseSimulation) = (scenario.simulation, preset.simulation)
        func ticksOrNone(_ ticks: Int?) -> String { ticks.map { "\($0)" } ?? "none" }
        if simulation.databaseCapacity != baseSimulation.databaseCapacity { time += ["--db-capacity", ticksOrNone(simulation.databaseCapacity)] }
        if simulation.databaseTimeout != baseSimulation.databaseTimeout { time += ["--db-timeout", ticksOrNone(simulation.databaseTimeout)] }
        if simulation.cacheFlushAt != baseSimulation.cacheFlushAt { time += ["--cache-flush-at", ticksOrNone(simulation.cacheFlushAt)] }
        return (shape, time)
    }
}
