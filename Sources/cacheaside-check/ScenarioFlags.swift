import CacheAsideCheck

/// The flags that pick a scenario and adjust it, shared by the check and `compare` forms: `--scenario
/// NAME` chooses the preset wherever it appears, and every other flag changes one field of it, so a
/// preset is a starting point rather than a mode.
enum ScenarioFlags {
    /// The help lines for these flags, indented as both forms print them.
    static let help = """
          --scenario NAME       start from a preset: \(Scenario.presets.map(\.name).joined(separator: ", "))
                                (default classic-race; see `cacheaside-check scenarios`); the flags below adjust it
          --clients C           clients per run, 1-64
          --ops O               operations per client, 1-1000
          --keys K              distinct keys, 1-1000
          --write-ratio R       probability an operation is a write, 0-1
          --key-skew S          Zipf skew of key picks: k1 hottest (0 = uniform)
          --think-time A-B      ticks a client pauses before each operation (a choice, 0 = A)
          --warm-start T|none   start with every key cached, expiring within T ticks (none = cold)
          --absent-keys N       the last N keys start with no row (a read finds nothing until a write)
          --cache-latency A-B   ticks per cache or lock call (default 1)
          --db-read-latency A-B ticks per database read: a slow refill (default 1)
          --db-write-latency A-B ticks per database write (default 1)
          --worker-lag A-B      ticks before a background worker sees a log entry it read (default 1)
          --ttl T|none          TTL in ticks for filled entries, also the staleness bound
          --faults LIST         comma list of: \(Fault.allCases.map(\.rawValue).joined(separator: ", "))
          --clock-jumps T       let the clock jump up to T ticks between steps (default: no jumps)
          --timing serial|concurrent  one call per tick in the whole system (classic-race), or clients
                                side by side with time passing only through latencies and think time
        """

    /// The preset `--scenario` names in `arguments` (the last one wins), or the classic race.
    static func preset(in arguments: [String]) throws(UsageError) -> Scenario {
        var scenario = Scenario.classicRace
        var index = arguments.startIndex
        while index < arguments.endIndex {
            defer { index += 1 }
            guard arguments[index] == "--scenario" else { continue }
            guard index + 1 < arguments.endIndex else {
                throw UsageError("--scenario needs a value; write --scenario NAME")
            }
            let name = arguments[index + 1]
            guard let preset = Scenario.named(name) else {
                throw UsageError(
                    "unknown scenario '\(name)'; choose one of \(Scenario.presets.map(\.name).joined(separator: ", "))")
            }
            scenario = preset
            index += 1
        }
        return scenario
    }

    /// Applies `flag` (whose value `reader` holds) to `scenario`; returns false if it is not a scenario flag.
    static func apply(_ flag: String, _ reader: inout ArgumentReader, to scenario: inout Scenario) throws(UsageError)
        -> Bool
    {
        switch flag {
        case "--scenario": _ = try reader.value(for: flag, placeholder: "NAME")  // applied first, by `preset(in:)`
        case "--clients": scenario.workload.clients = try reader.integer(for: flag, in: 1...Workload.maximumClients)
        case "--ops":
            scenario.workload.operationsPerClient = try reader.integer(for: flag, in: 1...Workload.maximumOperationsPerClient)
        case "--keys": scenario.workload.keys = try reader.integer(for: flag, in: 1...Workload.maximumKeys)
        case "--write-ratio": scenario.workload.writeRatio = try reader.ratio(for: flag)
        case "--key-skew":
            let text = try reader.value(for: flag, placeholder: "1.2")
            guard let skew = Double(text), skew.isFinite, (0...10).contains(skew) else {
                throw UsageError("\(flag) takes a number from 0 to 10, not '\(text)'")
            }
            scenario.workload.keySkew = skew
        case "--think-time": scenario.workload.thinkTime = try ticksRange(&reader, flag, lowest: 0)
        case "--warm-start": scenario.workload.warmStart = try ticksOrNone(&reader, flag)
        case "--absent-keys": scenario.workload.absentKeys = try reader.integer(for: flag, in: 0...Workload.maximumKeys)
        case "--cache-latency": scenario.simulation.latencies.cacheCall = try ticksRange(&reader, flag, lowest: 1)
        case "--db-read-latency": scenario.simulation.latencies.databaseRead = try ticksRange(&reader, flag, lowest: 1)
        case "--db-write-latency": scenario.simulation.latencies.databaseWrite = try ticksRange(&reader, flag, lowest: 1)
        case "--worker-lag": scenario.simulation.latencies.logRead = try ticksRange(&reader, flag, lowest: 1)
        case "--ttl": scenario.ttl = try ticksOrNone(&reader, flag)
        case "--faults":
            let names = try reader.list(for: flag, allowed: Fault.allCases.map(\.rawValue) + ["none"])
            scenario.simulation.faults = Set(names.compactMap(Fault.init(rawValue:)))
        case "--clock-jumps": scenario.simulation.clockJumps = try reader.integer(for: flag, in: 1...1_000_000)
        case "--timing":
            let name = try reader.list(for: flag, allowed: Timing.allCases.map(\.rawValue))
            guard name.count == 1, let timing = Timing(rawValue: name[0]) else {
                throw UsageError("\(flag) takes one of serial, concurrent")
            }
            scenario.simulation.timing = timing
        default: return false
        }
        return true
    }

    /// Checks what single flags cannot: the fields that constrain one another.
    static func validate(_ scenario: Scenario) throws(UsageError) {
        let workload = scenario.workload
        guard workload.absentKeys <= workload.keys else {
            throw UsageError("--absent-keys \(workload.absentKeys) is more than --keys \(workload.keys); use at most \(workload.keys)")
        }
    }

    /// `A-B` or `A` ticks, each at least `lowest`, at most a million.
    private static func ticksRange(_ reader: inout ArgumentReader, _ flag: String, lowest: Int) throws(UsageError)
        -> ClosedRange<Ticks>
    {
        let text = try reader.value(for: flag, placeholder: "\(lowest)-\(lowest + 4)")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else { throw UsageError("\(flag) takes A-B or A ticks, not '\(text)'") }
        let low = try ArgumentReader.integer(parts[0], for: flag, in: lowest...1_000_000)
        let high = parts.count == 2 ? try ArgumentReader.integer(parts[1], for: flag, in: lowest...1_000_000) : low
        guard low <= high else { throw UsageError("\(flag) \(text): the first bound must not exceed the second") }
        return low...high
    }

    private static func ticksOrNone(_ reader: inout ArgumentReader, _ flag: String) throws(UsageError) -> Ticks? {
        let text = try reader.value(for: flag, placeholder: "T|none")
        if text == "none" { return nil }
        return try ArgumentReader.integer(text, for: flag, in: 1...1_000_000_000)
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
        return (shape, time)
    }
}
