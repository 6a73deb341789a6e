import CacheAsideCheck

/// The scheduling flags as typed (`--scheduler`, `--depth`, `--preemptions`, `--all-workloads`,
/// `--no-reduction`), which may come in any order; `kind` is what they mean together.
struct SchedulingFlags: Equatable {
    var name = "random"
    var depth: Int?
    var preemptions: Int?
    var allWorkloads = false
    var noReduction = false

    static let names = ["random", "pct", "exhaustive"]
    /// Depth 4 finds every documented violation of the catalogue within 1,000 runs (median over 20
    /// starting seeds, `cacheaside-benchmarks exploration`); depth 2 misses the linearizability ones.
    static let defaultDepth = 4

    /// The scheduler these flags select.
    var kind: SchedulerKind {
        switch name {
        case "pct": .pct(depth: depth ?? Self.defaultDepth)
        case "exhaustive":
            .exhaustive(
                Exploration.ExhaustiveSearch(preemptionBound: preemptions, reduction: !noReduction, allWorkloads: allWorkloads))
        default: .random
        }
    }

    var isExhaustive: Bool { name == "exhaustive" }
}

/// `--shard K/N`: this process runs the seeds with `seed % N == K`.
struct Shard: Equatable {
    var index: Int
    var count: Int

    var description: String { "\(index)/\(count)" }
}

extension CheckOptions {
    /// The scheduling options, which may come in any order: `validateScheduling` checks them together.
    static let schedulingOptions: [OptionDescription<CheckOptions>] = [
        .init("--scheduler", "NAME", help: "how runs are scheduled: random (default); pct, probabilistic concurrency testing with --depth D; exhaustive, every schedule of the workload of --seed S (default 0) with partial-order reduction, or of every workload with --all-workloads") { (options: inout CheckOptions, name: String) throws(UsageError) in
            guard SchedulingFlags.names.contains(name) else {
                throw UsageError("unknown scheduler '\(name)'; choose one of \(SchedulingFlags.names.joined(separator: ", "))")
            }
            options.scheduling.name = name
        },
        .init("--depth", "D", help: "with --scheduler pct: D − 1 priority changes per run, 1-100 (default \(SchedulingFlags.defaultDepth))") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.scheduling.depth = try OptionValue.integer(text, for: "--depth", in: 1...100)
        },
        .init("--preemptions", "P", help: "with --scheduler exhaustive: at most P preemptions per schedule, 0-1000 (default: no bound)") { (options: inout CheckOptions, text: String) throws(UsageError) in
            options.scheduling.preemptions = try OptionValue.integer(text, for: "--preemptions", in: 0...1_000)
        },
        .init("--all-workloads", help: "with --scheduler exhaustive: every workload of the shape (tiny --clients × --ops only)") { (options: inout CheckOptions) throws(UsageError) in
            options.scheduling.allWorkloads = true
        },
        .init("--no-reduction", help: "with --scheduler exhaustive: explore every interleaving, without partial-order reduction") { (options: inout CheckOptions) throws(UsageError) in
            options.scheduling.noReduction = true
        },
    ]

    /// Flags that only make sense with one scheduler, and exhaustive search's single workload.
    func validateScheduling(runsFlag: String?) throws(UsageError) {
        if scheduling.depth != nil, scheduling.name != "pct" {
            throw UsageError("--depth only applies to --scheduler pct; add --scheduler pct or drop --depth")
        }
        let exhaustiveFlags = [
            ("--preemptions", scheduling.preemptions != nil), ("--all-workloads", scheduling.allWorkloads),
            ("--no-reduction", scheduling.noReduction),
        ]
        for (flag, given) in exhaustiveFlags where given && !scheduling.isExhaustive {
            throw UsageError("\(flag) only applies to --scheduler exhaustive; add --scheduler exhaustive or drop \(flag)")
        }
        guard scheduling.isExhaustive else { return }
        if runsFlag == "--seeds" {
            throw UsageError(
                "--scheduler exhaustive explores one workload, not --seeds; give --seed S to pick it, or --all-workloads")
        }
        if scheduling.allWorkloads, runsFlag == "--seed" {
            throw UsageError("--all-workloads enumerates every workload; drop --seed")
        }
        if shard != nil {
            throw UsageError("--shard splits seeds, and --scheduler exhaustive runs one; drop --shard")
        }
    }

    /// `--shard K/N`, read and range-checked.
    static func parseShard(_ text: String) throws(UsageError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw UsageError("--shard takes K/N, e.g. --shard 0/4, not '\(text)'")
        }
        guard count >= 1, count <= 1_000_000, (0..<count).contains(index) else {
            throw UsageError("--shard \(text) is out of range; N from 1 to 1000000 and K from 0 to N − 1")
        }
        return Shard(index: index, count: count)
    }

    /// The JSON `options` entries for the scheduler, beyond the arguments that replay a run (a replay
    /// does not depend on the scheduler, but a report does): nothing for the default random scheduler,
    /// so its reports stay as they were.
    var schedulingSettings: [String: String] {
        var settings: [String: String] = [:]
        guard scheduling.name != "random" else { return settings }
        settings["scheduler"] = scheduling.name
        switch scheduling.kind {
        case .pct(let depth): settings["depth"] = "\(depth)"
        case .exhaustive(let search):
            if let bound = search.preemptionBound { settings["preemptions"] = "\(bound)" }
            if search.allWorkloads { settings["all-workloads"] = "true" }
            if !search.reduction { settings["reduction"] = "false" }
        case .random: break
        }
        return settings
    }
}
